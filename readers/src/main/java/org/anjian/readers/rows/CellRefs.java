package org.anjian.readers.rows;

import org.anjian.readers.grid.CellRange;

/**
 * Cheap parsing of A1 references and small integers, without regular expressions or
 * boxing.
 */
final class CellRefs {

	private CellRefs() {
	}

	/** 0-based column of a reference like {@code AB12} (letters only is fine), or -1. */
	static int column(String ref) {
		// rare (merged ranges, attributes of the StAX path): the copy costs nothing that
		// matters
		return column(ref.toCharArray(), 0, ref.length());
	}

	/**
	 * 0-based column of the reference in {@code chars[start, end)} (letters, {@code $}
	 * skipped, up to the first other character), or -1; saturates instead of overflowing
	 * on absurdly long letter runs.
	 */
	static int column(char[] chars, int start, int end) {
		int column = 0;
		for (int i = start; i < end; i++) {
			char ch = chars[i];
			if (ch >= 'A' && ch <= 'Z') {
				column = column * 26 + (ch - 'A' + 1);
			}
			else if (ch >= 'a' && ch <= 'z') {
				column = column * 26 + (ch - 'a' + 1);
			}
			else if (ch != '$') {
				break;
			}
			if (column > 1 << 24) {
				return 1 << 24;
			}
		}
		return column - 1;
	}

	/** 0-based row of a reference like {@code AB12}, or -1. */
	static int row(String ref) {
		int i = 0;
		while (i < ref.length() && !Character.isDigit(ref.charAt(i))) {
			i++;
		}
		return parsePositive(ref.substring(i)) - 1;
	}

	/** A non-negative decimal integer, or -1 when the text is not one. */
	static int parsePositive(String text) {
		if (text == null || text.isEmpty()) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (ch < '0' || ch > '9' || value > 200_000_000) {
				return -1;
			}
			value = value * 10 + (ch - '0');
		}
		return value;
	}

	/** A non-negative decimal integer from characters (a shared string index), or -1. */
	static int parseInt(char[] chars, int start, int length) {
		int value = 0;
		if (length == 0) {
			return -1;
		}
		for (int i = start; i < start + length; i++) {
			char ch = chars[i];
			if (ch < '0' || ch > '9' || value > 200_000_000) {
				return ch == ' ' ? value : -1;
			}
			value = value * 10 + (ch - '0');
		}
		return value;
	}

	/** A range like {@code A1:C2} (or a single cell), 0-based, or null. */
	static CellRange range(String ref) {
		if (ref == null || ref.isEmpty()) {
			return null;
		}
		int colon = ref.indexOf(':');
		String first = colon < 0 ? ref : ref.substring(0, colon);
		String last = colon < 0 ? ref : ref.substring(colon + 1);
		int firstRow = row(first);
		int lastRow = row(last);
		int firstColumn = column(first);
		int lastColumn = column(last);
		if (firstRow < 0 || lastRow < firstRow || firstColumn < 0 || lastColumn < firstColumn) {
			return null;
		}
		return new CellRange(firstRow, lastRow, firstColumn, lastColumn);
	}

}
