package org.anjian.jobs.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

import org.anjian.warehouse.calendar.OfficeTime;

/**
 * Ingest, then every rollup that has come due and has not been produced, then exports.
 *
 * @param inbox absolute, normalised inbox folder
 * @param replayAt a replayed business time ({@code nightly --now}): files received after
 * it are not seen and the rollups due by it run; null for the real clock
 * @param businessDate the scheduled date of the nightly trigger (identifies its intake),
 * or null
 */
public record NightlyRequest(Path inbox, LocalDateTime replayAt, LocalDate businessDate) {

	public NightlyRequest {
		Objects.requireNonNull(inbox, "inbox");
	}

	/** The business time of this run: the replayed one, else the office's clock now. */
	LocalDateTime now() {
		return replayAt != null ? replayAt : OfficeTime.now();
	}

	IngestRequest ingest() {
		return new IngestRequest(inbox, replayAt, businessDate);
	}

}
