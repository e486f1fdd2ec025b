package org.anjian.readers.lists;

import java.math.BigDecimal;

import org.anjian.readers.CellNumbers;

/**
 * Money in 万元 as clerks type it: full-width digits, thousands separators, surrounding
 * spaces, a “万元” or “万” after the figure; “/”, “—”, “无” mean 0 as in the summary tables
 * ({@link CellNumbers}). The unit is not converted: the column is 万元 by its header, so
 * “5万元” is 5.
 */
public final class Amounts {

	private Amounts() {
	}

	/**
	 * @return the amount as a plain decimal, or null when the text is no number (blank
	 * gives null too)
	 */
	public static String parse(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		if (isPlain(text)) {
			return text; // what an Excel number cell gives: no allocation
		}
		String trimmed = CellNumbers.trim(text);
		if (trimmed.isEmpty()) {
			return null;
		}
		for (String unit : new String[] { "万元", "万", "（万元）", "(万元)" }) {
			if (trimmed.endsWith(unit) && trimmed.length() > unit.length()) {
				trimmed = CellNumbers.trim(trimmed.substring(0, trimmed.length() - unit.length()));
				break;
			}
		}
		BigDecimal value = CellNumbers.parse(trimmed);
		return value == null ? null : value.toPlainString();
	}

	/**
	 * Digits with at most one inner point and no leading zero run: already a plain
	 * decimal.
	 */
	private static boolean isPlain(String text) {
		int points = 0;
		int n = text.length();
		for (int i = 0; i < n; i++) {
			char ch = text.charAt(i);
			if (ch == '.') {
				if (++points > 1 || i == 0 || i == n - 1) {
					return false;
				}
			}
			else if (ch < '0' || ch > '9') {
				return false;
			}
		}
		return !(n > 1 && text.charAt(0) == '0' && text.charAt(1) != '.');
	}

}
