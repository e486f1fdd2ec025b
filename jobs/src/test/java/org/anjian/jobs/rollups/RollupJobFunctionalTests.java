package org.anjian.jobs.rollups;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anjian.jobs.support.CliRun;
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
			for (Map<String, Object> row : (List<Map<String, Object>>) expected.get("rows")) {
				String where = " where campaign = '" + expected.get("campaign") + "' and period = date '"
						+ expected.get("period") + "-01' and region_code = '" + row.get("region_code")
						+ "' and industry_code = '" + row.get("industry_code") + "'";
				List<Map<String, Object>> actual = WarehouseQueries.query(home, "select * from " + table + where);
				String rowLabel = label + " " + row.get("region_code") + "/" + row.get("industry_code");
				if (actual.isEmpty()) {
					assertThat(allZero((Map<String, Object>) row.get("measures"))).as(rowLabel + " is missing")
						.isTrue();
					continue;
				}
				Map<String, Object> got = actual.get(0);
				assertMeasures(rowLabel, (Map<String, Object>) row.get("measures"), got, "");
				if (row.containsKey("cum")) {
					assertMeasures(rowLabel + " cum", (Map<String, Object>) row.get("cum"), got, "_cum");
					for (String rate : List.of("rectification_rate", "major_rectification_rate")) {
						if (row.get(rate) == null) {
							assertThat(got.get(rate)).as(rowLabel + " " + rate).isNull();
						}
						else {
							assertThat(((Number) got.get(rate)).doubleValue()).as(rowLabel + " " + rate)
								.isCloseTo(((Number) row.get(rate)).doubleValue(), within(1e-5));
						}
					}
				}
				for (String count : List.of("submitters_expected", "submitters_reported",
						"submitters_carried_forward")) {
					if (row.containsKey(count)) {
						assertThat(((Number) got.get(count)).intValue()).as(rowLabel + " " + count)
							.isEqualTo(((Number) row.get(count)).intValue());
					}
				}
				if (row.containsKey("missing")) {
					List<Map<String, Object>> missing = WarehouseQueries.query(home,
							"select r.submitter_code from rollup_roster r join ref_submitter s on s.code = r.submitter_code"
									+ " where r.status = 'missing' and r.kind = '" + kind + "' and r.period = date '"
									+ expected.get("period") + "-01' and (s.region_code = '" + row.get("region_code")
									+ "' or '" + row.get("region_code") + "' = '" + samples.read("$.county_code")
									+ "') order by 1");
					assertThat(missing).extracting(m -> m.get("submitter_code"))
						.as(rowLabel + " missing")
						.containsExactlyElementsOf((List<String>) row.get("missing"));
				}
			}
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

	private static boolean allZero(Map<String, Object> measures) {
		return measures.values().stream().allMatch(v -> new BigDecimal(String.valueOf(v)).signum() == 0);
	}

	private static void assertMeasures(String label, Map<String, Object> expected, Map<String, Object> got,
			String suffix) {
		expected.forEach((measure, value) -> {
			Object actual = got.get(measure + suffix);
			BigDecimal a = actual == null ? BigDecimal.ZERO : new BigDecimal(String.valueOf(actual));
			assertThat(a).as(label + " " + measure).isEqualByComparingTo(new BigDecimal(String.valueOf(value)));
		});
	}

}
