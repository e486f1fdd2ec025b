package org.anjian.readers;

import java.math.BigDecimal;

/**
 * One measure cell of a table row after normalisation.
 *
 * @param column column letter as a spreadsheet shows it (A, B, … AA)
 * @param raw the text as written (formula cells: the value Excel saved), trimmed; "" when
 * blank
 * @param number the value: blank, “/”, “—”, “-”, “无” give 0; full-width digits, thousands
 * separators and numbers stored as text are understood; null when the text is not a
 * number at all
 */
public record CellValue(String column, String raw, BigDecimal number) {

	public boolean isNumber() {
		return number != null;
	}

}
