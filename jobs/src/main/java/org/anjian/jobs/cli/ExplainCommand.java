package org.anjian.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anjian.jobs.cli.CliArgs.UsageException;
import org.anjian.jobs.runs.Explainer;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.feedback.AuditExplanations;
import org.anjian.writers.feedback.AuditExplanations.Explanation;
import org.springframework.stereotype.Component;

/**
 * {@code explain --file F --rule RULE [--cell SHEET!A1] --text T [--by NAME]}: the office
 * records (or accepts) an explanation (上报说明) of an advisory finding of one file version;
 * {@code explain --list [--file F]} lists them. A mandatory finding (error) is refused:
 * only a corrected file clears it. The analysts' snapshot is published afterwards, so
 * {@code status} and the workbench show it as 已说明.
 */
@Component
class ExplainCommand implements AnjianCommand {

	private final Warehouse warehouse;

	private final AnjianSettings settings;

	ExplainCommand(Warehouse warehouse, AnjianSettings settings) {
		this.warehouse = warehouse;
		this.settings = settings;
	}

	@Override
	public String name() {
		return "explain";
	}

	/** A recorded file version. */
	private record RecordedFile(String sha256, String path) {
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		AuditExplanations explanations = new AuditExplanations(warehouse);
		if (args.flag("list")) {
			Optional<RecordedFile> file = args.option("file").map(this::file);
			List<Explanation> all = explanations.list(file.map(RecordedFile::sha256));
			out.line(all.isEmpty() ? "没有上报说明" : "上报说明（" + all.size() + " 条，最新的在前）：");
			for (Explanation e : all) {
				out.line("  " + e.at().toLocalDateTime().toString().replace('T', ' ') + "  "
						+ (AuditExplanations.WORKBOOK.equals(e.source()) ? "填报单位（表内）" : "安委办 " + e.by()) + "  "
						+ pathOf(e.sha256()) + "（" + e.sha256().substring(0, 8) + "）  " + e.rule()
						+ (e.cell() == null ? "" : " " + e.cell()) + "：" + e.text());
			}
			return ExitCodes.OK;
		}
		RecordedFile file = file(args.required("file"));
		String rule = args.required("rule").strip();
		String text = args.required("text").strip();
		if (text.isEmpty()) {
			throw new UsageException("选项 --text 不能为空：请写明为什么这个数字是对的");
		}
		String cell = args.option("cell").map(String::strip).orElse(null);
		String by = args.option("by").orElse(System.getProperty("user.name", "安委办"));
		Explainer.Recorded recorded;
		try {
			recorded = new Explainer(warehouse, settings.home()).explain(file.sha256(), file.path(), rule, cell, text,
					by);
		}
		catch (Explainer.Refused ex) {
			throw new UsageException(ex.getMessage());
		}
		Explanation e = recorded.explanation();
		out.line("已登记上报说明：文件“" + file.path() + "”（" + file.sha256().substring(0, 8) + "）" + rule
				+ (cell == null ? "（该规则的全部 " + recorded.findings() + " 条提示）" : " " + cell) + "：" + text + "（" + by + "，"
				+ e.at().toLocalDateTime().toString().replace('T', ' ') + "）；下次汇总的催报名单和上报表清单中显示为“已说明”");
		return ExitCodes.OK;
	}

	/**
	 * The file version meant: an inbox file on disk (by its bytes), a sha256 prefix, or a
	 * path as recorded (or its end).
	 */
	private RecordedFile file(String given) {
		String key = given.strip();
		Map<String, String> found = new LinkedHashMap<>();
		Path onDisk = Path.of(key);
		if (Files.isRegularFile(onDisk)) {
			lookup("sha256 = ?", sha256(onDisk), found);
		}
		if (found.isEmpty() && key.matches("(?i)[0-9a-f]{6,64}")) {
			lookup("sha256 like ?", key.toLowerCase(java.util.Locale.ROOT) + "%", found);
		}
		if (found.isEmpty()) {
			String path = key.replace('\\', '/');
			lookup("(path = ? or path like ?)", List.of(path, "%/" + path), found);
		}
		if (found.isEmpty()) {
			throw new UsageException("找不到文件“" + given + "”：请给出收件目录中的文件、它的 SHA-256 前几位，或入库记录中的路径（anjian status 可查看）");
		}
		if (found.size() > 1) {
			throw new UsageException("“" + given + "”对应多个文件版本，请用 SHA-256 前缀指明：" + String.join("；",
					found.entrySet().stream().map(e -> e.getKey().substring(0, 12) + " " + e.getValue()).toList()));
		}
		Map.Entry<String, String> only = found.entrySet().iterator().next();
		return new RecordedFile(only.getKey(), only.getValue());
	}

	private void lookup(String where, Object value, Map<String, String> found) {
		List<?> values = value instanceof List<?> list ? list : List.of(value);
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("select sha256, min(path) from audit_file where status <> 'duplicate' and " + where
					+ " group by sha256 order by 1")) {
			for (int i = 0; i < values.size(); i++) {
				ps.setObject(i + 1, values.get(i));
			}
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					found.put(rs.getString(1), rs.getString(2));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("查询入库记录失败：" + ex.getMessage(), ex);
		}
	}

	private String pathOf(String sha256) {
		Map<String, String> found = new LinkedHashMap<>();
		lookup("sha256 = ?", sha256, found);
		return found.getOrDefault(sha256, "?");
	}

	private static String sha256(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[65536];
			for (int n; (n = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new UsageException("无法读取文件“" + file + "”：" + ex.getMessage());
		}
	}

}
