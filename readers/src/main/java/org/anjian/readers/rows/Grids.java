package org.anjian.readers.rows;

import java.io.IOException;

import org.anjian.readers.grid.CellRange;
import org.anjian.readers.grid.Grid;

/** Builds a whole-sheet {@link Grid} from a {@link RowSource} (for the small summary forms), or its first rows. */
public final class Grids {

	private Grids() {
	}

	/** The whole sheet, with its merged regions and hidden rows and columns. */
	public static Grid read(RowSource rows) throws IOException {
		return read(rows, Integer.MAX_VALUE);
	}

	/**
	 * At most the first {@code maxRows} rows the file holds; merged regions only when the sheet ended within them
	 * (xlsx keeps them after the cells).
	 */
	public static Grid read(RowSource rows, int maxRows) throws IOException {
		Grid.Builder grid = Grid.builder(rows.sheetName()).hidden(rows.sheetHidden());
		int count = 0;
		boolean ended = true;
		while (rows.next()) {
			if (count++ == maxRows) {
				ended = false;
				break;
			}
			if (rows.rowHidden()) {
				grid.hiddenRow(rows.rowIndex());
			}
			for (int c = 0; c < rows.width(); c++) {
				grid.cell(rows.rowIndex(), c, rows.text(c));
			}
		}
		if (ended) {
			for (CellRange range : rows.mergedRegions()) {
				grid.merge(range);
			}
		}
		for (int column : rows.hiddenColumns()) {
			grid.hiddenColumn(column);
		}
		return grid.build();
	}

}
