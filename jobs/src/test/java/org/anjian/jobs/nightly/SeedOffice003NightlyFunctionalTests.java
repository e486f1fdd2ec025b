package org.anjian.jobs.nightly;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.jobs.support.offices.SeedOffice;
import org.anjian.jobs.support.offices.SeedOfficeInbox.SentList;
import org.anjian.jobs.support.offices.SeedOffices;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Seed 003 (石狮市 执法提升专项行动): “每月30日前报送上月执法统计表(附件1、2)”, from January, 顺延 — F-003-II tables
 * per unit (本月数 and 累计数 rows, the rates written), F-003-I inspection records beside some
 * of them.
 */
class SeedOffice003NightlyFunctionalTests extends SeedOfficeNightlyFunctionalTests {

	@Override
	SeedOffice office() {
		return SeedOffices.seed003();
	}

	@Test
	void februarysThirtiethIsItsLastDayAndMarchsSaturdayMovesFebruaryIntoApril() {
		assertThat(office.campaign().csv()).isEqualTo("ZF2024,执法提升专项行动,2024-01,2024-12,30,执法提升,F-003-II,later,,next");
		// January's table: 30 February does not exist → Thursday 29 February
		assertThat(calendar.deadline(YearMonth.of(2024, 1))).isEqualTo(LocalDate.of(2024, 2, 29));
		YearMonth february = YearMonth.of(2024, 2);
		// 30 March a Saturday → 顺延 → Monday 1 April, past the month of the unshifted
		// deadline: the month-end as of that day too
		assertThat(calendar.deadline(february)).isEqualTo(LocalDate.of(2024, 4, 1));
		assertThat(rules(sent("SS04", february).get(0))).doesNotContain("LATE");
		assertThat(rosterLine(february, "cutoff", "SS04")).containsEntry("status", "on_time")
			.containsEntry("as_of", "2024-04-01T23:59:59");
		assertThat(rules(sent("SS03", february).get(0))).doesNotContain("LATE");
		assertThat(rosterLine(february, "cutoff", "SS03")).containsEntry("status", "on_time");
		assertThat(rules(sent("SS05", february).get(0))).contains("LATE");
		assertThat(rosterLine(february, "month-end", "SS05")).containsEntry("status", "missing")
			.containsEntry("as_of", "2024-04-01T23:59:59");
		// May: 30 June a Sunday → 1 July; October: 30 November a Saturday → 2 December
		YearMonth may = YearMonth.of(2024, 5);
		assertThat(calendar.deadline(may)).isEqualTo(LocalDate.of(2024, 7, 1));
		assertThat(rosterLine(may, "cutoff", "SS02")).containsEntry("status", "on_time");
		assertThat(rules(sent("SS06", may).get(0))).contains("LATE");
		// the month-end is as of the shifted day too: a table the day after is late and
		// not in it
		assertThat(rosterLine(may, "month-end", "SS06")).containsEntry("status", "missing")
			.containsEntry("carried_forward", true)
			.containsEntry("as_of", "2024-07-01T23:59:59");
		assertThat(rosterLine(YearMonth.of(2024, 10), "cutoff", "SS04")).containsEntry("status", "on_time")
			.containsEntry("as_of", "2024-12-02T23:59:59");
	}

	@Test
	void decembersTableIsDueAfter春节InFebruary2025() throws Exception {
		YearMonth december = YearMonth.of(2024, 12);
		// 30 January 2025 is 春节 (28 January – 4 February) → Wednesday 5 February
		assertThat(calendar.deadline(december)).isEqualTo(LocalDate.of(2025, 2, 5));
		assertThat(rules(sent("SS07", december).get(0))).doesNotContain("LATE");
		assertThat(rules(sent("SS01", december).get(0))).doesNotContain("LATE");
		assertThat(rosterLine(december, "cutoff", "SS01")).containsEntry("status", "on_time")
			.containsEntry("as_of", "2025-02-05T23:59:59");
		assertThat(rules(sent("SS03", december).get(0))).contains("LATE");
		assertThat(rosterLine(december, "month-end", "SS03")).containsEntry("status", "missing")
			.containsEntry("as_of", "2025-02-05T23:59:59");
		// the two moved month-end tables, dated their as_of
		assertThat(footerDate(YearMonth.of(2024, 2))).isEqualTo("日期：2024年4月1日");
		assertThat(footerDate(december)).isEqualTo("日期：2025年2月5日");
	}

	@Test
	void theStockIsItsValueEveryMonthAndTheCoverageRateIsOfTheCumulativeFigures() {
		List<Map<String, Object>> rows = WarehouseQueries.query(home,
				"select enterprises_supervised as s, enterprises_supervised_cum as c, enterprises_inspected_cum as i,"
						+ " coverage_rate as r from rollup_month_end where campaign = 'ZF2024' and region_code = '"
						+ office.county().code() + "' and industry_code = 'ALL' order by period");
		assertThat(rows).hasSize(12);
		for (Map<String, Object> row : rows) {
			double supervised = ((Number) row.get("c")).doubleValue();
			assertThat(((Number) row.get("s")).doubleValue()).isEqualTo(supervised);
			// seven units of 260–340 enterprises each, not a sum over months
			assertThat(supervised).isBetween(7 * 240.0, 7 * 360.0);
			assertThat(((Number) row.get("r")).doubleValue())
				.isCloseTo(((Number) row.get("i")).doubleValue() / supervised, within(1e-9));
		}
	}

	@Test
	void theInspectionRecordsThatLeaveAnEnterpriseOutAreTheOneFinding() {
		List<SentList> lists = generated.lists();
		assertThat(lists).hasSizeGreaterThanOrEqualTo(2);
		assertThat(WarehouseQueries.query(home,
				"select path, status from audit_file where list_kind = 'inspection_record' order by path"))
			.extracting(r -> ((String) r.get("path")).replace('\\', '/') + " " + r.get("status"))
			.containsExactlyInAnyOrderElementsOf(lists.stream().map(l -> l.path() + " loaded").toList());
		SentList wrong = lists.stream().filter(l -> !l.agrees()).findFirst().orElseThrow();
		String name = office.submitters()
			.stream()
			.filter(s -> s.code().equals(wrong.submitter()))
			.findFirst()
			.orElseThrow()
			.name();
		List<Map<String, Object>> findings = WarehouseQueries.query(home,
				"""
						select submitter_code, strftime(period, '%Y-%m') as period, campaign, list_count, reported_count, message
						from audit_reconciliation where rule = 'INSPECTION_RECORD_MISMATCH'""");
		assertThat(findings).singleElement().satisfies(f -> {
			assertThat(f).containsEntry("submitter_code", wrong.submitter())
				.containsEntry("period", wrong.period().toString())
				.containsEntry("campaign", "ZF2024")
				.containsEntry("list_count", wrong.listEnterprises());
			assertThat(((Number) f.get("reported_count")).longValue()).isEqualTo(wrong.reportedEnterprises());
			assertThat((String) f.get("message")).contains(name,
					wrong.period().getYear() + "年" + wrong.period().getMonthValue() + "月",
					"检查企业 " + wrong.listEnterprises() + " 家", "现场监督检查企业 " + wrong.reportedEnterprises() + " 家");
		});
	}

	private String footerDate(YearMonth period) throws Exception {
		Path xlsx = home.resolve("outbox/ZF2024/" + period + "/month-end/石狮市-ZF2024-" + period + "-month-end.xlsx");
		try (InputStream in = Files.newInputStream(xlsx); Workbook wb = new XSSFWorkbook(in)) {
			Sheet sheet = wb.getSheetAt(0);
			for (Row row : sheet) {
				for (Cell cell : row) {
					if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().startsWith("日期：")) {
						return cell.getStringCellValue();
					}
				}
			}
		}
		return null;
	}

}
