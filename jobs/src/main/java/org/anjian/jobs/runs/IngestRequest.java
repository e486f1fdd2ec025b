package org.anjian.jobs.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Read every inbox file not loaded before (收件入库).
 *
 * @param inbox absolute, normalised inbox folder (paths in audit_file are relative to it)
 * @param now replay time: files received after it are not seen yet; null for the real
 * clock
 * @param businessDate the scheduled date of a nightly trigger, identifying the run (a
 * repeat of the same date is already complete); null for a run started by hand
 */
public record IngestRequest(Path inbox, LocalDateTime now, LocalDate businessDate) {

	public IngestRequest {
		Objects.requireNonNull(inbox, "inbox");
	}

	public IngestRequest(Path inbox, LocalDateTime now) {
		this(inbox, now, null);
	}

}
