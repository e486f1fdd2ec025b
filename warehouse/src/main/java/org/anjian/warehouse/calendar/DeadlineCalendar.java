package org.anjian.warehouse.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Holiday;

/**
 * Working days and holiday-shifted deadlines (“如遇节假日提前上报”), Asia/Shanghai wall-clock.
 *
 * <p>
 * A day is a working day when it is a weekday and not a holiday, or when it is a make-up
 * working day (调休). Quartz calendars can only exclude days, so the shift itself is
 * computed here.
 */
public final class DeadlineCalendar {

	/**
	 * The last second of a day: rollups take what was received up to and including it.
	 */
	public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

	private final Map<LocalDate, String> exceptions = new HashMap<>();

	public DeadlineCalendar(Collection<Holiday> holidays) {
		for (Holiday h : holidays) {
			exceptions.put(h.date(), h.kind());
		}
	}

	public boolean isWorkingDay(LocalDate day) {
		String kind = exceptions.get(day);
		if ("workday".equals(kind)) {
			return true;
		}
		if ("holiday".equals(kind)) {
			return false;
		}
		DayOfWeek dow = day.getDayOfWeek();
		return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
	}

	/**
	 * The nominal due day of {@code month}: the cutoff day, or the month's last day when
	 * it has fewer days.
	 */
	public static LocalDate nominalDeadline(Campaign campaign, YearMonth month) {
		return month.atDay(Math.min(campaign.cutoffDay(), month.lengthOfMonth()));
	}

	/**
	 * The due day of {@code month} after moving off non-working days in the campaign's
	 * shift direction.
	 */
	public LocalDate deadline(Campaign campaign, YearMonth month) {
		LocalDate day = nominalDeadline(campaign, month);
		int step = "later".equals(campaign.holidayShift()) ? 1 : -1;
		while (!isWorkingDay(day)) {
			day = day.plusDays(step);
		}
		return day;
	}

	/**
	 * Default {@code as_of} of a cutoff rollup: the end of the holiday-shifted deadline
	 * day.
	 */
	public LocalDateTime cutoffAsOf(Campaign campaign, YearMonth month) {
		return deadline(campaign, month).atTime(END_OF_DAY);
	}

	/** Default {@code as_of} of a month-end rollup: the end of the month's last day. */
	public static LocalDateTime monthEndAsOf(YearMonth month) {
		return month.atEndOfMonth().atTime(END_OF_DAY);
	}

}
