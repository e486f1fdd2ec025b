package org.anjian.readers;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a form title states: “（2024年4月至 5 月）”, “(2024年4月至5月)”, “2024年4-5月”,
 * “2024年5月”.
 *
 * @param first the first month, never null
 * @param last the last month; null when the clerk left it blank (“至 月”)
 */
record PeriodRange(YearMonth first, YearMonth last) {

	// 2024年4月至2024年5月 / 2024年4月至 5 月 / 2024年4-5月 / 2024年4月至 月
	private static final Pattern RANGE = Pattern
		.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月?\\s*(?:至|到|-|~|～|—)\\s*(?:(\\d{4})\\s*年)?\\s*(\\d{1,2})?\\s*月");

	// 2024年5月, but not the 2024年5月14日 of a date
	private static final Pattern SINGLE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?!\\s*\\d{1,2}\\s*日)");

	/**
	 * @return the first period found in the text, or null
	 */
	static PeriodRange find(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
		try {
			Matcher range = RANGE.matcher(folded);
			if (range.find()) {
				int year = Integer.parseInt(range.group(1));
				YearMonth first = YearMonth.of(year, Integer.parseInt(range.group(2)));
				YearMonth last = null;
				if (range.group(4) != null) {
					int lastMonth = Integer.parseInt(range.group(4));
					int lastYear = range.group(3) != null ? Integer.parseInt(range.group(3))
							: lastMonth < first.getMonthValue() ? year + 1 : year;
					last = YearMonth.of(lastYear, lastMonth);
				}
				return new PeriodRange(first, last);
			}
			Matcher single = SINGLE.matcher(folded);
			if (single.find()) {
				YearMonth month = YearMonth.of(Integer.parseInt(single.group(1)), Integer.parseInt(single.group(2)));
				return new PeriodRange(month, month);
			}
		}
		catch (DateTimeException ex) {
			// a month like 13 is not a period; the check step reports the missing period
		}
		return null;
	}

}
