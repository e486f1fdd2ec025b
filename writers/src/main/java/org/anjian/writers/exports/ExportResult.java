package org.anjian.writers.exports;

import java.nio.file.Path;
import java.util.List;

/**
 * What one export run wrote.
 *
 * @param directory the exports directory (now holding the new export)
 * @param tables one entry per exported table, by name
 */
public record ExportResult(Path directory, List<TableExport> tables) {

	public ExportResult {
		tables = List.copyOf(tables);
	}

	/**
	 * One table's export.
	 *
	 * @param table the warehouse table
	 * @param rows rows written
	 * @param partitions the {@code period=YYYY-MM-DD} folders written, empty for an
	 * unpartitioned or empty table
	 * @param csv the CSV copy relative to the exports directory, or null (only rollups
	 * get one)
	 */
	public record TableExport(String table, long rows, List<String> partitions, String csv) {

		public TableExport {
			partitions = List.copyOf(partitions);
		}

	}

	/** The entry of one table, or null. */
	public TableExport table(String name) {
		return tables.stream().filter(t -> t.table().equals(name)).findFirst().orElse(null);
	}

}
