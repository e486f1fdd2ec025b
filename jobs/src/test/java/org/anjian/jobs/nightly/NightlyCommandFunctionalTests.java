package org.anjian.jobs.nightly;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nightly replayed at 2024-06-22 02:00 on the sample county: every rollup due by then,
 * once.
 */
class NightlyCommandFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void replayAtJune22ProducesEveryDueRollupAndASecondRunNothingNew() {
		// given
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path home = tmp.resolve("home");
		String[] nightly = { "nightly", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString(), "--now", "2024-06-22T02:00" };

		// when
		CliRun first = CliRun.of(nightly);

		// then: through the June cutoff (deadline shifted to Friday 21 June) and the May
		// month-end, not June's
		assertThat(first.exitCode()).as(first.toString()).isZero();
		String produced = "select distinct kind || ' ' || strftime(period, '%Y-%m') || ' ' || strftime(as_of, '%Y-%m-%d') as r from rollup_roster order by 1";
		List<Object> rollups = WarehouseQueries.query(home, produced).stream().map(r -> r.get("r")).toList();
		assertThat(rollups).containsExactly("cutoff 2024-04 2024-04-22", "cutoff 2024-05 2024-05-22",
				"cutoff 2024-06 2024-06-21", "month-end 2024-04 2024-04-30", "month-end 2024-05 2024-05-31");
		assertThat(home.resolve("outbox/QA2024/2024-06/cutoff/manifest.json")).exists();
		assertThat(home.resolve("outbox/QA2024/2024-06/month-end")).doesNotExist();
		assertThat(home.resolve("exports/rollup_cutoff")).isDirectory();

		// when run again for the same time
		List<Map<String, Object>> before = WarehouseQueries.query(home,
				"select * from rollup_cutoff order by campaign, period, region_code, industry_code");
		CliRun second = CliRun.of(nightly);

		// then nothing new
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("没有到期未做的汇总").doesNotContain("汇总完成");
		assertThat(WarehouseQueries.query(home,
				"select * from rollup_cutoff order by campaign, period, region_code, industry_code"))
			.isEqualTo(before);
	}

}
