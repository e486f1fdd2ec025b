package org.anjian.schedules;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rollup the calendar asks for: campaign, month, kind and the {@code as_of} moment it takes submissions up to.
 *
 * @param kind {@link #CUTOFF} (截止日汇总) or {@link #MONTH_END} (月末汇总)
 * @param asOf the end (23:59:59) of the holiday-shifted deadline day, or of the month's last day
 */
public record DueRollup(String campaign, YearMonth period, String kind, LocalDateTime asOf) {

	public static final String CUTOFF = "cutoff";

	public static final String MONTH_END = "month-end";

	public RollupKey key() {
		return new RollupKey(campaign, period, kind);
	}

	/** When the rollup comes due: the start of the day after its {@code as_of} day, once that day has ended. */
	public LocalDateTime dueAt() {
		return asOf.toLocalDate().plusDays(1).atStartOfDay();
	}

	/**
	 * The identifying job parameters of this rollup. The {@code nightly} command and the scheduler both start the
	 * rollup job with exactly these, so Spring Batch refuses a second run of the same rollup.
	 */
	public Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("campaign", campaign);
		parameters.put("period", period.toString());
		parameters.put("kind", kind);
		parameters.put("asOf", asOf.toString());
		return parameters;
	}

}
