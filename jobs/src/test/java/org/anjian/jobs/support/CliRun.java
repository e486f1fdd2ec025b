package org.anjian.jobs.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.anjian.jobs.cli.Cli;

/**
 * Runs the CLI in-process as a user would from the shell, capturing its exit code and
 * output.
 */
public record CliRun(int exitCode, String out, String err) {

	public static CliRun of(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
	}

}
