package org.anjian.writers.official;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData.Region;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.warehouse.rollups.RollupTables;
import org.anjian.writers.exports.AtomicFiles;

/**
 * Writes the deployment's official table for one materialized rollup into the outbox:
 * {@code <outbox>/<campaign>/<YYYY-MM>/<cutoff|month-end>/<county>-<campaign>-<YYYY-MM>-<kind>.xlsx}
 * plus a {@code manifest.json} beside it (file, sha256, as_of, who reported and who is
 * missing, with the rules of a rejected table, and for every row of the table the
 * submissions it was added up from). The deployment is its own region of any level: the
 * title says 全县, 全市, 全镇 … after it. Both files are replaced atomically, so re-running
 * replaces them and a reader never sees half a file. A what-if's pair is written under
 * {@code <kind>/as-of-<YYYYMMDD-HHMMSS>/} from the {@code whatif_} tables (CONTRACT.md
 * "What-if rollups"), leaving the official pair alone.
 *
 * <p>
 * The official form is cumulative (“（2024年4月至N月）”): the cutoff rollup's measures already
 * are cumulative; of the month-end rollup the {@code <code>_cum} columns are printed.
 */
public final class OfficialTableExporter {

	private final Connection connection;

	private final Clock clock;

	private final OfficialTableWriter writer = new OfficialTableWriter();

	public OfficialTableExporter(Connection warehouseConnection) {
		this(warehouseConnection, Clock.system(OfficeTime.ZONE));
	}

	/** {@code clock} stamps {@code generated_at} in the manifest. */
	public OfficialTableExporter(Connection warehouseConnection, Clock clock) {
		this.connection = warehouseConnection;
		this.clock = clock;
	}

	/**
	 * Writes the county table of a materialized rollup and its manifest. The figures and
	 * {@code as_of} printed are the ones materialized for the request's campaign, month
	 * and kind (the rollup job materializes, then writes).
	 * @return the written .xlsx
	 * @throws IllegalStateException when the rollup has not been materialized or the
	 * reference data is incomplete
	 */
	public Path export(RollupRequest request, Path outboxRoot) throws IOException, SQLException {
		return export(request, false, outboxRoot);
	}

	/**
	 * Writes the county table and manifest of a materialized rollup, a what-if's from the
	 * {@code whatif_} tables into its own folder ({@link #folder}).
	 * @param whatIf whether the request is a what-if (RollupRequest.isWhatIf)
	 * @return the written .xlsx
	 */
	public Path export(RollupRequest request, boolean whatIf, Path outboxRoot) throws IOException, SQLException {
		String campaign = request.campaign();
		YearMonth period = request.period();
		String kind = request.kind().code();
		RollupTables tables = RollupTables.of(request.kind(), whatIf);
		Rollup rollup = read(request, tables);
		Path folder = folder(outboxRoot, request, whatIf);
		String fileName = safeFileName(rollup.countyName) + "-" + campaign + "-" + period + "-" + kind
				+ (whatIf ? "-" + folder.getFileName() : "") + ".xlsx";
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		writer.write(rollup.table, bytes);
		byte[] xlsx = bytes.toByteArray();
		Path target = folder.resolve(fileName);
		AtomicFiles.write(target, out -> out.write(xlsx));
		StringBuilder explanations = new StringBuilder();
		new OfficialTableLineage(connection).explanationsJson(explanations, request, tables);
		String manifest = manifest(rollup, campaign, period, kind, whatIf, fileName, sha256(xlsx), explanations);
		AtomicFiles.write(folder.resolve("manifest.json"), out -> out.write(manifest.getBytes(StandardCharsets.UTF_8)));
		return target;
	}

	/**
	 * The outbox folder of a rollup: {@code <campaign>/<YYYY-MM>/<kind>/}, for a what-if
	 * {@code <campaign>/<YYYY-MM>/<kind>/as-of-<YYYYMMDD-HHMMSS>/}.
	 */
	public static Path folder(Path outboxRoot, RollupRequest request, boolean whatIf) {
		Path folder = outboxRoot.resolve(request.campaign())
			.resolve(request.period().toString())
			.resolve(request.kind().code());
		return whatIf ? folder.resolve("as-of-" + AS_OF_FOLDER.format(request.asOf())) : folder;
	}

	private static final DateTimeFormatter AS_OF_FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	/** The table as it would be written, without writing anything. */
	public OfficialTable table(RollupRequest request) throws SQLException {
		return read(request, RollupTables.official(request.kind())).table;
	}

	private record Submitter(String code, String name, String status, boolean carriedForward, String carriedFrom,
			String rejectedRules) {
	}

	/**
	 * The deployment's own region (the one without a parent): a county, a city, a
	 * township …; {@code scope} is the word its tables use for it, 全<scope>.
	 */
	private record TopRegion(String code, String name, String level, String scope) {
	}

	private record Rollup(OfficialTable table, String countyName, String form, LocalDateTime asOf,
			List<Submitter> roster, TopRegion top, List<OfficialTableLineage.Row> lineage) {
	}

	private Rollup read(RollupRequest request, RollupTables tables) throws SQLException {
		String campaign = request.campaign();
		YearMonth period = request.period();
		RollupKind kind = request.kind();
		String rollupTable = tables.rollup();
		String suffix = kind == RollupKind.CUTOFF ? "" : "_cum";
		TopRegion top = top();
		String name;
		String form;
		YearMonth firstMonth;
		List<String> keywords = new ArrayList<>();
		try (PreparedStatement ps = connection
			.prepareStatement("select name, form, first_month, title_keywords from ref_campaign where code = ?")) {
			ps.setString(1, campaign);
			try (ResultSet rs = ps.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("参考数据 ref_campaign 中没有专项行动 " + campaign);
				}
				name = rs.getString(1);
				form = rs.getString(2);
				firstMonth = YearMonth.from(rs.getDate(3).toLocalDate());
				Array array = rs.getArray(4);
				if (array != null) {
					for (Object o : (Object[]) array.getArray()) {
						keywords.add(String.valueOf(o));
					}
				}
			}
		}
		FormLayout layout = FormLayout.of(form);
		Map<String, Map<String, BigDecimal>> byIndustry = new HashMap<>();
		Map<String, BigDecimal> totalMonth = new LinkedHashMap<>();
		LocalDateTime asOf = null;
		try (PreparedStatement ps = connection.prepareStatement("select * from " + rollupTable + " where "
				+ tables.rollupWhere() + " and region_code = ? order by industry_code")) {
			ps.setString(1, campaign);
			ps.setDate(2, Date.valueOf(period.atDay(1)));
			if (tables.whatIf()) {
				ps.setTimestamp(3, Timestamp.valueOf(request.asOf()));
			}
			ps.setString(tables.whatIf() ? 4 : 3, top.code());
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					Map<String, BigDecimal> values = new LinkedHashMap<>();
					for (String code : layout.measureCodes()) {
						BigDecimal v = rs.getBigDecimal(code + suffix);
						if (v != null) {
							values.put(code, v);
						}
					}
					byIndustry.put(rs.getString("industry_code"), values);
					if (kind == RollupKind.MONTH_END && "ALL".equals(rs.getString("industry_code"))) {
						for (String code : layout.measureCodes()) {
							BigDecimal v = rs.getBigDecimal(code);
							totalMonth.put(code, v == null ? BigDecimal.ZERO : v);
						}
					}
					Timestamp ts = rs.getTimestamp("as_of");
					asOf = ts == null ? asOf : ts.toLocalDateTime();
				}
			}
		}
		if (!byIndustry.containsKey("ALL")) {
			throw new IllegalStateException(
					"尚未生成 " + campaign + " " + period + " 的" + rollupTable + "（" + top.name() + "的合计行缺失），请先运行 rollup");
		}
		List<OfficialRow> rows = new ArrayList<>();
		Map<String, BigDecimal> zeros = new LinkedHashMap<>();
		layout.measureCodes().forEach(code -> zeros.put(code, BigDecimal.ZERO));
		String title = layout.texts().title() == null ? officialTitle(top.scope(), name, keywords)
				: layout.texts().title().replace("{county}", top.name()).replace("{campaign}", name.strip());
		if (layout.figureRows()) {
			// 本月数 and 累计数 of the whole deployment (F-003-II)
			Map<String, BigDecimal> cumulative = new LinkedHashMap<>(zeros);
			byIndustry.get("ALL").forEach(cumulative::put);
			Map<String, BigDecimal> month = kind == RollupKind.MONTH_END ? totalMonth
					: cutoffMonthFigures(campaign, period, firstMonth, cumulative, layout, top.code());
			List<Submitter> roster = roster(request, tables);
			OfficialTable table = new OfficialTable(form, title, firstMonth, period, top.name(), asOf.toLocalDate(),
					List.of(new OfficialRow("本月数", month)), new OfficialRow("累计数", cumulative),
					carriedForwardNote(roster, period));
			return new Rollup(table, top.name(), form, asOf, roster, top,
					new OfficialTableLineage(connection).rows(request, tables, table));
		}
		try (Statement st = connection.createStatement();
				ResultSet rs = st.executeQuery("select code, name from ref_industry order by rowid")) {
			while (rs.next()) {
				// An industry whose figures are all 0 may have no rollup row: print it
				// with zeros, as the form lists it.
				Map<String, BigDecimal> values = byIndustry.remove(rs.getString(1));
				rows.add(new OfficialRow(rs.getString(2), values != null ? values : zeros));
			}
		}
		Map<String, BigDecimal> total = byIndustry.remove("ALL");
		// Industries no longer in the reference data still count in 合计: print them rather
		// than lose them.
		byIndustry.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(e -> rows.add(new OfficialRow(e.getKey(), e.getValue())));
		// 合计 for every table: a month nobody reported has an ALL row whose sums are
		// NULL; the form prints 0 there, as in the industry rows
		Map<String, BigDecimal> totalValues = new LinkedHashMap<>(zeros);
		total.forEach((code, v) -> totalValues.put(code, v));
		List<Submitter> roster = roster(request, tables);
		OfficialTable table = new OfficialTable(form, title, firstMonth, period, top.name(), asOf.toLocalDate(),
				rows.stream().map(r -> withZeros(r, zeros)).toList(), new OfficialRow("合  计", totalValues),
				carriedForwardNote(roster, period));
		return new Rollup(table, top.name(), form, asOf, roster, top,
				new OfficialTableLineage(connection).rows(request, tables, table));
	}

	/**
	 * The 本月数 row of a cutoff table, which holds cumulative figures only: this cutoff's
	 * 累计数 minus the previous month's cutoff table as materialized (what was sent upward
	 * then); the campaign's first month is its own 本月数; a stock (监管企业总数) is its value.
	 * Blank when the previous month's cutoff rollup has not been made.
	 */
	private Map<String, BigDecimal> cutoffMonthFigures(String campaign, YearMonth period, YearMonth firstMonth,
			Map<String, BigDecimal> cumulative, FormLayout layout, String countyCode) throws SQLException {
		if (!period.isAfter(firstMonth)) {
			return cumulative;
		}
		Map<String, BigDecimal> month = new LinkedHashMap<>();
		try (PreparedStatement ps = connection.prepareStatement("select * from " + RollupKind.CUTOFF.table()
				+ " where campaign = ? and period = ? and region_code = ? and industry_code = 'ALL'")) {
			ps.setString(1, campaign);
			ps.setDate(2, Date.valueOf(period.minusMonths(1).atDay(1)));
			ps.setString(3, countyCode);
			try (ResultSet rs = ps.executeQuery()) {
				if (rs.next()) {
					for (String code : layout.measureCodes()) {
						BigDecimal before = rs.getBigDecimal(code);
						BigDecimal now = cumulative.get(code);
						month.put(code, layout.stocks().contains(code) ? now
								: now.subtract(before == null ? BigDecimal.ZERO : before));
					}
				}
			}
		}
		return month;
	}

	private static OfficialRow withZeros(OfficialRow row, Map<String, BigDecimal> zeros) {
		Map<String, BigDecimal> values = new LinkedHashMap<>(zeros);
		row.values().forEach((code, v) -> values.put(code, v));
		return new OfficialRow(row.label(), values);
	}

	/**
	 * The note under the table naming the units whose figures are carried forward, each
	 * with the month they come from, e.g.
	 * {@code 注：以下单位本期未报送，沿用此前报表数据：三星堆镇（2024年4月）、县住建局（2024年3月）。}; null when none.
	 */
	static String carriedForwardNote(List<Submitter> roster, YearMonth period) {
		List<String> units = new ArrayList<>();
		for (Submitter s : roster) {
			if (s.carriedForward) {
				String from = s.carriedFrom == null ? "" : "（" + month(YearMonth.parse(s.carriedFrom)) + "）";
				units.add(s.name + from);
			}
		}
		if (units.isEmpty()) {
			return null;
		}
		return "注：以下" + units.size() + "个单位" + month(period) + "未报送，沿用此前报表数据（括号内为所用报表的月份）：" + String.join("、", units)
				+ "。";
	}

	private static String month(YearMonth m) {
		return m.getYear() + "年" + m.getMonthValue() + "月";
	}

	/** The deployment's own region: the single region without a parent. */
	private TopRegion top() throws SQLException {
		try (Statement st = connection.createStatement();
				ResultSet rs = st
					.executeQuery("select code, name, level from ref_region where parent_code is null order by code")) {
			if (!rs.next()) {
				throw new IllegalStateException("参考数据 ref_region 中没有本级地区（上级代码为空的一行）");
			}
			Region region = new Region(rs.getString(1), rs.getString(2), rs.getString(3), null);
			return new TopRegion(region.code(), region.name(), region.level(), region.scopeWord());
		}
	}

	private List<Submitter> roster(RollupRequest request, RollupTables tables) throws SQLException {
		List<Submitter> out = new ArrayList<>();
		try (PreparedStatement ps = connection.prepareStatement("""
				select submitter_code, submitter_name, status, carried_forward, carried_from_period, rejected_rules,
				    rejected_at
				from %s where %s order by submitter_code""".formatted(tables.roster(), tables.rosterWhere()))) {
			ps.setString(1, request.campaign());
			ps.setDate(2, Date.valueOf(request.period().atDay(1)));
			ps.setString(3, request.kind().code());
			if (tables.whatIf()) {
				ps.setTimestamp(4, Timestamp.valueOf(request.asOf()));
			}
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					Date from = rs.getDate(5);
					// a rejected table: its rules, or "" when it had no error issue
					// recorded
					String rejected = rs.getTimestamp(7) == null ? null
							: rs.getString(6) == null ? "" : rs.getString(6);
					out.add(new Submitter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
							from == null ? null : YearMonth.from(from.toLocalDate()).toString(), rejected));
				}
			}
		}
		return out;
	}

	/**
	 * The deployment's table title after the seeds' pattern “全市安全生产“强安
	 * 2024”监管执法专项行动统计汇总表”: 全 and the deployment's word for itself ({@code scope}: 县, 市, 镇
	 * …), the campaign name with its first title keyword in quotes, then 统计汇总表.
	 */
	static String officialTitle(String scope, String campaignName, List<String> keywords) {
		String name = campaignName.strip();
		if (!name.contains("“") && !keywords.isEmpty() && name.contains(keywords.get(0))) {
			String k = keywords.get(0);
			name = name.replaceFirst(java.util.regex.Pattern.quote(k), "“" + k + "”");
		}
		String prefix = name.startsWith("安全生产") ? "全" + scope : "全" + scope + "安全生产";
		String suffix = name.endsWith("统计汇总表") ? "" : "统计汇总表";
		return prefix + name + suffix;
	}

	private String manifest(Rollup rollup, String campaign, YearMonth period, String kind, boolean whatIf,
			String fileName, String sha256, CharSequence explanations) {
		DateTimeFormatter iso = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
		StringBuilder json = new StringBuilder("{\n");
		field(json, "file", fileName).append(",\n");
		field(json, "sha256", sha256).append(",\n");
		field(json, "campaign", campaign).append(",\n");
		field(json, "period", period.toString()).append(",\n");
		field(json, "kind", kind).append(",\n");
		field(json, "form", rollup.form).append(",\n");
		field(json, "county", rollup.countyName).append(",\n");
		field(json, "region_code", rollup.top.code()).append(",\n");
		field(json, "region", rollup.top.name()).append(",\n");
		field(json, "level", rollup.top.level()).append(",\n");
		field(json, "as_of", rollup.asOf.format(iso)).append(",\n");
		json.append("  \"what_if\": ").append(whatIf).append(",\n");
		field(json, "generated_at", OffsetDateTime.now(clock).withNano(0).toString()).append(",\n");
		List<Submitter> reported = rollup.roster.stream().filter(s -> !"missing".equals(s.status)).toList();
		List<Submitter> missing = rollup.roster.stream().filter(s -> "missing".equals(s.status)).toList();
		// lineage: every printed row with the submissions it adds up
		OfficialTableLineage.json(json, rollup.lineage);
		json.append(",\n").append(explanations).append(",\n");
		json.append("  \"submitters_expected\": ").append(rollup.roster.size()).append(",\n");
		submitters(json, "submitters_reported", reported).append(",\n");
		submitters(json, "submitters_missing", missing).append("\n}\n");
		return json.toString();
	}

	private static StringBuilder submitters(StringBuilder json, String key, List<Submitter> list) {
		json.append("  \"").append(key).append("\": [");
		for (int i = 0; i < list.size(); i++) {
			Submitter s = list.get(i);
			json.append(i == 0 ? "\n" : ",\n").append("    {\"code\": ").append(quote(s.code));
			json.append(", \"name\": ").append(quote(s.name));
			json.append(", \"status\": ").append(quote(s.status));
			json.append(", \"carried_forward\": ").append(s.carriedForward);
			json.append(", \"carried_from_period\": ").append(s.carriedFrom == null ? "null" : quote(s.carriedFrom));
			json.append(", \"rejected_rules\": ").append(s.rejectedRules == null ? "null" : quote(s.rejectedRules));
			json.append("}");
		}
		return json.append(list.isEmpty() ? "]" : "\n  ]");
	}

	private static StringBuilder field(StringBuilder json, String key, String value) {
		return json.append("  \"").append(key).append("\": ").append(value == null ? "null" : quote(value));
	}

	public static String quote(String s) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/**
	 * Keeps a region name usable as a file name on every system the office may copy the
	 * file to.
	 */
	static String safeFileName(String name) {
		return name.replaceAll("[\\\\/:*?\"<>|\\s]", "_");
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
