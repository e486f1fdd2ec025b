package org.anjian.readers.lists;

import java.util.List;

/**
 * One accepted row of a record-level list.
 *
 * @param rowNumber 1-based row as a spreadsheet program shows it (CSV: the line number)
 * @param values normalised values aligned with {@link ListKind#columns()}; null where the
 * file has none
 * @param items the split parts of a multi-item cell (F-003-I violations), empty for other
 * kinds
 */
public record ListRow(int rowNumber, String[] values, List<String> items) {

	public String value(ListKind kind, String column) {
		int index = kind.indexOf(column);
		return index < 0 ? null : values[index];
	}

}
