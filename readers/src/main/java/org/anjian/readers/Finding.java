package org.anjian.readers;

/**
 * One check result (审核意见) about a submission file, in words a township clerk understands.
 *
 * @param severity error or warning: an error about a summary table or about a whole file
 * rejects the file; an error on a row of a record-level list rejects that row only
 * @param rule stable rule code, e.g. {@code FILE_FORMAT}, {@code HEADER_MISSING},
 * {@code LIST_DATE_INVALID}; see the rule tables in readers/README.md (the check step's
 * own, such as {@code TOTAL_MISMATCH}, in the root README)
 * @param sheet sheet name, or null when the finding is about the whole file
 * @param rowNumber 1-based row as a spreadsheet program shows it, or null
 * @param column column letter (e.g. {@code F}) or header text, or null
 * @param message Chinese message naming the row, column and values involved
 */
public record Finding(Severity severity, String rule, String sheet, Integer rowNumber, String column, String message) {

	public static Finding error(String rule, String sheet, Integer row, String column, String message) {
		return new Finding(Severity.ERROR, rule, sheet, row, column, message);
	}

	public static Finding warning(String rule, String sheet, Integer row, String column, String message) {
		return new Finding(Severity.WARNING, rule, sheet, row, column, message);
	}

	public boolean isError() {
		return severity == Severity.ERROR;
	}

}
