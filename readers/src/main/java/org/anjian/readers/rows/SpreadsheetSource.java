package org.anjian.readers.rows;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import org.anjian.readers.grid.GridReadException;

/**
 * An opened submission file whose sheets can be read row by row ({@link RowSource}). Open
 * one with {@link SpreadsheetSources#open}; close it when done. Not thread-safe.
 */
public interface SpreadsheetSource extends Closeable {

	/** {@code xlsx}, {@code xls} or {@code csv}. */
	String format();

	/** Sheets in workbook order (CSV: one). */
	List<SheetInfo> sheets();

	/**
	 * Opens a sheet; close the source before opening another sheet of the same file.
	 * @throws GridReadException when the sheet's content cannot be read (corrupt,
	 * encrypted)
	 */
	RowSource open(SheetInfo sheet) throws GridReadException, IOException;

}
