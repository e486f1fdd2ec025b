package org.anjian.writers.official;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * The content of one official statistics summary table (统计汇总表), independent of any
 * spreadsheet library.
 *
 * @param formId the form layout to print it in, e.g. {@code F-000} (a resource
 * {@code official/forms/F-000.layout})
 * @param title e.g. 全县安全生产“强安2024”监管执法专项行动统计汇总表
 * @param firstMonth the campaign's first month: the table is cumulative from here
 * @param lastMonth the month the table is for: printed as “（2024年4月至5月）”
 * @param submitterName 填报单位
 * @param filledOn 填报时间
 * @param rows the industry rows, in print order
 * @param total the 合计 row
 * @param note the line under the table (units carried forward and from which month), or
 * null
 */
public record OfficialTable(String formId, String title, YearMonth firstMonth, YearMonth lastMonth,
		String submitterName, LocalDate filledOn, List<OfficialRow> rows, OfficialRow total, String note) {

	/** A table without a note under it. */
	public OfficialTable(String formId, String title, YearMonth firstMonth, YearMonth lastMonth, String submitterName,
			LocalDate filledOn, List<OfficialRow> rows, OfficialRow total) {
		this(formId, title, firstMonth, lastMonth, submitterName, filledOn, rows, total, null);
	}

	public OfficialTable {
		Objects.requireNonNull(formId, "formId");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(firstMonth, "firstMonth");
		Objects.requireNonNull(lastMonth, "lastMonth");
		Objects.requireNonNull(total, "total");
		rows = List.copyOf(rows);
	}

	/**
	 * The period line under the title, cumulative from the campaign's first month:
	 * “（2024年4月至5月）”.
	 */
	public String periodLine() {
		String end = lastMonth.getYear() == firstMonth.getYear() ? lastMonth.getMonthValue() + "月"
				: lastMonth.getYear() + "年" + lastMonth.getMonthValue() + "月";
		return "（" + firstMonth.getYear() + "年" + firstMonth.getMonthValue() + "月至" + end + "）";
	}

}
