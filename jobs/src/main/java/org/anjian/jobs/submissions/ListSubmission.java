package org.anjian.jobs.submissions;

import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.readers.RecordListFile;

/**
 * An inbox file that is a record-level list (隐患台账, 执法检查明细, 企业名录库, 联络员名单), recognised but
 * not yet read: its rows are streamed from the file into the warehouse by
 * {@link ListSubmissionWriter}, never held in memory.
 *
 * @param file the inbox file
 * @param list what its first rows say it is (the front door's finding)
 * @param submitterCode the recognised submitter, or null
 * @param findings recognition findings (an unrecognised submitter of a ledger rejects the
 * file)
 */
record ListSubmission(InboxFile file, RecordListFile list, String submitterCode,
		List<Finding> findings) implements IntakeItem {
}
