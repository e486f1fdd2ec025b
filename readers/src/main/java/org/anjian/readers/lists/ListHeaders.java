package org.anjian.readers.lists;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.anjian.readers.CellNumbers;
import org.anjian.readers.SheetFields;
import org.anjian.readers.forms.HeaderText;
import org.anjian.readers.grid.Grid;
import org.anjian.readers.rows.RowSource;
import org.anjian.readers.rows.SheetInfo;

/**
 * Finds a list header in a sheet's head (its first {@value #HEADER_SEARCH_ROWS} non-empty
 * rows): the row whose cells match most of a definition's required columns
 * ({@link ListDefinition}, {@code lists/*.properties}); the lines above it give the title
 * and the fields (填报单位 …). Used to tell a list from a summary table at the front door
 * ({@code
 * SubmissionFiles}) and to read one ({@link ListFileReader}).
 *
 * <p>
 * Thread-safe: it keeps no state between sheets.
 */
public final class ListHeaders {

	/** How far down a sheet a list header is looked for (non-empty rows). */
	public static final int HEADER_SEARCH_ROWS = 30;

	private final List<ListDefinition> definitions;

	public ListHeaders(List<ListDefinition> definitions) {
		if (definitions.isEmpty()) {
			throw new IllegalArgumentException("at least one list definition is needed");
		}
		this.definitions = List.copyOf(definitions);
	}

	/** The bundled definitions, {@code lists/*.properties}. */
	public static ListHeaders bundled() {
		return new ListHeaders(ListDefinition.bundled());
	}

	/**
	 * What a sheet's head holds as a list.
	 *
	 * @param kind the list kind its header shows
	 * @param submitter the 填报单位 written above the header, or null
	 */
	public record Recognised(ListKind kind, String submitter) {
	}

	/**
	 * The list whose header is in the first rows of {@code grid}, or null when none is.
	 */
	public Recognised recognise(Grid grid) {
		List<BufferedRow> head = bufferFromGrid(grid, HEADER_SEARCH_ROWS);
		HeaderMatch header = locate(head);
		if (header == null) {
			return null;
		}
		Map<String, String> fields = SheetFields.newMap();
		collectFields(head.subList(0, header.position()), fields, new ArrayList<>());
		return new Recognised(header.definition().kind(), fields.get("填报单位"));
	}

	/** Sheets in the order a list is looked for: visible ones first. */
	public static List<SheetInfo> visibleFirst(List<SheetInfo> sheets) {
		List<SheetInfo> ordered = new ArrayList<>(sheets);
		ordered.sort(Comparator.comparing(SheetInfo::hidden)); // stable: workbook order
																// within each group
		return ordered;
	}

	/** A row of the sheet's head, kept while the header is looked for. */
	record BufferedRow(int rowIndex, boolean hidden, String[] cells) {

		String text(int column) {
			return column < cells.length ? cells[column] : "";
		}

	}

	static List<BufferedRow> buffer(RowSource rows, int count) throws IOException {
		List<BufferedRow> head = new ArrayList<>();
		while (head.size() < count && rows.next()) {
			if (rows.width() == 0) {
				continue;
			}
			String[] cells = new String[rows.width()];
			for (int c = 0; c < cells.length; c++) {
				cells[c] = rows.text(c);
			}
			head.add(new BufferedRow(rows.rowIndex(), rows.rowHidden(), cells));
		}
		return head;
	}

	/**
	 * The lines above a header: “key：value” fields (填报单位 …) into {@code fields}, other
	 * text into {@code titleLines}.
	 */
	static void collectFields(List<BufferedRow> above, Map<String, String> fields, List<String> titleLines) {
		for (BufferedRow row : above) {
			for (String cell : row.cells()) {
				String text = CellNumbers.trim(cell);
				if (text.isEmpty()) {
					continue;
				}
				if (SheetFields.isField(text)) {
					SheetFields.collect(text, fields);
				}
				else {
					titleLines.add(text);
				}
			}
		}
	}

	static List<BufferedRow> bufferFromGrid(Grid grid, int count) {
		List<BufferedRow> head = new ArrayList<>();
		for (int r = 0; r < grid.rowCount() && head.size() < count; r++) {
			if (grid.isBlankRow(r)) {
				continue;
			}
			String[] cells = new String[grid.columnCount()];
			for (int c = 0; c < cells.length; c++) {
				cells[c] = grid.text(r, c);
			}
			head.add(new BufferedRow(r, grid.isRowHidden(r), cells));
		}
		return head;
	}

	/**
	 * A list header found in the sheet's head.
	 *
	 * @param definition the list kind's definition
	 * @param position index of the header row in the buffered head
	 * @param columns per {@link ListKind#columns()} position, the sheet column, or -1
	 * @param headerTexts per position, the header cell as written, or null
	 * @param missing required columns the header lacks
	 * @param requiredMatched required columns found
	 * @param matched columns found
	 */
	record HeaderMatch(ListDefinition definition, int position, int[] columns, String[] headerTexts,
			List<String> missing, int requiredMatched, int matched) {

		boolean betterThan(HeaderMatch other) {
			return other == null || requiredMatched > other.requiredMatched
					|| requiredMatched == other.requiredMatched && matched > other.matched;
		}

	}

	/**
	 * The best header in the sheet's head, or null when no row matches enough of any
	 * definition.
	 */
	HeaderMatch locate(List<BufferedRow> head) {
		HeaderMatch best = null;
		for (int position = 0; position < head.size(); position++) {
			BufferedRow row = head.get(position);
			if (row.hidden()) {
				continue; // a hidden row is never the header people read
			}
			String[] normalised = new String[row.cells().length];
			String[] bare = new String[normalised.length];
			for (int c = 0; c < normalised.length; c++) {
				normalised[c] = HeaderText.normalise(row.cells()[c]);
				bare[c] = HeaderText.withoutBrackets(normalised[c]);
			}
			for (ListDefinition definition : definitions) {
				HeaderMatch match = match(definition, position, row, normalised, bare);
				int needed = Math.min(2, definition.headerRequired().size());
				if (match.requiredMatched() >= needed && match.betterThan(best)) {
					best = match;
				}
			}
		}
		return best;
	}

	private static HeaderMatch match(ListDefinition definition, int position, BufferedRow row, String[] normalised,
			String[] bare) {
		ListKind kind = definition.kind();
		int[] columns = new int[kind.columns().size()];
		java.util.Arrays.fill(columns, -1);
		String[] texts = new String[columns.length];
		boolean[] taken = new boolean[normalised.length];
		// exact spellings first, so that “罚款金额(万)” is not taken by a looser synonym of
		// another column
		for (int pass = 0; pass < 2; pass++) {
			for (Map.Entry<String, List<String>> entry : definition.headers().entrySet()) {
				int index = kind.indexOf(entry.getKey());
				if (columns[index] >= 0) {
					continue;
				}
				for (int c = 0; c < normalised.length && columns[index] < 0; c++) {
					if (taken[c] || normalised[c].isEmpty()) {
						continue;
					}
					if (pass == 0 ? definition.isHeader(entry.getKey(), normalised[c])
							: !bare[c].isEmpty() && definition.isBareHeader(entry.getKey(), bare[c])) {
						columns[index] = c;
						texts[index] = CellNumbers.trim(row.cells()[c]);
						taken[c] = true;
					}
				}
			}
		}
		List<String> missing = new ArrayList<>();
		int required = 0;
		for (String column : definition.headerRequired()) {
			if (columns[kind.indexOf(column)] >= 0) {
				required++;
			}
			else {
				missing.add(column);
			}
		}
		int matched = 0;
		for (int column : columns) {
			matched += column >= 0 ? 1 : 0;
		}
		return new HeaderMatch(definition, position, columns, texts, missing, required, matched);
	}

}
