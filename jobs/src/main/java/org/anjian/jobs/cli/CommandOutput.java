package org.anjian.jobs.cli;

import java.io.PrintStream;

import org.anjian.jobs.system.RunProgress;

/**
 * Where a command reports: one line per event on stdout, the one-line failure reason on
 * stderr.
 */
public record CommandOutput(PrintStream out, PrintStream err) implements RunProgress {

	@Override
	public void line(String text) {
		out.println(text);
		out.flush();
	}

	@Override
	public void problem(String text) {
		err.println("anjian: " + text);
		err.flush();
	}

}
