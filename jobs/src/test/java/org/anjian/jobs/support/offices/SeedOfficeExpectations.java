package org.anjian.jobs.support.offices;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.anjian.jobs.support.offices.SeedOffice.Region;
import org.anjian.jobs.support.offices.SeedOffice.Submitter;
import org.anjian.jobs.support.offices.SeedOfficeInbox.SentTable;

/**
 * What a seed office's rollups must hold, computed from the generated files and the
 * test's own {@link OfficeCalendar}, not by anjian: for a rollup of month M as of T each
 * submitter counts with its latest table for M received by T, else (carried forward) its
 * latest table for an earlier month of the campaign; the cutoff sums those cumulative
 * figures, the month-end takes M's sum minus M−1's (both as of T) and M's sum as
 * {@code _cum}; the roster says on time (M's first table by the deadline day), late (by
 * T) or missing.
 */
public final class SeedOfficeExpectations {

	/**
	 * A rollup the calendar asks for: {@code kind} {@code cutoff} or {@code month-end}.
	 */
	public record Rollup(YearMonth period, String kind, LocalDateTime asOf) {

		public String table() {
			return kind.equals("cutoff") ? "rollup_cutoff" : "rollup_month_end";
		}

		@Override
		public String toString() {
			return period + " " + kind + " " + asOf;
		}

	}

	/** One submitter's line of the 催报 roster. */
	public record RosterLine(String status, boolean carriedForward, YearMonth carriedFrom) {
	}

	private final SeedOffice office;

	private final OfficeCalendar calendar;

	private final List<SentTable> sent;

	public SeedOfficeExpectations(SeedOffice office, OfficeCalendar calendar, List<SentTable> sent) {
		this.office = office;
		this.calendar = calendar;
		this.sent = sent;
	}

	/** Both rollups of every owed month, each at its default as_of. */
	public List<Rollup> rollups() {
		List<Rollup> all = new ArrayList<>();
		for (YearMonth m : calendar.owedMonths()) {
			all.add(new Rollup(m, "cutoff", calendar.cutoffAsOf(m)));
			all.add(new Rollup(m, "month-end", calendar.monthEndAsOf(m)));
		}
		all.sort(Comparator.comparing(Rollup::asOf));
		return all;
	}

	/** The rollups whose as_of has passed by {@code now}. */
	public List<Rollup> dueBy(LocalDateTime now) {
		return rollups().stream().filter(r -> r.asOf().isBefore(now)).toList();
	}

	/** Inbox paths of the files received after their month's shifted deadline day. */
	public Set<String> latePaths() {
		Set<String> late = new TreeSet<>();
		for (SentTable t : sent) {
			if (calendar.late(t.period(), t.receivedAt())) {
				late.add(t.path());
			}
		}
		return late;
	}

	/**
	 * The table each submitter counts with for {@code month} as of {@code asOf}, or none.
	 */
	Map<String, SentTable> picks(YearMonth month, LocalDateTime asOf) {
		Map<String, SentTable> picks = new LinkedHashMap<>();
		for (Submitter s : office.submitters()) {
			sent.stream()
				.filter(t -> t.submitter().equals(s.code()) && !t.period().isAfter(month)
						&& !t.period().isBefore(office.campaign().firstMonth()) && !t.receivedAt().isAfter(asOf))
				.max(Comparator.comparing(SentTable::period).thenComparing(SentTable::receivedAt))
				.ifPresent(t -> picks.put(s.code(), t));
		}
		return picks;
	}

	/** submitter code → its roster line. */
	public Map<String, RosterLine> roster(Rollup rollup) {
		Map<String, SentTable> picks = picks(rollup.period(), rollup.asOf());
		LocalDateTime deadlineEnd = calendar.cutoffAsOf(rollup.period());
		Map<String, RosterLine> roster = new TreeMap<>();
		for (Submitter s : office.submitters()) {
			LocalDateTime first = sent.stream()
				.filter(t -> t.submitter().equals(s.code()) && t.period().equals(rollup.period())
						&& !t.receivedAt().isAfter(rollup.asOf()))
				.map(SentTable::receivedAt)
				.min(Comparator.naturalOrder())
				.orElse(null);
			String status = first == null ? "missing" : first.isAfter(deadlineEnd) ? "late" : "on_time";
			SentTable pick = picks.get(s.code());
			boolean carried = pick != null && pick.period().isBefore(rollup.period());
			roster.put(s.code(), new RosterLine(status, carried, carried ? pick.period() : null));
		}
		return roster;
	}

	/**
	 * The regions whose rows hold a submitter's figures: the county, and its own region.
	 */
	private List<String> scopes(Submitter s) {
		String county = office.county().code();
		return s.regionCode().equals(county) ? List.of(county) : List.of(county, s.regionCode());
	}

	/**
	 * {@code region|industry} → column → value (null: the rollup holds NULL), for every
	 * row of the rollup, with {@code industry} {@code ALL} for the 合计 rows; the form's
	 * measures (month-end: the month's figure and {@code <measure>_cum}), the rates of a
	 * month-end and the submitter counts.
	 */
	public Map<String, Map<String, BigDecimal>> rows(Rollup rollup, List<String> measures) {
		Map<String, Map<String, BigDecimal>> current = sums(picks(rollup.period(), rollup.asOf()));
		boolean monthEnd = rollup.kind().equals("month-end");
		Map<String, Map<String, BigDecimal>> previous = monthEnd
				&& rollup.period().isAfter(office.campaign().firstMonth())
						? sums(picks(rollup.period().minusMonths(1), rollup.asOf())) : Map.of();
		Set<String> keys = new TreeSet<>(current.keySet());
		keys.addAll(previous.keySet());
		for (Region r : office.regions()) {
			keys.add(r.code() + "|ALL");
		}
		Map<String, Map<String, BigDecimal>> rows = new TreeMap<>();
		Map<String, RosterLine> roster = roster(rollup);
		List<String> stocks = SeedOffices.STOCKS.getOrDefault(office.campaign().form(), List.of());
		for (String key : keys) {
			Map<String, BigDecimal> now = current.get(key);
			Map<String, BigDecimal> before = previous.get(key);
			Map<String, BigDecimal> row = new LinkedHashMap<>();
			for (String measure : measures) {
				BigDecimal cum = now == null ? null : now.get(measure);
				if (!monthEnd) {
					row.put(measure, cum);
					continue;
				}
				// a stock's month figure is its value as of the month
				BigDecimal earlier = before == null || stocks.contains(measure) ? null : before.get(measure);
				row.put(measure, cum == null && earlier == null ? null
						: (cum == null ? BigDecimal.ZERO : cum).subtract(earlier == null ? BigDecimal.ZERO : earlier));
				row.put(measure + "_cum", cum);
			}
			if (monthEnd) {
				row.put("rectification_rate", ratio(row.get("rectified_total_cum"), row.get("hazards_total_cum")));
				row.put("major_rectification_rate",
						ratio(row.get("rectified_major_cum"), row.get("hazards_major_cum")));
				row.put("coverage_rate",
						ratio(row.get("enterprises_inspected_cum"), row.get("enterprises_supervised_cum")));
			}
			String region = key.substring(0, key.indexOf('|'));
			long expected = 0;
			long reported = 0;
			long carried = 0;
			for (Submitter s : office.submitters()) {
				if (scopes(s).contains(region)) {
					RosterLine line = roster.get(s.code());
					expected++;
					reported += line.status().equals("missing") ? 0 : 1;
					carried += line.carriedForward() ? 1 : 0;
				}
			}
			row.put("submitters_expected", BigDecimal.valueOf(expected));
			row.put("submitters_reported", BigDecimal.valueOf(reported));
			row.put("submitters_carried_forward", BigDecimal.valueOf(carried));
			rows.put(key, row);
		}
		return rows;
	}

	/** region|industry (and region|ALL) → measure → sum over the picked tables. */
	private Map<String, Map<String, BigDecimal>> sums(Map<String, SentTable> picks) {
		Map<String, Map<String, BigDecimal>> sums = new TreeMap<>();
		for (Submitter s : office.submitters()) {
			SentTable t = picks.get(s.code());
			if (t == null) {
				continue;
			}
			for (String region : scopes(s)) {
				t.figures().forEach((industry, values) -> {
					// a unit's table (F-003-II) holds its 合计 only
					for (String key : industry.equals("ALL") ? List.of(region + "|ALL")
							: List.of(region + "|" + industry, region + "|ALL")) {
						Map<String, BigDecimal> sum = sums.computeIfAbsent(key, k -> new LinkedHashMap<>());
						values.forEach((measure, v) -> sum.merge(measure, v, BigDecimal::add));
					}
				});
			}
		}
		return sums;
	}

	private static BigDecimal ratio(BigDecimal num, BigDecimal den) {
		if (num == null || den == null || den.signum() == 0) {
			return null;
		}
		return num.divide(den, MathContext.DECIMAL64);
	}

}
