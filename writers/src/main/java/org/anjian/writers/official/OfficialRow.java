package org.anjian.writers.official;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of an official table: an industry (行业) or the 合计 row.
 *
 * @param label the row label as printed in the first column
 * @param values measure code → figure; a measure without a value is left blank
 */
public record OfficialRow(String label, Map<String, BigDecimal> values) {

	public OfficialRow {
		Objects.requireNonNull(label, "label");
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/** The figure of one measure, or null when the row has none. */
	public BigDecimal value(String measure) {
		return values.get(measure);
	}

}
