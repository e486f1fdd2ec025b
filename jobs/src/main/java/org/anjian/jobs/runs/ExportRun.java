package org.anjian.jobs.runs;

import java.nio.file.Path;

/**
 * What an export run did.
 *
 * @param outcome how it ended (already complete: nothing changed since the last export)
 * @param exports the exports folder
 * @param snapshot the analysts' read-only snapshot
 * @param failure the reason, when it failed
 */
public record ExportRun(RunOutcome outcome, Path exports, Path snapshot, String failure) {
}
