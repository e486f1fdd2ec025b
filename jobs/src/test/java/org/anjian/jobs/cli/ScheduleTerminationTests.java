package org.anjian.jobs.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.anjian.jobs.AnjianApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schedule} in a real process of its own: SIGTERM (what systemd and
 * {@code Process.destroy()} send) ends it cleanly with exit code 0, not 143.
 */
@DisabledOnOs(OS.WINDOWS)
class ScheduleTerminationTests {

	@TempDir
	Path tmp;

	private static String output(Path log) throws java.io.IOException {
		return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
	}

	@Test
	void sigtermIsACleanExitZero() throws Exception {
		Path inbox = Files.createDirectories(tmp.resolve("inbox"));
		Path home = tmp.resolve("home");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		// to a file: destroy() closes the pipes of a Process, and what it prints after
		// the
		// signal is the point
		Path log = tmp.resolve("schedule.out");
		Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				AnjianApplication.class.getName(), "schedule", "--home", home.toString(), "--inbox", inbox.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		List<String> output;
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			while (!output(log).contains("调度器已启动") && process.isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			assertThat(output(log)).as(output(log)).contains("调度器已启动");

			process.destroy(); // SIGTERM

			assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(output(log)).isTrue();
			output = Files.readAllLines(log, StandardCharsets.UTF_8);
		}
		finally {
			process.destroyForcibly();
		}
		assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
		assertThat(output).contains("调度器已停止").noneMatch(line -> line.contains("失败"));
		assertThat(home.resolve("logs").resolve("anjian.log")).exists();
	}

}
