package org.anjian.warehouse.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Holiday;

/**
 * Working days and holiday-shifted deadlines (“如遇节假日提前上报”), Asia/Shanghai wall-clock.
 *
 * <p>
 * A day is a working day when it is a weekday and not a holiday, or when it is a make-up
 * working day (调休). Quartz calendars can only exclude days, so the shift itself is
 * computed here.
 *
 * <p>
 * The days come from the office's {@code holidays.csv}, which is authoritative for every
 * year it has a row in (the office may know of a local change, and its deadlines must not
 * move under it when anjian is upgraded), and from the bundled State Council calendar
 * ({@link OfficialHolidays}) for the other years whose notice is bundled. A year neither
 * covers is computed with weekends only; the run layer prints
 * {@link #coverageWarnings(Collection)} so that nobody trusts such a deadline silently.
 */
public final class DeadlineCalendar {

	/**
	 * The last second of a day: rollups take what was received up to and including it.
	 */
	public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

	private final Map<LocalDate, String> exceptions = new HashMap<>();

	private final SortedSet<Integer> coveredYears = new TreeSet<>();

	/** The bundled State Council calendar merged with the office's {@code holidays}. */
	public DeadlineCalendar(Collection<Holiday> holidays) {
		this(OfficialHolidays.bundled(), holidays);
	}

	/**
	 * {@code official} (null: none) for the years the office's {@code holidays} have no
	 * row in; the office's rows for the years they have.
	 */
	public DeadlineCalendar(OfficialHolidays official, Collection<Holiday> holidays) {
		for (Holiday h : holidays) {
			exceptions.put(h.date(), h.kind());
			coveredYears.add(h.date().getYear());
		}
		if (official != null) {
			Set<Integer> officeYears = Set.copyOf(coveredYears);
			for (Holiday h : official.days()) {
				if (!officeYears.contains(h.date().getYear())) {
					exceptions.put(h.date(), h.kind());
				}
			}
			coveredYears.addAll(official.notices().keySet());
		}
	}

	/**
	 * The years whose holidays are known: those of a bundled notice, and every year the
	 * office's {@code holidays.csv} has a row in.
	 */
	public SortedSet<Integer> coveredYears() {
		return java.util.Collections.unmodifiableSortedSet(coveredYears);
	}

	/**
	 * One line per campaign and year in which one of its months' deadlines falls outside
	 * {@link #coveredYears()} (computed with weekends only there), e.g.
	 * {@code 警告：节假日日历未覆盖2027年（已有2019—2026年）：专项行动 QA2027 的 2027-01 至 2027-03 月截止日按周末推算，请在 holidays.csv 中补充2027年的节假日安排}.
	 * Empty when every deadline is covered.
	 */
	public List<String> coverageWarnings(Collection<Campaign> campaigns) {
		List<String> out = new ArrayList<>();
		for (Campaign c : campaigns) {
			Map<Integer, List<YearMonth>> uncovered = new LinkedHashMap<>();
			for (YearMonth m = c.firstMonth(); !m.isAfter(c.lastMonth()); m = m.plusMonths(1)) {
				int year = nominalDeadline(c, m).getYear();
				if (!coveredYears.contains(year)) {
					uncovered.computeIfAbsent(year, y -> new ArrayList<>()).add(m);
				}
			}
			uncovered.forEach((year,
					months) -> out.add("警告：节假日日历未覆盖" + year + "年（已有" + coverage() + "）：专项行动 " + c.code() + " 的 "
							+ months.get(0) + (months.size() > 1 ? " 至 " + months.get(months.size() - 1) : "")
							+ " 月截止日按周末推算，请在 holidays.csv 中补充" + year + "年的节假日安排"));
		}
		return out;
	}

	private String coverage() {
		if (coveredYears.isEmpty()) {
			return "无";
		}
		List<String> spans = new ArrayList<>();
		Integer start = null;
		Integer prev = null;
		for (int y : coveredYears) {
			if (prev != null && y != prev + 1) {
				spans.add(start.equals(prev) ? start + "年" : start + "—" + prev + "年");
				start = y;
			}
			if (start == null) {
				start = y;
			}
			prev = y;
		}
		spans.add(start.equals(prev) ? start + "年" : start + "—" + prev + "年");
		return String.join("、", spans);
	}

	/**
	 * Every day in effect that is not a plain weekday or weekend day (a holiday, or a
	 * make-up working day), by date: the office's rows for the years it has any in, the
	 * bundled notices' for the other years. What {@code ref_holiday} holds, so that SQL
	 * (dim_period) shifts deadlines as this class does.
	 */
	public List<Holiday> days() {
		return exceptions.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(e -> new Holiday(e.getKey(), e.getValue()))
			.toList();
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
	 * The nominal (unshifted) due day of {@code month}: the cutoff day of that month
	 * ({@code deadline_month} same) or of the month after it (next), or that month's last
	 * day when it has fewer days.
	 */
	public static LocalDate nominalDeadline(Campaign campaign, YearMonth month) {
		YearMonth due = campaign.deadlineMonthOf(month);
		return due.atDay(Math.min(campaign.cutoffDay(), due.lengthOfMonth()));
	}

	/**
	 * The due day of {@code month} after moving off non-working days in the campaign's
	 * shift direction, across a month end if need be (2023-10-01 提前 → 2023-09-28).
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

	/**
	 * Default {@code as_of} of a month-end rollup: the end of the last day of the month
	 * holding the unshifted deadline (the reported month for {@code deadline_month} same,
	 * the month after it for next), or of the shifted deadline day when 顺延 carried it
	 * later still.
	 */
	public LocalDateTime monthEndAsOf(Campaign campaign, YearMonth month) {
		LocalDate monthEnd = YearMonth.from(nominalDeadline(campaign, month)).atEndOfMonth();
		LocalDate shifted = deadline(campaign, month);
		return (shifted.isAfter(monthEnd) ? shifted : monthEnd).atTime(END_OF_DAY);
	}

	/** The end of {@code month}'s last day. */
	public static LocalDateTime monthEndAsOf(YearMonth month) {
		return month.atEndOfMonth().atTime(END_OF_DAY);
	}

}
