package org.anjian.jobs.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

	/**
	 * The command in the Spring context or without it (the system property
	 * {@code anjian.<command>-context}), with no environment, as the without-Spring tests
	 * compare the two paths; the home's path replaced by {@code HOME}.
	 */
	public static CliRun inContext(boolean inContext, Path home, List<String> argv) {
		String property = "anjian." + argv.get(0) + "-context";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code;
		String before = System.getProperty(property);
		System.setProperty(property, String.valueOf(inContext));
		try {
			code = Cli.run(argv.toArray(String[]::new), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));
		}
		finally {
			if (before == null) {
				System.clearProperty(property);
			}
			else {
				System.setProperty(property, before);
			}
		}
		return new CliRun(code, out.toString(StandardCharsets.UTF_8).replace(home.toString(), "HOME"),
				err.toString(StandardCharsets.UTF_8).replace(home.toString(), "HOME"));
	}

	@Override
	public String toString() {
		return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
	}

}
