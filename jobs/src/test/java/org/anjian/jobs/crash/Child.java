package org.anjian.jobs.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.anjian.jobs.AnjianApplication;
import org.anjian.warehouse.CrashPoints;

/**
 * anjian in a child JVM, as cron would run it: halted at a crash point
 * ({@link CrashPoints}), or killed with SIGKILL when a line of its output matches.
 *
 * @param exitCode 137 when halted at the crash point or killed
 * @param output stdout and stderr, by line
 */
record Child(int exitCode, List<String> output) {

	/** Runs {@code args} with {@code -Danjian.crash.at=crashAt} (null: none). */
	static Child run(String crashAt, String... args) {
		return run(crashAt, null, args);
	}

	/**
	 * Runs {@code args}; {@code killWhen} (null: never) sends SIGKILL
	 * ({@link Process#destroyForcibly()}) at the first output line it accepts.
	 */
	static Child run(String crashAt, Predicate<String> killWhen, String... args) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-Xshare:auto", "-XX:+UseSerialGC", "-Duser.timezone=Asia/Shanghai", "-cp",
						System.getProperty("java.class.path")));
		if (crashAt != null) {
			command.add("-D" + CrashPoints.PROPERTY + "=" + crashAt);
		}
		command.add(AnjianApplication.class.getName());
		command.addAll(List.of(args));
		try {
			Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
			List<String> seen = new ArrayList<>();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					seen.add(line);
					if (killWhen != null && killWhen.test(line)) {
						child.destroyForcibly(); // SIGKILL
						break;
					}
				}
			}
			if (!child.waitFor(120, TimeUnit.SECONDS)) {
				child.destroyForcibly();
				throw new IllegalStateException("child did not end: " + seen);
			}
			return new Child(child.exitValue(), seen);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	boolean crashed() {
		return exitCode == 137;
	}

	@Override
	public String toString() {
		return "exit " + exitCode + "\n" + String.join("\n", output);
	}

}
