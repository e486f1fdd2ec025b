package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the sample inbox (samples/ at the repository root, the generated county
 * 鹤鸣县) reads to its F-000 table.
 */
class SampleInboxReadingTests {

	private static Path samples;

	private static List<String> f000;

	private static final SummaryTableFileReader reader = new SummaryTableFileReader();

	@BeforeAll
	static void loadExpected() throws IOException {
		samples = Path.of(System.getProperty("anjian.samples", "../samples"));
		f000 = JsonPath.read(Files.readString(samples.resolve("expected.json")), "$.forms.F-000");
	}

	static Stream<Map<String, Object>> sampleFiles() throws IOException {
		Path root = Path.of(System.getProperty("anjian.samples", "../samples"));
		List<Map<String, Object>> files = JsonPath.read(Files.readString(root.resolve("expected.json")), "$.files");
		return files.stream().filter(file -> file.containsKey("sheet"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sampleFiles")
	void readsTheF000TableOnTheExpectedSheet(Map<String, Object> expected) {
		// given
		Path file = samples.resolve("inbox").resolve((String) expected.get("path"));

		// when
		SubmissionRead read = reader.read(file);

		// then
		assertThat(read.format()).isEqualTo(expected.get("format"));
		assertThat(read.findings()).isEmpty();
		SummaryTable table = read.table();
		assertThat(table.sheet()).isEqualTo(expected.get("sheet"));
		assertThat(table.formId()).isEqualTo("F-000");
		assertThat(table.headerColumns().keySet()).containsExactlyElementsOf(f000);
		assertThat(table.title()).contains("统计汇总表");
		assertThat(table.fields().get("填报单位")).isNotBlank();
		assertThat(table.firstMonth()).isEqualTo(YearMonth.of(2024, 4));
		@SuppressWarnings("unchecked")
		List<String> quirks = (List<String>) expected.get("quirks");
		if (quirks.contains("title_month_blank")) {
			assertThat(table.lastMonth()).isNull();
		}
		else {
			assertThat(table.lastMonth()).isEqualTo(YearMonth.parse((String) expected.get("period")));
		}
		assertThat(table.rows()).isNotEmpty().allSatisfy(row -> {
			assertThat(row.total()).isFalse();
			assertThat(row.label()).isNotBlank().isEqualTo(row.label().strip());
			assertThat(row.cells().keySet()).containsExactlyElementsOf(f000);
			assertThat(row.cells().values()).allSatisfy(cell -> assertThat(cell.isNumber()).isTrue());
		});
		assertThat(table.totalRow()).isNotNull();
		assertThat(table.totalRow().rowNumber()).isGreaterThan(table.rows().get(table.rows().size() - 1).rowNumber());
	}

	@Test
	void readsTheXinchangMayTableWithItsTotalOnRow15AndLabelsAsWritten() {
		// given
		Path file = samples.resolve("inbox/2024-05/新场镇5月统计表.xlsx");

		// when
		SummaryTable table = reader.read(file).table();

		// then
		assertThat(table.totalRow().rowNumber()).isEqualTo(15);
		assertThat(table.totalRow().label()).isEqualTo("合  计");
		assertThat(table.fields()).containsEntry("填报单位", "新场镇")
			.containsEntry("填报时间", "2024年5月14日")
			.containsEntry("负责人", "李春梅")
			.containsEntry("填报人", "曾德明")
			.containsEntry("联系电话", "18728350092");
		assertThat(table.rows()).extracting(TableRow::label)
			.containsExactly("应急管理", "交通运输", "住建", "市场监管", "文化旅游", "消防", "城镇燃气");
		assertThat(table.rows().get(0).rowNumber()).isEqualTo(8);
		assertThat(table.headerColumns()).containsEntry("inspection_teams", "B")
			.containsEntry("fines_wan", "N")
			.containsEntry("selfcheck_hazards_major", "X");
		assertThat(table.headerTexts()).containsEntry("hazards_major", "发现隐患数量/重大事故隐患");
		assertThat(table.rows().get(0).cells().get("fines_wan").number()).isEqualByComparingTo("1.55");
		assertThat(table.totalRow().cells().get("fines_wan").number()).isEqualByComparingTo("21.1");
	}

	@Test
	void keepsLabelsAndSubmitterAsWrittenButTrimmed() {
		// given
		Path file = samples.resolve("inbox/2024-04/附件1统计汇总表（桃源镇）.xlsx");

		// when
		SummaryTable table = reader.read(file).table();

		// then
		assertThat(table.fields()).containsEntry("填报单位", "桃源镇人民政府").containsEntry("填报时间", "").containsEntry("负责人", "");
		assertThat(table.rows()).extracting(TableRow::label).contains("交通运输局", "住建局");
		assertThat(table.rows().get(0).cells().get("rectified_major"))
			.isEqualTo(new CellValue("J", "/", java.math.BigDecimal.ZERO));
	}

}
