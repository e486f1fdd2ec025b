package org.anjian.jobs.submissions;

import java.text.Normalizer;

/** Text as clerks type it, made comparable: full-width → half-width, no spaces at all, no trailing colon. */
final class Names {

	private Names() {
	}

	static String normalize(String text) {
		if (text == null) {
			return "";
		}
		String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
		StringBuilder out = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != ':' && c != '\u200b') {
				out.append(c);
			}
		}
		return out.toString();
	}

}
