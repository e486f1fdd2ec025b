package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.readers.CellNumbers;
import org.anjian.readers.CellValue;
import org.anjian.readers.Finding;
import org.anjian.readers.SummaryTable;
import org.anjian.readers.TableRow;
import org.anjian.readers.forms.FormDefinition;
import org.anjian.readers.forms.FormDefinitions;
import org.anjian.warehouse.MeasureCatalog;
import org.junit.jupiter.api.Test;

/**
 * The checks of an F-003-II table (a unit's 本月数 and 累计数 rows, rate columns): the rates as
 * clerks write them, the month row against the cumulative rows, and the rules that hold
 * on the cumulative row only.
 */
class SubmissionChecksF003IITests {

	private static final FormDefinition F003II = FormDefinitions.bundled()
		.stream()
		.filter(f -> f.id().equals("F-003-II"))
		.findFirst()
		.orElseThrow();

	/** measure → column letter, as in 附件2 (rates in E, I, J). */
	private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("enterprises_supervised", "C"),
			Map.entry("enterprises_inspected", "D"), Map.entry("hazards_total", "F"), Map.entry("rectified_total", "G"),
			Map.entry("cases_filed", "H"), Map.entry("fines_wan", "L"));

	private final SubmissionChecks checks = new SubmissionChecks(MeasureCatalog.standard());

	@Test
	void ratesWrittenAsPercentTextOrPercentCellsOrToOneDecimalAreRight() {
		// 58 / 153 = 37.908 %; 6 / 58 = 10.345 %; 6 / 102 = 5.882 %
		for (String[] written : List.of(new String[] { "37.91", "10.34", "5.88" },
				new String[] { "37.91%", "10.34%", "5.88%" }, new String[] { "0.379085", "0.103448", "0.058824" },
				new String[] { "37.9", "10.3", "5.9" }, new String[] { "38", "10", "6" })) {
			SummaryTable table = table(7, "153", "58", "102", "90", "6", "6.8", written);

			assertThat(checks.rates(table)).as(String.join(" ", written)).isEmpty();
		}
	}

	@Test
	void aRateThatDisagreesWithItsFiguresIsAWarningNamingBothValues() {
		SummaryTable table = table(7, "153", "58", "102", "90", "6", "6.8", "10.14", "10.34", "5.88");

		assertThat(checks.rates(table)).containsExactly(Finding.warning("RATE_MISMATCH", "Sheet1", 7, "E",
				"第7行“石门镇”E列（检查覆盖率）：填报 10.14（按百分数读作 10.14%），按本行 检查企业数量 58 ÷ 监管企业总数 153 应为 37.91%，两者不符，请核实"));
	}

	@Test
	void aZeroDivisorWantsASlashOrNothing() {
		// no inspection, no hazard: 立案 shares have a zero divisor
		SummaryTable slash = table(7, "120", "0", "0", "0", "0", "0", "0.00%", "/", "");
		SummaryTable written = table(7, "120", "0", "0", "0", "0", "0", "0", "12.5", "/");

		assertThat(checks.rates(slash)).isEmpty();
		assertThat(checks.rates(written)).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo("RATE_MISMATCH");
			assertThat(f.column()).isEqualTo("I");
			assertThat(f.message()).contains("填报 12.5", "为 0", "应填“/”或留空");
		});
	}

	@Test
	void aMonthRowMayRectifyMoreThanItFindsButNotTheCumulativeRow() {
		SummaryTable table = new SummaryTable("Sheet1", "F-003-II", "", Map.of(), null, null, Map.of(), Map.of(),
				List.of(row(7, "135", "54", "68", "67", "10", "20.75")), null,
				List.of(row(6, "135", "5", "4", "8", "2", "5.55")), F003II);

		assertThat(checks.mandatory(table)).isEmpty();
		assertThat(checks.monthRows(table,
				Map.of("enterprises_inspected", new BigDecimal("49"), "hazards_total", new BigDecimal("64"),
						"rectified_total", new BigDecimal("59"), "cases_filed", new BigDecimal("8"), "fines_wan",
						new BigDecimal("15.2"), "enterprises_supervised", new BigDecimal("132")),
				"2024年6月"))
			.isEmpty();

		SummaryTable cumulativeExceeds = new SummaryTable("Sheet1", "F-003-II", "", Map.of(), null, null, Map.of(),
				Map.of(), List.of(row(7, "135", "54", "60", "67", "10", "20.75")), null, List.of(), F003II);
		assertThat(checks.mandatory(cumulativeExceeds)).extracting(Finding::rule)
			.containsExactly("RECTIFIED_EXCEEDS_FOUND");
	}

	@Test
	void aMonthRowOtherThanTheDifferenceOfTheCumulativeRowsAndAStockThatDiffersAreWarnings() {
		SummaryTable table = new SummaryTable("Sheet1", "F-003-II", "", Map.of(), null, null, Map.of(), Map.of(),
				List.of(row(7, "135", "54", "68", "67", "10", "20.75")), null,
				List.of(row(6, "130", "9", "4", "8", "2", "5.55")), F003II);

		List<Finding> findings = checks.monthRows(table,
				Map.of("enterprises_inspected", new BigDecimal("49"), "hazards_total", new BigDecimal("64"),
						"rectified_total", new BigDecimal("59"), "cases_filed", new BigDecimal("8"), "fines_wan",
						new BigDecimal("15.2")),
				"2024年6月");

		assertThat(findings).extracting(Finding::column).containsExactly("C", "D");
		assertThat(findings.get(0).message()).contains("130", "135", "存量");
		assertThat(findings.get(1).message())
			.isEqualTo("第6行“石门镇”本月数D列（检查企业数量）：9 ≠ 第7行累计数 54 − 2024年6月累计数 49 = 5，请核实本月数或累计数");
		// without the month before at hand only the stock is checked
		assertThat(checks.monthRows(table, null, null)).extracting(Finding::column).containsExactly("C");
	}

	private static SummaryTable table(int rowNumber, String supervised, String inspected, String hazards,
			String rectified, String cases, String fines, String... rates) {
		TableRow row = row(rowNumber, supervised, inspected, hazards, rectified, cases, fines);
		Map<String, CellValue> rateCells = new LinkedHashMap<>();
		String[] codes = { "coverage_rate", "case_share", "violation_rate" };
		String[] letters = { "E", "I", "J" };
		for (int i = 0; i < codes.length; i++) {
			rateCells.put(codes[i], new CellValue(letters[i], rates[i], CellNumbers.parse(rates[i])));
		}
		TableRow withRates = new TableRow(row.rowNumber(), "A", "石门镇", false, row.cells(), rateCells);
		return new SummaryTable("Sheet1", "F-003-II", "", Map.of(), null, null, Map.of(), Map.of(), List.of(withRates),
				null, List.of(), F003II);
	}

	private static TableRow row(int rowNumber, String supervised, String inspected, String hazards, String rectified,
			String cases, String fines) {
		Map<String, CellValue> cells = new LinkedHashMap<>();
		String[] codes = { "enterprises_supervised", "enterprises_inspected", "hazards_total", "rectified_total",
				"cases_filed", "fines_wan" };
		String[] values = { supervised, inspected, hazards, rectified, cases, fines };
		for (int i = 0; i < codes.length; i++) {
			cells.put(codes[i], new CellValue(COLUMNS.get(codes[i]), values[i], CellNumbers.parse(values[i])));
		}
		return new TableRow(rowNumber, "A", "石门镇", false, cells);
	}

}
