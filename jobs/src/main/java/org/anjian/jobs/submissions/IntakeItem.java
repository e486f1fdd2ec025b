package org.anjian.jobs.submissions;

/**
 * What the intake step's processor hands its writer for one inbox file: a summary table
 * read and checked whole, or a record-level list recognised and left to be streamed.
 */
sealed interface IntakeItem permits SummarySubmission, ListSubmission {

	/** The inbox file it came from. */
	InboxFile file();

}
