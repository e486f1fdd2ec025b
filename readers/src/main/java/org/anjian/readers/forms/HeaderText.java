package org.anjian.readers.forms;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Header and label texts reduced to what they mean, so that hand-typed variants compare
 * equal.
 */
public final class HeaderText {

	private static final Pattern BRACKETED = Pattern.compile("\\([^()]*\\)");

	private HeaderText() {
	}

	/**
	 * Full-width → half-width (NFKC), every kind of bracket → ( ), dashes and dots
	 * unified, and all whitespace removed: vertical text typed one character per line and
	 * “合 计” both collapse.
	 */
	public static String normalise(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
		StringBuilder out = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			char ch = folded.charAt(i);
			if (Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\u200B' || ch == '\uFEFF') {
				continue;
			}
			out.append(switch (ch) {
				case '【', '〔', '[', '{', '〖', '「' -> '(';
				case '】', '〕', ']', '}', '〗', '」' -> ')';
				case '—', '–', '―', '−', '－' -> '-';
				case '，' -> ',';
				case '；' -> ';';
				case '“', '”', '"' -> '"';
				default -> ch;
			});
		}
		return out.toString();
	}

	/** The normalised text with bracketed parts dropped: “现场紧急处置(含暂扣许可证…)” → “现场紧急处置”. */
	public static String withoutBrackets(String normalised) {
		String text = normalised;
		for (String previous = null; !text.equals(previous);) {
			previous = text;
			text = BRACKETED.matcher(text).replaceAll("");
		}
		return text;
	}

}
