package org.anjian.readers.rows;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.anjian.readers.grid.CellRange;

/**
 * One sheet read row by row in constant memory: only the current row is held, its cells
 * rendered on request the way a {@link org.anjian.readers.grid.Grid} renders them
 * (numbers as plain decimals at Excel's 15 digits, date cells as yyyy-MM-dd, formulas as
 * the value Excel saved, booleans TRUE/FALSE).
 *
 * <p>
 * Rows come in file order; a row the file does not hold (blank) is not returned, so row
 * indexes may jump. Not thread-safe.
 */
public interface RowSource extends Closeable {

	/** The sheet's name (CSV: the file name without extension). */
	String sheetName();

	/** Whether the sheet itself is hidden. */
	boolean sheetHidden();

	/**
	 * Moves to the next row the file holds.
	 * @return false at the end of the sheet
	 * @throws IOException when the content cannot be read (corrupt or truncated file)
	 */
	boolean next() throws IOException;

	/**
	 * 0-based index of the current row as a spreadsheet program numbers it (CSV: the
	 * record's first line − 1).
	 */
	int rowIndex();

	/**
	 * Whether the current row is hidden (Excel {@code hidden="1"}, a zero-height row);
	 * never for CSV.
	 */
	boolean rowHidden();

	/** One past the last column with a cell in the current row. */
	int width();

	/** The current row's cell text at a 0-based column, "" when blank. */
	String text(int column);

	/**
	 * Whether the current row's cell is blank (cheaper than {@link #text} for cells never
	 * materialised).
	 */
	default boolean isBlank(int column) {
		return text(column).isBlank();
	}

	/**
	 * Merged regions of the sheet; complete only once {@link #next} has returned false.
	 */
	default List<CellRange> mergedRegions() {
		return List.of();
	}

	/** Hidden columns (0-based); known once the first row has been read. */
	default Set<Integer> hiddenColumns() {
		return Set.of();
	}

}
