package org.anjian.warehouse.reference;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * A deployment's reference data (CONTRACT.md "Reference data"), validated.
 *
 * @param regions the deployment's own region (the one without a parent, of any level) and
 * the regions below it
 * @param industries the industry rows of the forms (行业领域), with aliases
 * @param submitters who must report every month (departments and townships)
 * @param campaigns the enforcement campaigns (专项行动)
 * @param holidays public holidays and make-up working days (调休); empty when holidays.csv
 * is absent
 * @param deliverables what each campaign expects once or per quarter besides the monthly
 * tables (deliverables.csv); empty when that file is absent
 */
public record ReferenceData(List<Region> regions, List<Industry> industries, List<Submitter> submitters,
		List<Campaign> campaigns, List<Holiday> holidays, List<Deliverable> deliverables) {

	public ReferenceData

	{
		deliverables = deliverables == null ? List.of() : deliverables;
	}

	/** Reference data without deliverables.csv. */
	public ReferenceData(List<Region> regions, List<Industry> industries, List<Submitter> submitters,
			List<Campaign> campaigns, List<Holiday> holidays) {
		this(regions, industries, submitters, campaigns, holidays, List.of());
	}

	/**
	 * A region: {@code level} is one of {@link #LEVELS}; the deployment's own region (the
	 * top) has no parent.
	 */
	public record Region(String code, String name, String level, String parentCode) {

		/** The levels regions.csv may name, from the top of the state down. */
		public static final List<String> LEVELS = List.of("province", "city", "county", "township", "street", "park",
				"village");

		/**
		 * The one word a table uses for this region as a whole, after “全” and “本”: from
		 * the name's administrative suffix when it has one (利州区 → 区, 青川县 → 县, 积翠镇 → 镇,
		 * 白水乡 → 乡), else from the level (city → 市).
		 */
		public String scopeWord() {
			for (String suffix : List.of("自治州", "自治县", "自治旗", "街道", "社区", "园区", "开发区", "新区", "省", "市", "州", "盟", "县",
					"区", "旗", "镇", "乡", "村")) {
				if (name.endsWith(suffix) && name.length() > suffix.length()) {
					return switch (suffix) {
						case "自治州" -> "州";
						case "自治县" -> "县";
						case "自治旗" -> "旗";
						case "开发区", "新区" -> "区";
						default -> suffix;
					};
				}
			}
			return switch (level) {
				case "province" -> "省";
				case "city" -> "市";
				case "county" -> "县";
				case "township" -> "镇";
				case "street" -> "街道";
				case "park" -> "园区";
				case "village" -> "村";
				default -> "县";
			};
		}

	}

	/** An industry (行业领域) with the other names forms use for it. */
	public record Industry(String code, String name, List<String> aliases) {
	}

	/**
	 * A submitter (填报单位): {@code kind} is department (its region is the deployment's own
	 * region) or township (a subordinate region's own government, of any level below it).
	 */
	public record Submitter(String code, String name, String kind, String regionCode, List<String> aliases,
			String liaison, String phone, List<String> emails) {

		/**
		 * A submitter without mail addresses (the optional {@code email} column of
		 * submitters.csv).
		 */
		public Submitter(String code, String name, String kind, String regionCode, List<String> aliases, String liaison,
				String phone) {
			this(code, name, kind, regionCode, aliases, liaison, phone, List.of());
		}

		public Submitter {
			emails = emails == null ? List.of() : List.copyOf(emails);
		}

	}

	/**
	 * The submitter whose {@code email} column names {@code address} (case does not
	 * matter), if any.
	 */
	public Optional<Submitter> submitterByEmail(String address) {
		return address == null ? Optional.empty()
				: submitters.stream()
					.filter(s -> s.emails().stream().anyMatch(e -> e.equalsIgnoreCase(address.strip())))
					.findFirst();
	}

	/**
	 * A campaign of the months {@code firstMonth} to {@code lastMonth}: a table is owed
	 * for each month from {@code reportFrom} on (tables stay cumulative from
	 * {@code firstMonth}), due on {@code cutoffDay} of that month ({@code deadlineMonth}
	 * "same") or of the month after it ("next"), moved {@code holidayShift} ("earlier" 提前
	 * or "later" 顺延) off non-working days.
	 */
	public record Campaign(String code, String name, YearMonth firstMonth, YearMonth lastMonth, int cutoffDay,
			List<String> titleKeywords, String form, String holidayShift, YearMonth reportFrom, String deadlineMonth) {

		/** Deadline in the reported month itself. */
		public static final String SAME_MONTH = "same";

		/** Deadline in the month after the reported month. */
		public static final String NEXT_MONTH = "next";

		public Campaign {
			if (reportFrom == null) {
				reportFrom = firstMonth;
			}
			if (deadlineMonth == null) {
				deadlineMonth = SAME_MONTH;
			}
		}

		/** Tables owed from {@code firstMonth}, due in the reported month. */
		public Campaign(String code, String name, YearMonth firstMonth, YearMonth lastMonth, int cutoffDay,
				List<String> titleKeywords, String form, String holidayShift) {
			this(code, name, firstMonth, lastMonth, cutoffDay, titleKeywords, form, holidayShift, firstMonth,
					SAME_MONTH);
		}

		public boolean covers(YearMonth month) {
			return !month.isBefore(firstMonth) && !month.isAfter(lastMonth);
		}

		/**
		 * Whether a table is owed for {@code month}: a campaign month from
		 * {@code reportFrom} on.
		 */
		public boolean owes(YearMonth month) {
			return covers(month) && !month.isBefore(reportFrom);
		}

		/** The month holding the unshifted deadline of {@code month}. */
		public YearMonth deadlineMonthOf(YearMonth month) {
			return NEXT_MONTH.equals(deadlineMonth) ? month.plusMonths(1) : month;
		}

	}

	/**
	 * A calendar exception: {@code kind} is holiday (no work) or workday (调休, a weekend
	 * worked).
	 */
	public record Holiday(LocalDate date, String kind) {
	}

	/**
	 * The deployment's own region: the one row without a parent (a county, a city, a
	 * township …).
	 */
	public Region top() {
		return regions.stream().filter(r -> r.parentCode() == null).findFirst().orElseThrow();
	}

	/**
	 * A deliverable (应报材料) of a campaign: a plan, liaison list, directory or summary owed
	 * once by {@code due} or every quarter, by each of {@code submitterCodes}.
	 *
	 * @param campaign campaign code
	 * @param code unique within the campaign
	 * @param name what it is called (专项行动方案)
	 * @param nameKeywords a document whose file name, folders or first page contain one
	 * of these is this deliverable
	 * @param kind {@link #ONCE} or {@link #QUARTERLY}
	 * @param due as written: a date (once), or the day of the month after each quarter
	 * with exceptions {@code 1|Q4=12-20} (quarterly)
	 * @param who as written: all, departments, townships or submitter codes
	 * @param submitterCodes who owes it, resolved from {@code who}
	 * @param satisfiedBy what counts as received: {@code document} and/or list kinds
	 * @param instances each due instance, its due day holiday-shifted as the campaign's
	 * tables are
	 */
	public record Deliverable(String campaign, String code, String name, List<String> nameKeywords, String kind,
			String due, String who, List<String> submitterCodes, List<String> satisfiedBy, List<Due> instances) {

		public static final String ONCE = "once";

		public static final String QUARTERLY = "quarterly";

		/** A document (.doc, .docx, .pdf, .wps) recognised by its name. */
		public static final String DOCUMENT = "document";

		public boolean acceptsDocuments() {
			return satisfiedBy.contains(DOCUMENT);
		}

	}

	/**
	 * One due instance of a deliverable.
	 *
	 * @param instance {@code once}, or the quarter reported on ({@code 2024Q1})
	 * @param coversFrom first day of that quarter (once: the campaign's first day)
	 * @param coversTo last day of that quarter (once: the campaign's last day)
	 * @param nominalDue the due day as written
	 * @param dueOn the due day moved off non-working days in the campaign's direction
	 */
	public record Due(String instance, LocalDate coversFrom, LocalDate coversTo, LocalDate nominalDue,
			LocalDate dueOn) {
	}

	public Optional<Campaign> campaign(String code) {
		return campaigns.stream().filter(c -> c.code().equals(code)).findFirst();
	}

	public Optional<Submitter> submitter(String code) {
		return submitters.stream().filter(s -> s.code().equals(code)).findFirst();
	}

}
