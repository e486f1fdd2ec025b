package org.anjian.readers.rows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;

/**
 * How Excel cell values become text, shared by the streaming xlsx and xls sources: plain
 * decimals at Excel's 15 significant digits, date serials as yyyy-MM-dd, date formats
 * recognised by id or by format code.
 */
public final class CellTexts {

	/**
	 * Excel shows 15 significant digits; cutting there turns 21.099999999999998 back into
	 * 21.1.
	 */
	private static final MathContext EXCEL_PRECISION = new MathContext(15);

	private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);

	private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);

	private CellTexts() {
	}

	/**
	 * A double as the plain decimal Excel would show: no exponent, no binary noise, no
	 * trailing zeros.
	 */
	public static String plainDecimal(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return Double.toString(value);
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value); // the common case: a whole number, no
												// BigDecimal
		}
		return plain(new BigDecimal(value));
	}

	/**
	 * The number an xlsx {@code <v>} holds (Excel writes the shortest round-trip text, up
	 * to 17 digits, maybe with an exponent) as a plain decimal; text that is not a number
	 * is returned as it is.
	 */
	public static String plainDecimal(char[] chars, int start, int length) {
		// fast path: an integer of at most 15 digits is already what Excel shows
		int i = start;
		int end = start + length;
		if (i < end && chars[i] == '-') {
			i++;
		}
		int digitsStart = i;
		while (i < end && chars[i] >= '0' && chars[i] <= '9') {
			i++;
		}
		if (i == end && i > digitsStart && i - digitsStart <= 15
				&& (chars[digitsStart] != '0' || i - digitsStart == 1)) {
			String text = new String(chars, start, length);
			return "-0".equals(text) ? "0" : text;
		}
		// fast path: a plain decimal of at most 15 digits needs only its trailing zeros
		// cut
		if (i < end && chars[i] == '.' && i > digitsStart && i - digitsStart <= 15) {
			int point = i++;
			while (i < end && chars[i] >= '0' && chars[i] <= '9') {
				i++;
			}
			if (i == end && end - digitsStart - 1 <= 15 && (chars[digitsStart] != '0' || point - digitsStart == 1)) {
				int last = end;
				while (last > point + 1 && chars[last - 1] == '0') {
					last--;
				}
				if (last == point + 1) {
					last = point;
				}
				String text = new String(chars, start, last - start);
				return "-0".equals(text) ? "0" : text;
			}
		}
		try {
			return plain(new BigDecimal(chars, start, length));
		}
		catch (NumberFormatException ex) {
			return new String(chars, start, length);
		}
	}

	private static String plain(BigDecimal value) {
		String text = value.round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
		return "-0".equals(text) ? "0" : text;
	}

	/** An Excel date serial (fraction = time of day, dropped) as yyyy-MM-dd. */
	public static String excelDate(double serial, boolean date1904) {
		long days = (long) Math.floor(serial);
		if (date1904) {
			return EPOCH_1904.plusDays(days).toString();
		}
		// Excel counts a 29 February 1900 that never was: serials before it are one day
		// off
		return (days < 61 ? EPOCH_1900.plusDays(days + 1) : EPOCH_1900.plusDays(days)).toString();
	}

	/**
	 * Whether a number format shows a date: the built-in date formats 14–22 and the zh-CN
	 * built-ins (27–31, 36, 50–51, 54, 57–58: yyyy"年"m"月"d"日" …), or a custom code with
	 * year, month or day parts outside quotes and brackets.
	 */
	public static boolean isDateFormat(int id, String code) {
		if (id >= 14 && id <= 22 || id >= 27 && id <= 31 || id == 36 || id == 50 || id == 51 || id == 54 || id == 57
				|| id == 58) {
			return true;
		}
		if (code == null || code.isEmpty()) {
			return false;
		}
		if (code.regionMatches(true, 0, "General", 0, 7)) {
			return false;
		}
		boolean hour = false;
		boolean month = false;
		boolean yearOrDay = false;
		for (int i = 0; i < code.length(); i++) {
			char ch = code.charAt(i);
			switch (ch) {
				case '"' -> {
					int close = code.indexOf('"', i + 1);
					i = close < 0 ? code.length() : close;
				}
				case '[' -> {
					int close = code.indexOf(']', i + 1);
					i = close < 0 ? code.length() : close;
				}
				case '\\', '_', '*' -> i++; // escaped or padding character
				case ';' -> {
					return yearOrDay || month && !hour; // the positive section decides
				}
				case 'y', 'Y', 'd', 'D' -> yearOrDay = true;
				case 'm', 'M' -> month = true;
				case 'h', 'H', 's', 'S' -> hour = true;
				default -> {
				}
			}
		}
		return yearOrDay || month && !hour;
	}

}
