package org.anjian.jobs.support.offices;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.offices.SeedOffice.CampaignRow;

/**
 * The calendar rules of CONTRACT.md (“Calendars the seed offices use”), written out again
 * for the tests so that expected answers do not come from anjian's own calendar classes:
 * <ul>
 * <li>the deadline of month M is {@code cutoff_day} of M ({@code same}) or of M+1
 * ({@code next}), that month's last day when it is shorter;</li>
 * <li>a non-working day (weekend or holiday, unless a make-up working day) moves it to
 * the nearest working day before ({@code earlier}, 提前) or after ({@code later}, 顺延),
 * across a month end if need be;</li>
 * <li>cutoff {@code as_of}: 23:59:59 of the shifted deadline day; month-end
 * {@code as_of}: 23:59:59 of the last day of the month holding the unshifted deadline, or
 * of the shifted day when 顺延 carried it later still;</li>
 * <li>{@code LATE}: received after the shifted deadline day;</li>
 * <li>tables are owed from {@code report_from} (default {@code first_month}).</li>
 * </ul>
 */
public final class OfficeCalendar {

	static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

	private final CampaignRow campaign;

	private final Map<LocalDate, String> days = new HashMap<>();

	/**
	 * @param holidays {@code holidays.csv} rows {@code date,kind}
	 */
	public OfficeCalendar(CampaignRow campaign, List<String> holidays) {
		this.campaign = campaign;
		for (String row : holidays) {
			String[] f = row.split(",");
			days.put(LocalDate.parse(f[0]), f[1]);
		}
	}

	public boolean working(LocalDate day) {
		String kind = days.get(day);
		if (kind != null) {
			return kind.equals("workday");
		}
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	/** The deadline as the notice states it, before any holiday shift. */
	public LocalDate unshiftedDeadline(YearMonth period) {
		YearMonth due = campaign.dueNextMonth() ? period.plusMonths(1) : period;
		return due.atDay(Math.min(campaign.cutoffDay(), due.lengthOfMonth()));
	}

	public LocalDate deadline(YearMonth period) {
		LocalDate day = unshiftedDeadline(period);
		int step = "later".equals(campaign.holidayShift()) ? 1 : -1;
		while (!working(day)) {
			day = day.plusDays(step);
		}
		return day;
	}

	public LocalDateTime cutoffAsOf(YearMonth period) {
		return deadline(period).atTime(END_OF_DAY);
	}

	public LocalDateTime monthEndAsOf(YearMonth period) {
		LocalDate monthEnd = YearMonth.from(unshiftedDeadline(period)).atEndOfMonth();
		LocalDate shifted = deadline(period);
		return (shifted.isAfter(monthEnd) ? shifted : monthEnd).atTime(END_OF_DAY);
	}

	public boolean late(YearMonth period, LocalDateTime receivedAt) {
		return receivedAt.isAfter(cutoffAsOf(period));
	}

	/** The months a table is owed for, report_from … last_month. */
	public List<YearMonth> owedMonths() {
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth m = campaign.owedFrom(); !m.isAfter(campaign.lastMonth()); m = m.plusMonths(1)) {
			months.add(m);
		}
		return months;
	}

	/**
	 * Every campaign month, first_month … last_month (the tables are cumulative from the
	 * first).
	 */
	public List<YearMonth> campaignMonths() {
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth m = campaign.firstMonth(); !m.isAfter(campaign.lastMonth()); m = m.plusMonths(1)) {
			months.add(m);
		}
		return months;
	}

}
