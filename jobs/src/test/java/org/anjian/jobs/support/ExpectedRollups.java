package org.anjian.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Compares the rollup rows of a home with one {@code rollups} entry of a sample county's
 * expected.json: every measure, the cumulative columns and rates (coverage_rate where
 * given) of a month-end rollup, the submitter counts and the missing submitters; and its
 * as_of and roster.
 */
public final class ExpectedRollups {

	private ExpectedRollups() {
	}

	/**
	 * The rollup's {@code as_of} and its roster: the submitters whose own table it took
	 * and those carried forward, as the {@code rollups} entry lists them.
	 */
	@SuppressWarnings("unchecked")
	public static void assertAsOfAndRoster(Path home, Map<String, Object> expected, String label) {
		String kind = (String) expected.get("kind");
		String table = "cutoff".equals(kind) ? "rollup_cutoff" : "rollup_month_end";
		String rollup = " campaign = '" + expected.get("campaign") + "' and period = date '" + expected.get("period")
				+ "-01'";
		assertThat(WarehouseQueries.query(home,
				"select distinct strftime(as_of, '%Y-%m-%dT%H:%M:%S') as as_of from " + table + " where" + rollup))
			.extracting(r -> r.get("as_of"))
			.as(label)
			.containsExactly(expected.get("as_of"));
		String roster = "select submitter_code from rollup_roster where" + rollup + " and kind = '" + kind + "'";
		assertThat(WarehouseQueries.query(home, roster + " and sha256 is not null and not carried_forward order by 1"))
			.extracting(r -> r.get("submitter_code"))
			.as(label + " reported")
			.containsExactlyElementsOf((List<String>) expected.get("reported"));
		assertThat(WarehouseQueries.query(home, roster + " and carried_forward order by 1"))
			.extracting(r -> r.get("submitter_code"))
			.as(label + " carried forward")
			.containsExactlyElementsOf((List<String>) expected.get("carried_forward"));
	}

	@SuppressWarnings("unchecked")
	public static void assertRows(Path home, SampleCounty samples, Map<String, Object> expected, String label) {
		String campaign = (String) expected.get("campaign");
		String kind = (String) expected.get("kind");
		String table = "cutoff".equals(kind) ? "rollup_cutoff" : "rollup_month_end";
		for (Map<String, Object> row : (List<Map<String, Object>>) expected.get("rows")) {
			String where = " where campaign = '" + campaign + "' and period = date '" + expected.get("period")
					+ "-01' and region_code = '" + row.get("region_code") + "' and industry_code = '"
					+ row.get("industry_code") + "'";
			List<Map<String, Object>> actual = WarehouseQueries.query(home, "select * from " + table + where);
			String rowLabel = label + " " + row.get("region_code") + "/" + row.get("industry_code");
			if (actual.isEmpty()) {
				assertThat(allZero((Map<String, Object>) row.get("measures"))).as(rowLabel + " is missing").isTrue();
				continue;
			}
			Map<String, Object> got = actual.get(0);
			assertMeasures(rowLabel, (Map<String, Object>) row.get("measures"), got, "");
			if (row.containsKey("cum")) {
				assertMeasures(rowLabel + " cum", (Map<String, Object>) row.get("cum"), got, "_cum");
				for (String rate : List.of("rectification_rate", "major_rectification_rate", "coverage_rate")) {
					if (!row.containsKey(rate)) {
						continue;
					}
					if (row.get(rate) == null) {
						assertThat(got.get(rate)).as(rowLabel + " " + rate).isNull();
					}
					else {
						assertThat(((Number) got.get(rate)).doubleValue()).as(rowLabel + " " + rate)
							.isCloseTo(((Number) row.get(rate)).doubleValue(), within(1e-5));
					}
				}
			}
			for (String count : List.of("submitters_expected", "submitters_reported", "submitters_carried_forward")) {
				if (row.containsKey(count)) {
					assertThat(((Number) got.get(count)).intValue()).as(rowLabel + " " + count)
						.isEqualTo(((Number) row.get(count)).intValue());
				}
			}
			if (row.containsKey("missing")) {
				List<Map<String, Object>> missing = WarehouseQueries.query(home,
						"select r.submitter_code from rollup_roster r join ref_submitter s on s.code = r.submitter_code"
								+ " where r.status = 'missing' and r.kind = '" + kind + "' and r.campaign = '"
								+ campaign + "' and r.period = date '" + expected.get("period")
								+ "-01' and (s.region_code = '" + row.get("region_code") + "' or '"
								+ row.get("region_code") + "' = '" + samples.read("$.county_code") + "') order by 1");
				assertThat(missing).extracting(m -> m.get("submitter_code"))
					.as(rowLabel + " missing")
					.containsExactlyElementsOf((List<String>) row.get("missing"));
			}
		}
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
