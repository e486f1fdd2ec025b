package org.anjian.jobs.cli;

import org.anjian.jobs.runs.RunOutcome;

/** Exit codes cron and systemd can act on (sysexits.h values where one fits). */
public final class ExitCodes {

	/** Done; rejected files are data, not failures. */
	public static final int OK = 0;

	/** A job ran and failed. */
	public static final int JOB_FAILED = 1;

	/** Another anjian process holds the same --home. */
	public static final int BUSY = 75;

	/** Bad command line. */
	public static final int USAGE = 64;

	/** Bad input data outside the inbox (reference data, missing inbox folder). */
	public static final int DATA_ERROR = 65;

	/**
	 * The disk is full (or a file-size or quota limit was hit): the message names it;
	 * what was committed stays, the next run after space is freed completes the rest.
	 */
	public static final int IO_ERROR = 74;

	/** Unexpected internal error. */
	public static final int SOFTWARE = 70;

	private ExitCodes() {
	}

	/**
	 * A run's exit code: completed or already complete 0, refused (missing input) 65,
	 * failed 1.
	 */
	public static int of(RunOutcome outcome) {
		return switch (outcome) {
			case COMPLETED, ALREADY_COMPLETE -> OK;
			case REFUSED -> DATA_ERROR;
			case FAILED -> JOB_FAILED;
		};
	}

}
