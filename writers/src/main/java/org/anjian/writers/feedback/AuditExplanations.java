package org.anjian.writers.feedback;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anjian.readers.Finding;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.anjian.warehouse.calendar.OfficeTime;

/**
 * The explanations (上报说明) of advisory findings, in {@code audit_explanation}: the
 * submitter's own, from its workbook, and the office's, from {@code anjian explain}. A
 * mandatory finding (error) is never explained: only a corrected file clears it.
 */
public final class AuditExplanations {

	public static final String WORKBOOK = "workbook";

	public static final String OFFICE = "office";

	/** The rule of a workbook explanation of a file that had no advisory finding. */
	public static final String ANY_RULE = "*";

	private final Warehouse warehouse;

	public AuditExplanations(Warehouse warehouse) {
		this.warehouse = warehouse;
	}

	/**
	 * One explanation.
	 *
	 * @param sha256 the file version explained
	 * @param rule the advisory rule
	 * @param cell sheet!A1 of one finding, or null for every finding of the rule
	 * @param text what the submitter or the office wrote
	 * @param by the submitter's code (workbook) or the office user
	 * @param at when it was recorded
	 * @param source {@link #WORKBOOK} or {@link #OFFICE}
	 */
	public record Explanation(String sha256, String rule, String cell, String text, String by, OffsetDateTime at,
			String source) {
	}

	/**
	 * Records the workbook's 上报说明 for each advisory rule among the findings, in the
	 * caller's transaction; error rules are left out (an error is never explained away).
	 */
	public void fromWorkbook(String sha256, String submitterCode, String text, List<Finding> findings)
			throws SQLException {
		if (text == null || text.isBlank()) {
			return;
		}
		Set<String> rules = new LinkedHashSet<>();
		findings.stream().filter(f -> !f.isError()).forEach(f -> rules.add(f.rule()));
		if (rules.isEmpty()) {
			rules.add(ANY_RULE);
		}
		for (String rule : rules) {
			insert(new Explanation(sha256, rule, null, text.strip(), submitterCode == null ? "填报单位" : submitterCode,
					now(), WORKBOOK));
		}
	}

	/**
	 * Records an office explanation (already checked by the caller) in its own
	 * transaction.
	 */
	public void record(Explanation explanation) {
		warehouse.inTransaction(() -> insert(explanation));
	}

	/** Every explanation, newest first; of one file when {@code sha256} is given. */
	public List<Explanation> list(Optional<String> sha256) {
		List<Explanation> out = new ArrayList<>();
		try {
			// kept prepared: the feedback step asks once per workbook
			PreparedStatement ps = warehouse
				.prepared("select sha256, rule, cell, text, explained_by, explained_at, source from audit_explanation"
						+ (sha256.isPresent() ? " where sha256 = ?" : "")
						+ " order by explained_at desc, sha256, rule");
			if (sha256.isPresent()) {
				ps.setString(1, sha256.get());
			}
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(new Explanation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getString(7)));
				}
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询上报说明失败：" + ex.getMessage(), ex);
		}
		return out;
	}

	private void insert(Explanation e) throws SQLException {
		try (PreparedStatement ps = warehouse.connection().prepareStatement("""
				insert into audit_explanation (sha256, rule, cell, text, explained_by, explained_at, source)
				values (?, ?, ?, ?, ?, ?, ?)""")) {
			ps.setString(1, e.sha256());
			ps.setString(2, e.rule());
			ps.setString(3, e.cell());
			ps.setString(4, e.text());
			ps.setString(5, e.by());
			ps.setObject(6, e.at());
			ps.setString(7, e.source());
			ps.executeUpdate();
		}
	}

	static OffsetDateTime now() {
		return OffsetDateTime.now(OfficeTime.ZONE).withNano(0);
	}

}
