package org.anjian.jobs.nightly;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.anjian.jobs.cli.Cli;
import org.anjian.jobs.runs.NightlyRequest;
import org.anjian.jobs.runs.NightlyRun;
import org.anjian.jobs.runs.Runs;
import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.jobs.support.offices.OfficeCalendar;
import org.anjian.jobs.support.offices.SeedOffice;
import org.anjian.jobs.support.offices.SeedOffice.Fate;
import org.anjian.jobs.support.offices.SeedOffice.Submitter;
import org.anjian.jobs.support.offices.SeedOfficeExpectations;
import org.anjian.jobs.support.offices.SeedOfficeExpectations.RosterLine;
import org.anjian.jobs.support.offices.SeedOfficeExpectations.Rollup;
import org.anjian.jobs.support.offices.SeedOfficeInbox;
import org.anjian.jobs.support.offices.SeedOfficeInbox.SentTable;
import org.anjian.jobs.support.offices.SeedOffices;
import org.anjian.jobs.system.HomeLock;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One seed office's whole campaign through {@code nightly}: its own reference data
 * (campaigns.csv with the seed's calendar columns, holidays of its years), a generated
 * inbox of cumulative F-000/F-001 tables (.xlsx, .xls, CSV) received on time, on the
 * deadline day, late, after the month-end, never, or corrected, and {@code nightly
 * --now} replayed at 02:00 after every rollup's as_of, in one application as
 * {@code schedule} would run it. Checked against answers the test computes itself
 * ({@link SeedOfficeExpectations}, {@link OfficeCalendar}): which rollups have come due
 * after each night, the {@code LATE} warnings, the 催报 roster, both rollups' rows and
 * every outbox table read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeedOfficeNightlyFunctionalTests {

	SeedOffice office;

	OfficeCalendar calendar;

	List<SentTable> sent;

	SeedOfficeInbox generated;

	SeedOfficeExpectations expected;

	Path home;

	Path inbox;

	/** Each night's business time → the rollups produced by then (as rollup labels). */
	final Map<LocalDateTime, List<String>> producedAfter = new LinkedHashMap<>();

	/** Each night's business time → its outcome. */
	final Map<LocalDateTime, String> outcomes = new LinkedHashMap<>();

	abstract SeedOffice office();

	@BeforeAll
	void replayTheCampaign(@TempDir Path tmp) throws Exception {
		office = office();
		calendar = new OfficeCalendar(office.campaign(), office.holidays());
		Path reference = writeReference(tmp.resolve("reference"));
		inbox = tmp.resolve("inbox");
		generated = new SeedOfficeInbox(office, calendar);
		sent = generated.generate(inbox);
		expected = new SeedOfficeExpectations(office, calendar, sent);
		home = tmp.resolve("home");
		RunProgress quiet = new RunProgress() {
			@Override
			public void line(String text) {
			}

			@Override
			public void problem(String text) {
				System.err.println(text);
			}
		};
		try (HomeLock lock = HomeLock.acquire(home);
				ConfigurableApplicationContext context = Cli.context(home, reference, "nightly", Map.of())) {
			Runs runs = context.getBean(Runs.class);
			for (LocalDateTime night : nights()) {
				NightlyRun run = runs.nightly(new NightlyRequest(inbox, night, null), quiet);
				outcomes.put(night, run.outcome().name());
				producedAfter.put(night, produced(context.getBean(Warehouse.class)));
			}
		}
	}

	/**
	 * 02:00 the night after each deadline day, and a week after the last month-end (the
	 * stragglers). A month-end rollup comes due at the next of these nights, after files
	 * received since its as_of have been loaded: it must leave them out. (Each night
	 * costs an intake, a model build and an export: a night after every receipt would
	 * make the three offices take minutes.)
	 */
	List<LocalDateTime> nights() {
		Set<LocalDateTime> nights = new TreeSet<>();
		LocalDateTime last = null;
		for (Rollup r : expected.rollups()) {
			if (r.kind().equals("cutoff")) {
				nights.add(r.asOf().toLocalDate().plusDays(1).atTime(2, 0));
			}
			last = r.asOf();
		}
		nights.add(last.toLocalDate().plusDays(8).atTime(2, 0));
		return List.copyOf(nights);
	}

	private Path writeReference(Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.write(folder.resolve("regions.csv"),
				lines("code,name,level,parent_code",
						office.regions()
							.stream()
							.map(r -> String.join(",", r.code(), r.name(), r.level(),
									r.level().equals("county") ? "" : office.county().code()))
							.toList()));
		Files.write(folder.resolve("industries.csv"), lines("code,name,aliases",
				office.industries().stream().map(i -> String.join(",", i.code(), i.name(), i.aliases())).toList()));
		Files.write(folder.resolve("submitters.csv"), lines("code,name,kind,region_code,aliases,liaison,phone", office
			.submitters()
			.stream()
			.map(s -> String.join(",", s.code(), s.name(), s.kind(), s.regionCode(), s.alias(), s.liaison(), s.phone()))
			.toList()));
		Files.write(folder.resolve("campaigns.csv"),
				lines(SeedOffice.CampaignRow.HEADER, List.of(office.campaign().csv())));
		Files.write(folder.resolve("holidays.csv"), lines("date,kind", office.holidays()));
		return folder;
	}

	private static List<String> lines(String header, List<String> rows) {
		List<String> all = new ArrayList<>();
		all.add(header);
		all.addAll(rows);
		return all;
	}

	private static List<String> produced(Warehouse warehouse) throws Exception {
		List<String> produced = new ArrayList<>();
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery("""
				select distinct strftime(period, '%Y-%m') || ' ' || kind || ' '
				    || strftime(as_of, '%Y-%m-%dT%H:%M:%S') from rollup_roster order by 1""")) {
			while (rs.next()) {
				produced.add(rs.getString(1));
			}
		}
		return produced;
	}

	private static String label(Rollup r) {
		return r.period() + " " + r.kind() + " " + r.asOf();
	}

	List<String> columns() {
		return SeedOffices.COLUMNS.get(office.campaign().form());
	}

	@Test
	void theScenarioHoldsEveryCaseAnOfficeMeets() {
		Set<Fate> fates = sent.stream().map(SentTable::fate).collect(Collectors.toSet());
		assertThat(fates).contains(Fate.ON_TIME, Fate.DEADLINE_DAY, Fate.LATE, Fate.LATE_AFTER_MONTH_END,
				Fate.CORRECTION);
		int owed = calendar.owedMonths().size() * office.submitters().size();
		assertThat(sent.stream().filter(t -> !t.superseded()).count()).as("tables, one per submitter and month sent")
			.isLessThan(owed);
		assertThat(sent.stream().map(t -> t.path().substring(t.path().lastIndexOf('.'))).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder(".xlsx", ".xls", ".csv");
	}

	@Test
	void everyNightProducesExactlyTheRollupsDueByThenAndNoneBeforeReportFrom() {
		assertThat(outcomes.values()).as(outcomes.toString()).containsOnly("COMPLETED");
		producedAfter.forEach((night, produced) -> {
			List<String> due = expected.dueBy(night)
				.stream()
				.map(SeedOfficeNightlyFunctionalTests::label)
				.sorted()
				.toList();
			assertThat(produced).as("produced by " + night).containsExactlyElementsOf(due);
		});
		// the first night, after the first owed month's deadline: that cutoff (and its
		// month-end when both fall on the same day), none for a month before report_from
		assertThat(producedAfter.values().iterator().next()).isNotEmpty()
			.anyMatch(r -> r.startsWith(office.campaign().owedFrom() + " cutoff"))
			.allMatch(r -> r.startsWith(office.campaign().owedFrom() + " "));
	}

	@Test
	void everyFileIsLoadedAsSentAndLateExactlyWhenReceivedAfterItsShiftedDeadline() {
		List<Map<String, Object>> files = WarehouseQueries.query(home, """
				select path, status, submitter_code, campaign, strftime(period, '%Y-%m') as period,
				       strftime(received_at, '%Y-%m-%dT%H:%M') as received_at
				from audit_file where list_kind is null order by path""");
		Map<String, Map<String, Object>> byPath = new TreeMap<>();
		files.forEach(f -> byPath.put(((String) f.get("path")).replace('\\', '/'), f));
		assertThat(byPath.keySet()).containsExactlyInAnyOrderElementsOf(sent.stream().map(SentTable::path).toList());
		for (SentTable t : sent) {
			Map<String, Object> f = byPath.get(t.path());
			assertThat(f.get("status")).as(t.path()).isEqualTo(t.superseded() ? "superseded" : "loaded");
			assertThat(f.get("submitter_code")).as(t.path()).isEqualTo(t.submitter());
			assertThat(f.get("campaign")).as(t.path()).isEqualTo(office.campaign().code());
			assertThat(f.get("period")).as(t.path()).isEqualTo(t.period().toString());
			assertThat(f.get("received_at")).as(t.path()).isEqualTo(t.receivedAt().toString());
		}
		Set<String> late = WarehouseQueries.query(home,
				"select distinct f.path from audit_issue i join audit_file f using (sha256) where i.rule = 'LATE' and f.list_kind is null")
			.stream()
			.map(r -> ((String) r.get("path")).replace('\\', '/'))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(late).isEqualTo(expected.latePaths());
		assertThat(late).isNotEmpty();
		// titles start at first_month: the first owed month is no RANGE_START
		assertThat(WarehouseQueries.query(home,
				"select rule from audit_issue where rule in ('RANGE_START', 'PERIOD_OUTSIDE_CAMPAIGN', 'CAMPAIGN_INFERRED')"))
			.isEmpty();
	}

	@Test
	void theRosterOfEveryRollupSaysWhoIsOnTimeLateMissingOrCarriedForward() {
		for (Rollup r : expected.rollups()) {
			Map<String, RosterLine> actual = new TreeMap<>();
			for (Map<String, Object> row : WarehouseQueries.query(home,
					"select submitter_code, status, carried_forward, strftime(carried_from_period, '%Y-%m') as cf, "
							+ "strftime(as_of, '%Y-%m-%dT%H:%M:%S') as as_of, deadline from rollup_roster where "
							+ where(r) + " and kind = '" + r.kind() + "'")) {
				actual.put((String) row.get("submitter_code"),
						new RosterLine((String) row.get("status"), (Boolean) row.get("carried_forward"),
								row.get("cf") == null ? null : YearMonth.parse((String) row.get("cf"))));
				assertThat(row.get("as_of")).as(label(r)).isEqualTo(r.asOf().toString());
				assertThat(row.get("deadline").toString()).as(label(r))
					.isEqualTo(calendar.deadline(r.period()).toString());
			}
			assertThat(actual).as(label(r)).isEqualTo(expected.roster(r));
		}
	}

	@Test
	void bothRollupsOfEveryMonthHoldTheTablesReceivedByTheirAsOfWithCarryForward() {
		for (Rollup r : expected.rollups()) {
			Map<String, Map<String, BigDecimal>> want = expected.rows(r, columns());
			Map<String, Map<String, Object>> got = new TreeMap<>();
			for (Map<String, Object> row : WarehouseQueries.query(home,
					"select * from " + r.table() + " where " + where(r))) {
				got.put(row.get("region_code") + "|" + row.get("industry_code"), row);
				assertThat(row.get("as_of").toString().replace(' ', 'T')).as(label(r)).startsWith(r.asOf().toString());
			}
			assertThat(got.keySet()).as(label(r) + " rows").containsExactlyElementsOf(want.keySet());
			want.forEach((key, values) -> values.forEach((column, value) -> {
				Object actual = got.get(key).get(column);
				String what = label(r) + " " + key + " " + column;
				if (value == null) {
					assertThat(actual).as(what).isNull();
				}
				else {
					assertThat(actual).as(what).isNotNull();
					assertThat(new BigDecimal(actual.toString()).doubleValue()).as(what)
						.isCloseTo(value.doubleValue(), within(1e-9));
				}
			}));
		}
	}

	@Test
	void everyOutboxTablePrintsTheCountyFiguresAndNamesWhoIsCarriedForward() throws Exception {
		String county = office.county().code();
		for (Rollup r : expected.rollups()) {
			Path folder = home.resolve("outbox")
				.resolve(office.campaign().code())
				.resolve(r.period().toString())
				.resolve(r.kind());
			Path xlsx = folder.resolve(office.county().name() + "-" + office.campaign().code() + "-" + r.period() + "-"
					+ r.kind() + ".xlsx");
			assertThat(xlsx).as(label(r)).isRegularFile();
			Map<String, Map<String, BigDecimal>> rows = expected.rows(r, columns());
			String suffix = r.kind().equals("cutoff") ? "" : "_cum";
			Map<String, RosterLine> roster = expected.roster(r);
			try (Workbook wb = WorkbookFactory.create(xlsx.toFile(), null, true)) {
				Sheet sheet = wb.getSheetAt(0);
				Map<String, Row> byLabel = new LinkedHashMap<>();
				List<String> texts = new ArrayList<>();
				for (Row row : sheet) {
					for (Cell cell : row) {
						if (cell.getCellType() == CellType.STRING) {
							texts.add(cell.getStringCellValue());
						}
					}
					Cell first = row.getCell(0);
					if (first != null && first.getCellType() == CellType.STRING) {
						byLabel.put(first.getStringCellValue().replaceAll("\\s", ""), row);
					}
				}
				if (office.campaign().form().equals("F-003-II")) {
					assertUnitTable(sheet, texts, r, rows.get(county + "|ALL"));
				}
				else {
					assertThat(texts).as(label(r) + " period line").contains(periodLine(r.period()));
					for (SeedOffice.Industry industry : office.industries()) {
						Map<String, BigDecimal> want = rows.get(county + "|" + industry.code());
						assertPrinted(byLabel.get(industry.name()), want, suffix, label(r) + " " + industry.name());
					}
					assertPrinted(byLabel.get("合计"), rows.get(county + "|ALL"), suffix, label(r) + " 合计");
				}
				// the note under the table: every unit carried forward, with its month
				String note = texts.stream().filter(t -> t.startsWith("注：")).findFirst().orElse(null);
				List<String> carried = new ArrayList<>();
				for (Submitter s : office.submitters()) {
					RosterLine line = roster.get(s.code());
					if (line.carriedForward()) {
						carried.add(s.name() + "（" + line.carriedFrom().getYear() + "年"
								+ line.carriedFrom().getMonthValue() + "月）");
					}
				}
				if (carried.isEmpty()) {
					assertThat(note).as(label(r) + " note").isNull();
				}
				else {
					assertThat(note).as(label(r) + " note").isNotNull();
					carried.forEach(c -> assertThat(note).as(label(r) + " note").contains(c));
				}
			}
			// the manifest: who is missing
			List<String> missing = JsonPath.read(Files.readString(folder.resolve("manifest.json")),
					"$.submitters_missing[*].code");
			assertThat(missing).as(label(r) + " manifest")
				.containsExactlyInAnyOrderElementsOf(roster.entrySet()
					.stream()
					.filter(e -> e.getValue().status().equals("missing"))
					.map(Map.Entry::getKey)
					.toList());
		}
	}

	private void assertPrinted(Row row, Map<String, BigDecimal> want, String suffix, String what) {
		assertThat(row).as(what).isNotNull();
		List<String> columns = columns();
		for (int c = 0; c < columns.size(); c++) {
			BigDecimal value = want == null ? null : want.get(columns.get(c) + suffix);
			Cell cell = row.getCell(c + 1);
			assertThat(cell.getNumericCellValue()).as(what + " " + columns.get(c))
				.isCloseTo(value == null ? 0 : value.doubleValue(), within(1e-9));
		}
	}

	/**
	 * The printed columns of F-003-II from C (seed 003 附件2): a measure, or a rate
	 * {@code numerator/denominator} printed as a percentage of the row's own figures.
	 */
	static final List<String> F003_II_PRINTED = List.of("enterprises_supervised", "enterprises_inspected",
			"enterprises_inspected/enterprises_supervised", "hazards_total", "rectified_total", "cases_filed",
			"cases_filed/enterprises_inspected", "cases_filed/hazards_total", "suspensions_ordered", "fines_wan",
			"closures_requested", "licenses_withheld_revoked", "blacklisted", "joint_punishments",
			"criminal_transfer_persons", "transfers_other", "report_rewards");

	/**
	 * F-003-II: 月份, the county over its 本月数 and 累计数 rows. Month-end: the month figures (a
	 * stock its value) and {@code _cum}; cutoff: 累计数 the cumulative figures, 本月数 those
	 * minus the previous month's cutoff (the first month: itself), a stock its value.
	 */
	private void assertUnitTable(Sheet sheet, List<String> texts, Rollup r, Map<String, BigDecimal> county) {
		String what = label(r);
		assertThat(texts).as(what + " 月份")
			.contains("月份：" + r.period().getYear() + "年" + r.period().getMonthValue() + "月");
		Row monthRow = null;
		Row cumRow = null;
		for (Row row : sheet) {
			Cell b = row.getCell(1);
			if (b != null && b.getCellType() == CellType.STRING) {
				if (b.getStringCellValue().equals("本月数")) {
					monthRow = row;
				}
				else if (b.getStringCellValue().equals("累计数")) {
					cumRow = row;
				}
			}
		}
		assertThat(monthRow).as(what + " 本月数").isNotNull();
		assertThat(cumRow).as(what + " 累计数").isNotNull();
		assertThat(cumRow.getRowNum()).isEqualTo(monthRow.getRowNum() + 1);
		assertThat(monthRow.getCell(0).getStringCellValue()).as(what).isEqualTo(office.county().name());
		Map<String, BigDecimal> cum = new LinkedHashMap<>();
		Map<String, BigDecimal> month = new LinkedHashMap<>();
		List<String> stocks = SeedOffices.STOCKS.get("F-003-II");
		Map<String, BigDecimal> previous = null;
		if (r.kind().equals("cutoff") && r.period().isAfter(office.campaign().firstMonth())) {
			YearMonth before = r.period().minusMonths(1);
			previous = expected.rows(new Rollup(before, "cutoff", calendar.cutoffAsOf(before)), columns())
				.get(office.county().code() + "|ALL");
		}
		for (String c : columns()) {
			BigDecimal total = county.get(r.kind().equals("cutoff") ? c : c + "_cum");
			cum.put(c, total == null ? BigDecimal.ZERO : total);
			BigDecimal m;
			if (!r.kind().equals("cutoff")) {
				m = county.get(c);
			}
			else if (previous == null || stocks.contains(c)) {
				m = total;
			}
			else {
				m = total.subtract(previous.get(c) == null ? BigDecimal.ZERO : previous.get(c));
			}
			month.put(c, m == null ? BigDecimal.ZERO : m);
		}
		for (int i = 0; i < F003_II_PRINTED.size(); i++) {
			String code = F003_II_PRINTED.get(i);
			for (Map.Entry<Row, Map<String, BigDecimal>> e : Map.of(monthRow, month, cumRow, cum).entrySet()) {
				Cell cell = e.getKey().getCell(2 + i);
				String where = what + " row " + (e.getKey().getRowNum() + 1) + " " + code;
				assertThat(cell).as(where).isNotNull();
				if (code.contains("/")) {
					BigDecimal num = e.getValue().get(code.substring(0, code.indexOf('/')));
					BigDecimal den = e.getValue().get(code.substring(code.indexOf('/') + 1));
					if (den.signum() == 0) {
						assertThat(cell.getStringCellValue()).as(where).isEqualTo("/");
					}
					else {
						assertThat(cell.getCellStyle().getDataFormatString()).as(where).isEqualTo("0.00%");
						assertThat(cell.getNumericCellValue()).as(where)
							.isCloseTo(num.doubleValue() / den.doubleValue(), within(1e-9));
					}
				}
				else {
					assertThat(cell.getNumericCellValue()).as(where)
						.isCloseTo(e.getValue().get(code).doubleValue(), within(1e-9));
				}
			}
		}
	}

	/** “（2024年4月至6月）”: cumulative from first_month, the year again when it changes. */
	String periodLine(YearMonth period) {
		YearMonth first = office.campaign().firstMonth();
		String end = period.getYear() == first.getYear() ? period.getMonthValue() + "月"
				: period.getYear() + "年" + period.getMonthValue() + "月";
		return "（" + first.getYear() + "年" + first.getMonthValue() + "月至" + end + "）";
	}

	String where(Rollup r) {
		return "campaign = '" + office.campaign().code() + "' and period = date '" + r.period().atDay(1) + "'";
	}

	/** The files of a submitter for a month, for the seed's own spot checks. */
	List<SentTable> sent(String submitter, YearMonth period) {
		return sent.stream().filter(t -> t.submitter().equals(submitter) && t.period().equals(period)).toList();
	}

	/** The rule codes of one file's findings (LATE among them or not). */
	List<Object> rules(SentTable t) {
		return WarehouseQueries
			.query(home,
					"select i.rule from audit_issue i join audit_file f using (sha256) where f.path = '"
							+ t.path().replace("'", "''") + "'")
			.stream()
			.map(r -> r.get("rule"))
			.toList();
	}

	/** One roster line as the warehouse holds it. */
	Map<String, Object> rosterLine(YearMonth period, String kind, String submitter) {
		List<Map<String, Object>> rows = WarehouseQueries.query(home,
				"select status, carried_forward, strftime(as_of, '%Y-%m-%dT%H:%M:%S') as as_of from rollup_roster where campaign = '"
						+ office.campaign().code() + "' and period = date '" + period.atDay(1) + "' and kind = '" + kind
						+ "' and submitter_code = '" + submitter + "'");
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

}
