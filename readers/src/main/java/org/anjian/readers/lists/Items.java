package org.anjian.readers.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell listing several things (F-003-I 安全生产违法行为: “1. … 2. … 3. …”) into one item each. Numbering as
 * typed: “1.” “1．” “1、” “1)” “(1)” “（1）” “①”, and line breaks. A number is only a marker at the start or after a
 * space, line break or punctuation, and “2.5米” is not one.
 */
public final class Items {

	private static final Pattern MARKER = Pattern.compile(
			"(?:^|(?<=[\\s;；。，,:：]))(?:\\d{1,2}(?:[.．](?!\\d)|[、)）])|[(（]\\d{1,2}[)）]|[\\u2460-\\u2473\\u2776-\\u277F])\\s*");

	private Items() {
	}

	/** @return the items, numbering and surrounding punctuation removed; empty for a blank cell */
	public static List<String> split(String text) {
		List<String> items = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return items;
		}
		for (String line : text.split("\\R")) {
			Matcher matcher = MARKER.matcher(line);
			int start = 0;
			while (matcher.find()) {
				add(items, line.substring(start, matcher.start()));
				start = matcher.end();
			}
			add(items, line.substring(start));
		}
		return items;
	}

	private static void add(List<String> items, String part) {
		String item = part.strip();
		// separators left at the end of an item: “…未检测；2. …”
		while (!item.isEmpty() && ";；，,".indexOf(item.charAt(item.length() - 1)) >= 0) {
			item = item.substring(0, item.length() - 1).strip();
		}
		if (!item.isEmpty()) {
			items.add(item);
		}
	}

}
