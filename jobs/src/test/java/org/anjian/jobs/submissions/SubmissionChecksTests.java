package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.readers.CellValue;
import org.anjian.readers.Finding;
import org.anjian.readers.Severity;
import org.anjian.readers.SummaryTable;
import org.anjian.readers.TableRow;
import org.anjian.warehouse.MeasureCatalog;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link SubmissionChecks}, one focused case each: a table that passes
 * every rule, changed in one cell, gives exactly the one finding of that rule, with its
 * code, severity, row, column and the message a clerk reads.
 */
class SubmissionChecksTests {

	private static final String SHEET = "汇总表";

	/**
	 * The F-000 measures in the form's column order; the label is in B, the measures from
	 * C on.
	 */
	private static final List<String> F000 = List.of("inspection_teams", "inspectors", "experts",
			"enterprises_inspected", "hazards_total", "hazards_major", "hazards_general", "rectified_total",
			"rectified_major", "rectified_general", "emergency_measures", "cases_filed", "fines_wan",
			"double_penalty_cases", "closures_requested", "licenses_revoked", "suspensions_ordered",
			"enforcement_documents", "joint_punishments", "criminal_transfers", "selfcheck_enterprises",
			"selfcheck_hazards", "selfcheck_hazards_major");

	private final SubmissionChecks checks = new SubmissionChecks(MeasureCatalog.standard());

	@Test
	void aConsistentTableWithAFineInDecimalsAndWholeNumbersWrittenWithZerosGivesNoFinding() {
		SummaryTable table = table(null, row(7, "住建", Map.of("fines_wan", "1.25", "inspectors", "6.00")),
				row(8, "应急管理", Map.of()));

		assertThat(checks.mandatory(table)).isEmpty();
		assertThat(checks.advisory(table)).isEmpty();
	}

	// mandatory: values

	@Test
	void aMeasureThatIsNotANumberIsRejectedNamingTheTextAsWritten() {
		SummaryTable table = table(null, row(7, "住建", Map.of("experts", "两人")));

		assertThat(checks.mandatory(table)).containsExactly(
				Finding.error("NOT_A_NUMBER", SHEET, 7, "E", "第7行“住建”E列（聘用安全专家）：“两人”不是数字（空白、“/”、“—”、“无”按 0 处理）"));
	}

	@Test
	void aNegativeMeasureIsRejected() {
		SummaryTable table = table(null, row(7, "住建", Map.of("experts", "-1")));

		assertThat(checks.mandatory(table))
			.containsExactly(Finding.error("NEGATIVE", SHEET, 7, "E", "第7行“住建”E列（聘用安全专家）：-1 是负数，统计数不能小于 0"));
	}

	@Test
	void aCountWithAFractionIsRejectedNamingItsUnit() {
		SummaryTable table = table(null, row(7, "住建", Map.of("inspectors", "6.5")));

		assertThat(checks.mandatory(table))
			.containsExactly(Finding.error("NOT_WHOLE", SHEET, 7, "D", "第7行“住建”D列（出动执法人员）：6.5 不是整数，该项以人次计，应填整数"));
	}

	@Test
	void theColumnIsNamedByItsHeaderAsFoundInTheFileWhenTheReaderGivesIt() {
		SummaryTable table = table(Map.of("experts", "聘请专家"), row(7, "住建", Map.of("experts", "-1")));

		assertThat(checks.mandatory(table)).extracting(Finding::message)
			.containsExactly("第7行“住建”E列（聘请专家）：-1 是负数，统计数不能小于 0");
	}

	// mandatory: arithmetic

	@Test
	void hazardsFoundThatDoNotAddUpAreRejectedOnTheTotalColumn() {
		SummaryTable table = table(null, row(7, "住建", Map.of("hazards_general", "8")));

		assertThat(checks.mandatory(table))
			.containsExactly(Finding.error("HAZARD_SUM", SHEET, 7, "G", "第7行“住建”：发现隐患总计 12 ≠ 重大 3 + 一般 8"));
	}

	@Test
	void hazardsRectifiedThatDoNotAddUpAreRejectedOnTheTotalColumn() {
		SummaryTable table = table(null, row(7, "住建", Map.of("rectified_general", "7")));

		assertThat(checks.mandatory(table))
			.containsExactly(Finding.error("RECTIFIED_SUM", SHEET, 7, "J", "第7行“住建”：已整改隐患总计 10 ≠ 重大 2 + 一般 7"));
	}

	@Test
	void moreMajorHazardsRectifiedThanFoundIsRejected() {
		SummaryTable table = table(null,
				row(7, "住建", Map.of("rectified_major", "4", "rectified_general", "8", "rectified_total", "12")));

		assertThat(checks.mandatory(table)).containsExactly(Finding.error("RECTIFIED_EXCEEDS_FOUND", SHEET, 7, "K",
				"第7行“住建”：已整改重大事故隐患 4 大于发现重大事故隐患 3（累计表中已整改数不能超过发现数）"));
	}

	@Test
	void moreGeneralHazardsRectifiedThanFoundIsRejected() {
		SummaryTable table = table(null, row(7, "住建", Map.of("rectified_general", "10", "rectified_total", "12")));

		assertThat(checks.mandatory(table)).containsExactly(Finding.error("RECTIFIED_EXCEEDS_FOUND", SHEET, 7, "L",
				"第7行“住建”：已整改一般事故隐患 10 大于发现一般事故隐患 9（累计表中已整改数不能超过发现数）"));
	}

	@Test
	void moreHazardsRectifiedInAllThanFoundIsRejectedOnTheTotalAndOnThePartThatExceeds() {
		SummaryTable table = table(null,
				row(7, "住建", Map.of("rectified_general", "11", "rectified_total", "13", "rectified_major", "2")));

		assertThat(checks.mandatory(table)).containsExactly(
				Finding.error("RECTIFIED_EXCEEDS_FOUND", SHEET, 7, "J",
						"第7行“住建”：已整改隐患总计 13 大于发现隐患总计 12（累计表中已整改数不能超过发现数）"),
				Finding.error("RECTIFIED_EXCEEDS_FOUND", SHEET, 7, "L",
						"第7行“住建”：已整改一般事故隐患 11 大于发现一般事故隐患 9（累计表中已整改数不能超过发现数）"));
	}

	@Test
	void moreMajorHazardsThanHazardsInTheSelfCheckIsRejected() {
		SummaryTable table = table(null, row(7, "住建", Map.of("selfcheck_hazards_major", "6")));

		List<Finding> findings = checks.mandatory(table);

		assertThat(findings)
			.extracting(Finding::severity, Finding::rule, Finding::sheet, Finding::rowNumber, Finding::column)
			.containsExactly(tuple(Severity.ERROR, "SELFCHECK_MAJOR_EXCEEDS", SHEET, 7, "Y"));
		// the reason is the self-check's own, not the rectified rules' (“已整改数不能超过发现数”)
		assertThat(findings.get(0).message())
			.isEqualTo("第7行“住建”：企业自查重大事故隐患 6 大于自查发现隐患 5（自查发现的重大事故隐患是自查发现隐患的一部分，不能超过它）");
	}

	@Test
	void aTotalRowThatIsNotTheSumOfTheRowsIsRejectedOnTheTotalRow() {
		SummaryTable table = table(null, List.of(row(7, "住建", Map.of()), row(8, "应急管理", Map.of())),
				totalRow(9, "合  计", 2, Map.of("hazards_total", "25")));

		assertThat(checks.mandatory(table))
			.containsExactly(Finding.error("TOTAL_MISMATCH", SHEET, 9, "G", "第9行“合计”G列（发现隐患数量/总计）：25 ≠ 各行之和 24"));
	}

	@Test
	void aTotalRowIsNotComparedInAColumnWhereARowIsNotANumberThatRowIsReportedInstead() {
		SummaryTable table = table(null, List.of(row(7, "住建", Map.of("experts", "两人")), row(8, "应急管理", Map.of())),
				totalRow(9, "合计", 2, Map.of("experts", "5")));

		assertThat(checks.mandatory(table)).extracting(Finding::rule, Finding::rowNumber)
			.containsExactly(tuple("NOT_A_NUMBER", 7));
	}

	@Test
	void aTotalRowThatIsNotANumberIsReportedOnTheTotalRow() {
		SummaryTable table = table(null, List.of(row(7, "住建", Map.of())),
				totalRow(8, "合计", 1, Map.of("experts", "见附表")));

		assertThat(checks.mandatory(table)).containsExactly(
				Finding.error("NOT_A_NUMBER", SHEET, 8, "E", "第8行“合计”E列（聘用安全专家）：“见附表”不是数字（空白、“/”、“—”、“无”按 0 处理）"));
	}

	// advisory

	@Test
	void moreDoublePenaltiesThanCasesIsAWarning() {
		SummaryTable table = table(null, row(7, "住建", Map.of("double_penalty_cases", "3")));

		assertThat(checks.mandatory(table)).isEmpty();
		assertThat(checks.advisory(table)).containsExactly(
				Finding.warning("DOUBLE_PENALTY_ABOVE_CASES", SHEET, 7, "P", "第7行“住建”：一案双罚、一案多罚 3 起多于立案 2 起，请核实"));
	}

	@Test
	void fewerInspectorsThanTeamsIsAWarning() {
		SummaryTable table = table(null, row(7, "住建", Map.of("inspectors", "1")));

		assertThat(checks.mandatory(table)).isEmpty();
		assertThat(checks.advisory(table)).containsExactly(
				Finding.warning("INSPECTORS_BELOW_TEAMS", SHEET, 7, "D", "第7行“住建”：出动执法人员 1 人次少于派出检查小组 2 个，请核实"));
	}

	@Test
	void hazardsFoundWithNoEnterpriseInspectedIsAWarning() {
		SummaryTable table = table(null, row(7, "住建", Map.of("enterprises_inspected", "/")));

		assertThat(checks.mandatory(table)).isEmpty();
		assertThat(checks.advisory(table)).containsExactly(
				Finding.warning("HAZARDS_WITHOUT_INSPECTION", SHEET, 7, "F", "第7行“住建”：发现隐患 12 项，但检查企业数量为 0，请核实"));
	}

	@Test
	void aTableReceivedAfterTheDeadlineDayIsLateButNotOnTheDeadlineDayItself() {
		SummaryTable table = table(null, row(7, "住建", Map.of()));
		LocalDate deadline = LocalDate.of(2024, 5, 22);
		LocalDateTime monthEnd = LocalDateTime.of(2024, 5, 31, 23, 59, 59);

		assertThat(checks.late(table, LocalDateTime.of(2024, 5, 23, 9, 10), deadline, monthEnd))
			.containsExactly(Finding.warning("LATE", SHEET, null, null,
					"报送时间 2024-05-23 09:10 晚于截止日 2024-05-22：本表不计入截止日汇总，计入月末汇总（截至 2024-05-31 23:59:59）"));
		assertThat(checks.late(table, LocalDateTime.of(2024, 5, 22, 23, 59, 59), deadline, monthEnd)).isEmpty();
		assertThat(checks.late(table, LocalDateTime.of(2024, 5, 23, 9, 10), null, monthEnd)).isEmpty();
	}

	@Test
	void aTableReceivedAfterTheMonthEndAsOfIsNotSaidToCountInTheMonthEndRollup() {
		SummaryTable table = table(null, row(7, "住建", Map.of()));

		assertThat(checks.late(table, LocalDateTime.of(2024, 6, 3, 8, 0), LocalDate.of(2024, 5, 22),
				LocalDateTime.of(2024, 5, 31, 23, 59, 59)))
			.containsExactly(Finding.warning("LATE", SHEET, null, null,
					"报送时间 2024-06-03 08:00 晚于截止日 2024-05-22：本表不计入截止日汇总，也不计入月末汇总（月末汇总截至 2024-05-31 23:59:59，本表晚于该时刻）"));
	}

	@Test
	void aCumulativeFigureBelowTheSameSubmittersEarlierMonthIsAWarning() {
		SummaryTable table = table(null, row(7, "住建", Map.of()), row(8, "应急管理", Map.of()));
		Map<String, Map<String, BigDecimal>> previous = Map.of("zj",
				Map.of("hazards_total", new BigDecimal("15"), "experts", BigDecimal.ONE));

		List<Finding> findings = checks.decreases(table, previous, r -> "住建".equals(r.label()) ? "zj" : "yjgl",
				"2024年4月");

		assertThat(findings).containsExactly(Finding.warning("CUMULATIVE_DECREASE", SHEET, 7, "G",
				"第7行“住建”G列（发现隐患数量/总计）：累计数 12 少于2024年4月的累计数 15，请核实是否填成了当月数"));
		assertThat(checks.decreases(table, Map.of(), r -> "zj", "2024年4月")).isEmpty();
	}

	// the table under test

	/**
	 * One industry row that passes every rule: 12 hazards found (3 major + 9 general), 10
	 * rectified (2 + 8), 2 teams of 6 inspectors, 2 cases with 1 double penalty, 5
	 * self-check hazards with 1 major; {@code changes} overrides cells by measure code
	 * with the text as written.
	 */
	private static TableRow row(int rowNumber, String label, Map<String, String> changes) {
		Map<String, String> raw = new LinkedHashMap<>();
		raw.put("inspection_teams", "2");
		raw.put("inspectors", "6");
		raw.put("experts", "1");
		raw.put("enterprises_inspected", "10");
		raw.put("hazards_total", "12");
		raw.put("hazards_major", "3");
		raw.put("hazards_general", "9");
		raw.put("rectified_total", "10");
		raw.put("rectified_major", "2");
		raw.put("rectified_general", "8");
		raw.put("emergency_measures", "1");
		raw.put("cases_filed", "2");
		raw.put("fines_wan", "1.5");
		raw.put("double_penalty_cases", "1");
		raw.put("closures_requested", "0");
		raw.put("licenses_revoked", "0");
		raw.put("suspensions_ordered", "1");
		raw.put("enforcement_documents", "4");
		raw.put("joint_punishments", "0");
		raw.put("criminal_transfers", "0");
		raw.put("selfcheck_enterprises", "3");
		raw.put("selfcheck_hazards", "5");
		raw.put("selfcheck_hazards_major", "1");
		raw.putAll(changes);
		return tableRow(rowNumber, label, false, raw);
	}

	/**
	 * The 合计 row of {@code rows} baseline rows (their sums), with {@code changes} as
	 * written.
	 */
	private static TableRow totalRow(int rowNumber, String label, int rows, Map<String, String> changes) {
		Map<String, String> raw = new LinkedHashMap<>();
		row(0, "", Map.of()).cells()
			.forEach((code, cell) -> raw.put(code, plain(cell.number().multiply(BigDecimal.valueOf(rows)))));
		raw.putAll(changes);
		return tableRow(rowNumber, label, true, raw);
	}

	private static TableRow tableRow(int rowNumber, String label, boolean total, Map<String, String> raw) {
		Map<String, CellValue> cells = new LinkedHashMap<>();
		raw.forEach((code, text) -> cells.put(code, new CellValue(column(code), text, number(text))));
		return new TableRow(rowNumber, "B", label, total, cells);
	}

	private static SummaryTable table(Map<String, String> headerTexts, TableRow... rows) {
		return table(headerTexts, List.of(rows), null);
	}

	private static SummaryTable table(Map<String, String> headerTexts, List<TableRow> rows, TableRow totalRow) {
		Map<String, String> columns = new LinkedHashMap<>();
		F000.forEach(code -> columns.put(code, column(code)));
		return new SummaryTable(SHEET, "F-000", "全县安全生产“强安2024”监管执法专项行动统计汇总表（2024年4月至5月）",
				Map.of("填报单位", "青川县住房和城乡建设局"), YearMonth.of(2024, 4), YearMonth.of(2024, 5), columns, headerTexts, rows,
				totalRow);
	}

	private static String column(String code) {
		return String.valueOf((char) ('C' + F000.indexOf(code)));
	}

	/**
	 * What the reader makes of the text: “/” is 0, a number is itself, anything else is
	 * not a number.
	 */
	private static BigDecimal number(String text) {
		if ("/".equals(text)) {
			return BigDecimal.ZERO;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String plain(BigDecimal v) {
		return v.stripTrailingZeros().toPlainString();
	}

}
