package org.anjian.jobs.cli;

/** One CLI command; implementations are Spring beans found by {@link #name()}. */
public interface AnjianCommand {

	String name();

	/** Runs the command; returns the process exit code (0 = success). */
	int run(CliArgs args, CommandOutput out) throws Exception;

}
