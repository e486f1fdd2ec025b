package org.anjian.jobs.runs;

import java.util.List;

/**
 * What a nightly run did: the intake, every rollup that had come due, the exports. A step
 * that failed ends the run, so later parts may be missing (null export, fewer rollups).
 */
public record NightlyRun(IngestResult ingest, List<RollupRun> rollups, ExportRun export) {

	/**
	 * The first outcome that did not succeed, else the intake's (already complete: the
	 * same night again).
	 */
	public RunOutcome outcome() {
		if (!ingest.outcome().succeeded()) {
			return ingest.outcome();
		}
		for (RollupRun rollup : rollups) {
			if (!rollup.outcome().succeeded()) {
				return rollup.outcome();
			}
		}
		if (export != null && !export.outcome().succeeded()) {
			return export.outcome();
		}
		return ingest.outcome();
	}

}
