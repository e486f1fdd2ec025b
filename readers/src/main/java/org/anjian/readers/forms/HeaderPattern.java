package org.anjian.readers.forms;

import java.util.List;

/**
 * One way a measure's header may be written: a group level (the merged cell above) and a
 * leaf level (the column's own cell), or a single level. Each level lists alternatives,
 * already normalised with {@link HeaderText#normalise}.
 *
 * @param group alternatives for the group cell, empty for a single-level pattern
 * @param leaf alternatives for the column's own cell (or, for a single-level pattern, any
 * header cell of the column)
 */
public record HeaderPattern(List<String> group, List<String> leaf) {

	public boolean singleLevel() {
		return group.isEmpty();
	}

	/**
	 * The pattern as a person reads it: first alternative of each level joined by “/”.
	 */
	public String display() {
		return singleLevel() ? leaf.get(0) : group.get(0) + "/" + leaf.get(0);
	}

	/** Parses {@code 发现隐患数量|发现隐患 / 总计|合计} or {@code 联合惩戒}. */
	static HeaderPattern parse(String text) {
		String[] levels = text.split("/");
		if (levels.length > 2) {
			throw new IllegalArgumentException("表头写法最多两层（分组/栏目）：" + text);
		}
		List<String> leaf = alternatives(levels[levels.length - 1]);
		List<String> group = levels.length == 2 ? alternatives(levels[0]) : List.of();
		if (leaf.isEmpty()) {
			throw new IllegalArgumentException("表头写法为空：" + text);
		}
		return new HeaderPattern(group, leaf);
	}

	static List<String> alternatives(String text) {
		return java.util.Arrays.stream(text.split("\\|"))
			.map(HeaderText::normalise)
			.filter(s -> !s.isEmpty())
			.distinct()
			.toList();
	}

}
