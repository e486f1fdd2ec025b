package org.anjian.readers.rows;

import java.io.IOException;
import java.io.InterruptedIOException;

import org.anjian.readers.grid.CellRange;
import org.anjian.readers.grid.Grid;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.limits.SheetLimits;

/**
 * Builds a whole-sheet {@link Grid} from a {@link RowSource} (for the small summary
 * forms), or its first rows.
 */
public final class Grids {

	/** How far past the last cell with content a merged region is kept. */
	private static final int MERGE_SLACK_ROWS = 100;

	private static final int MERGE_SLACK_COLUMNS = 16;

	private Grids() {
	}

	/** The whole sheet, with its merged regions and hidden rows and columns. */
	public static Grid read(RowSource rows) throws IOException {
		return read(rows, Integer.MAX_VALUE);
	}

	/**
	 * At most the first {@code maxRows} rows the file holds; merged regions only when the
	 * sheet ended within them (xlsx keeps them after the cells).
	 */
	public static Grid read(RowSource rows, int maxRows) throws IOException {
		try {
			return read(rows, maxRows, null);
		}
		catch (ReaderLimitException ex) {
			throw new IllegalStateException("no limits were given", ex);
		}
	}

	/**
	 * At most the first {@code maxRows} rows the file holds, each cell with content held
	 * to {@code limits} as it is read (its row and column; the cells counted), so a far
	 * cell is rejected before anything is built for it; the grid holds only the cells
	 * present. {@code limits} null: none checked.
	 * @throws ReaderLimitException at the first cell beyond a limit
	 */
	public static Grid read(RowSource rows, int maxRows, ReaderLimits limits) throws IOException, ReaderLimitException {
		return head(rows, maxRows, limits).grid();
	}

	/**
	 * The first rows of a sheet, and whether they are all of it.
	 *
	 * @param whole the sheet ended within the rows read: the grid is the one
	 * {@link #read(RowSource)} builds (merged regions included), so a caller that sniffed
	 * a small sheet need not read it again
	 */
	public record Head(Grid grid, boolean whole) {
	}

	/**
	 * As {@link #read(RowSource, int, ReaderLimits)}, saying whether the sheet ended
	 * within {@code maxRows}.
	 */
	public static Head head(RowSource rows, int maxRows, ReaderLimits limits) throws IOException, ReaderLimitException {
		long cells = 0;
		Grid.Builder grid = Grid.builder(rows.sheetName()).hidden(rows.sheetHidden());
		int count = 0;
		boolean ended = true;
		int lastRow = -1;
		int widest = 0;
		while (rows.next()) {
			if (Thread.currentThread().isInterrupted()) {
				// a time limit gave up on this read: stop rather than finish for nobody
				throw new InterruptedIOException("读取已超过时限，被中止");
			}
			if (count++ == maxRows) {
				ended = false;
				break;
			}
			if (rows.rowHidden()) {
				grid.hiddenRow(rows.rowIndex());
			}
			for (int c = 0; c < rows.width(); c++) {
				String text = rows.text(c);
				// blank formatted cells are formatting, not content: they must not widen
				// the grid
				if (text != null && !text.isEmpty()) {
					if (limits != null) {
						SheetLimits.checkPosition(rows.sheetName(), rows.rowIndex(), c, limits);
						if (++cells > limits.maxCells()) {
							throw new ReaderLimitException(ReaderLimits.TOO_MANY_CELLS, "工作表“" + rows.sheetName()
									+ "”中有内容的单元格超过 " + limits.maxCells() + " 个的上限，请只保留表格本身后重新报送");
						}
					}
					grid.cell(rows.rowIndex(), c, text);
					lastRow = Math.max(lastRow, rows.rowIndex());
					widest = Math.max(widest, c + 1);
				}
			}
		}
		if (ended) {
			// merges reach little further than the content (a merged note may span a
			// blank row below it), so a
			// merge claiming A1:XFD1048576 costs nothing
			for (CellRange range : rows.mergedRegions()) {
				int last = Math.min(range.lastRow(), lastRow + MERGE_SLACK_ROWS);
				int lastColumn = Math.min(range.lastColumn(), widest - 1 + MERGE_SLACK_COLUMNS);
				if (range.firstRow() <= last && range.firstColumn() <= lastColumn) {
					grid.merge(new CellRange(range.firstRow(), last, range.firstColumn(), lastColumn));
				}
			}
		}
		for (int column : rows.hiddenColumns()) {
			grid.hiddenColumn(column);
		}
		return new Head(grid.build(), ended);
	}

}
