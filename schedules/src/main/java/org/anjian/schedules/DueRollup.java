package org.anjian.schedules;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Map;

import org.anjian.warehouse.rollups.RollupRequest;

/**
 * A rollup the calendar asks for, and when it comes due.
 *
 * @param rollup campaign month, kind and the {@code as_of} it takes submissions up to:
 * the end (23:59:59) of the holiday-shifted deadline day (cutoff) or of the month's last
 * day (month-end)
 */
public record DueRollup(RollupRequest rollup) {

	public String campaign() {
		return rollup.campaign();
	}

	public YearMonth period() {
		return rollup.period();
	}

	/**
	 * {@code cutoff} or {@code month-end}
	 * ({@link org.anjian.warehouse.rollups.RollupKind#code()}).
	 */
	public String kind() {
		return rollup.kind().code();
	}

	public LocalDateTime asOf() {
		return rollup.asOf();
	}

	public RollupKey key() {
		return new RollupKey(campaign(), period(), kind());
	}

	/**
	 * When the rollup comes due: the start of the day after its {@code as_of} day, once
	 * that day has ended.
	 */
	public LocalDateTime dueAt() {
		return asOf().toLocalDate().plusDays(1).atStartOfDay();
	}

	/**
	 * The identifying job parameters of this rollup ({@link RollupRequest#parameters()}).
	 * The {@code nightly} command and the scheduler both start the rollup job with
	 * exactly these, so Spring Batch refuses a second run of the same rollup.
	 */
	public Map<String, String> parameters() {
		return rollup.parameters();
	}

}
