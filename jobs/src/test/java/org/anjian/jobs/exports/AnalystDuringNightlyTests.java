package org.anjian.jobs.exports;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.anjian.jobs.support.AnalystSession;
import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst keeps a DuckDB connection open on the published snapshot, in a process of
 * their own, while the nightly job ingests a month of submissions, materializes the due
 * rollups and exports: neither blocks or breaks the other, and the analyst only ever sees
 * a whole published state, never a half-loaded one.
 */
class AnalystDuringNightlyTests {

	@TempDir
	Path tmp;

	@Test
	void anOpenAnalystConnectionNeitherBlocksTheNightlyJobNorSeesAHalfLoadedState() throws Exception {
		// given April's submissions ingested, rolled up and published, with May's still
		// to come
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path may = Files.move(inbox.resolve("2024-05"), tmp.resolve("2024-05"));
		Path home = tmp.resolve("home");
		CliRun april = nightly(samples, inbox, home, "2024-05-01T02:00");
		assertThat(april.exitCode()).as(april.toString()).isZero();
		Path snapshot = home.resolve("analyst/anjian.duckdb");

		// and two analysts asking questions all the time: one on a connection held open,
		// one reconnecting each time
		List<String> answers = new CopyOnWriteArrayList<>();
		Process holding = analyst(snapshot, "held", answers);
		Process reconnecting = analyst(snapshot, "fresh", answers);
		waitFor(answers, 6);
		String before = answers.get(0).substring("ready ".length());

		// when May arrives and the nightly job runs the full ingest, the due rollups and
		// the exports
		Files.move(may, inbox.resolve("2024-05"));
		CliRun june = nightly(samples, inbox, home, "2024-06-22T02:00");
		int duringRun = answers.size();
		waitFor(answers, duringRun + 10);
		for (Process analyst : List.of(holding, reconnecting)) {
			analyst.getOutputStream().close();
			assertThat(analyst.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}

		// then the job succeeded
		assertThat(june.exitCode()).as(june.toString()).isZero();
		assertThat(june.out()).contains("入库完成").contains("导出完成");
		// and the analyst was answered throughout, never with an error
		assertThat(answers).noneMatch(a -> a.startsWith("error"));
		assertThat(answers).filteredOn(a -> a.startsWith("held")).hasSizeGreaterThan(3);
		// the held connection kept its whole old snapshot
		assertThat(answers).filteredOn(a -> a.startsWith("held")).allMatch(a -> a.equals("held " + before));
		// a fresh connection saw either the old snapshot or the new one, nothing in
		// between
		List<String> fresh = answers.stream().filter(a -> a.startsWith("fresh")).toList();
		String after = fresh.get(fresh.size() - 1).substring("fresh ".length());
		assertThat(after).isNotEqualTo(before);
		assertThat(answers).filteredOn(a -> a.startsWith("fresh"))
			.allMatch(a -> a.equals("fresh " + before) || a.equals("fresh " + after));
		long filesAfter = Long.parseLong(after.split(" ")[0]);
		assertThat(filesAfter).isEqualTo(samples.files().size());
	}

	private static Process analyst(Path snapshot, String mode, List<String> answers) throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), AnalystSession.class.getName(), snapshot.toString(), mode)
			.redirectErrorStream(true)
			.start();
		Thread listener = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				out.lines().forEach(answers::add);
			}
			catch (Exception ex) {
				answers.add("error " + ex);
			}
		});
		listener.setDaemon(true);
		listener.start();
		return process;
	}

	private static CliRun nightly(SampleCounty samples, Path inbox, Path home, String now) {
		return CliRun.of("nightly", "--home", home.toString(), "--reference", samples.reference().toString(), "--inbox",
				inbox.toString(), "--now", now);
	}

	private static void waitFor(List<String> answers, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (answers.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(answers).as("the analyst process answers").hasSizeGreaterThanOrEqualTo(count);
	}

}
