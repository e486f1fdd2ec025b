package org.anjian.readers.lists;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as clerks type them: 2024-05-03, 2024/5/3, 2024.5.3, 2024年5月3日 (or 号), 20240503,
 * full-width digits, a time after the date; Excel date cells already arrive as
 * yyyy-MM-dd. A bare 5-digit number between 1950 and 2100 as an Excel serial is also a
 * date: a date column whose cell format was lost shows 45415 for 2024-05-03.
 */
public final class ListDates {

	private static final Pattern SEPARATED = Pattern.compile(
			"(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*[日号]?(?:[\\sT]+\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");

	private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

	private static final Pattern SERIAL = Pattern.compile("\\d{5}(?:\\.\\d+)?");

	/** Excel serials of 1950-01-01 and 2100-12-31. */
	private static final int FIRST_SERIAL = 18264;

	private static final int LAST_SERIAL = 73415;

	private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

	private ListDates() {
	}

	/**
	 * @return the date as yyyy-MM-dd, or null when the text is no date (blank included)
	 */
	public static String parse(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		if (isIsoDate(text)) {
			return text; // the common case, an Excel date cell: no allocation
		}
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
		Matcher matcher = SEPARATED.matcher(folded);
		if (!matcher.matches()) {
			matcher = COMPACT.matcher(folded);
			if (!matcher.matches()) {
				if (SERIAL.matcher(folded).matches()) {
					double serial = Double.parseDouble(folded);
					if (serial >= FIRST_SERIAL && serial <= LAST_SERIAL) {
						return EXCEL_EPOCH.plusDays((long) serial).toString();
					}
				}
				return null;
			}
		}
		try {
			return LocalDate
				.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
						Integer.parseInt(matcher.group(3)))
				.toString();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** yyyy-MM-dd with a real month and day, checked without allocating. */
	public static boolean isIsoDate(String text) {
		if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
			return false;
		}
		for (int i : new int[] { 0, 1, 2, 3, 5, 6, 8, 9 }) {
			char ch = text.charAt(i);
			if (ch < '0' || ch > '9') {
				return false;
			}
		}
		int year = (text.charAt(0) - '0') * 1000 + (text.charAt(1) - '0') * 100 + (text.charAt(2) - '0') * 10
				+ (text.charAt(3) - '0');
		int month = (text.charAt(5) - '0') * 10 + (text.charAt(6) - '0');
		int day = (text.charAt(8) - '0') * 10 + (text.charAt(9) - '0');
		if (month < 1 || month > 12 || day < 1) {
			return false;
		}
		boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
		int length = switch (month) {
			case 2 -> leap ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
		return day <= length && year > 0;
	}

}
