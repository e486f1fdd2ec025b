package org.anjian.readers.limits;

import org.anjian.readers.grid.Grid;

/**
 * The per-sheet limits as a sheet is built: where content may sit and how long a cell may
 * be.
 */
public final class SheetLimits {

	private SheetLimits() {
	}

	/**
	 * @throws ReaderLimitException when the cell lies beyond the rows or columns allowed
	 * or its text is too long
	 */
	public static void checkCell(String sheet, int row, int column, String text, ReaderLimits limits)
			throws ReaderLimitException {
		if (text == null || text.isEmpty()) {
			return;
		}
		checkPosition(sheet, row, column, limits);
		if (text.length() > limits.maxCellChars()) {
			throw new ReaderLimitException(ReaderLimits.CELL_TOO_LONG,
					"工作表“" + sheet + "”" + Grid.columnLetter(column) + (row + 1) + " 单元格有 " + text.length() + " 个字符，超过 "
							+ limits.maxCellChars() + " 个字符的上限，请检查是否粘贴了大段内容");
		}
	}

	/**
	 * @throws ReaderLimitException when a cell with content lies beyond the rows or
	 * columns allowed
	 */
	public static void checkPosition(String sheet, int row, int column, ReaderLimits limits)
			throws ReaderLimitException {
		if (row >= limits.maxRows()) {
			throw new ReaderLimitException(ReaderLimits.TOO_MANY_ROWS,
					"工作表“" + sheet + "”第 " + (row + 1) + " 行有内容，超过 " + limits.maxRows() + " 行的上限，请删除表格以外的内容后重新报送");
		}
		if (column >= limits.maxColumns()) {
			throw new ReaderLimitException(ReaderLimits.TOO_MANY_COLUMNS, "工作表“" + sheet + "”第 " + (column + 1) + " 列（"
					+ Grid.columnLetter(column) + " 列）有内容，超过 " + limits.maxColumns() + " 列的上限，请删除表格以外的内容后重新报送");
		}
	}

	/**
	 * Every cell of a built grid (CSV: rows and fields were bounded while streaming, cell
	 * length is checked here).
	 */
	public static void checkCellTexts(Grid grid, ReaderLimits limits) throws ReaderLimitException {
		for (int r = 0; r < grid.rowCount(); r++) {
			for (int c = 0; c < grid.columnCount(); c++) {
				checkCell(grid.name(), r, c, grid.text(r, c), limits);
			}
		}
	}

}
