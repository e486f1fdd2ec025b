package org.anjian.jobs.submissions;

import org.anjian.writers.submissions.AuditedFile;
import org.anjian.writers.submissions.SubmissionWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Sends each processed inbox file to its writer: summary tables to {@link SubmissionWriter}, lists to {@link ListSubmissionWriter}. */
class IntakeWriter implements ItemWriter<Object> {

	private final SubmissionWriter summaries;

	private final ListSubmissionWriter lists;

	IntakeWriter(SubmissionWriter summaries, ListSubmissionWriter lists) {
		this.summaries = summaries;
		this.lists = lists;
	}

	@Override
	public void write(Chunk<? extends Object> chunk) {
		for (Object item : chunk) {
			if (item instanceof AuditedFile summary) {
				summaries.write(summary);
			}
			else if (item instanceof ListSubmission list) {
				lists.write(list);
			}
			else {
				throw new IllegalArgumentException("not an intake item: " + item);
			}
		}
	}

}
