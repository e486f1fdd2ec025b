package org.anjian.jobs.submissions;

import java.util.function.Supplier;

import org.anjian.writers.submissions.AuditedFile;

/**
 * An inbox file that is a summary table (统计汇总表), read and recognised, checked (审核) when
 * its writer is about to land it: accepted with its industry rows or rejected with its
 * reasons.
 *
 * <p>
 * The checks that compare a table with the submitter's earlier ones (上月累计数, 表头变化) must
 * see every file written before it. The intake writes several files in one DuckDB
 * transaction (issue 18 part 5), so the processor only reads; the writer runs the checks
 * ({@link #audit}) in the order it writes, after the file before has landed. A chunk
 * rolled back and written again file by file checks each file again, against what has
 * landed then.
 */
final class SummarySubmission implements IntakeItem {

	private final InboxFile file;

	/** The checks on the table read; null when audited from the start. */
	private final Supplier<AuditedFile> checks;

	private AuditedFile audited;

	/**
	 * @param audited what is written to the warehouse for it, checked already (nothing of
	 * it depends on earlier tables)
	 */
	SummarySubmission(InboxFile file, AuditedFile audited) {
		this.file = file;
		this.checks = null;
		this.audited = audited;
	}

	/**
	 * @param checks the checks on the table read, run by {@link #audit}; they may ask the
	 * run's history of earlier tables
	 */
	SummarySubmission(InboxFile file, Supplier<AuditedFile> checks) {
		this.file = file;
		this.checks = checks;
	}

	@Override
	public InboxFile file() {
		return file;
	}

	/**
	 * Checks the table now, against the earlier tables as they stand, and keeps the
	 * result for {@link #audited}.
	 */
	AuditedFile audit() {
		if (checks != null) {
			audited = checks.get();
		}
		return audited;
	}

	/** What was (last) written for it; checked now if it was not yet. */
	AuditedFile audited() {
		return audited == null ? audit() : audited;
	}

	@Override
	public String toString() {
		return "SummarySubmission[" + file.path() + "]";
	}

}
