package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every F-003-II table of the second sample county (samples-b, campaign ZF2024: .xlsx,
 * .xls and a GBK CSV; the 单位 cell merged over both rows, repeated or empty; 月份 on its own
 * row or beside 填报地区; rates as 37.91, “37.91%” or a percent-formatted cell): one 累计数 row
 * and one 本月数 row, both labelled with the unit, every measure a number, the three rate
 * columns found.
 */
class SampleBF003IIReadingTests {

	private static final Path SAMPLES_B = Path
		.of(System.getProperty("anjian.samples", "../samples").replaceAll("samples$", "samples-b"));

	private final SummaryTableFileReader reader = new SummaryTableFileReader();

	static Stream<Map<String, Object>> f003Files() throws IOException {
		List<Map<String, Object>> files = JsonPath.read(Files.readString(SAMPLES_B.resolve("expected.json")),
				"$.files[?(@.campaign == 'ZF2024')]");
		return files.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("f003Files")
	@SuppressWarnings("unchecked")
	void readsBothRowsAndTheRatesOfEveryF003IITable(Map<String, Object> expected) throws IOException {
		// given
		Path file = SAMPLES_B.resolve("inbox").resolve((String) expected.get("path"));
		List<String> measures = JsonPath.read(Files.readString(SAMPLES_B.resolve("expected.json")), "$.forms.F-003-II");

		// when
		SubmissionRead read = reader.read(file);

		// then
		assertThat(read.findings()).isEmpty();
		SummaryTable table = read.table();
		assertThat(table.formId()).isEqualTo("F-003-II");
		assertThat(table.unitRows()).isTrue();
		if (!String.valueOf(expected.get("format")).startsWith("csv")) {
			// a CSV's one sheet is named after the file
			assertThat(table.sheet()).isEqualTo(expected.get("sheet"));
		}
		assertThat(table.headerColumns().keySet()).containsExactlyElementsOf(measures);
		assertThat(table.fields().get("填报单位")).isNotBlank();
		assertThat(table.fields().get("月份")).isNotBlank();
		assertThat(table.totalRow()).isNull();
		TableRow cumulative = table.rows().get(0);
		assertThat(table.rows()).hasSize(1);
		assertThat(table.monthRows()).singleElement().satisfies(month -> {
			assertThat(month.rowNumber()).isEqualTo(cumulative.rowNumber() - 1);
			assertThat(month.label()).isEqualTo(cumulative.label()).isNotBlank();
		});
		for (TableRow row : List.of(cumulative, table.monthRows().get(0))) {
			assertThat(row.cells().keySet()).containsExactlyElementsOf(measures);
			assertThat(row.cells().values()).allSatisfy(cell -> assertThat(cell.isNumber()).isTrue());
			assertThat(row.rates().keySet()).containsExactly("coverage_rate", "case_share", "violation_rate");
			assertThat(row.rates().get("coverage_rate").column()).isEqualTo("E");
			assertThat(row.rates().get("case_share").column()).isEqualTo("I");
			assertThat(row.rates().get("violation_rate").column()).isEqualTo("J");
		}
		if (((List<String>) expected.get("quirks")).contains("unit:empty")) {
			// the unit comes from 填报地区(部门)
			assertThat(cumulative.label()).isEqualTo(table.fields().get("填报单位"));
		}
	}

}
