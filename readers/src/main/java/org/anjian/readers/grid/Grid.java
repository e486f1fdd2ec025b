package org.anjian.readers.grid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sheet as text: every cell already rendered the way the reader wants it (numbers as
 * plain decimals, dates as yyyy-MM-dd, formulas as the value Excel saved). Rows and
 * columns are 0-based here; messages add 1.
 */
public final class Grid {

	/**
	 * A merged region spanning more rows than this is not indexed row by row but looked
	 * through on each lookup (a merge claiming a whole column costs one entry, not a
	 * million).
	 */
	private static final int INDEXED_MERGE_ROWS = 256;

	private static final String[] NO_CELLS = new String[0];

	private final String name;

	private final boolean hidden;

	/**
	 * The rows holding content, each as wide as its own last cell: memory follows the
	 * cells present, never rows × columns (a cell at XFD1048576 is one row of its own).
	 */
	private final Map<Integer, String[]> rows;

	private final int rowCount;

	private final int columnCount;

	private final List<CellRange> mergedRegions;

	/**
	 * Merged regions of at most {@link #INDEXED_MERGE_ROWS} rows, by each row they cover.
	 */
	private final Map<Integer, List<CellRange>> mergesByRow;

	/** Taller merged regions. */
	private final List<CellRange> tallMerges;

	private final Set<Integer> hiddenRows;

	private final Set<Integer> hiddenColumns;

	private Grid(Builder builder) {
		this.name = builder.name;
		this.hidden = builder.hidden;
		int width = 0;
		int height = 0;
		Map<Integer, Integer> rowWidths = new HashMap<>();
		for (Map.Entry<Long, String> cell : builder.cells.entrySet()) {
			int row = row(cell.getKey());
			int column = column(cell.getKey());
			height = Math.max(height, row + 1);
			width = Math.max(width, column + 1);
			rowWidths.merge(row, column + 1, Math::max);
		}
		for (CellRange range : builder.merged) {
			height = Math.max(height, range.lastRow() + 1);
			width = Math.max(width, range.lastColumn() + 1);
		}
		this.rowCount = height;
		this.columnCount = width;
		Map<Integer, String[]> content = new HashMap<>();
		rowWidths.forEach((row, rowWidth) -> content.put(row, new String[rowWidth]));
		builder.cells.forEach((key, text) -> content.get(row(key))[column(key)] = text);
		this.rows = content;
		this.mergedRegions = List.copyOf(builder.merged);
		Map<Integer, List<CellRange>> index = new HashMap<>();
		List<CellRange> tall = new ArrayList<>();
		for (CellRange range : builder.merged) {
			if (range.lastRow() - range.firstRow() >= INDEXED_MERGE_ROWS) {
				tall.add(range);
				continue;
			}
			for (int r = range.firstRow(); r <= range.lastRow(); r++) {
				index.computeIfAbsent(r, k -> new ArrayList<>(2)).add(range);
			}
		}
		this.mergesByRow = index;
		this.tallMerges = List.copyOf(tall);
		this.hiddenRows = Set.copyOf(builder.hiddenRows);
		this.hiddenColumns = Set.copyOf(builder.hiddenColumns);
	}

	public static Builder builder(String name) {
		return new Builder(name);
	}

	public String name() {
		return name;
	}

	/**
	 * Whether the sheet itself is hidden (a hidden sheet is only searched after the
	 * visible ones).
	 */
	public boolean hidden() {
		return hidden;
	}

	public int rowCount() {
		return rowCount;
	}

	public int columnCount() {
		return columnCount;
	}

	/**
	 * The cell's own text, "" when blank; a cell inside a merged region other than its
	 * top-left is blank.
	 */
	public String text(int row, int column) {
		String[] cells = cells(row);
		if (column < 0 || column >= cells.length) {
			return "";
		}
		String text = cells[column];
		return text == null ? "" : text;
	}

	/**
	 * The text a reader sees at the cell: the merged region's top-left text when the cell
	 * is merged.
	 */
	public String shownText(int row, int column) {
		CellRange range = mergedRegion(row, column);
		return range == null ? text(row, column) : text(range.firstRow(), range.firstColumn());
	}

	/** The merged region holding the cell, or null. */
	public CellRange mergedRegion(int row, int column) {
		List<CellRange> inRow = mergesByRow.get(row);
		if (inRow != null) {
			for (CellRange range : inRow) {
				if (range.firstColumn() <= column && column <= range.lastColumn()) {
					return range;
				}
			}
		}
		for (CellRange range : tallMerges) {
			if (range.firstRow() <= row && row <= range.lastRow() && range.firstColumn() <= column
					&& column <= range.lastColumn()) {
				return range;
			}
		}
		return null;
	}

	/** Whether the cell is covered by a merged region that starts in another cell. */
	public boolean isMergeContinuation(int row, int column) {
		CellRange range = mergedRegion(row, column);
		return range != null && (range.firstRow() != row || range.firstColumn() != column);
	}

	public List<CellRange> mergedRegions() {
		return mergedRegions;
	}

	public boolean isRowHidden(int row) {
		return hiddenRows.contains(row);
	}

	public boolean isColumnHidden(int column) {
		return hiddenColumns.contains(column);
	}

	public Set<Integer> hiddenRows() {
		return Collections.unmodifiableSet(hiddenRows);
	}

	/** Whether every cell of the row is blank. */
	public boolean isBlankRow(int row) {
		for (String text : cells(row)) {
			if (text != null && !text.isBlank()) {
				return false;
			}
		}
		return true;
	}

	/** Column letter as a spreadsheet shows it: 0 → A, 25 → Z, 26 → AA. */
	public static String columnLetter(int column) {
		StringBuilder letters = new StringBuilder();
		for (int c = column + 1; c > 0; c = (c - 1) / 26) {
			letters.insert(0, (char) ('A' + (c - 1) % 26));
		}
		return letters.toString();
	}

	/** The row's cells as stored (as wide as its last cell), empty when it has none. */
	private String[] cells(int row) {
		String[] cells = rows.get(row);
		return cells == null ? NO_CELLS : cells;
	}

	private static long key(int row, int column) {
		return ((long) row << 20) | column;
	}

	private static int row(long key) {
		return (int) (key >>> 20);
	}

	private static int column(long key) {
		return (int) (key & 0xFFFFF);
	}

	/** Collects the content of one sheet; adapters (POI, CSV) fill it. */
	public static final class Builder {

		private final String name;

		private boolean hidden;

		private final Map<Long, String> cells = new HashMap<>();

		private final List<CellRange> merged = new ArrayList<>();

		private final Set<Integer> hiddenRows = new HashSet<>();

		private final Set<Integer> hiddenColumns = new HashSet<>();

		private Builder(String name) {
			this.name = name;
		}

		public Builder hidden(boolean hidden) {
			this.hidden = hidden;
			return this;
		}

		/** Sets a cell's text; blank texts are not stored. */
		public Builder cell(int row, int column, String text) {
			if (text != null && !text.isEmpty()) {
				cells.put(key(row, column), text);
			}
			return this;
		}

		public Builder merge(CellRange range) {
			merged.add(range);
			return this;
		}

		public Builder hiddenRow(int row) {
			hiddenRows.add(row);
			return this;
		}

		public Builder hiddenColumn(int column) {
			hiddenColumns.add(column);
			return this;
		}

		public Grid build() {
			return new Grid(this);
		}

	}

}
