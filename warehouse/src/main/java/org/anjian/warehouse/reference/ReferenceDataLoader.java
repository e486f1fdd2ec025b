package org.anjian.warehouse.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Holiday;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Region;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Reads and validates a deployment's reference data directory (CONTRACT.md "Reference
 * data") and writes it into the {@code ref_*} tables.
 *
 * <p>
 * Validation is strict and stops at the first problem: reference data is written by the
 * office once per deployment, so a precise message ("submitters.csv 第5行 region_code 列：…")
 * is worth more than a list of everything wrong.
 */
public final class ReferenceDataLoader {

	static final String REGIONS = "regions.csv";

	static final String INDUSTRIES = "industries.csv";

	static final String SUBMITTERS = "submitters.csv";

	static final String CAMPAIGNS = "campaigns.csv";

	static final String HOLIDAYS = "holidays.csv";

	private static final List<String> FILES = List.of(REGIONS, INDUSTRIES, SUBMITTERS, CAMPAIGNS, HOLIDAYS,
			DeliverablesCsv.FILE);

	/** Classpath folder of the bundled demo county (青川县). */
	public static final String DEMO_RESOURCE = "demo/reference/";

	private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private ReferenceDataLoader() {
	}

	/**
	 * Loads and validates the five CSV files of {@code dir}; holidays.csv may be absent.
	 */
	public static ReferenceData load(Path dir) {
		if (!Files.isDirectory(dir)) {
			throw new ReferenceDataException("基础数据目录不存在：" + dir);
		}
		Map<String, String> texts = new HashMap<>();
		for (String name : FILES) {
			Path file = dir.resolve(name);
			if (Files.isRegularFile(file)) {
				try {
					texts.put(name, decode(name, Files.readAllBytes(file)));
				}
				catch (IOException ex) {
					throw new ReferenceDataException(name + "：无法读取（" + ex.getMessage() + "）", ex);
				}
			}
		}
		return parse(dir.toString(), texts);
	}

	/**
	 * The bundled demo county's reference data (resources {@code demo/reference/*.csv}).
	 */
	public static ReferenceData loadDemo() {
		Map<String, String> texts = new HashMap<>();
		for (String name : FILES) {
			try (InputStream in = ReferenceDataLoader.class.getClassLoader()
				.getResourceAsStream(DEMO_RESOURCE + name)) {
				if (in != null) {
					texts.put(name, decode(name, in.readAllBytes()));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return parse("classpath:" + DEMO_RESOURCE, texts);
	}

	private static String decode(String name, byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ReferenceDataException(name + "：不是 UTF-8 编码，请用“另存为 CSV UTF-8”重新保存", ex);
		}
	}

	static ReferenceData parse(String where, Map<String, String> texts) {
		for (String name : List.of(REGIONS, INDUSTRIES, SUBMITTERS, CAMPAIGNS)) {
			if (!texts.containsKey(name)) {
				throw new ReferenceDataException("缺少基础数据文件 " + name + "（目录 " + where + "）");
			}
		}
		List<Region> regions = regions(CsvTable.parse(REGIONS, texts.get(REGIONS),
				List.of("code", "name", "level", "parent_code"), List.of()));
		List<Industry> industries = industries(
				CsvTable.parse(INDUSTRIES, texts.get(INDUSTRIES), List.of("code", "name", "aliases"), List.of()));
		List<Submitter> submitters = submitters(CsvTable.parse(SUBMITTERS, texts.get(SUBMITTERS),
				List.of("code", "name", "kind", "region_code", "aliases", "liaison", "phone"), List.of("email")),
				regions);
		List<Campaign> campaigns = campaigns(CsvTable.parse(CAMPAIGNS, texts.get(CAMPAIGNS),
				List.of("code", "name", "first_month", "last_month", "cutoff_day", "title_keywords", "form"),
				List.of("holiday_shift", "report_from", "deadline_month")));
		List<Holiday> holidays = texts.containsKey(HOLIDAYS)
				? holidays(CsvTable.parse(HOLIDAYS, texts.get(HOLIDAYS), List.of("date", "kind"), List.of()))
				: List.of();
		// optional: without it no deliverable is tracked and documents stay rejected
		List<ReferenceData.Deliverable> deliverables = texts.containsKey(DeliverablesCsv.FILE)
				? DeliverablesCsv.parse(texts.get(DeliverablesCsv.FILE), campaigns, submitters, holidays) : List.of();
		return new ReferenceData(List.copyOf(regions), List.copyOf(industries), List.copyOf(submitters),
				List.copyOf(campaigns), List.copyOf(holidays), deliverables);
	}

	private static List<Region> regions(CsvTable t) {
		List<Region> out = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		List<CsvTable.Row> tops = new ArrayList<>();
		for (CsvTable.Row r : t.rows) {
			String code = required(t, r, "code");
			String name = required(t, r, "name");
			String level = oneOf(t, r, "level", Region.LEVELS);
			String parent = r.get("parent_code");
			if (!codes.add(code)) {
				throw fail(t, r, "code", "地区代码“" + code + "”重复");
			}
			if (parent.isEmpty()) {
				tops.add(r);
			}
			out.add(new Region(code, name, level, parent.isEmpty() ? null : parent));
		}
		// the deployment's own region is the one row without a parent, of any level
		if (tops.size() != 1) {
			throw new ReferenceDataException(t.file + " parent_code 列：应恰好有一行的上级代码为空（本级地区，如县、市、镇），实际有 " + tops.size()
					+ " 行" + (tops.isEmpty() ? "" : "（第"
							+ String.join("、", tops.stream().map(r -> String.valueOf(r.line())).toList()) + "行）"));
		}
		for (int i = 0; i < out.size(); i++) {
			Region region = out.get(i);
			if (region.parentCode() != null && !codes.contains(region.parentCode())) {
				throw fail(t, t.rows.get(i), "parent_code", "上级地区代码“" + region.parentCode() + "”不在 regions.csv 中");
			}
			if (region.code().equals(region.parentCode())) {
				throw fail(t, t.rows.get(i), "parent_code", "地区“" + region.name() + "”（" + region.code() + "）的上级是它自己");
			}
		}
		noParentCycle(t, out);
		return out;
	}

	/**
	 * Every region must reach the top region by its parents; a chain that comes back to a
	 * region already on it is a cycle, named with its codes and rows.
	 */
	private static void noParentCycle(CsvTable t, List<Region> regions) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < regions.size(); i++) {
			index.put(regions.get(i).code(), i);
		}
		for (int start = 0; start < regions.size(); start++) {
			List<Integer> chain = new ArrayList<>();
			Integer at = start;
			while (at != null && !chain.contains(at)) {
				chain.add(at);
				String parent = regions.get(at).parentCode();
				at = parent == null ? null : index.get(parent);
			}
			if (at != null) {
				List<Integer> cycle = chain.subList(chain.indexOf(at), chain.size());
				StringBuilder codes = new StringBuilder();
				StringBuilder lines = new StringBuilder();
				for (int i : cycle) {
					codes.append(regions.get(i).code()).append(" → ");
					lines.append(lines.isEmpty() ? "" : "、").append(t.rows.get(i).line());
				}
				codes.append(regions.get(at).code());
				Region top = regions.stream().filter(r -> r.parentCode() == null).findFirst().orElseThrow();
				throw new ReferenceDataException(
						t.file + " 第" + lines + "行 parent_code 列：上级地区构成循环（" + codes + "），到不了本级地区“" + top.name() + "”");
			}
		}
	}

	private static List<Industry> industries(CsvTable t) {
		List<Industry> out = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		Names names = new Names(t);
		for (CsvTable.Row r : t.rows) {
			String code = required(t, r, "code");
			String name = required(t, r, "name");
			if (!codes.add(code)) {
				throw fail(t, r, "code", "行业代码“" + code + "”重复");
			}
			List<String> aliases = list(r.get("aliases"));
			names.claim(r, "name", name, code);
			for (String alias : aliases) {
				names.claim(r, "aliases", alias, code);
			}
			out.add(new Industry(code, name, aliases));
		}
		return out;
	}

	private static List<Submitter> submitters(CsvTable t, List<Region> regions) {
		Map<String, Region> byCode = new HashMap<>();
		regions.forEach(r -> byCode.put(r.code(), r));
		Region top = regions.stream().filter(r -> r.parentCode() == null).findFirst().orElseThrow();
		List<Submitter> out = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		Names names = new Names(t);
		for (CsvTable.Row r : t.rows) {
			String code = required(t, r, "code");
			String name = required(t, r, "name");
			String kind = oneOf(t, r, "kind", List.of("department", "township"));
			String regionCode = required(t, r, "region_code");
			if (!codes.add(code)) {
				throw fail(t, r, "code", "填报单位代码“" + code + "”重复");
			}
			Region region = byCode.get(regionCode);
			if (region == null) {
				throw fail(t, r, "region_code", "地区代码“" + regionCode + "”不在 regions.csv 中");
			}
			if ("department".equals(kind) && region != top) {
				throw fail(t, r, "region_code", "部门“" + name + "”的地区应为本级地区“" + top.name() + "”（" + top.code() + "），实际为“"
						+ region.name() + "”（" + region.level() + "）");
			}
			if ("township".equals(kind) && region == top) {
				throw fail(t, r, "region_code",
						"下级单位“" + name + "”（kind township）的地区应在本级地区“" + top.name() + "”之下，不能是本级地区本身");
			}
			List<String> aliases = list(r.get("aliases"));
			names.claim(r, "name", name, code);
			for (String alias : aliases) {
				names.claim(r, "aliases", alias, code);
			}
			List<String> emails = list(r.get("email"));
			for (String email : emails) {
				if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
					throw fail(t, r, "email", "邮箱地址“" + email + "”格式不对，应如 ajb@example.gov.cn（多个地址用 | 分隔）");
				}
			}
			out.add(new Submitter(code, name, kind, regionCode, aliases, blankToNull(r.get("liaison")),
					blankToNull(r.get("phone")), emails));
		}
		return out;
	}

	private static List<Campaign> campaigns(CsvTable t) {
		List<Campaign> out = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		for (CsvTable.Row r : t.rows) {
			String code = required(t, r, "code");
			String name = required(t, r, "name");
			YearMonth first = month(t, r, "first_month");
			YearMonth last = month(t, r, "last_month");
			String cutoffText = required(t, r, "cutoff_day");
			int cutoff;
			try {
				cutoff = Integer.parseInt(cutoffText);
			}
			catch (NumberFormatException ex) {
				cutoff = 0;
			}
			if (cutoff < 1 || cutoff > 31) {
				throw fail(t, r, "cutoff_day", "截止日“" + cutoffText + "”应为 1–31 的整数");
			}
			List<String> keywords = list(required(t, r, "title_keywords"));
			String form = oneOf(t, r, "form", List.of("F-000", "F-001", "F-003-II"));
			String shift = r.get("holiday_shift").isEmpty() ? "earlier"
					: oneOf(t, r, "holiday_shift", List.of("earlier", "later"));
			if (!codes.add(code)) {
				throw fail(t, r, "code", "专项行动代码“" + code + "”重复");
			}
			if (first.isAfter(last)) {
				throw fail(t, r, "last_month", "结束月份 " + last + " 早于开始月份 " + first);
			}
			YearMonth reportFrom = r.get("report_from").isEmpty() ? first : month(t, r, "report_from");
			if (reportFrom.isBefore(first) || reportFrom.isAfter(last)) {
				throw fail(t, r, "report_from", "起报月份 " + reportFrom + " 不在专项行动期间（" + first + " 至 " + last + "）内");
			}
			String deadlineMonth = r.get("deadline_month").isEmpty() ? Campaign.SAME_MONTH
					: oneOf(t, r, "deadline_month", List.of(Campaign.SAME_MONTH, Campaign.NEXT_MONTH));
			out.add(new Campaign(code, name, first, last, cutoff, keywords, form, shift, reportFrom, deadlineMonth));
		}
		return out;
	}

	private static List<Holiday> holidays(CsvTable t) {
		List<Holiday> out = new ArrayList<>();
		Set<LocalDate> dates = new HashSet<>();
		for (CsvTable.Row r : t.rows) {
			String text = required(t, r, "date");
			LocalDate date = null;
			if (DATE.matcher(text).matches()) {
				try {
					date = LocalDate.parse(text);
				}
				catch (DateTimeParseException ex) {
					// reported below
				}
			}
			if (date == null) {
				throw fail(t, r, "date", "日期“" + text + "”不是 YYYY-MM-DD 格式的有效日期");
			}
			String kind = oneOf(t, r, "kind", List.of("holiday", "workday"));
			if (!dates.add(date)) {
				throw fail(t, r, "date", "日期 " + date + " 重复");
			}
			out.add(new Holiday(date, kind));
		}
		return out;
	}

	/**
	 * Names and aliases of one file: each may identify one entity only, or recognition
	 * would be ambiguous.
	 */
	private static final class Names {

		private final CsvTable table;

		private final Map<String, String> owner = new HashMap<>();

		Names(CsvTable table) {
			this.table = table;
		}

		void claim(CsvTable.Row row, String column, String name, String code) {
			String previous = owner.putIfAbsent(name, code);
			if (previous != null && !previous.equals(code)) {
				throw fail(table, row, column, "名称“" + name + "”已是代码“" + previous + "”的名称或别名，不能再指“" + code + "”");
			}
		}

	}

	private static String required(CsvTable t, CsvTable.Row r, String column) {
		String value = r.get(column);
		if (value.isEmpty()) {
			throw fail(t, r, column, "不能为空");
		}
		return value;
	}

	private static String oneOf(CsvTable t, CsvTable.Row r, String column, List<String> allowed) {
		String value = required(t, r, column);
		if (!allowed.contains(value)) {
			throw fail(t, r, column, "“" + value + "”不是允许的值（" + String.join("、", allowed) + "）");
		}
		return value;
	}

	private static YearMonth month(CsvTable t, CsvTable.Row r, String column) {
		String value = required(t, r, column);
		if (MONTH.matcher(value).matches()) {
			try {
				return YearMonth.parse(value);
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		throw fail(t, r, column, "月份“" + value + "”应写成 YYYY-MM，例如 2024-04");
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static String blankToNull(String value) {
		return value.isEmpty() ? null : value;
	}

	private static ReferenceDataException fail(CsvTable t, CsvTable.Row r, String column, String message) {
		return new ReferenceDataException(t.file + " 第" + r.line() + "行 " + column + " 列：" + message);
	}

	/**
	 * Replaces the contents of every {@code ref_*} table with {@code data}, in one
	 * transaction.
	 */
	public static void write(Warehouse warehouse, ReferenceData data) {
		Connection connection = warehouse.connection();
		warehouse.inTransaction(() -> {
			try (Statement st = connection.createStatement()) {
				for (String table : List.of("ref_region", "ref_industry", "ref_submitter", "ref_campaign",
						"ref_holiday", "ref_deliverable", "ref_deliverable_due")) {
					st.execute("delete from " + table);
				}
			}
			DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
			append(duck, "ref_region", data.regions(),
					(a, r) -> a.append(r.code()).append(r.name()).append(r.level()).append(r.parentCode()));
			append(duck, "ref_industry", data.industries(),
					(a, i) -> a.append(i.code()).append(i.name()).append(i.aliases()));
			append(duck, "ref_submitter", data.submitters(),
					(a, s) -> a.append(s.code())
						.append(s.name())
						.append(s.kind())
						.append(s.regionCode())
						.append(s.aliases())
						.append(s.liaison())
						.append(s.phone()));
			append(duck, "ref_campaign", data.campaigns(),
					(a, c) -> a.append(c.code())
						.append(c.name())
						.append(c.firstMonth().atDay(1))
						.append(c.lastMonth().atDay(1))
						.append(c.cutoffDay())
						.append(c.titleKeywords())
						.append(c.form())
						.append(c.holidayShift())
						.append(c.reportFrom().atDay(1))
						.append(c.deadlineMonth()));
			// the calendar in effect, not only the office's file: dim_period shifts
			// deadlines
			// in SQL and must see the bundled State Council days for the years the file
			// lacks, as LATE and the rollups (DeadlineCalendar) do
			append(duck, "ref_holiday", new DeadlineCalendar(data.holidays()).days(),
					(a, h) -> a.append(h.date()).append(h.kind()));
			append(duck, "ref_deliverable", data.deliverables(),
					(a, d) -> a.append(d.campaign())
						.append(d.code())
						.append(d.name())
						.append(d.nameKeywords())
						.append(d.kind())
						.append(d.due())
						.append(d.who())
						.append(d.submitterCodes())
						.append(d.satisfiedBy()));
			for (ReferenceData.Deliverable d : data.deliverables()) {
				append(duck, "ref_deliverable_due", d.instances(),
						(a, i) -> a.append(d.campaign())
							.append(d.code())
							.append(i.instance())
							.append(i.coversFrom())
							.append(i.coversTo())
							.append(i.nominalDue())
							.append(i.dueOn()));
			}
		});
	}

	@FunctionalInterface
	private interface RowAppender<T> {

		void append(DuckDBAppender appender, T item) throws SQLException;

	}

	private static <T> void append(DuckDBConnection duck, String table, List<T> items, RowAppender<T> columns)
			throws SQLException {
		try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
			for (T item : items) {
				appender.beginRow();
				columns.append(appender, item);
				appender.endRow();
			}
			appender.flush();
		}
	}

}
