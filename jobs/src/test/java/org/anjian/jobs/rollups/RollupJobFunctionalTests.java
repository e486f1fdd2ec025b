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

}
