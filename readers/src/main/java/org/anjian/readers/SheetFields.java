package org.anjian.readers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anjian.readers.forms.HeaderText;

/**
 * “key：value” cells around the grid (填报单位：新场镇, 填报时间：2024年5月14日, 负责人：…), several per cell
 * allowed.
 */
public final class SheetFields {

	// a key is a short run of Chinese (or Latin) text, optionally with a bracketed part,
	// at the start or after a space
	private static final Pattern KEY = Pattern
		.compile("(?:^|(?<=\\s))([\\p{IsHan}A-Za-z]{1,10}(?:\\s*[（(][^）)]{0,8}[）)])?)\\s*[:：]");

	/**
	 * Canonical keys (without brackets) for the spellings clerks use; the key as written
	 * is kept too.
	 */
	private static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("填表单位", "填报单位"),
			Map.entry("填报部门", "填报单位"), Map.entry("填报地区", "填报单位"), Map.entry("报送单位", "填报单位"), Map.entry("填报单位", "填报单位"),
			Map.entry("单位名称", "填报单位"), Map.entry("填表时间", "填报时间"), Map.entry("填报日期", "填报时间"), Map.entry("填表日期", "填报时间"),
			Map.entry("报送时间", "填报时间"), Map.entry("报送日期", "填报时间"), Map.entry("填表人", "填报人"), Map.entry("制表人", "填报人"),
			Map.entry("填报人签字", "填报人"), Map.entry("统计月份", "月份"));

	private SheetFields() {
	}

	/** Whether the text starts with a “key：” (then it is a field, not a title line). */
	public static boolean isField(String text) {
		Matcher matcher = KEY.matcher(CellNumbers.trim(text));
		return matcher.find() && matcher.start() == 0;
	}

	/**
	 * Adds the fields of one cell to {@code fields}; the first value seen for a key wins.
	 */
	public static void collect(String text, Map<String, String> fields) {
		String cell = CellNumbers.trim(text);
		Matcher matcher = KEY.matcher(cell);
		List<int[]> spans = new java.util.ArrayList<>();
		while (matcher.find()) {
			spans.add(new int[] { matcher.start(1), matcher.end(1), matcher.end() });
		}
		if (spans.isEmpty() || spans.get(0)[0] != 0) {
			return;
		}
		for (int i = 0; i < spans.size(); i++) {
			int[] span = spans.get(i);
			int valueEnd = i + 1 < spans.size() ? spans.get(i + 1)[0] : cell.length();
			String key = HeaderText.normalise(cell.substring(span[0], span[1]));
			String value = CellNumbers.trim(cell.substring(span[2], valueEnd));
			fields.putIfAbsent(key, value);
			String canonical = CANONICAL.get(HeaderText.withoutBrackets(key));
			if (canonical == null) {
				canonical = HeaderText.withoutBrackets(key);
			}
			if (!canonical.isEmpty()) {
				fields.putIfAbsent(canonical, value);
			}
		}
	}

	public static Map<String, String> newMap() {
		return new LinkedHashMap<>();
	}

}
