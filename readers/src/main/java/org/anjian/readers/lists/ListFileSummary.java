package org.anjian.readers.lists;

import java.util.List;
import java.util.Map;

import org.anjian.readers.Finding;

/**
 * What {@link ListFileReader#read} made of one file; the rows themselves went to the
 * {@link ListRowSink}.
 *
 * @param fileName the file's name
 * @param format xlsx, xls, csv, or unknown
 * @param kind the list kind recognised, or null when none was
 * @param sheet the sheet read, or null
 * @param headerRow 1-based row of the header, or null
 * @param title the lines above the header that are not “key：value” fields (joined by a
 * space), "" when none
 * @param submitter the 填报单位 written above the header (填表单位, 报送单位 … count too), or null
 * @param fields every “key：value” above the header, key as written without spaces plus
 * its canonical alias
 * @param rowsRead data rows looked at (blank rows, footer lines and repeated headers not
 * counted)
 * @param rowsAccepted rows passed to {@link ListRowSink#row}
 * @param rowsRejected rows with an error finding, not passed on
 * @param warnings warning findings about rows
 * @param fileFindings findings about the whole file (FILE_FORMAT, FILE_UNREADABLE,
 * NO_LIST, LIST_HEADER_MISSING); also sent to the sink
 */
public record ListFileSummary(String fileName, String format, ListKind kind, String sheet, Integer headerRow,
		String title, String submitter, Map<String, String> fields, long rowsRead, long rowsAccepted, long rowsRejected,
		long warnings, List<Finding> fileFindings) {

	/**
	 * Whether the file was read as a list (its rows may still have been rejected one by
	 * one).
	 */
	public boolean isRead() {
		return fileFindings.stream().noneMatch(Finding::isError);
	}

}
