package org.anjian.readers.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell listing several things (F-003-I 安全生产违法行为: “1. … 2. … 3. …”) into one item
 * each. Numbering as typed: “1.” “1．” “1、” “1)” “(1)” “（1）” “①”, and line breaks. Clerks
 * often type no space (“…堵塞2.灭火器…”), so a marker counts wherever it stands as long as it
 * continues the count (1, 2, 3 …; a line may restart at 1): “高度不足 1.2米” has no marker (a
 * digit follows the point) and “涉及3、4号车间” inside item 1 is not item 3.
 */
public final class Items {

	private static final Pattern MARKER = Pattern
		.compile("(\\d{1,2})(?:[.．](?!\\d)|[、)）])|[(（](\\d{1,2})[)）]|([\\u2460-\\u2473])|([\\u2776-\\u277F])");

	private Items() {
	}

	/** What clerks write for “nothing found”: no item at all, not one item reading 无. */
	private static final Set<String> NONE = Set.of("无", "没有", "未发现", "未发现问题", "无违法行为", "未发现违法行为", "未发现隐患", "/", "-",
			"—", "——", "\\");

	/**
	 * @return the items, numbering and surrounding punctuation removed; empty for a blank
	 * cell or one saying 无
	 */
	public static List<String> split(String text) {
		List<String> items = new ArrayList<>();
		if (text == null || text.isBlank() || NONE.contains(text.strip())) {
			return items;
		}
		int expected = 1;
		for (String line : text.split("\\R")) {
			Matcher matcher = MARKER.matcher(line);
			int start = 0;
			while (matcher.find()) {
				int number = number(matcher);
				boolean lineStart = line.substring(0, matcher.start()).isBlank();
				if (number == expected || lineStart && number == 1) {
					add(items, line.substring(start, matcher.start()));
					start = matcher.end();
					expected = number + 1;
				}
			}
			add(items, line.substring(start));
		}
		return items;
	}

	private static int number(Matcher matcher) {
		if (matcher.group(1) != null) {
			return Integer.parseInt(matcher.group(1));
		}
		if (matcher.group(2) != null) {
			return Integer.parseInt(matcher.group(2));
		}
		if (matcher.group(3) != null) {
			return matcher.group(3).charAt(0) - '\u2460' + 1; // ① …
		}
		return matcher.group(4).charAt(0) - '\u2776' + 1; // ❶ …
	}

	private static void add(List<String> items, String part) {
		String item = part.strip();
		// separators left at the end of an item: “…未检测；2. …”
		while (!item.isEmpty() && ";；，,。".indexOf(item.charAt(item.length() - 1)) >= 0) {
			item = item.substring(0, item.length() - 1).strip();
		}
		if (!item.isEmpty()) {
			items.add(item);
		}
	}

}
