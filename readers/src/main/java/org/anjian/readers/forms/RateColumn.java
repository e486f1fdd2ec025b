package org.anjian.readers.forms;

import java.util.List;

/**
 * A rate column a form prints beside its measures (检查覆盖率(%) …): read so that the figures
 * can be checked against it, never landed. The rate is {@code numerator /
 * denominator} of the same row, written as a percentage.
 *
 * @param code a stable name for messages and rules (coverage_rate …)
 * @param headers normalised header texts of the column (without the “(%)”)
 * @param numerator measure code of the numerator
 * @param denominator measure code of the denominator
 */
public record RateColumn(String code, List<String> headers, String numerator, String denominator) {

	/** The header as the form prints it, for messages. */
	public String display() {
		return headers.get(0);
	}

}
