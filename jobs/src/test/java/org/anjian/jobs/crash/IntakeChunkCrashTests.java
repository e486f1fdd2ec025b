package org.anjian.jobs.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake writes the summary tables of a chunk (16 inbox files) in one DuckDB
 * transaction (issue 18 part 5). A run halted inside a chunk, before its commit, then one
 * halted after the first chunk's commit but before the step recorded the chunk (and
 * before its progress lines), then a last run: the home ends exactly as one uninterrupted
 * {@code ingest} leaves it — no file lost with the rolled-back chunk, none recorded twice
 * by the runs that read it again.
 */
class IntakeChunkCrashTests {

	@TempDir
	static Path tmp;

	@Test
	void haltedInsideAChunkAndAfterItsCommitThenRerunEndsAsOneIngest() {
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path clean = tmp.resolve("clean");
		CliRun once = CliRun.of(ingest(clean, samples, inbox));
		assertThat(once.exitCode()).as(once.toString()).isZero();
		Map<String, String> expected = HomeContents.of(clean);
		assertThat(expected.get("table:audit_file")).doesNotStartWith("0 rows");

		Path home = tmp.resolve("halted");
		// the third accepted table of the first chunk, recorded but not committed
		Child inside = Child.run("summary-before-commit:3", ingest(home, samples, inbox));
		assertThat(inside.crashed()).as(inside.toString()).isTrue();
		// the first chunk committed (its fifth file reported written), the step not
		Child afterCommit = Child.run("file-written:5", ingest(home, samples, inbox));
		assertThat(afterCommit.crashed()).as(afterCommit.toString()).isTrue();
		CliRun rerun = CliRun.of(ingest(home, samples, inbox));

		assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
		assertThat(HomeContents.differences(expected, HomeContents.of(home))).isEmpty();
	}

	private static String[] ingest(Path home, SampleCounty samples, Path inbox) {
		return new String[] { "ingest", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString() };
	}

}
