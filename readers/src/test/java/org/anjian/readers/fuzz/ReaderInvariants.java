package org.anjian.readers.fuzz;

import java.util.Set;

import org.anjian.readers.CellValue;
import org.anjian.readers.Finding;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTable;
import org.anjian.readers.TableRow;
import org.anjian.readers.limits.ReaderLimits;

/**
 * What every read must give, whatever the bytes: a result, and a table that is sane when
 * there is one.
 */
final class ReaderInvariants {

	private static final Set<String> FORMATS = Set.of("xlsx", "xls", "csv", "unknown");

	private ReaderInvariants() {
	}

	/**
	 * @throws AssertionError naming the broken invariant
	 */
	static void check(SubmissionRead read, ReaderLimits limits) {
		require(read != null, "read returned null");
		require(FORMATS.contains(read.format()), "unknown format " + read.format());
		require(read.findings() != null, "findings null");
		for (Finding f : read.findings()) {
			require(f.severity() != null && f.rule() != null && !f.rule().isBlank(), "finding without rule: " + f);
			require(f.message() != null && !f.message().isBlank(), "finding without message: " + f);
			// the guards exist to stop these; seeing one means a content limit let a file
			// through
			require(!f.rule().equals(ReaderLimits.READ_TIMEOUT) && !f.rule().equals(ReaderLimits.OUT_OF_MEMORY),
					"a content limit let through a file that " + f.rule() + ": " + f.message());
		}
		if (!read.hasTable()) {
			require(read.findings().stream().anyMatch(Finding::isError), "no table and no error finding");
			return;
		}
		SummaryTable table = read.table();
		require(table.sheet() != null && table.formId() != null, "table without sheet or form");
		require(table.fields() != null && table.headerColumns() != null && table.rows() != null, "table parts null");
		require(table.rows().size() <= limits.maxRows(), "more rows than the limit: " + table.rows().size());
		int previous = 0;
		for (TableRow row : table.rows()) {
			sane(row, limits);
			require(row.rowNumber() > previous, "rows out of sheet order at " + row.rowNumber());
			previous = row.rowNumber();
			require(!row.total(), "a 合计 row among the industry rows at " + row.rowNumber());
		}
		if (table.totalRow() != null) {
			sane(table.totalRow(), limits);
			require(table.totalRow().total(), "totalRow not marked total");
		}
		if (table.firstMonth() != null && table.lastMonth() != null) {
			require(!table.lastMonth().isBefore(table.firstMonth().minusYears(1)),
					"period absurd: " + table.firstMonth() + "–" + table.lastMonth());
		}
	}

	private static void sane(TableRow row, ReaderLimits limits) {
		require(row.rowNumber() >= 1 && row.rowNumber() <= limits.maxRows(), "row number " + row.rowNumber());
		require(row.label() != null && row.labelColumn() != null && row.cells() != null, "row parts null");
		require(row.label().length() <= limits.maxCellChars(), "label longer than a cell may be");
		for (CellValue cell : row.cells().values()) {
			require(cell.column() != null && cell.raw() != null, "cell parts null in row " + row.rowNumber());
			require(cell.raw().length() <= limits.maxCellChars(), "cell longer than a cell may be");
		}
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new AssertionError(message);
		}
	}

}
