package org.anjian.jobs.submissions;

/**
 * What the intake step's processor hands its writer for one inbox file: a summary table
 * read and checked whole, a record-level list recognised and left to be streamed, or a
 * document recognised as a deliverable.
 */
sealed interface IntakeItem permits SummarySubmission, ListSubmission, DocumentSubmission {

	/** The inbox file it came from. */
	InboxFile file();

}
