package org.anjian.readers.forms;

import java.util.List;

/**
 * A form variant: what its header looks like and which rows to take. Loaded from a
 * properties file by {@link FormDefinitions}; the table locator is the same for every
 * form.
 *
 * @param id form id (F-000, F-001, F-003-II)
 * @param name the form as people call it, for messages
 * @param labelHeaders normalised header texts of the row-label column (行业部门, 单位 …)
 * @param measures the measure columns in the form's column order
 * @param totalLabels normalised row labels of the 合计 row
 * @param footerKeys normalised texts that start the lines under the grid (负责人, 注 …)
 * @param units normalised texts of a units row (个, 人次, 万元 …)
 * @param ignoreWords a header containing one of these is never matched loosely (rates: %,
 * 率, 比例)
 * @param keepRows row kinds to keep (累计数) when a unit has several rows, empty to keep
 * every row
 * @param dropRows row kinds to drop
 * @param monthRows row kinds kept beside the kept rows as the unit's month figures (本月数)
 * @param unitRows whether each row is a unit (the submitter itself) rather than an
 * industry (F-003-II: one table per unit, no industry rows)
 * @param stocks measures that are stocks, not flows: the number as of the month, the same
 * on the month and the cumulative row (监管企业总数)
 * @param rates rate columns read to check them against the figures
 */
public record FormDefinition(String id, String name, List<String> labelHeaders, List<MeasureColumn> measures,
		List<String> totalLabels, List<String> footerKeys, List<String> units, List<String> ignoreWords,
		List<String> keepRows, List<String> dropRows, List<String> monthRows, boolean unitRows, List<String> stocks,
		List<RateColumn> rates) {

	public List<String> measureCodes() {
		return measures.stream().map(MeasureColumn::code).toList();
	}

}
