package org.anjian.warehouse.reference;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Deliverable;
import org.anjian.warehouse.reference.ReferenceData.Due;
import org.anjian.warehouse.reference.ReferenceData.Holiday;
import org.anjian.warehouse.reference.ReferenceData.Submitter;

/**
 * {@code deliverables.csv} (optional): what each campaign expects besides the monthly
 * tables, once or per quarter, from whom, by when (README "Deliverables"). Validated
 * against the campaigns and submitters already read; each row's due instances are worked
 * out here, holiday-shifted as the campaign's tables are.
 */
final class DeliverablesCsv {

	static final String FILE = "deliverables.csv";

	static final List<String> REQUIRED = List.of("campaign", "code", "name", "kind", "due");

	static final List<String> OPTIONAL = List.of("name_keywords", "who", "satisfied_by");

	/**
	 * What may satisfy a deliverable: a document, or a record-level list of that kind.
	 */
	static final List<String> SATISFIED_BY = List.of(Deliverable.DOCUMENT, "liaison_list", "enterprise_directory",
			"hazard_ledger", "inspection_record");

	static final List<String> WHO = List.of("all", "departments", "townships");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern QUARTER_DAY = Pattern.compile("\\d{1,2}");

	private static final Pattern QUARTER_EXCEPTION = Pattern.compile("Q([1-4])=(\\d{2})-(\\d{2})");

	private DeliverablesCsv() {
	}

	static List<Deliverable> parse(String text, List<Campaign> campaigns, List<Submitter> submitters,
			List<Holiday> holidays) {
		CsvTable t = CsvTable.parse(FILE, text, REQUIRED, OPTIONAL);
		Map<String, Campaign> byCode = new LinkedHashMap<>();
		campaigns.forEach(c -> byCode.put(c.code(), c));
		Set<String> submitterCodes = new LinkedHashSet<>();
		submitters.forEach(s -> submitterCodes.add(s.code()));
		DeadlineCalendar calendar = new DeadlineCalendar(holidays);
		List<Deliverable> out = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (CsvTable.Row r : t.rows()) {
			String campaignCode = required(t, r, "campaign");
			Campaign campaign = byCode.get(campaignCode);
			if (campaign == null) {
				throw fail(t, r, "campaign", "专项行动代码“" + campaignCode + "”不在 campaigns.csv 中");
			}
			String code = required(t, r, "code");
			if (!keys.add(campaignCode + "\u0000" + code)) {
				throw fail(t, r, "code", "专项行动 " + campaignCode + " 的应报材料代码“" + code + "”重复");
			}
			String name = required(t, r, "name");
			List<String> keywords = list(r.get("name_keywords"));
			if (keywords.isEmpty()) {
				keywords = List.of(name);
			}
			String kind = oneOf(t, r, "kind", List.of(Deliverable.ONCE, Deliverable.QUARTERLY));
			String due = required(t, r, "due");
			List<Due> instances = Deliverable.ONCE.equals(kind) ? List.of(once(t, r, campaign, due, calendar))
					: quarterly(t, r, campaign, due, calendar);
			String who = r.get("who").isEmpty() ? "all" : r.get("who");
			List<String> owing = who(t, r, who, submitters, submitterCodes);
			List<String> satisfiedBy = list(r.get("satisfied_by"));
			if (satisfiedBy.isEmpty()) {
				satisfiedBy = List.of(Deliverable.DOCUMENT);
			}
			for (String s : satisfiedBy) {
				if (!SATISFIED_BY.contains(s)) {
					throw fail(t, r, "satisfied_by",
							"“" + s + "”不是允许的值（" + String.join("、", SATISFIED_BY) + "，可用 | 连接多个）");
				}
			}
			out.add(new Deliverable(campaignCode, code, name, keywords, kind, due, who, owing, satisfiedBy, instances));
		}
		return List.copyOf(out);
	}

	private static Due once(CsvTable t, CsvTable.Row r, Campaign campaign, String due, DeadlineCalendar calendar) {
		LocalDate day = null;
		if (DATE.matcher(due).matches()) {
			try {
				day = LocalDate.parse(due);
			}
			catch (DateTimeException ex) {
				// reported below
			}
		}
		if (day == null) {
			throw fail(t, r, "due", "一次性材料（once）的截止日“" + due + "”应写成 YYYY-MM-DD，例如 2024-04-15");
		}
		LocalDate start = campaign.firstMonth().atDay(1);
		LocalDate end = campaign.lastMonth().atEndOfMonth();
		if (day.isBefore(start) || day.isAfter(end.plusYears(1))) {
			throw fail(t, r, "due", "截止日 " + day + " 不在专项行动“" + campaign.name() + "”期间（" + campaign.firstMonth() + " 至 "
					+ campaign.lastMonth() + "，或其后一年内）");
		}
		return new Due(Deliverable.ONCE, start, end, day, shifted(day, campaign, calendar));
	}

	/**
	 * Every quarter overlapping the campaign's months: due on day D of the month after
	 * the quarter, or on the date an exception {@code Qn=MM-DD} gives for that quarter
	 * (in the quarter's year).
	 */
	private static List<Due> quarterly(CsvTable t, CsvTable.Row r, Campaign campaign, String due,
			DeadlineCalendar calendar) {
		List<String> parts = list(due);
		String dayText = parts.isEmpty() ? "" : parts.get(0);
		if (!QUARTER_DAY.matcher(dayText).matches() || Integer.parseInt(dayText) < 1
				|| Integer.parseInt(dayText) > 31) {
			throw fail(t, r, "due",
					"按季材料（quarterly）的截止日“" + due + "”应以 1–31 的日子开头（季度结束后下月的第几日），" + "可跟例外，例如 1|Q4=12-20");
		}
		int day = Integer.parseInt(dayText);
		Map<Integer, int[]> exceptions = new LinkedHashMap<>();
		for (String part : parts.subList(1, parts.size())) {
			Matcher m = QUARTER_EXCEPTION.matcher(part);
			if (!m.matches()) {
				throw fail(t, r, "due", "例外“" + part + "”应写成 Qn=MM-DD，例如 Q4=12-20（第四季度的材料12月20日前报）");
			}
			exceptions.put(Integer.parseInt(m.group(1)),
					new int[] { Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)) });
		}
		List<Due> out = new ArrayList<>();
		YearMonth q = quarterStart(campaign.firstMonth());
		while (!q.isAfter(campaign.lastMonth())) {
			int quarter = (q.getMonthValue() - 1) / 3 + 1;
			LocalDate coversTo = q.plusMonths(2).atEndOfMonth();
			LocalDate nominal;
			int[] exception = exceptions.get(quarter);
			if (exception != null) {
				try {
					nominal = LocalDate.of(q.getYear(), exception[0], exception[1]);
				}
				catch (DateTimeException ex) {
					throw fail(t, r, "due", "例外 Q" + quarter + "="
							+ String.format("%02d-%02d", exception[0], exception[1]) + " 不是有效日期");
				}
			}
			else {
				YearMonth after = q.plusMonths(3);
				nominal = after.atDay(Math.min(day, after.lengthOfMonth()));
			}
			out.add(new Due(q.getYear() + "Q" + quarter, q.atDay(1), coversTo, nominal,
					shifted(nominal, campaign, calendar)));
			q = q.plusMonths(3);
		}
		return List.copyOf(out);
	}

	private static YearMonth quarterStart(YearMonth month) {
		return YearMonth.of(month.getYear(), (month.getMonthValue() - 1) / 3 * 3 + 1);
	}

	/** Off non-working days in the campaign's direction, as its tables' deadlines are. */
	private static LocalDate shifted(LocalDate day, Campaign campaign, DeadlineCalendar calendar) {
		int step = "later".equals(campaign.holidayShift()) ? 1 : -1;
		LocalDate d = day;
		while (!calendar.isWorkingDay(d)) {
			d = d.plusDays(step);
		}
		return d;
	}

	private static List<String> who(CsvTable t, CsvTable.Row r, String who, List<Submitter> submitters,
			Set<String> codes) {
		return switch (who) {
			case "all" -> submitters.stream().map(Submitter::code).toList();
			case "departments" ->
				submitters.stream().filter(s -> "department".equals(s.kind())).map(Submitter::code).toList();
			case "townships" ->
				submitters.stream().filter(s -> "township".equals(s.kind())).map(Submitter::code).toList();
			default -> {
				List<String> listed = list(who);
				for (String code : listed) {
					if (!codes.contains(code)) {
						throw fail(t, r, "who", "填报单位代码“" + code + "”不在 submitters.csv 中（可写 " + String.join("、", WHO)
								+ "，或用 | 连接的填报单位代码）");
					}
				}
				yield List.copyOf(new LinkedHashSet<>(listed));
			}
		};
	}

	private static String required(CsvTable t, CsvTable.Row r, String column) {
		String value = r.get(column);
		if (value.isEmpty()) {
			throw fail(t, r, column, "不能为空");
		}
		return value;
	}

	private static String oneOf(CsvTable t, CsvTable.Row r, String column, List<String> allowed) {
		String value = required(t, r, column);
		if (!allowed.contains(value)) {
			throw fail(t, r, column, "“" + value + "”不是允许的值（" + String.join("、", allowed) + "）");
		}
		return value;
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static ReferenceDataException fail(CsvTable t, CsvTable.Row r, String column, String message) {
		return new ReferenceDataException(t.file + " 第" + r.line() + "行 " + column + " 列：" + message);
	}

}
