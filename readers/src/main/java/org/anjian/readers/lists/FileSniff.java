package org.anjian.readers.lists;

import org.anjian.readers.Finding;

/**
 * What a submission file is, judged from the first rows of its sheets only
 * ({@link ListFileReader#sniff}).
 *
 * @param type summary table, a record-level list, or unknown
 * @param format xlsx, xls, csv, or unknown
 * @param listKind the list kind when {@code type} is LIST
 * @param formId the summary form (F-000 …) when {@code type} is SUMMARY_TABLE
 * @param sheet the sheet that decided, or null
 * @param problem why the type is UNKNOWN (FILE_FORMAT, FILE_UNREADABLE, NO_LIST), else
 * null
 * @param submitter for a list, the 填报单位 written above its header, or null
 */
public record FileSniff(Type type, String format, ListKind listKind, String formId, String sheet, Finding problem,
		String submitter) {

	public enum Type {

		/** 统计汇总表: read it with {@link org.anjian.readers.SummaryTableFileReader} */
		SUMMARY_TABLE,
		/** a record-level list: read it with {@link ListFileReader#read} */
		LIST,
		/** not a spreadsheet, unreadable, or no header of either */
		UNKNOWN

	}

}
