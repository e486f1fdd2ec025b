package org.anjian.jobs.runs;

import java.util.Map;

/**
 * What an intake run did.
 *
 * @param outcome how it ended
 * @param statuses files this run recorded, by final audit status (loaded, superseded,
 * duplicate, rejected)
 * @param skipped files left unrecorded for the next run
 * @param failure the reason, when it failed or was refused
 */
public record IngestResult(RunOutcome outcome, Map<String, Long> statuses, int skipped, String failure) {

	static IngestResult notRun(RunOutcome outcome, String failure) {
		return new IngestResult(outcome, Map.of(), 0, failure);
	}

}
