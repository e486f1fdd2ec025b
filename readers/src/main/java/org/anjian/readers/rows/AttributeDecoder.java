package org.anjian.readers.rows;

import org.codehaus.stax2.typed.TypedValueDecoder;

/**
 * Decodes the attributes a sheet repeats on every cell (r="AB12", s="3", t="s") straight
 * from the parser's buffer through the Stax2 typed-access API, so that 15 million cells
 * do not make 40 million attribute Strings.
 */
final class AttributeDecoder extends TypedValueDecoder {

	enum Mode {

		/** letters of a cell reference → 0-based column */
		COLUMN,
		/** a non-negative integer */
		NUMBER,
		/** the cell type t → one of XlsxSheetRows' type codes */
		TYPE

	}

	Mode mode = Mode.NUMBER;

	/** The decoded value; -1 when there is none. */
	int value;

	@Override
	public void decode(String text) {
		decode(text.toCharArray(), 0, text.length());
	}

	@Override
	public void decode(char[] chars, int start, int end) {
		switch (mode) {
			case COLUMN -> value = CellRefs.column(chars, start, end);
			case NUMBER -> value = CellRefs.parseInt(chars, start, end - start);
			case TYPE -> value = XlsxSheetRows.cellType(chars, start, end - start);
		}
	}

	@Override
	public void handleEmptyValue() {
		value = -1;
	}

}
