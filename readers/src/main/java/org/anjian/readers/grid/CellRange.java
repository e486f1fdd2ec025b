package org.anjian.readers.grid;

/**
 * A merged region, 0-based and inclusive on both ends.
 *
 * @param firstRow first row
 * @param lastRow last row
 * @param firstColumn first column
 * @param lastColumn last column
 */
public record CellRange(int firstRow, int lastRow, int firstColumn, int lastColumn) {

	public boolean contains(int row, int column) {
		return row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn;
	}

}
