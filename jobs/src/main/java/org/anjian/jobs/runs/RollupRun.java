package org.anjian.jobs.runs;

import java.nio.file.Path;
import java.util.List;

import org.anjian.warehouse.rollups.RollupRequest;

/**
 * What a rollup run did.
 *
 * @param request the rollup
 * @param outcome how it ended (already complete: materialized before with the same
 * inputs)
 * @param outboxFiles the official table and manifest in the outbox
 * @param failure the reason, when it failed
 */
public record RollupRun(RollupRequest request, RunOutcome outcome, List<Path> outboxFiles, String failure) {
}
