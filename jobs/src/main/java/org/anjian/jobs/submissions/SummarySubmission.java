package org.anjian.jobs.submissions;

import org.anjian.writers.submissions.AuditedFile;

/**
 * An inbox file that is a summary table (统计汇总表), read, recognised and checked: accepted
 * with its industry rows or rejected with its reasons.
 *
 * @param file the inbox file
 * @param audited what is written to the warehouse for it
 */
record SummarySubmission(InboxFile file, AuditedFile audited) implements IntakeItem {
}
