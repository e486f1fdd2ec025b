package org.anjian.jobs;

import org.anjian.jobs.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** anjian (安监): the command-line entry point; see {@link Cli} for the commands. */
@SpringBootApplication
public class AnjianApplication {

	public static void main(String[] args) {
		System.exit(Cli.run(args, System.out, System.err));
	}

}
