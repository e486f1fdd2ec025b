package org.anjian.jobs.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Ingest, then every rollup that has come due by {@code now} and has not been produced,
 * then exports.
 *
 * @param inbox absolute, normalised inbox folder
 * @param now the business time: files received after it are not seen; the rollups due by
 * it run
 * @param businessDate the scheduled date of the nightly trigger (identifies its intake),
 * or null
 */
public record NightlyRequest(Path inbox, LocalDateTime now, LocalDate businessDate) {

	public NightlyRequest {
		Objects.requireNonNull(inbox, "inbox");
		Objects.requireNonNull(now, "now");
	}

	IngestRequest ingest() {
		return new IngestRequest(inbox, now, businessDate);
	}

}
