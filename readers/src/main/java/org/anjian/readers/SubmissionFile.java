package org.anjian.readers;

import java.nio.file.Path;

/**
 * What an inbox file is, as the front door ({@link SubmissionFiles#open}) found it, once:
 * a summary table, a record-level list, or unreadable with the rule that says why. The
 * summary read ({@link SummaryTableFileReader}) and the list read
 * ({@code ListFileReader}) continue from it instead of detecting the file again.
 */
public sealed interface SubmissionFile permits SummaryTableFile, RecordListFile, UnreadableFile {

	Path path();

	/** The format recognised from the content: xlsx, xls, csv, or "unknown". */
	String format();

}
