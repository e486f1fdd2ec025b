package org.anjian.readers;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.anjian.readers.forms.FormDefinition;

/**
 * A statistics summary table (统计汇总表) found in a submission file, with layout resolved but
 * no reference data applied: labels are as written, measures are keyed by their canonical
 * code.
 *
 * @param sheet the sheet the table was found in
 * @param formId the form variant whose header matched (F-000, F-001, F-003-II)
 * @param title the title line(s) above the header, joined by a space
 * @param fields “key：value” lines around the grid, key normalised without spaces (填报单位,
 * 填报时间, 月份, 负责人, 填报人, 联系电话, …) → value trimmed ("" when blank)
 * @param firstMonth first month of the period range in the title “（2024年4月至5月）”, or null
 * @param lastMonth last month of that range, or null when left blank (“至 月”)
 * @param headerColumns measure code → column letter, for messages
 * @param headerTexts measure code → header text as found (group/leaf joined by “/”), for
 * messages
 * @param rows industry rows in sheet order (without the 合计 row)
 * @param totalRow the 合计 row, or null when the table has none
 * @param monthRows the 本月数 rows of a form that has them beside its 累计数 rows (F-003-II),
 * labelled like the cumulative rows, in sheet order; empty otherwise
 * @param form the definition of the form whose header matched (its rates, stocks, whether
 * rows are units), or null when the table was made by hand
 * @param headerRow 1-based sheet row of the header's lowest row (the measure columns' own
 * cells), or 0 when unknown
 * @param explanation the submitter's 上报说明 (填报说明) of its advisory findings, from a block
 * below the table or a sheet of that name ({@link Explanations}), or null when none
 * @param headerCells measure code → its header cell as Excel shows it (a merged header's
 * first cell, C4 of C4:C6), for messages and annotations; empty when unknown
 */
public record SummaryTable(String sheet, String formId, String title, Map<String, String> fields, YearMonth firstMonth,
		YearMonth lastMonth, Map<String, String> headerColumns, Map<String, String> headerTexts, List<TableRow> rows,
		TableRow totalRow, List<TableRow> monthRows, FormDefinition form, int headerRow, String explanation,
		Map<String, String> headerCells) {

	/** A table without its header row and explanation at hand. */
	public SummaryTable(String sheet, String formId, String title, Map<String, String> fields, YearMonth firstMonth,
			YearMonth lastMonth, Map<String, String> headerColumns, Map<String, String> headerTexts,
			List<TableRow> rows, TableRow totalRow, List<TableRow> monthRows, FormDefinition form) {
		this(sheet, formId, title, fields, firstMonth, lastMonth, headerColumns, headerTexts, rows, totalRow, monthRows,
				form, 0, null, Map.of());
	}

	/** A table of a form without month rows, its definition not at hand. */
	public SummaryTable(String sheet, String formId, String title, Map<String, String> fields, YearMonth firstMonth,
			YearMonth lastMonth, Map<String, String> headerColumns, Map<String, String> headerTexts,
			List<TableRow> rows, TableRow totalRow) {
		this(sheet, formId, title, fields, firstMonth, lastMonth, headerColumns, headerTexts, rows, totalRow, List.of(),
				null);
	}

	/** This table with the explanation found elsewhere in its workbook (a 上报说明 sheet). */
	public SummaryTable withExplanation(String text) {
		return new SummaryTable(sheet, formId, title, fields, firstMonth, lastMonth, headerColumns, headerTexts, rows,
				totalRow, monthRows, form, headerRow, text, headerCells);
	}

	/**
	 * The measure's header cell as Excel shows it: the merged header's first cell, else
	 * its column in the header's last row.
	 */
	public String headerCell(String code) {
		String cell = headerCells.get(code);
		return cell != null ? cell : headerColumns.get(code) + headerRow;
	}

	/** Whether each row is the submitting unit rather than an industry (F-003-II). */
	public boolean unitRows() {
		return form != null && form.unitRows();
	}

}
