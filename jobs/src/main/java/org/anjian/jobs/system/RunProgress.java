package org.anjian.jobs.system;

import org.slf4j.Logger;

/**
 * Where a run reports as it goes: one line per event, and the one-line reason when it
 * cannot finish.
 */
public interface RunProgress {

	/**
	 * One event, in the office's words (a file landed, a rollup done, where the outputs
	 * went).
	 */
	void line(String text);

	/** Why the run did not complete, in one line. */
	void problem(String text);

	/**
	 * Progress into a log, for runs nobody watches (a restarted execution of another
	 * process, a trigger).
	 */
	static RunProgress logging(Logger log) {
		return new RunProgress() {
			@Override
			public void line(String text) {
				log.info(text);
			}

			@Override
			public void problem(String text) {
				log.error(text);
			}
		};
	}

}
