package org.anjian.readers.lists;

import java.nio.file.Path;

/**
 * Reads a record-level list into a sink ({@link ListFileReader};
 * {@link LimitedListFileReader} checks limits first).
 */
public interface ListReader {

	/**
	 * Reads the list, sending accepted rows and every finding to {@code sink} in row
	 * order.
	 * @return the kind, sheet, header row, title, 填报单位 and counts; never throws for bad
	 * content
	 */
	ListFileSummary read(Path file, ListRowSink sink);

}
