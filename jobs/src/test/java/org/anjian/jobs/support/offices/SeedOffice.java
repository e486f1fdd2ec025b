package org.anjian.jobs.support.offices;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

/**
 * One seed office as a test drives it: its reference data (regions, submitters,
 * industries, the campaign's {@code campaigns.csv} row, the holidays of its years), the
 * title its submitters write on their tables, and the receipts the scenario pins down
 * (the rest are drawn from {@code randomSeed}). Everything a generated inbox and the
 * expected answers are computed from; see {@link SeedOffices} for the offices.
 *
 * @param seed the seed notice, e.g. {@code 000}
 * @param regions the county first (level {@code county}), then its townships, streets and
 * parks
 * @param tableTitle the title line of a submitter's table (holds a title keyword)
 * @param holidays {@code holidays.csv} rows {@code date,kind} for every year the
 * campaign's deadlines fall in
 * @param pinned receipts fixed by the scenario (a deadline day moved by a holiday …),
 * overriding the drawn ones
 */
public record SeedOffice(String seed, List<Region> regions, List<Submitter> submitters, List<Industry> industries,
		CampaignRow campaign, String tableTitle, List<String> holidays, List<Pinned> pinned, long randomSeed) {

	public record Region(String code, String name, String level) {
	}

	/**
	 * A submitter; {@code alias} is what it writes as 填报单位 on some of its tables.
	 */
	public record Submitter(String code, String name, String kind, String regionCode, String alias, String liaison,
			String phone) {
	}

	public record Industry(String code, String name, String aliases) {
	}

	/**
	 * A {@code campaigns.csv} row with all ten columns; {@code reportFrom} and
	 * {@code deadlineMonth} null for “empty”, i.e. the default.
	 */
	public record CampaignRow(String code, String name, YearMonth firstMonth, YearMonth lastMonth, int cutoffDay,
			String titleKeywords, String form, String holidayShift, YearMonth reportFrom, String deadlineMonth) {

		public static final String HEADER = "code,name,first_month,last_month,cutoff_day,title_keywords,form,holiday_shift,report_from,deadline_month";

		public String csv() {
			return String.join(",", code, name, firstMonth.toString(), lastMonth.toString(), String.valueOf(cutoffDay),
					titleKeywords, form, holidayShift, reportFrom == null ? "" : reportFrom.toString(),
					deadlineMonth == null ? "" : deadlineMonth);
		}

		/** The first month a table is owed for (the column's default: first_month). */
		public YearMonth owedFrom() {
			return reportFrom == null ? firstMonth : reportFrom;
		}

		public boolean dueNextMonth() {
			return "next".equals(deadlineMonth);
		}

	}

	/** What happens to one submitter's table for one month. */
	public enum Fate {

		/** Received some days before the deadline. */
		ON_TIME,
		/** Received in the evening of the (shifted) deadline day. */
		DEADLINE_DAY,
		/** Received after the deadline, before the month-end rollup's as_of. */
		LATE,
		/** Received after the month-end rollup's as_of too. */
		LATE_AFTER_MONTH_END,
		/** Never sent: the next table, cumulative, includes the month. */
		MISSING,
		/**
		 * Sent on time with a slip (two figures too high), then corrected the day after
		 * the deadline: the cutoff takes the first version, the month-end the correction.
		 */
		CORRECTION

	}

	/**
	 * A receipt the scenario fixes: submitter {@code submitter}'s table for
	 * {@code period} arrives at {@code receivedAt} (null for {@link Fate#MISSING}).
	 */
	public record Pinned(String submitter, YearMonth period, Fate fate, LocalDateTime receivedAt) {
	}

	public Region county() {
		return regions.get(0);
	}

}
