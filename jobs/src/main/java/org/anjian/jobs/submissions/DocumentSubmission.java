package org.anjian.jobs.submissions;

import org.anjian.writers.submissions.DocumentWriter.ReceivedDocument;

/**
 * An inbox file that is a document (.docx, .doc, .wps, .pdf) recognised as one or more
 * deliverables of deliverables.csv: recorded as received, not parsed.
 *
 * @param file the inbox file
 * @param document what is written to the warehouse for it
 */
record DocumentSubmission(InboxFile file, ReceivedDocument document) implements IntakeItem {
}
