package org.anjian.readers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.anjian.readers.forms.HeaderText;
import org.anjian.readers.grid.Grid;

/**
 * A submitter's 上报说明 (or 填报说明): why an advisory finding is right after all (NBS 联网直报's
 * “填写上报说明后强制上报”). Written in the workbook itself, either as a block below the table whose
 * first cell starts with 上报说明 / 填报说明 (the text after its colon, in the cells to its
 * right, and in the rows below until a blank row or a signature line), or as a sheet of
 * that name (all its text).
 */
public final class Explanations {

	/** The words a block or sheet starts with. */
	public static final List<String> TITLES = List.of("上报说明", "填报说明");

	private static final Pattern LEADING = Pattern.compile("^\\s*(上报说明|填报说明)\\s*[:：]?\\s*");

	private Explanations() {
	}

	/**
	 * The block at or below {@code fromRow} (0-based; the table's footer), or null when
	 * there is none or it holds no text.
	 */
	static String belowTable(Grid grid, int fromRow) {
		for (int r = Math.max(0, fromRow); r < grid.rowCount(); r++) {
			for (int c = 0; c < grid.columnCount(); c++) {
				if (isTitle(grid.text(r, c))) {
					return block(grid, r, c);
				}
			}
		}
		return null;
	}

	/** Whether a sheet is a 上报说明 sheet by its name. */
	public static boolean isSheet(String sheetName) {
		String name = HeaderText.normalise(sheetName);
		return TITLES.stream().anyMatch(name::startsWith);
	}

	/** All text of a 上报说明 sheet, row by row, without its title; null when empty. */
	static String sheet(Grid grid) {
		List<String> parts = new ArrayList<>();
		for (int r = 0; r < grid.rowCount(); r++) {
			for (int c = 0; c < grid.columnCount(); c++) {
				if (!grid.isMergeContinuation(r, c)) {
					add(parts, LEADING.matcher(grid.text(r, c)).replaceFirst(""));
				}
			}
		}
		return parts.isEmpty() ? null : String.join(" ", parts);
	}

	private static boolean isTitle(String text) {
		String normalised = HeaderText.normalise(text);
		return TITLES.stream().anyMatch(normalised::startsWith);
	}

	private static String block(Grid grid, int row, int column) {
		List<String> parts = new ArrayList<>();
		add(parts, LEADING.matcher(grid.text(row, column)).replaceFirst(""));
		for (int c = column + 1; c < grid.columnCount(); c++) {
			if (!grid.isMergeContinuation(row, c)) {
				add(parts, grid.text(row, c));
			}
		}
		for (int r = row + 1; r < grid.rowCount() && !grid.isBlankRow(r); r++) {
			List<String> line = new ArrayList<>();
			for (int c = column; c < grid.columnCount(); c++) {
				if (!grid.isMergeContinuation(r, c)) {
					add(line, grid.text(r, c));
				}
			}
			// a signature line (负责人：… 填报人：…) ends the block
			if (!line.isEmpty() && SheetFields.isField(line.get(0)) && !isTitle(line.get(0))) {
				break;
			}
			parts.addAll(line);
		}
		return parts.isEmpty() ? null : String.join(" ", parts);
	}

	private static void add(List<String> parts, String text) {
		String trimmed = CellNumbers.trim(text == null ? "" : text);
		if (!trimmed.isEmpty()) {
			parts.add(trimmed);
		}
	}

}
