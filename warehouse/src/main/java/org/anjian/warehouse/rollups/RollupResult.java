package org.anjian.warehouse.rollups;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

/**
 * What one materialized rollup wrote.
 *
 * @param campaign campaign code
 * @param period the month rolled up
 * @param kind cutoff or month-end
 * @param rowsWritten rows written to the rollup table (industry rows and 合计 rows of every
 * region)
 * @param asOf tables received after this instant were not taken
 * @param deadline the holiday-shifted deadline day of the month
 * @param roster every expected submitter, in code order
 */
public record RollupResult(String campaign, YearMonth period, RollupKind kind, int rowsWritten, LocalDateTime asOf,
		LocalDate deadline, List<RosterEntry> roster) {

	/**
	 * One submitter's standing in the rollup (催报 list).
	 *
	 * @param submitterCode code
	 * @param submitterName name
	 * @param status on_time, late or missing
	 * @param carriedForward true when its figures come from an earlier month's table
	 * @param liaison who to call (联络员), or null
	 * @param phone their number, or null
	 */
	public record RosterEntry(String submitterCode, String submitterName, String status, boolean carriedForward,
			String liaison, String phone) {

		public boolean isMissing() {
			return "missing".equals(status);
		}

	}

	/** The submitters without a table for the month by {@code asOf}. */
	public List<RosterEntry> missing() {
		return roster.stream().filter(RosterEntry::isMissing).toList();
	}

}
