package org.anjian.bench;

import java.time.LocalDate;

/**
 * The dates of a generated ledger and their Excel serial numbers (1900 date system, as
 * Excel and WPS write).
 */
final class LedgerDates {

	/** 发现日期 fall in 2024-04-01 .. 2024-10-31; so do 整改完成日期. */
	static final LocalDate FIRST_FOUND = LocalDate.of(2024, 4, 1);

	static final LocalDate LAST_DAY = LocalDate.of(2024, 10, 31);

	static final int FOUND_DAYS = (int) (LAST_DAY.toEpochDay() - FIRST_FOUND.toEpochDay() + 1);

	/**
	 * Serial 25569 is 1970-01-01: day 0 is 1899-12-30 because Excel counts a 29 February
	 * 1900 that never was.
	 */
	private static final int EXCEL_EPOCH_OFFSET = 25569;

	private LedgerDates() {
	}

	static int excelSerial(long epochDay) {
		return (int) (epochDay + EXCEL_EPOCH_OFFSET);
	}

	static LocalDate fromExcelSerial(int serial) {
		return LocalDate.ofEpochDay(serial - EXCEL_EPOCH_OFFSET);
	}

}
