package org.anjian.readers.lists;

import org.anjian.readers.Finding;

/**
 * Where a streaming list reader sends what it reads, row by row, so that no list is ever
 * held in memory whole. Called from one thread, in row order.
 */
public interface ListRowSink {

	/**
	 * A row that passed the row-level checks (it may carry warnings, reported through
	 * {@link #finding}).
	 */
	void row(ListRow row);

	/**
	 * A finding about a row (error: the row is rejected and not passed to {@link #row})
	 * or about the file.
	 */
	void finding(Finding finding);

}
