package org.anjian.jobs.runs;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.writers.analyst.AnalystSnapshot;
import org.anjian.writers.feedback.AuditExplanations;
import org.anjian.writers.feedback.AuditExplanations.Explanation;

/**
 * 上报说明: records the office's or a clerk's explanation of an advisory finding of one file
 * version, then publishes the analysts' snapshot so {@code status} and the workbench show
 * it as 已说明. Shared by {@code anjian explain} and the workbench's 文件 page. A mandatory
 * finding (error) is refused: only a corrected file clears it.
 */
public final class Explainer {

	/** Why an explanation was not recorded, in the office's words. */
	public static final class Refused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Refused(String message) {
			super(message);
		}

	}

	/** What was recorded, and how many findings it covers. */
	public record Recorded(Explanation explanation, int findings) {
	}

	/** A finding of the file. */
	private record Issue(boolean error, String cell, String message) {
	}

	private final Warehouse warehouse;

	private final Path home;

	public Explainer(Warehouse warehouse, Path home) {
		this.warehouse = warehouse;
		this.home = home;
	}

	/**
	 * Records {@code text} for {@code rule} of the file {@code sha256} (shown as
	 * {@code path}), at {@code cell} (sheet!A1) or, when null, for every finding of the
	 * rule.
	 */
	public Recorded explain(String sha256, String path, String rule, String cell, String text, String by)
			throws SQLException, java.io.IOException {
		rule = rule == null ? "" : rule.strip();
		text = text == null ? "" : text.strip();
		cell = cell == null || cell.isBlank() ? null : cell.strip();
		if (text.isEmpty()) {
			throw new Refused("说明不能为空：请写明为什么这个数字是对的");
		}
		List<Issue> issues = issues(sha256, rule);
		if (issues.isEmpty()) {
			throw new Refused("文件“" + path + "”没有规则 " + rule + " 的审核意见，无需说明（anjian status 或工作台的文件页面可查看它的审核意见）");
		}
		String at = cell;
		List<Issue> concerned = cell == null ? issues
				: issues.stream().filter(i -> at.equalsIgnoreCase(i.cell())).toList();
		if (concerned.isEmpty()) {
			throw new Refused("文件“" + path + "”的 " + rule + " 审核意见不在单元格 " + cell + "；它们在："
					+ String.join("、", issues.stream().map(i -> String.valueOf(i.cell())).distinct().toList()));
		}
		if (concerned.stream().anyMatch(Issue::error)) {
			throw new Refused(rule + " 是强制性审核（错误），不能用上报说明放过：“" + concerned.get(0).message() + "”。只有改正后重新报送的文件才能消除它");
		}
		Explanation e = new Explanation(sha256, rule, cell, text, by, OffsetDateTime.now(OfficeTime.ZONE).withNano(0),
				AuditExplanations.OFFICE);
		new AuditExplanations(warehouse).record(e);
		AnalystSnapshot.publish(warehouse.connection(), home);
		return new Recorded(e, concerned.size());
	}

	private List<Issue> issues(String sha256, String rule) throws SQLException {
		List<Issue> out = new ArrayList<>();
		try (PreparedStatement ps = warehouse.connection().prepareStatement("""
				select severity, sheet, row_number, column_name, message from audit_issue
				where sha256 = ? and rule = ? order by issue_no""")) {
			ps.setString(1, sha256);
			ps.setString(2, rule);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					String sheet = rs.getString(2);
					Object row = rs.getObject(3);
					String column = rs.getString(4);
					String cell = sheet == null || row == null || column == null ? null : sheet + "!" + column + row;
					out.add(new Issue("error".equals(rs.getString(1)), cell, rs.getString(5)));
				}
			}
		}
		return out;
	}

}
