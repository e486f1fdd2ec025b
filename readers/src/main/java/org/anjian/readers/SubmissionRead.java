package org.anjian.readers;

import java.util.List;

/**
 * What reading one submission file gave.
 *
 * @param format the format recognised from the content: xlsx, xls, csv, or "unknown"
 * @param table the table found, or null when none was (then {@code findings} holds at
 * least one error)
 * @param findings problems met while reading (unreadable file, no table, cells that are
 * not numbers …)
 */
public record SubmissionRead(String format, SummaryTable table, List<Finding> findings) {

	public boolean hasTable() {
		return table != null;
	}

}
