package org.anjian.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.ExpectedRollups;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The F-003-II form (seed 003 附件2) end to end: nightly replayed at 2024-10-01 02:00 over
 * samples-b's campaign ZF2024 (每月月底前报送上月, 顺延): 15 tables of departments and townships,
 * each with a 本月数 and a 累计数 row, accepted and both rows kept; the month-row and rate
 * cross-checks (P8, P9); the stock 监管企业总数 (P7); every rollup row, roster and coverage
 * rate of expected.json. The calendar campaigns GJ2023 and HH2024 are left out
 * (CalendarNightlyFunctionalTests covers them): their files are rejected here and not
 * asserted on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class F003NightlyFunctionalTests {

	static final String CAMPAIGN = "ZF2024";

	SampleCounty samples;

	Path home;

	CliRun nightly;

	@BeforeAll
	void replayNightly(@TempDir Path tmp) {
		samples = SampleCounty.load("../samples-b");
		Path reference = samples.copyReference(tmp.resolve("reference"), "GJ2023", "HH2024");
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		home = tmp.resolve("home");
		nightly = CliRun.of("nightly", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString(), "--now", "2024-10-01T02:00");
	}

	List<Map<String, Object>> files() {
		return samples.files().stream().filter(f -> CAMPAIGN.equals(f.get("campaign"))).toList();
	}

	static String quoted(String path) {
		return "'" + path.replace("'", "''") + "'";
	}

	List<Map<String, Object>> issues(String path) {
		return WarehouseQueries.query(home,
				"select i.severity, i.rule, i.row_number, i.column_name, i.message from audit_issue i"
						+ " join audit_file f using (sha256) where f.path = " + quoted(path) + " order by i.issue_no");
	}

	@Test
	void everyF003IITableGetsItsStatusAndOnlyTheWarningsExpected() {
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		int late = 0;
		for (Map<String, Object> f : files()) {
			String path = (String) f.get("path");
			List<Map<String, Object>> audit = WarehouseQueries.query(home,
					"select status, campaign, strftime(period, '%Y-%m') as period, submitter_code, form"
							+ " from audit_file where path = " + quoted(path));
			assertThat(audit).as(path).hasSize(1);
			assertThat(audit.get(0)).as(path)
				.containsEntry("status", f.get("status"))
				.containsEntry("campaign", CAMPAIGN)
				.containsEntry("period", f.get("period"))
				.containsEntry("submitter_code", f.get("submitter_code"))
				.containsEntry("form", "F-003-II");
			List<Map<String, Object>> issues = issues(path);
			assertThat(issues).as(path).allSatisfy(i -> assertThat(i.get("severity")).isEqualTo("warning"));
			List<Object> rules = issues.stream().map(i -> i.get("rule")).toList();
			if ("LATE".equals(f.get("warning_rule"))) {
				assertThat(rules).as(path).contains("LATE");
				late++;
			}
			else {
				assertThat(rules).as(path).doesNotContain("LATE");
			}
			if (Boolean.TRUE.equals(f.get("expect_warning"))) {
				assertThat(rules).as(path).isNotEmpty();
			}
			else {
				// no false alarm from the rates as written (37.9, “37.91%”, 0.3791), the
				// stock falling from one month to the next, or a 本月数 row that rectified
				// more than it found
				assertThat(rules).as(path + " " + issues).isEmpty();
			}
		}
		assertThat(late).isEqualTo(2);
		assertThat(files()).hasSize(15);
	}

	@Test
	void aMonthRowThatDisagreesWithTheCumulativeRowsIsAWarningNamingBothFigures() {
		// P8: 石门镇 July 本月数 says 9 inspected and 6.05 万元 against 54 − 49 = 5 and
		// 20.75 − 15.2 = 5.55
		List<Map<String, Object>> issues = issues("执法质效2024/2024-07/石门镇7月执法统计表.xlsx");
		List<Map<String, Object>> month = issues.stream()
			.filter(i -> "MONTH_ROW_MISMATCH".equals(i.get("rule")))
			.toList();
		assertThat(month).extracting(i -> i.get("column_name")).containsExactly("D", "L");
		assertThat(month).allSatisfy(i -> assertThat(i.get("row_number")).isEqualTo(5));
		assertThat((String) month.get(0).get("message")).contains("本月数", "9", "54", "2024年6月", "49", "= 5");
		assertThat((String) month.get(1).get("message")).contains("6.05", "20.75", "15.2", "5.55");
		assertThat(WarehouseQueries.query(home,
				"select status from audit_file where path = " + quoted("执法质效2024/2024-07/石门镇7月执法统计表.xlsx")))
			.extracting(r -> r.get("status"))
			.containsExactly("loaded");
	}

	@Test
	void aStaleRateIsAWarningNamingTheValueWrittenAndTheOneTheFiguresGive() {
		// P9: 玉带街道's June 累计数 row keeps January's 检查覆盖率 10.14; 58 / 153 = 37.91 %
		List<Map<String, Object>> issues = issues("执法质效2024/2024-06/玉带街道6月执法情况统计表（二）.xlsx");
		assertThat(issues).singleElement().satisfies(i -> {
			assertThat(i.get("rule")).isEqualTo("RATE_MISMATCH");
			assertThat(i.get("row_number")).isEqualTo(7);
			assertThat(i.get("column_name")).isEqualTo("E");
			assertThat((String) i.get("message")).contains("检查覆盖率", "10.14", "37.91%", "58", "153");
		});
	}

	@Test
	void bothRowsOfEveryAcceptedTableAreKept() {
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		// 15 accepted versions (14 loaded, 1 superseded), each one 累计数 and one 本月数 row
		assertThat(WarehouseQueries.query(home,
				"""
						select count(*) as n, count(distinct sha256) as files, min(industry_code) as lo, max(industry_code) as hi
						from fact_submission_line where campaign = 'ZF2024'"""))
			.singleElement()
			.satisfies(r -> assertThat(r).containsEntry("n", 15L)
				.containsEntry("files", 15L)
				.containsEntry("lo", "ALL")
				.containsEntry("hi", "ALL"));
		assertThat(WarehouseQueries.query(home, """
				select count(*) as n from fact_submission_month_line m
				join fact_submission_line c using (sha256)
				where m.campaign = 'ZF2024' and m.row_number = c.row_number - 1 and m.status = c.status"""))
			.extracting(r -> r.get("n"))
			.containsExactly(15L);
		// 石门镇 July: the 本月数 row as written (P8), the 累计数 row beside it
		assertThat(WarehouseQueries.query(home, """
				select m.enterprises_inspected as month_inspected, c.enterprises_inspected as cum_inspected,
				       m.enterprises_supervised as month_supervised, c.enterprises_supervised as cum_supervised,
				       m.rectified_total as month_rectified, m.hazards_total as month_found
				from fact_submission_month_line m join fact_submission_line c using (sha256)
				where m.submitter_code = 'HM03' and m.period = date '2024-07-01'""")).singleElement()
			.satisfies(r -> assertThat(r).containsEntry("month_inspected", 9L)
				.containsEntry("cum_inspected", 54L)
				.containsEntry("month_supervised", 135L)
				.containsEntry("cum_supervised", 135L)
				// a month may rectify more than it finds (older hazards closed): valid
				.containsEntry("month_rectified", 8L)
				.containsEntry("month_found", 4L));
	}

	@Test
	void everyRollupIsProducedAndNoneHasIndustryRows() {
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		List<Object> produced = WarehouseQueries
			.query(home,
					"""
							select distinct strftime(period, '%Y-%m') || ' ' || kind || ' ' || strftime(as_of, '%Y-%m-%dT%H:%M:%S') as r
							from rollup_roster where campaign = 'ZF2024' order by 1""")
			.stream()
			.map(r -> r.get("r"))
			.toList();
		List<String> expected = new ArrayList<>();
		List<Map<String, Object>> deadlines = samples.read("$.deadlines[?(@.campaign == 'ZF2024')]");
		// a month with no table of its own received by the as_of is not rolled up (no
		// official table of nothing but carried-forward figures): February, March, May
		// and August
		for (Map<String, Object> d : deadlines) {
			for (String kind : List.of("cutoff", "month-end")) {
				String asOf = (String) d.get("cutoff".equals(kind) ? "cutoff_as_of" : "month_end_as_of");
				if (samples.anyAcceptedTableBy(CAMPAIGN, (String) d.get("period"), asOf)) {
					expected.add(d.get("period") + " " + kind + " " + asOf);
				}
			}
		}
		assertThat(produced).containsExactlyInAnyOrderElementsOf(expected).hasSize(8);
		for (String table : List.of("rollup_cutoff", "rollup_month_end")) {
			assertThat(WarehouseQueries.query(home,
					"select distinct industry_code from " + table + " where campaign = 'ZF2024'"))
				.extracting(r -> r.get("industry_code"))
				.as(table)
				.containsExactly("ALL");
		}
	}

	@Test
	void rollupRowsRostersAndCoverageRatesMatchExpectedJson() {
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		List<Map<String, Object>> rollups = samples.read("$.rollups[?(@.campaign == 'ZF2024')]");
		List<String> checked = new ArrayList<>();
		for (Map<String, Object> expected : rollups) {
			String kind = (String) expected.get("kind");
			String table = "cutoff".equals(kind) ? "rollup_cutoff" : "rollup_month_end";
			String label = CAMPAIGN + " " + expected.get("period") + " " + kind;
			String rollup = " campaign = 'ZF2024' and period = date '" + expected.get("period") + "-01'";
			ExpectedRollups.assertAsOfAndRoster(home, expected, label);
			assertThat(WarehouseQueries.query(home, "select * from " + table + " where" + rollup)).as(label + " rows")
				.hasSize(((List<?>) expected.get("rows")).size());
			ExpectedRollups.assertRows(home, samples, expected, label);
			checked.add(label);
		}
		assertThat(checked).containsExactly("ZF2024 2024-01 cutoff", "ZF2024 2024-01 month-end",
				"ZF2024 2024-07 cutoff", "ZF2024 2024-07 month-end");
	}

	@Test
	void theStockIsNeverDifferencedNorSummedOverMonths() {
		// P7: 玉带街道 148 (January) → 153 (June) → 151 (July): every month-end month figure
		// equals the cumulative column, the value of the table used (April: January's,
		// carried forward); months with no table of their own are not rolled up
		assertThat(WarehouseQueries.query(home,
				"""
						select strftime(period, '%Y-%m') as m, enterprises_supervised as month, enterprises_supervised_cum as cum
						from rollup_month_end where campaign = 'ZF2024' and region_code = '519902001' order by period"""))
			.extracting(r -> r.get("m") + " " + r.get("month") + " " + r.get("cum"))
			.containsExactly("2024-01 148 148", "2024-04 148 148", "2024-06 153 153", "2024-07 151 151");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theCountysOfficialTableIsInTheSeedsLayoutWithBothRowsAndTheRates() throws IOException {
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		Map<String, Object> expected = samples
			.<List<Map<String, Object>>>read(
					"$.rollups[?(@.campaign == 'ZF2024' && @.period == '2024-07' && @.kind == 'month-end')]")
			.get(0);
		Map<String, Object> county = ((List<Map<String, Object>>) expected.get("rows")).stream()
			.filter(r -> "519902".equals(r.get("region_code")))
			.findFirst()
			.orElseThrow();
		List<Object> columns = samples.read("$.form_columns.F-003-II");
		String totalLabel = samples.read("$.outbox_total_label.F-003-II");
		Path xlsx = home.resolve("outbox/ZF2024/2024-07/month-end/鹤鸣县-ZF2024-2024-07-month-end.xlsx");
		try (InputStream in = Files.newInputStream(xlsx); Workbook workbook = new XSSFWorkbook(in)) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(text(sheet, 0, 0)).isEqualTo("鹤鸣县2024年安全生产执法质效提升行动情况统计表（二）");
			assertThat(text(sheet, 1, 0)).isEqualTo("填报地区（部门）：鹤鸣县");
			assertThat(text(sheet, 2, 0)).isEqualTo("月份：2024年7月");
			// the merged two-row header: 单位 over two columns, the groups over their
			// columns
			assertThat(sheet.getMergedRegions()).extracting(CellRangeAddress::formatAsString)
				.contains("A4:B5", "C4:C5", "E4:E5", "F4:G4", "H4:J4", "K4:N4", "O4:R4", "A6:A7");
			assertThat(text(sheet, 3, 0)).isEqualTo("单位");
			assertThat(text(sheet, 3, 2)).isEqualTo("监管企业(单位)总数(家)");
			assertThat(text(sheet, 4, 8)).isEqualTo("占实际检查企业(单位)总数比例(%)");
			// the deployment merged over its rows 本月数 and 累计数
			assertThat(text(sheet, 5, 0)).isEqualTo("鹤鸣县");
			assertThat(text(sheet, 5, 1)).isEqualTo("本月数");
			assertThat(text(sheet, 6, 1)).isEqualTo(totalLabel);
			Map<String, Object> month = (Map<String, Object>) county.get("measures");
			Map<String, Object> cum = (Map<String, Object>) county.get("cum");
			int column = 2;
			for (Object c : columns) {
				if (c instanceof String code) {
					assertThat(number(sheet, 5, column)).as("本月数 " + code)
						.isCloseTo(new BigDecimal(String.valueOf(month.get(code))).doubleValue(), within(1e-9));
					assertThat(number(sheet, 6, column)).as("累计数 " + code)
						.isCloseTo(new BigDecimal(String.valueOf(cum.get(code))).doubleValue(), within(1e-9));
				}
				else {
					// a rate: a percentage cell of the row's own figures
					Map<String, Object> rate = (Map<String, Object>) c;
					Cell cell = sheet.getRow(6).getCell(column);
					assertThat(cell.getCellStyle().getDataFormatString()).as((String) rate.get("rate"))
						.isEqualTo("0.00%");
					assertThat(text(sheet, 4, column).isEmpty() ? text(sheet, 3, column) : text(sheet, 4, column))
						.isEqualTo(rate.get("rate"));
					if (rate.containsKey("num")) {
						assertThat(cell.getNumericCellValue())
							.isCloseTo(((Number) cum.get(rate.get("num"))).doubleValue()
									/ ((Number) cum.get(rate.get("den"))).doubleValue(), within(1e-9));
						assertThat(number(sheet, 5, column))
							.isCloseTo(((Number) month.get(rate.get("num"))).doubleValue()
									/ ((Number) month.get(rate.get("den"))).doubleValue(), within(1e-9));
						assertThat(cell.getNumericCellValue()).isCloseTo((Double) county.get("coverage_rate"),
								within(1e-6));
					}
				}
				column++;
			}
			assertThat(column).isEqualTo(19);
			// 违法行为查处率 of the 累计数 row: 立案数 41 ÷ 排查隐患数 617
			assertThat(number(sheet, 6, 9)).isCloseTo(41.0 / 617, within(1e-9));
			assertThat(text(sheet, 7, 0)).startsWith("填报人签字");
			assertThat(text(sheet, 7, 13)).isEqualTo("日期：2024年9月2日");
		}
	}

	private static String text(Sheet sheet, int row, int column) {
		Row r = sheet.getRow(row);
		Cell cell = r == null ? null : r.getCell(column);
		// header texts carry the line breaks the writer chose
		return cell == null || cell.getCellType() != CellType.STRING ? "" : cell.getStringCellValue().replace("\n", "");
	}

	private static double number(Sheet sheet, int row, int column) {
		Cell cell = sheet.getRow(row).getCell(column);
		assertThat(cell.getCellType()).as("row " + (row + 1) + " column " + (column + 1)).isEqualTo(CellType.NUMERIC);
		return cell.getNumericCellValue();
	}

}
