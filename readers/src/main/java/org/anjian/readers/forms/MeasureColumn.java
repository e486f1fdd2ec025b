package org.anjian.readers.forms;

import java.util.List;

/**
 * A measure column of a form.
 *
 * @param code the canonical measure code (warehouse column name, measures.csv)
 * @param patterns the ways its header may be written, most specific first
 * @param optional whether a table may lack it with only a warning
 */
public record MeasureColumn(String code, List<HeaderPattern> patterns, boolean optional) {

	/** The header as the form prints it, for messages (e.g. 发现隐患数量/重大事故隐患). */
	public String display() {
		return patterns.get(0).display();
	}

}
