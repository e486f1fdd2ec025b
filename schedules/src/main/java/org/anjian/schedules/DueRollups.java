package org.anjian.schedules;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;

/**
 * Which rollups the calendar asks for, and which of them have come due by a given moment
 * (Asia/Shanghai wall clock).
 *
 * <p>
 * A cutoff rollup (截止日汇总) of month M is due once its holiday-shifted deadline day has
 * ended; a month-end rollup (月末汇总) once month M has ended. Only the months of each
 * campaign from its report_from (no table is owed before it) to last_month count.
 */
public final class DueRollups {

	/**
	 * Calendar order: when due, then cutoff before month-end of the same moment, then
	 * campaign.
	 */
	private static final Comparator<DueRollup> CALENDAR_ORDER = Comparator.comparing(DueRollup::dueAt)
		.thenComparing(DueRollup::asOf)
		.thenComparing(DueRollup::campaign)
		.thenComparing(DueRollup::period)
		.thenComparing(DueRollup::kind);

	private final List<DueRollup> calendar;

	public DueRollups(ReferenceData reference) {
		DeadlineCalendar deadlines = new DeadlineCalendar(reference.holidays());
		List<DueRollup> all = new ArrayList<>();
		for (Campaign campaign : reference.campaigns()) {
			for (YearMonth month = campaign.reportFrom(); !month.isAfter(campaign.lastMonth()); month = month
				.plusMonths(1)) {
				for (RollupKind kind : RollupKind.values()) {
					all.add(new DueRollup(RollupRequest.scheduled(campaign, month, kind, deadlines)));
				}
			}
		}
		all.sort(CALENDAR_ORDER);
		this.calendar = List.copyOf(all);
	}

	/** Every rollup of every campaign, in calendar order. */
	public List<DueRollup> calendar() {
		return calendar;
	}

	/** The rollups due by {@code now} and not in {@code produced}, in calendar order. */
	public List<DueRollup> dueBy(LocalDateTime now, Collection<RollupKey> produced) {
		return calendar.stream()
			.filter(r -> !now.isBefore(r.dueAt()))
			.filter(r -> !produced.contains(r.key()))
			.toList();
	}

	/** {@link #dueBy} at the clock's current Asia/Shanghai wall-clock time. */
	public List<DueRollup> dueNow(Clock clock, Collection<RollupKey> produced) {
		return dueBy(OfficeTime.now(clock), produced);
	}

	/** Convenience for the {@code nightly} command. */
	public static List<DueRollup> dueBy(ReferenceData reference, LocalDateTime now, Collection<RollupKey> produced) {
		return new DueRollups(reference).dueBy(now, produced);
	}

}
