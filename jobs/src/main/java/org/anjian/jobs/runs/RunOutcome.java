package org.anjian.jobs.runs;

/** How a run ended. */
public enum RunOutcome {

	/** The job ran and completed. */
	COMPLETED,

	/**
	 * Nothing to do: the job instance with these identifying parameters had already
	 * completed.
	 */
	ALREADY_COMPLETE,

	/** The job ran and did not complete; the result carries the reason. */
	FAILED,

	/** Not started: its input is missing (an inbox folder that does not exist). */
	REFUSED;

	/** Whatever happened, nothing is left to do for this request. */
	public boolean succeeded() {
		return this == COMPLETED || this == ALREADY_COMPLETE;
	}

}
