package org.anjian.jobs.rollups;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.ExpectedRollups;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ingests the sample county, runs every rollup of expected.json through the CLI and
 * compares every expected row.
 */
class RollupJobFunctionalTests {

	@TempDir
	Path tmp;

	SampleCounty samples;

	Path home;

	@BeforeEach
	void ingestSamples() {
		samples = SampleCounty.load();
		home = tmp.resolve("home");
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
	}

	CliRun rollup(Map<String, Object> expected) {
		return CliRun.of("rollup", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--campaign", (String) expected.get("campaign"), "--period", (String) expected.get("period"), "--kind",
				(String) expected.get("kind"));
	}

	@Test
	void everyExpectedRollupRowIsMaterialized() {
		List<Map<String, Object>> rollups = samples.read("$.rollups");
		for (Map<String, Object> expected : rollups) {
			// when
			CliRun run = rollup(expected);

			// then
			assertThat(run.exitCode()).as(run.toString()).isZero();
			String kind = (String) expected.get("kind");
			String table = "cutoff".equals(kind) ? "rollup_cutoff" : "rollup_month_end";
			String label = expected.get("campaign") + " " + expected.get("period") + " " + kind;
			assertThat(WarehouseQueries.query(home,
					"select distinct strftime(as_of, '%Y-%m-%dT%H:%M:%S') as as_of from " + table
							+ " where period = date '" + expected.get("period") + "-01'"))
				.extracting(r -> r.get("as_of"))
				.as(label)
				.containsExactly(expected.get("as_of"));
			ExpectedRollups.assertRows(home, samples, expected, label);
		}
	}

	@Test
	void officialTableCarriesTheCountyFiguresInItsTotalRow() throws Exception {
		// given
		Map<String, Object> expected = ((List<Map<String, Object>>) samples
			.read("$.rollups[?(@.period == '2024-05' && @.kind == 'cutoff')]")).get(0);
		Map<String, Object> countyAll = ((List<Map<String, Object>>) expected.get("rows")).stream()
			.filter(r -> "ALL".equals(r.get("industry_code"))
					&& r.get("region_code").equals(samples.read("$.county_code")))
			.findFirst()
			.orElseThrow();
		List<String> formMeasures = samples.read("$.forms.F-000");

		// when
		rollup(expected);

		// then
		Path folder = home.resolve("outbox/QA2024/2024-05/cutoff");
		Path xlsx;
		try (Stream<Path> files = Files.list(folder)) {
			xlsx = files.filter(f -> f.toString().endsWith(".xlsx")).findFirst().orElseThrow();
		}
		assertThat(folder.resolve("manifest.json")).exists();
		try (Workbook wb = WorkbookFactory.create(xlsx.toFile(), null, true)) {
			Sheet sheet = wb.getSheetAt(0);
			Row total = null;
			for (Row row : sheet) {
				if (row.getCell(0) != null && row.getCell(0).toString().replaceAll("\\s", "").equals("合计")) {
					total = row;
				}
			}
			assertThat(total).as("合计 row").isNotNull();
			Map<String, Object> measures = (Map<String, Object>) countyAll.get("measures");
			for (int i = 0; i < formMeasures.size(); i++) {
				double cell = total.getCell(i + 1).getNumericCellValue();
				assertThat(cell).as(formMeasures.get(i))
					.isCloseTo(((Number) measures.get(formMeasures.get(i))).doubleValue(), within(1e-9));
			}
		}
	}

	@Test
	void rerunningARollupLeavesItsTablesIdentical() {
		// given
		Map<String, Object> expected = ((List<Map<String, Object>>) samples.read("$.rollups")).get(1);
		rollup(expected);
		List<Map<String, Object>> before = WarehouseQueries.query(home,
				"select * from rollup_month_end order by campaign, period, region_code, industry_code");

		// when
		CliRun again = rollup(expected);

		// then
		assertThat(again.exitCode()).isZero();
		assertThat(WarehouseQueries.query(home,
				"select * from rollup_month_end order by campaign, period, region_code, industry_code"))
			.isEqualTo(before);
	}

	@Test
	void aRollupAsOfAnotherTimeIsAWhatIfThatLeavesTheOfficialRollupAlone() throws Exception {
		// given the official May cutoff in the warehouse and the outbox
		CliRun official = CliRun.of("rollup", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff");
		assertThat(official.exitCode()).as(official.toString()).isZero();
		List<Map<String, Object>> rows = WarehouseQueries.query(home, "select * from rollup_cutoff order by all");
		List<Map<String, Object>> roster = WarehouseQueries.query(home, "select * from rollup_roster order by all");
		Path folder = home.resolve("outbox/QA2024/2024-05/cutoff");
		Map<String, String> outbox = contents(folder);

		// when: as of 15 May noon, before 石门镇's table (16 May) came in
		CliRun whatIf = CliRun.of("rollup", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff", "--as-of", "2024-05-15T12:00");

		// then it prints its own roster and writes its own outbox folder
		assertThat(whatIf.exitCode()).as(whatIf.toString()).isZero();
		assertThat(whatIf.out()).contains("假设汇总（what-if）", "whatif_rollup_cutoff", "whatif_rollup_roster",
				"正式汇总、催报名单和上报表不变");
		assertThat(whatIf.out().lines().filter(l -> l.contains("石门镇"))).singleElement()
			.satisfies(l -> assertThat(l).contains("未报"));
		Path asOfFolder = folder.resolve("as-of-20240515-120000");
		assertThat(whatIf.out()).contains("上报表：" + asOfFolder.resolve("manifest.json"));
		assertThat(contents(asOfFolder).keySet())
			.containsExactlyInAnyOrder("鹤鸣县-QA2024-2024-05-cutoff-as-of-20240515-120000.xlsx", "manifest.json");
		assertThat(contents(asOfFolder).get("manifest.json")).contains("\"as_of\": \"2024-05-15T12:00:00\"",
				"\"what_if\": true");
		// and the official rows, roster and outbox file are as they were
		assertThat(WarehouseQueries.query(home, "select * from rollup_cutoff order by all")).isEqualTo(rows);
		assertThat(WarehouseQueries.query(home, "select * from rollup_roster order by all")).isEqualTo(roster);
		assertThat(contents(folder)).isEqualTo(outbox);
		// the what-if's rows stay queryable by their as_of
		assertThat(WarehouseQueries.query(home, """
				select status from whatif_rollup_roster
				where submitter_code = 'HM03' and as_of = timestamp '2024-05-15 12:00:00'"""))
			.extracting(r -> r.get("status"))
			.containsExactly("missing");
		assertThat(WarehouseQueries.query(home, """
				select distinct strftime(as_of, '%Y-%m-%dT%H:%M') as as_of from whatif_rollup_cutoff"""))
			.extracting(r -> r.get("as_of"))
			.containsExactly("2024-05-15T12:00");
	}

	@Test
	void nightlyRestoresOfficialRowsThatAnOlderRollupAsOfReplaced() throws Exception {
		// given the official May cutoff, then replaced as an older version's rollup
		// --as-of did
		CliRun official = CliRun.of("rollup", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff");
		assertThat(official.exitCode()).as(official.toString()).isZero();
		List<Map<String, Object>> rows = WarehouseQueries.query(home,
				"select * from rollup_cutoff where period = date '2024-05-01' order by all");
		List<Map<String, Object>> roster = WarehouseQueries.query(home,
				"select * from rollup_roster where period = date '2024-05-01' order by all");
		try (java.sql.Connection c = java.sql.DriverManager
			.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"));
				java.sql.Statement st = c.createStatement()) {
			st.execute("update rollup_cutoff set as_of = timestamp '2024-05-15 12:00:00', hazards_total = 0"
					+ " where period = date '2024-05-01'");
			st.execute("update rollup_roster set as_of = timestamp '2024-05-15 12:00:00', status = 'missing'"
					+ " where period = date '2024-05-01'");
		}

		// when
		CliRun nightly = CliRun.of("nightly", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", tmp.resolve("inbox").toString(), "--now", "2024-05-23T02:00");

		// then
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		assertThat(WarehouseQueries.query(home,
				"select * from rollup_cutoff where period = date '2024-05-01' order by all"))
			.isEqualTo(rows);
		assertThat(WarehouseQueries.query(home,
				"select * from rollup_roster where period = date '2024-05-01' order by all"))
			.isEqualTo(roster);
	}

	@Test
	void aSubmitterWhoseOnlyTableWasRejectedIsShownAsRejectedWithItsRule() throws Exception {
		// when: 新场镇's May table was rejected (its 合计 row is wrong)
		CliRun run = CliRun.of("rollup", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff");

		// then the roster says why it is missing, as printed, stored and in the manifest
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out().lines().filter(l -> l.contains("新场镇"))).singleElement()
			.satisfies(l -> assertThat(l).contains("已报被退回（审核未通过 TOTAL_MISMATCH，2024-05-14 20:35 收到）")
				.contains("沿用2024-04数据")
				.doesNotContain("未报"));
		assertThat(WarehouseQueries.query(home, """
				select status, rejected_rules, strftime(rejected_at, '%Y-%m-%dT%H:%M:%S') as rejected_at
				from rollup_roster where submitter_code = 'HM04' and period = date '2024-05-01'""")).containsExactly(
				Map.of("status", "missing", "rejected_rules", "TOTAL_MISMATCH", "rejected_at", "2024-05-14T20:35:01"));
		assertThat(Files.readString(home.resolve("outbox/QA2024/2024-05/cutoff/manifest.json")))
			.contains("\"rejected_rules\": \"TOTAL_MISMATCH\"");
		// a submitter that simply sent nothing stays 未报: none in May, so April's
		// cutoff as of before 石门镇's April table
		CliRun april = CliRun.of("rollup", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--campaign", "QA2024", "--period", "2024-04", "--kind", "cutoff", "--as-of", "2024-04-20T00:00");
		assertThat(april.out().lines().filter(l -> l.contains("石门镇"))).singleElement()
			.satisfies(l -> assertThat(l).contains("未报").doesNotContain("退回"));
	}

	/** Every regular file of a folder by name, as text (xlsx as hex). */
	static Map<String, String> contents(Path folder) throws java.io.IOException {
		Map<String, String> out = new java.util.TreeMap<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				out.put(f.getFileName().toString(), f.toString().endsWith(".json") ? Files.readString(f)
						: java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
			}
		}
		return out;
	}

}
