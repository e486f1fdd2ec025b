package org.anjian.jobs.crash;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Child JVMs running {@code nightly} (ingest, the April cutoff rollup, exports) on one
 * home are stopped at chosen instants, one after the other — during the job repository's
 * creation, mid-file, between files, mid-rollup, mid-export, mid-snapshot — each run
 * starting from what the one before left; a last, uninterrupted nightly must leave the
 * warehouse, exports and outbox exactly as a run never interrupted, and no temp file
 * behind. Another home is killed with a real SIGKILL. The longer randomized version, each
 * instant on its own home: {@link RandomCrashRunTests}.
 */
class CrashRecoveryTests {

	@TempDir
	static Path tmp;

	static SampleCounty samples;

	static Path inbox;

	static Map<String, String> clean;

	@BeforeAll
	static void cleanRun() {
		samples = SampleCounty.load();
		inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path home = tmp.resolve("clean");
		CliRun run = CliRun.of(nightly(home));
		assertThat(run.exitCode()).as(run.toString()).isZero();
		clean = HomeContents.of(home);
		assertThat(clean).containsKeys("outbox/QA2024/2024-04/cutoff/manifest.json", "table:audit_file",
				"analyst/anjian.duckdb");
		assertThat(clean.get("table:audit_file")).doesNotStartWith("0 rows");
	}

	static String[] nightly(Path home) {
		return new String[] { "nightly", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString(), "--now", "2024-04-23T02:00" };
	}

	@Test
	void haltedAtEveryKindOfInstantThenRerunEndsAsACleanRun() {
		Path home = tmp.resolve("halted");
		for (String crashAt : List.of("batch-schema:3", "summary-before-commit:2", "file-written:2", "rollup-outbox:1",
				"export-table:4", "snapshot-rename:1")) {
			Child crashed = Child.run(crashAt, nightly(home));
			assertThat(crashed.crashed()).as(crashAt + ": " + crashed).isTrue();
		}

		CliRun rerun = CliRun.of(nightly(home));

		assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
		assertThat(HomeContents.differences(clean, HomeContents.of(home))).isEmpty();
	}

	@Test
	void killedWithSigkillDuringTheRollupOrExportThenRerunEndsAsACleanRun() {
		Path home = tmp.resolve("sigkill");
		Child.run(null, line -> line.contains("汇总完成") || line.contains("催报名单"), nightly(home));

		CliRun rerun = CliRun.of(nightly(home));

		assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
		assertThat(HomeContents.differences(clean, HomeContents.of(home))).isEmpty();
	}

}
