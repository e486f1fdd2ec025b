package org.anjian.jobs.submissions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anjian.jobs.AnjianApplication;
import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 during ingestion: a child JVM ingests a large inbox and is killed while files
 * are landing; the next run must end with exactly the tables a clean run produces.
 */
class IngestCrashRecoveryTests {

	/** Files the child reports before it is killed. */
	private static final int KILL_AFTER = 12;

	@TempDir
	Path tmp;

	@Test
	void rerunAfterKillEndsIdenticalToACleanRun() throws Exception {
		// given an inbox of copies of the sample county (the later are duplicates by
		// content, interleaved with the first in the run's order), more files than a
		// chunk and another copy, so the kill after the 12th file reported (files are
		// reported once their chunk has committed) lands mid-run with files still to go
		SampleCounty samples = SampleCounty.load();
		int copies = IngestJob.FILES_PER_CHUNK / samples.files().size() + 2;
		Path inbox = tmp.resolve("inbox");
		for (int i = 0; i < copies; i++) {
			samples.copyInbox(inbox.resolve("batch" + (100 + i)));
		}
		Path crashed = tmp.resolve("crashed");
		Path clean = tmp.resolve("clean");

		// when a child process is killed after some files have landed (a JVM that starts
		// fast: C1 only, serial GC, the JDK's shared class archive)
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData", "-cp",
				System.getProperty("java.class.path"), "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8",
				AnjianApplication.class.getName(), "ingest", "--home", crashed.toString(), "--reference",
				samples.reference().toString(), "--inbox", inbox.toString())
			.redirectErrorStream(true)
			.start();
		List<String> seen = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				seen.add(line);
				if (seen.stream().filter(l -> l.contains(".xlsx")).count() >= KILL_AFTER) {
					child.destroyForcibly(); // SIGKILL: no shutdown hooks, no commit
					break;
				}
			}
		}
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(seen).as("the child was killed mid-run, not after finishing").noneMatch(l -> l.contains("入库完成"));

		// and the same inbox is ingested again, and separately once without a crash
		CliRun rerun = CliRun.of("ingest", "--home", crashed.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());
		CliRun cleanRun = CliRun.of("ingest", "--home", clean.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());

		// then the rerun had files left to land (the kill was mid-run), and ends like the
		// clean run
		assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
		Matcher processed = Pattern.compile("处理文件 (\\d+) 个").matcher(rerun.out());
		assertThat(processed.find()).as(rerun.toString()).isTrue();
		assertThat(Integer.parseInt(processed.group(1))).as(rerun.toString()).isPositive();
		assertThat(cleanRun.exitCode()).as(cleanRun.toString()).isZero();
		for (String sql : List.of(
				"select sha256, path, received_at, status, submitter_code, campaign, period, error_count, warning_count, duplicate_of, superseded_by from audit_file order by path",
				"select * from audit_issue order by sha256, issue_no",
				"select * from land_submission_line order by sha256, row_number",
				"select * from fact_submission_line order by sha256, row_number")) {
			List<Map<String, Object>> afterCrash = WarehouseQueries.query(crashed, sql);
			assertThat(afterCrash).as(sql).isEqualTo(WarehouseQueries.query(clean, sql));
		}
		assertThat(WarehouseQueries.query(crashed, "select count(*) as n from audit_file").get(0).get("n"))
			.isEqualTo((long) copies * samples.files().size());
		assertThat(Files.exists(crashed.resolve("warehouse.duckdb"))).isTrue();
	}

}
