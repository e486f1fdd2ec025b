package org.anjian.jobs.cli;

import java.io.PrintStream;

/** Where a command reports: one line per event on stdout, the one-line failure reason on stderr. */
public record CommandOutput(PrintStream out, PrintStream err) {

	public void line(String text) {
		out.println(text);
		out.flush();
	}

}
