package org.anjian.readers;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a measure cell's text into a number the way a township clerk means it.
 *
 * <ul>
 * <li>blank, “/”, “／”, “—”, “－”, “-”, “--”, “无” mean 0;</li>
 * <li>full-width digits, numbers stored as text, surrounding spaces, thousands separators
 * (1,234 / 1，234) are understood;</li>
 * <li>anything else, including a number with a unit typed after it (“12项”) or a
 * percentage, is not a number (null): guessing would hide a cell the clerk must fix, so
 * the check step reports it instead.</li>
 * </ul>
 */
public final class CellNumbers {

	private static final Set<String> ZERO_WORDS = Set.of("", "/", "-", "--", "---", "——", "—", "无", "\\", "0");

	private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

	private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

	private CellNumbers() {
	}

	/**
	 * The cell's text trimmed of every kind of space (full-width, no-break), as kept in
	 * {@link CellValue#raw()}.
	 */
	public static String trim(String text) {
		if (text == null) {
			return "";
		}
		int start = 0;
		int end = text.length();
		if (end > 0 && !isSpace(text.charAt(0)) && !isSpace(text.charAt(end - 1))) {
			return text;
		}
		while (start < end && isSpace(text.charAt(start))) {
			start++;
		}
		while (end > start && isSpace(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

	private static boolean isSpace(char ch) {
		// fast paths for the usual first and last characters: printable ASCII, CJK
		// ideographs and punctuation, the
		// full-width forms after U+FEFF (a name ending in “）”); no space or blank
		// character lies in these ranges
		if (ch > ' ' && ch < '\u0085' || ch > '\u3000' && ch != '\uFEFF' || ch > '\u00A0' && ch < '\u1680'
				|| ch > '\u205F' && ch < '\u3000') {
			return false;
		}
		return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\uFEFF' || ch == '\u200B';
	}

	/**
	 * @return the number the text means, or null when it is not one
	 */
	public static BigDecimal parse(String text) {
		String folded = Normalizer.normalize(trim(text), Normalizer.Form.NFKC).strip();
		folded = folded.replace('－', '-').replace('—', '-').replace('–', '-').replace('−', '-').replace('／', '/');
		folded = folded.replace("，", ",");
		if (ZERO_WORDS.contains(folded) || folded.chars().allMatch(ch -> ch == '-')) {
			return BigDecimal.ZERO;
		}
		if (GROUPED.matcher(folded).matches()) {
			folded = folded.replace(",", "");
		}
		if (!PLAIN.matcher(folded).matches()) {
			return null;
		}
		BigDecimal value = new BigDecimal(folded.startsWith("+") ? folded.substring(1) : folded);
		return value.signum() == 0 ? BigDecimal.ZERO
				: value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
	}

	/**
	 * Whether the text holds an actual figure (not blank, not a zero word): used to tell
	 * data rows from headers.
	 */
	static boolean isFigure(String text) {
		String trimmed = trim(text);
		return !trimmed.isEmpty() && parse(trimmed) != null && trimmed.chars().anyMatch(ch -> Character.isDigit(ch));
	}

}
