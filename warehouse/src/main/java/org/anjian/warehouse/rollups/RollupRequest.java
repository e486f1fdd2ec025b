package org.anjian.warehouse.rollups;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;

/**
 * One rollup to materialize (汇总): campaign month, kind and the moment it takes
 * submissions up to. The same value travels from the command line or the calendar through
 * the rollup job to the outbox; {@link #of} is the one place the default {@code as_of} is
 * decided.
 *
 * @param campaign campaign code
 * @param period the month rolled up
 * @param kind cutoff (截止日汇总) or month-end (月末汇总)
 * @param asOf tables received after this Asia/Shanghai wall-clock moment are not taken
 */
public record RollupRequest(String campaign, YearMonth period, RollupKind kind, LocalDateTime asOf) {

	public RollupRequest {
		Objects.requireNonNull(campaign, "campaign");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(asOf, "asOf");
	}

	/**
	 * A rollup of a campaign month, checked against the reference data.
	 * @param asOf null for the calendar's moment: the end of the holiday-shifted deadline
	 * day (cutoff), or of the last day of the month holding the unshifted deadline — or
	 * of the shifted deadline day when 顺延 carried it later still (month-end)
	 * @throws IllegalArgumentException for an unknown campaign or a month outside it
	 */
	public static RollupRequest of(ReferenceData reference, String campaign, YearMonth period, RollupKind kind,
			LocalDateTime asOf) {
		Campaign c = reference.campaign(campaign)
			.orElseThrow(() -> new IllegalArgumentException("未知的专项行动代码“" + campaign + "”"));
		if (!c.covers(period)) {
			throw new IllegalArgumentException(
					"专项行动“" + c.name() + "”（" + c.firstMonth() + " 至 " + c.lastMonth() + "）不包括 " + period);
		}
		return new RollupRequest(c.code(), period, kind,
				asOf != null ? asOf : scheduledAsOf(c, period, kind, new DeadlineCalendar(reference.holidays())));
	}

	/** The rollup as the calendar produces it, at its default {@code as_of}. */
	public static RollupRequest scheduled(Campaign campaign, YearMonth period, RollupKind kind,
			DeadlineCalendar calendar) {
		return new RollupRequest(campaign.code(), period, kind, scheduledAsOf(campaign, period, kind, calendar));
	}

	private static LocalDateTime scheduledAsOf(Campaign campaign, YearMonth period, RollupKind kind,
			DeadlineCalendar calendar) {
		return switch (kind) {
			case CUTOFF -> calendar.cutoffAsOf(campaign, period);
			case MONTH_END -> calendar.monthEndAsOf(campaign, period);
		};
	}

	/**
	 * Whether this is a what-if (CONTRACT.md "What-if rollups"): its {@code as_of} is not
	 * the calendar's default ({@link #of} with none). A what-if's rows go to the
	 * {@code whatif_} tables and its outbox file under {@code as-of-<YYYYMMDD-HHMMSS>/};
	 * the official rows, roster and outbox file stay as they were.
	 */
	public boolean isWhatIf(ReferenceData reference) {
		return !asOf.equals(of(reference, campaign, period, kind, null).asOf());
	}

	/** The tables its rows are written to and read from. */
	public RollupTables tables(ReferenceData reference) {
		return RollupTables.of(kind, isWhatIf(reference));
	}

	/**
	 * Its identifying job parameters. The rollup command, {@code nightly} and the
	 * scheduler's triggers all start the rollup job with exactly these, so they share job
	 * instances.
	 */
	public Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("campaign", campaign);
		parameters.put("period", period.toString());
		parameters.put("kind", kind.code());
		parameters.put("asOf", asOf.toString());
		return parameters;
	}

	/** The request {@link #parameters()} describe. */
	public static RollupRequest fromParameters(Map<String, String> parameters) {
		return new RollupRequest(parameters.get("campaign"), YearMonth.parse(parameters.get("period")),
				RollupKind.fromCode(parameters.get("kind")), LocalDateTime.parse(parameters.get("asOf")));
	}

	/** e.g. “QA2024 2024-05 截止日汇总，截至 2024-05-22 23:59:59” */
	public String describe() {
		return campaign + " " + period + " " + kind.label() + "，截至 " + asOf.toString().replace('T', ' ');
	}

}
