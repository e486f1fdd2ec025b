package org.anjian.writers.official;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.anjian.writers.exports.WarehouseFixture;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficialTableExporterTests {

	@TempDir
	Path outbox;

	final Clock clock = Clock.fixed(Instant.parse("2024-05-23T01:00:00Z"), ZoneId.of("Asia/Shanghai"));

	@Test
	void cutoffTableCarriesTheCountysCumulativeFiguresInTheTotalRow() throws Exception {
		try (Connection connection = WarehouseFixture.open()) {
			// given
			WarehouseFixture.referenceData(connection);
			WarehouseFixture.rollups(connection);
			// when
			Path xlsx = new OfficialTableExporter(connection, clock)
				.export(rollup("QA2024", YearMonth.of(2024, 5), "cutoff"), outbox);
			// then
			assertThat(xlsx).isEqualTo(outbox.resolve("QA2024/2024-05/cutoff/鹤鸣县-QA2024-2024-05-cutoff.xlsx"));
			try (Workbook wb = OfficialTableWriterTests.open(xlsx)) {
				Sheet sheet = wb.getSheetAt(0);
				assertThat(OfficialTableWriterTests.text(sheet, 0, 0)).isEqualTo("全县安全生产“强安2024”监管执法专项行动统计汇总表");
				assertThat(OfficialTableWriterTests.text(sheet, 1, 0)).isEqualTo("（2024年4月至5月）");
				assertThat(OfficialTableWriterTests.text(sheet, 2, 0)).isEqualTo("填报单位：鹤鸣县");
				assertThat(OfficialTableWriterTests.text(sheet, 2, 17)).isEqualTo("填报时间：2024年5月22日");
				// industries in reference-data order; 消防 has no rollup row and prints
				// zeros
				List<String> labels = Stream.of(7, 8, 9, 10, 11, 12)
					.map(r -> OfficialTableWriterTests.text(sheet, r, 0))
					.toList();
				assertThat(labels).containsExactly("应急管理", "交通运输", "住建", "市场监管", "消防", "合  计");
				assertThat(sheet.getRow(11).getCell(1).getNumericCellValue()).isZero();
				assertRow(sheet.getRow(12), sum(YearMonth.of(2024, 5), false));
				assertRow(sheet.getRow(9),
						WarehouseFixture.figures(YearMonth.of(2024, 5), WarehouseFixture.COUNTY, "zj")
							.values()
							.stream()
							.toList());
			}
		}
	}

	@Test
	void monthEndTablePrintsTheCumulativeColumns() throws Exception {
		try (Connection connection = WarehouseFixture.open()) {
			// given
			WarehouseFixture.referenceData(connection);
			WarehouseFixture.rollups(connection);
			// when
			Path xlsx = new OfficialTableExporter(connection, clock)
				.export(rollup("QA2024", YearMonth.of(2024, 5), "month-end"), outbox);
			// then
			assertThat(xlsx.getFileName().toString()).isEqualTo("鹤鸣县-QA2024-2024-05-month-end.xlsx");
			try (Workbook wb = OfficialTableWriterTests.open(xlsx)) {
				Sheet sheet = wb.getSheetAt(0);
				assertThat(OfficialTableWriterTests.text(sheet, 2, 17)).isEqualTo("填报时间：2024年5月31日");
				assertRow(sheet.getRow(12), sum(YearMonth.of(2024, 5), true));
			}
		}
	}

	@Test
	void aNoteUnderTheTableNamesTheUnitsCarriedForwardAndFromWhichMonth() throws Exception {
		try (Connection connection = WarehouseFixture.open()) {
			// given 新场镇 (HM04) sent nothing for May: carried forward from April
			WarehouseFixture.referenceData(connection);
			WarehouseFixture.rollups(connection);
			// when
			Path xlsx = new OfficialTableExporter(connection, clock)
				.export(rollup("QA2024", YearMonth.of(2024, 5), "cutoff"), outbox);
			// then the row after the footer holds the note, across the table
			try (Workbook wb = OfficialTableWriterTests.open(xlsx)) {
				Sheet sheet = wb.getSheetAt(0);
				assertThat(OfficialTableWriterTests.text(sheet, 12, 0)).isEqualTo("合  计");
				assertThat(OfficialTableWriterTests.text(sheet, 13, 0)).startsWith("负责人");
				assertThat(OfficialTableWriterTests.text(sheet, 14, 0))
					.isEqualTo("注：以下1个单位2024年5月未报送，沿用此前报表数据（括号内为所用报表的月份）：新场镇（2024年4月）。");
				assertThat(OfficialTableWriterTests.merges(xlsx)).contains("A15:X15");
				assertThat(wb.getPrintArea(0)).endsWith("$15");
			}
			// and a month everybody reported has no note
			try (Statement st = connection.createStatement()) {
				st.execute("update rollup_roster set carried_forward = false, carried_from_period = null");
			}
			Path again = new OfficialTableExporter(connection, clock)
				.export(rollup("QA2024", YearMonth.of(2024, 5), "cutoff"), outbox);
			try (Workbook wb = OfficialTableWriterTests.open(again)) {
				assertThat(OfficialTableWriterTests.text(wb.getSheetAt(0), 14, 0)).isEmpty();
			}
		}
	}

	@Test
	void aMonthWithNoSubmissionsStillPrintsZerosIn合计() throws Exception {
		try (Connection connection = WarehouseFixture.open()) {
			// given a rollup of a month nobody reported: industry rows absent, the 合计
			// row's sums NULL
			WarehouseFixture.referenceData(connection);
			WarehouseFixture.rollups(connection);
			try (Statement st = connection.createStatement()) {
				st.execute("delete from rollup_cutoff where industry_code <> 'ALL'");
				st.execute("update rollup_cutoff set " + String.join(", ",
						FormLayout.of("F-000").measureCodes().stream().map(c -> c + " = null").toList()));
			}
			// when
			Path xlsx = new OfficialTableExporter(connection, clock)
				.export(rollup("QA2024", YearMonth.of(2024, 5), "cutoff"), outbox);
			// then every figure, 合计 included, is a numeric 0
			try (Workbook wb = OfficialTableWriterTests.open(xlsx)) {
				Sheet sheet = wb.getSheetAt(0);
				assertThat(OfficialTableWriterTests.text(sheet, 12, 0)).isEqualTo("合  计");
				for (int r = 7; r <= 12; r++) {
					for (int c = 1; c <= 23; c++) {
						assertThat(sheet.getRow(r).getCell(c).getCellType()).as("row %d column %d", r, c)
							.isEqualTo(CellType.NUMERIC);
						assertThat(sheet.getRow(r).getCell(c).getNumericCellValue()).isZero();
					}
				}
			}
		}
	}

	@Test
	void manifestDescribesTheFileAndTheRosterAndRerunReplacesBoth() throws Exception {
		try (Connection connection = WarehouseFixture.open()) {
			// given
			WarehouseFixture.referenceData(connection);
			WarehouseFixture.rollups(connection);
			OfficialTableExporter exporter = new OfficialTableExporter(connection, clock);
			// when run twice
			exporter.export(rollup("QA2024", YearMonth.of(2024, 5), "cutoff"), outbox);
			Path xlsx = exporter.export(rollup("QA2024", YearMonth.of(2024, 5), "cutoff"), outbox);
			// then the folder holds exactly the table and its manifest, no temp files
			try (Stream<Path> files = Files.list(xlsx.getParent())) {
				assertThat(files.map(p -> p.getFileName().toString()))
					.containsExactlyInAnyOrder("鹤鸣县-QA2024-2024-05-cutoff.xlsx", "manifest.json");
			}
			String manifest = Files.readString(xlsx.resolveSibling("manifest.json"));
			String sha = HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(xlsx)));
			assertThat(manifest).contains("\"file\": \"鹤鸣县-QA2024-2024-05-cutoff.xlsx\"")
				.contains("\"sha256\": \"" + sha + "\"")
				.contains("\"as_of\": \"2024-05-22T23:59:59\"")
				.contains("\"generated_at\": \"2024-05-23T09:00+08:00\"")
				.contains("\"kind\": \"cutoff\"")
				.contains("\"period\": \"2024-05\"")
				.contains("\"submitters_expected\": 3");
			String reported = manifest.substring(manifest.indexOf("submitters_reported"),
					manifest.indexOf("submitters_missing"));
			String missing = manifest.substring(manifest.indexOf("submitters_missing"));
			assertThat(reported).contains("\"code\": \"HM02\"", "\"code\": \"HM08\"").doesNotContain("HM04");
			assertThat(missing)
				.contains("\"code\": \"HM04\", \"name\": \"新场镇\"", "\"carried_from_period\": \"2024-04\"")
				.doesNotContain("HM02");
			// 新场镇's May table was rejected: the manifest names why (已报被退回)
			assertThat(missing).contains("\"rejected_rules\": \"NEGATIVE\"");
			assertThat(reported).contains("\"rejected_rules\": null");
			assertThat(manifest).contains("\"what_if\": false");
		}
	}

	@Test
	void aWhatIfIsWrittenFromTheWhatIfTablesIntoItsAsOfFolderLeavingTheOfficialTableAlone() throws Exception {
		try (Connection connection = WarehouseFixture.open()) {
			// given the official May cutoff in the outbox, and a what-if as of 15 May
			// whose county total is 7 hazards
			WarehouseFixture.referenceData(connection);
			WarehouseFixture.rollups(connection);
			OfficialTableExporter exporter = new OfficialTableExporter(connection, clock);
			Path official = exporter.export(rollup("QA2024", YearMonth.of(2024, 5), "cutoff"), outbox);
			byte[] officialBytes = Files.readAllBytes(official);
			String officialManifest = Files.readString(official.resolveSibling("manifest.json"));
			java.time.LocalDateTime asOf = java.time.LocalDateTime.of(2024, 5, 15, 12, 0);
			try (Statement st = connection.createStatement()) {
				st.execute("insert into whatif_rollup_cutoff select * replace (timestamp '" + asOf
						+ "' as as_of, case when industry_code = 'ALL' then 7 else hazards_total end as hazards_total)"
						+ " from rollup_cutoff where period = date '2024-05-01'");
				st.execute("insert into whatif_rollup_roster select * replace (timestamp '" + asOf
						+ "' as as_of) from rollup_roster where period = date '2024-05-01'");
			}
			RollupRequest whatIf = new RollupRequest("QA2024", YearMonth.of(2024, 5), RollupKind.CUTOFF, asOf);
			// when
			Path xlsx = exporter.export(whatIf, true, outbox);
			// then
			assertThat(xlsx).isEqualTo(outbox.resolve(
					"QA2024/2024-05/cutoff/as-of-20240515-120000/鹤鸣县-QA2024-2024-05-cutoff-as-of-20240515-120000.xlsx"));
			assertThat(OfficialTableExporter.folder(outbox, whatIf, true)).isEqualTo(xlsx.getParent());
			try (Workbook wb = OfficialTableWriterTests.open(xlsx)) {
				Sheet sheet = wb.getSheetAt(0);
				assertThat(OfficialTableWriterTests.text(sheet, 12, 0)).isEqualTo("合  计");
				assertThat(sheet.getRow(12).getCell(5).getNumericCellValue()).isEqualTo(7);
				assertThat(OfficialTableWriterTests.text(sheet, 2, 17)).isEqualTo("填报时间：2024年5月15日");
			}
			assertThat(Files.readString(xlsx.resolveSibling("manifest.json"))).contains("\"what_if\": true")
				.contains("\"as_of\": \"2024-05-15T12:00:00\"");
			assertThat(Files.readAllBytes(official)).isEqualTo(officialBytes);
			assertThat(Files.readString(official.resolveSibling("manifest.json"))).isEqualTo(officialManifest);
		}
	}

	@Test
	void refusesARollupThatHasNotBeenMaterialized() throws Exception {
		try (Connection connection = WarehouseFixture.open()) {
			// given reference data but no rollup
			WarehouseFixture.referenceData(connection);
			OfficialTableExporter exporter = new OfficialTableExporter(connection, clock);
			// then
			assertThatThrownBy(() -> exporter.export(rollup("QA2024", YearMonth.of(2024, 6), "cutoff"), outbox))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("2024-06");
			assertThatThrownBy(() -> exporter.export(rollup("QA2024", YearMonth.of(2024, 5), "weekly"), outbox))
				.isInstanceOf(IllegalArgumentException.class);
			assertThat(outbox).isEmptyDirectory();
		}
	}

	@Test
	void titleQuotesTheCampaignKeywordAsTheSeedsDo() {
		assertThat(OfficialTableExporter.officialTitle("县", "强安2024监管执法专项行动", List.of("强安2024")))
			.isEqualTo("全县安全生产“强安2024”监管执法专项行动统计汇总表");
		assertThat(OfficialTableExporter.officialTitle("县", "安全生产重大事故隐患专项排查整治2023", List.of("排查整治")))
			.isEqualTo("全县安全生产重大事故隐患专项“排查整治”2023统计汇总表");
		assertThat(OfficialTableExporter.officialTitle("市", "强安2024监管执法专项行动", List.of("强安2024")))
			.isEqualTo("全市安全生产“强安2024”监管执法专项行动统计汇总表");
	}

	@Test
	void aCityDeploymentNamesItselfAndItsManifestListsEachRowsSubmissions() throws Exception {
		try (Connection connection = WarehouseFixture.open()) {
			// given: the same figures, the top region a city; 桃源镇's table has 应急管理 and
			// 住建 lines, the department's none
			WarehouseFixture.referenceData(connection);
			WarehouseFixture.rollups(connection);
			try (Statement st = connection.createStatement()) {
				st.execute("update ref_region set name = '广元市', level = 'city' where parent_code is null");
				st.execute("""
						insert into land_submission_line (sha256, sheet, row_number, submitter_code, campaign, period,
						    region_code, industry_code, received_at)
						values ('sha-HM02', 's', 8, 'HM02', 'QA2024', date '2024-05-01', '519902101', 'yjgl',
						        timestamp '2024-05-20 09:00:00'),
						       ('sha-HM02', 's', 9, 'HM02', 'QA2024', date '2024-05-01', '519902101', 'zj',
						        timestamp '2024-05-20 09:00:00')""");
			}
			// when
			Path xlsx = new OfficialTableExporter(connection, clock)
				.export(rollup("QA2024", YearMonth.of(2024, 5), "cutoff"), outbox);
			// then
			assertThat(xlsx.getFileName().toString()).isEqualTo("广元市-QA2024-2024-05-cutoff.xlsx");
			try (Workbook wb = OfficialTableWriterTests.open(xlsx)) {
				Sheet sheet = wb.getSheetAt(0);
				assertThat(OfficialTableWriterTests.text(sheet, 0, 0)).isEqualTo("全市安全生产“强安2024”监管执法专项行动统计汇总表");
				assertThat(OfficialTableWriterTests.text(sheet, 2, 0)).isEqualTo("填报单位：广元市");
			}
			Object manifest = JsonPath.parse(xlsx.resolveSibling("manifest.json").toFile()).json();
			assertThat((String) JsonPath.read(manifest, "$.level")).isEqualTo("city");
			assertThat((List<String>) JsonPath.read(manifest, "$.rows[*].label")).containsExactly("应急管理", "交通运输", "住建",
					"市场监管", "消防", "合  计");
			assertThat((List<String>) JsonPath.read(manifest, "$.rows[?(@.industry_code == 'yjgl')].sources[*].sha256"))
				.containsExactly("sha-HM02");
			assertThat((List<Object>) JsonPath.read(manifest, "$.rows[?(@.industry_code == 'xf')].sources[*]"))
				.isEmpty();
			assertThat((List<String>) JsonPath.read(manifest,
					"$.rows[?(@.industry_code == 'ALL')].sources[*].submitter_code"))
				.containsExactly("HM02", "HM04", "HM08");
			assertThat((List<Boolean>) JsonPath.read(manifest,
					"$.rows[?(@.industry_code == 'ALL')].sources[*].carried_forward"))
				.containsExactly(false, true, false);
		}
	}

	private static List<BigDecimal> sum(YearMonth period, boolean cumulative) {
		BigDecimal[] total = new BigDecimal[WarehouseFixture.MEASURES.size()];
		java.util.Arrays.fill(total, BigDecimal.ZERO);
		for (String industry : WarehouseFixture.INDUSTRIES) {
			List<BigDecimal> v = List
				.copyOf(WarehouseFixture.figures(period, WarehouseFixture.COUNTY, industry).values());
			for (int i = 0; i < total.length; i++) {
				total[i] = total[i].add(v.get(i));
			}
		}
		// the fixture's 合计 row is the sum of the industries; its cumulative figure
		// carries the marker once
		return Stream.of(total).map(t -> cumulative ? WarehouseFixture.cumulative(t) : t).toList();
	}

	private static void assertRow(Row row, List<BigDecimal> expected) {
		for (int i = 0; i < expected.size(); i++) {
			assertThat(row.getCell(i + 1).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(BigDecimal.valueOf(row.getCell(i + 1).getNumericCellValue()))
				.as("%s column %d", row.getCell(0), i + 2)
				.isEqualByComparingTo(expected.get(i));
		}
	}

	/**
	 * The request as the rollup job passes it; the exporter prints the as_of that was
	 * materialized.
	 */
	private static RollupRequest rollup(String campaign, YearMonth period, String kind) {
		return new RollupRequest(campaign, period, RollupKind.fromCode(kind), period.atEndOfMonth().atStartOfDay());
	}

}
