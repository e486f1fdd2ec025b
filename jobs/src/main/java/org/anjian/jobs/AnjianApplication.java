package org.anjian.jobs;

import org.anjian.jobs.cli.Cli;
import org.anjian.jobs.cli.Termination;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** anjian (安监): the command-line entry point; see {@link Cli} for the commands. */
@SpringBootApplication
public class AnjianApplication {

	public static void main(String[] args) {
		Termination.ownProcess();
		int code = Cli.run(args, System.out, System.err);
		// on SIGTERM the shutdown hook halts with this code once it is known (exit would
		// block while the hooks run)
		Termination.finished(code);
		System.exit(code);
	}

}
