package org.anjian.jobs.support.offices;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.anjian.jobs.demo.DemoFigures;
import org.anjian.jobs.support.offices.SeedOffice.Fate;
import org.anjian.jobs.support.offices.SeedOffice.Industry;
import org.anjian.jobs.support.offices.SeedOffice.Pinned;
import org.anjian.jobs.support.offices.SeedOffice.Submitter;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.writers.official.OfficialRow;
import org.anjian.writers.official.OfficialTable;
import org.anjian.writers.official.OfficialTableWriter;

/**
 * A seed office's inbox over its whole campaign: every submitter's cumulative table for
 * every owed month (figures from the demo's {@link DemoFigures}, cumulative from
 * {@code first_month}, so a missed month is inside the next table), written by the
 * official table writer in the form's printed layout and copied to .xls or CSV for some;
 * each table received (its mtime) on time, on the deadline day, late, after the month-end
 * rollup, never, or sent twice (a correction), by a fixed rotation over submitters and
 * months unless the office pins the receipt. Returns what it sent, with the figures of
 * each file, for the expected answers.
 */
public final class SeedOfficeInbox {

	/**
	 * One file in the inbox.
	 *
	 * @param path relative to the inbox, with {@code /}
	 * @param figures industry code → measure → the cumulative figure the file holds
	 * @param superseded the first version of a correction
	 */
	public record SentTable(String path, String submitter, YearMonth period, LocalDateTime receivedAt, Fate fate,
			boolean superseded, Map<String, Map<String, BigDecimal>> figures) {
	}

	/**
	 * The rotation of fates over submitters and months: mostly on time, and every kind of
	 * trouble an office meets in a month.
	 */
	static final List<Fate> ROTATION = List.of(Fate.ON_TIME, Fate.DEADLINE_DAY, Fate.ON_TIME, Fate.LATE, Fate.ON_TIME,
			Fate.MISSING, Fate.CORRECTION, Fate.ON_TIME, Fate.LATE_AFTER_MONTH_END, Fate.ON_TIME, Fate.DEADLINE_DAY);

	private final SeedOffice office;

	private final OfficeCalendar calendar;

	private final OfficialTableWriter writer = new OfficialTableWriter();

	/** submitter → month → industry (F-003-II: {@code ALL}) → cumulative figures. */
	private final Map<String, Map<YearMonth, Map<String, Map<String, BigDecimal>>>> truth = new LinkedHashMap<>();

	private final List<SentList> lists = new ArrayList<>();

	/**
	 * An F-003-I inspection-record list (统计表（一）) for one unit's month.
	 *
	 * @param agrees whether its enterprises, cases and fines are the 本月数 row's
	 * @param listEnterprises distinct enterprises in the list
	 * @param reportedEnterprises the 本月数 row's 现场监督检查企业数
	 */
	public record SentList(String path, String submitter, YearMonth period, boolean agrees, long listEnterprises,
			long reportedEnterprises) {
	}

	/** The inspection-record lists {@link #generate} wrote (F-003-II offices). */
	public List<SentList> lists() {
		return lists;
	}

	public SeedOfficeInbox(SeedOffice office, OfficeCalendar calendar) {
		this.office = office;
		this.calendar = calendar;
	}

	public List<SentTable> generate(Path inbox) throws IOException {
		Random random = new Random(office.randomSeed());
		DemoFigures draw = new DemoFigures(random);
		String form = office.campaign().form();
		// the truth: each submitter's cumulative figures through each campaign month
		truth.clear();
		lists.clear();
		boolean units = form.equals("F-003-II");
		for (YearMonth month : calendar.campaignMonths()) {
			for (int i = 0; i < office.submitters().size(); i++) {
				Submitter s = office.submitters().get(i);
				Map<YearMonth, Map<String, Map<String, BigDecimal>>> bySubmitter = truth.computeIfAbsent(s.code(),
						k -> new LinkedHashMap<>());
				Map<String, Map<String, BigDecimal>> before = bySubmitter.getOrDefault(month.minusMonths(1), Map.of());
				Map<String, Map<String, BigDecimal>> now = new LinkedHashMap<>();
				if (units) {
					// one row per unit: its flows, and 监管企业总数 a stock drifting a little
					Map<String, BigDecimal> old = before.getOrDefault("ALL", Map.of());
					Map<String, BigDecimal> cumulative = new LinkedHashMap<>(old);
					Map<String, BigDecimal> month1 = new LinkedHashMap<>(draw.month(form));
					month1.put("licenses_withheld_revoked", BigDecimal.valueOf(random.nextInt(6) == 0 ? 1 : 0));
					month1.put("blacklisted", BigDecimal.valueOf(random.nextInt(5) == 0 ? 1 : 0));
					month1.put("criminal_transfer_persons", BigDecimal.valueOf(random.nextInt(12) == 0 ? 1 : 0));
					month1.put("transfers_other", BigDecimal.valueOf(random.nextInt(3)));
					month1.put("report_rewards", BigDecimal.valueOf(random.nextInt(4) == 0 ? 1 : 0));
					month1.forEach((measure, v) -> cumulative.merge(measure, v, BigDecimal::add));
					BigDecimal stock = old.get("enterprises_supervised");
					cumulative.put("enterprises_supervised",
							stock == null ? BigDecimal.valueOf(260 + random.nextInt(80))
									: stock.add(BigDecimal.valueOf(random.nextInt(7) - 3)));
					now.put("ALL", cumulative);
				}
				else {
					for (Industry industry : industriesOf(i)) {
						Map<String, BigDecimal> cumulative = new LinkedHashMap<>(
								before.getOrDefault(industry.code(), Map.of()));
						draw.month(form).forEach((measure, v) -> cumulative.merge(measure, v, BigDecimal::add));
						now.put(industry.code(), cumulative);
					}
				}
				bySubmitter.put(month, now);
			}
		}
		List<SentTable> sent = new ArrayList<>();
		List<YearMonth> owed = calendar.owedMonths();
		for (int k = 0; k < owed.size(); k++) {
			YearMonth month = owed.get(k);
			for (int i = 0; i < office.submitters().size(); i++) {
				Submitter s = office.submitters().get(i);
				Pinned pinned = pinned(s.code(), month);
				Fate fate = pinned != null ? pinned.fate() : ROTATION.get((3 * i + 2 * k) % ROTATION.size());
				if (fate == Fate.MISSING) {
					continue;
				}
				LocalDateTime received = pinned != null ? pinned.receivedAt() : received(fate, month, i + k);
				Map<String, Map<String, BigDecimal>> figures = truth.get(s.code()).get(month);
				String fill = (i + k) % 3 == 0 ? s.alias() : s.name();
				String name = s.name() + month.getMonthValue() + "月统计表";
				if (fate == Fate.CORRECTION) {
					// the slip: the first industry's (unit's) two figures too high
					Map<String, Map<String, BigDecimal>> slipped = new LinkedHashMap<>(figures);
					String first = figures.keySet().iterator().next();
					Map<String, BigDecimal> row = new LinkedHashMap<>(figures.get(first));
					row.merge(units ? "enterprises_inspected" : "inspectors", BigDecimal.valueOf(3), BigDecimal::add);
					row.merge(units ? "hazards_total" : "enforcement_documents", BigDecimal.valueOf(2),
							BigDecimal::add);
					slipped.put(first, row);
					LocalDateTime correctedAt = calendar.deadline(month).plusDays(1).atTime(9, 40);
					sent.add(write(inbox, folder(received, false) + name, (i + k) % 5, s, fill, month, received, fate,
							true, slipped));
					sent.add(write(inbox, folder(correctedAt, true) + name + "（更正）", 0, s, s.name(), month, correctedAt,
							fate, false, figures));
				}
				else {
					boolean late = fate == Fate.LATE || fate == Fate.LATE_AFTER_MONTH_END;
					sent.add(write(inbox, folder(received, late) + name, (i + k) % 5, s, fill, month, received, fate,
							false, figures));
					// 附件1 beside some on-time tables, one month per unit (a unit's later
					// list supersedes its earlier one): the first written leaves an
					// enterprise out
					if (units && fate == Fate.ON_TIME && i % 2 == 0 && k % 4 == 1
							&& lists.stream().noneMatch(l -> l.submitter().equals(s.code()))) {
						writeList(inbox, s, month, received, lists.isEmpty());
					}
				}
			}
		}
		return sent;
	}

	static final String LIST_HEADER = "序号,受检企业(单位)名称,检查时间,执法人员,安全生产违法行为(隐患),完成整改情况,立案案号,罚款金额(万),处罚依据(法律条款),其他查处(或移送)情况,备注";

	/**
	 * The unit's month of inspection records (F-003-I, GBK CSV): one row per enterprise
	 * inspected in its 本月数 row, the month's cases and fines on the first rows; when
	 * {@code disagree}, the last inspection is of the first enterprise again.
	 */
	private void writeList(Path inbox, Submitter s, YearMonth month, LocalDateTime received, boolean disagree)
			throws IOException {
		Map<String, BigDecimal> row = monthRow(s.code(), month, truth.get(s.code()).get(month).get("ALL"));
		int enterprises = row.get("enterprises_inspected").intValue();
		int cases = row.get("cases_filed").intValue();
		StringBuilder csv = new StringBuilder(
				office.county().name() + "2024年安全生产执法提升专项行动情况统计表（一）\n填报单位：" + s.name() + "\n" + LIST_HEADER + "\n");
		for (int n = 1; n <= enterprises; n++) {
			int enterprise = disagree && n == enterprises ? 1 : n;
			csv.append(n)
				.append(',')
				.append(s.name())
				.append(enterprise)
				.append("号鞋服厂,")
				.append(month.atDay(1 + n % month.lengthOfMonth()))
				.append(",林强,1. 安全出口堵塞,已整改,");
			if (n <= cases) {
				csv.append("狮应急罚〔")
					.append(month.getYear())
					.append("〕")
					.append(s.code())
					.append(month.getMonthValue())
					.append('-')
					.append(n)
					.append("号,")
					.append(n == 1 ? row.get("fines_wan").toPlainString() : "0");
			}
			else {
				csv.append(',');
			}
			csv.append(",,,\n");
		}
		String path = office.campaign().code() + "/" + YearMonth.from(received) + "/统计表一/" + s.name()
				+ month.getMonthValue() + "月执法检查记录.csv";
		Path file = inbox.resolve(path);
		Files.createDirectories(file.getParent());
		Files.write(file, csv.toString().getBytes(Charset.forName("GBK")));
		Files.setLastModifiedTime(file, FileTime.from(received.atZone(OfficeTime.ZONE).toInstant()));
		lists
			.add(new SentList(path, s.code(), month, !disagree, disagree ? enterprises - 1 : enterprises, enterprises));
	}

	/**
	 * The 本月数 row of a unit's table: the cumulative figures minus the month before's as
	 * the unit had them (the first month: the cumulative itself); a stock its value.
	 */
	private Map<String, BigDecimal> monthRow(String submitter, YearMonth month, Map<String, BigDecimal> cumulative) {
		Map<String, BigDecimal> before = month.equals(office.campaign().firstMonth()) ? Map.of()
				: truth.get(submitter).get(month.minusMonths(1)).get("ALL");
		List<String> stocks = SeedOffices.STOCKS.getOrDefault(office.campaign().form(), List.of());
		Map<String, BigDecimal> row = new LinkedHashMap<>();
		cumulative.forEach((measure, v) -> row.put(measure,
				stocks.contains(measure) ? v : v.subtract(before.getOrDefault(measure, BigDecimal.ZERO))));
		return row;
	}

	private Pinned pinned(String submitter, YearMonth period) {
		return office.pinned()
			.stream()
			.filter(p -> p.submitter().equals(submitter) && p.period().equals(period))
			.findFirst()
			.orElse(null);
	}

	/** When a table of this fate arrives; {@code n} varies the day and hour. */
	private LocalDateTime received(Fate fate, YearMonth month, int n) {
		LocalDate deadline = calendar.deadline(month);
		LocalDate monthEnd = calendar.monthEndAsOf(month).toLocalDate();
		LocalTime time = LocalTime.of(9 + n % 8, 10 + (7 * n) % 45);
		return switch (fate) {
			// a next-month deadline is met in its last days, a same-month one within a
			// week
			case ON_TIME -> deadline.minusDays(1 + n % (office.campaign().dueNextMonth() ? 2 : 6)).atTime(time);
			case CORRECTION -> deadline.minusDays(2).atTime(time);
			case DEADLINE_DAY -> deadline.atTime(17 + n % 6, 5 + (11 * n) % 50);
			case LATE -> {
				long span = ChronoUnit.DAYS.between(deadline, monthEnd);
				yield (span < 1 ? monthEnd.plusDays(1) : deadline.plusDays(1 + n % span)).atTime(time);
			}
			case LATE_AFTER_MONTH_END -> monthEnd.plusDays(1 + n % 4).atTime(time);
			case MISSING -> throw new IllegalArgumentException("a missing table is never received");
		};
	}

	/**
	 * Folders as an office files its mail: by the month it arrived, late ones under 补报/.
	 */
	private String folder(LocalDateTime received, boolean late) {
		return office.campaign().code() + "/" + YearMonth.from(received) + "/" + (late ? "补报/" : "");
	}

	private SentTable write(Path inbox, String stem, int format, Submitter s, String fill, YearMonth month,
			LocalDateTime received, Fate fate, boolean superseded, Map<String, Map<String, BigDecimal>> figures)
			throws IOException {
		String extension = switch (format) {
			case 1 -> ".xls";
			case 2, 4 -> ".csv";
			default -> ".xlsx";
		};
		String path = stem + extension;
		Path file = inbox.resolve(path);
		Files.createDirectories(file.getParent());
		Path xlsx = format == 0 || format == 3 ? file : file.resolveSibling("." + file.getFileName() + ".xlsx");
		writeTable(xlsx, s, fill, month, received.toLocalDate(), figures);
		if (format == 1) {
			SpreadsheetCopies.toXls(xlsx, file);
		}
		else if (format == 2 || format == 4) {
			Charset charset = format == 2 ? Charset.forName("GBK") : StandardCharsets.UTF_8;
			SpreadsheetCopies.toCsv(xlsx, file, charset);
		}
		if (!xlsx.equals(file)) {
			Files.delete(xlsx);
		}
		Files.setLastModifiedTime(file, FileTime.from(received.atZone(OfficeTime.ZONE).toInstant()));
		return new SentTable(path, s.code(), month, received, fate, superseded, figures);
	}

	/**
	 * The table in its form's layout. F-000 and F-001: one row per industry and 合计.
	 * F-003-II: the unit's 本月数 and 累计数 rows, its rates written by the writer from each
	 * row's figures.
	 */
	private void writeTable(Path xlsx, Submitter s, String fill, YearMonth month, LocalDate filled,
			Map<String, Map<String, BigDecimal>> figures) throws IOException {
		String form = office.campaign().form();
		if (form.equals("F-003-II")) {
			Map<String, BigDecimal> cumulative = figures.get("ALL");
			writer.write(new OfficialTable(form, office.tableTitle(), office.campaign().firstMonth(), month, fill,
					filled, List.of(new OfficialRow("本月数", monthRow(s.code(), month, cumulative))),
					new OfficialRow("累计数", cumulative)), xlsx);
			return;
		}
		if (!form.equals("F-000") && !form.equals("F-001")) {
			throw new IllegalArgumentException("no generated tables for form " + form + " yet");
		}
		List<OfficialRow> rows = new ArrayList<>();
		Map<String, BigDecimal> total = new LinkedHashMap<>();
		for (Industry industry : office.industries()) {
			Map<String, BigDecimal> values = figures.get(industry.code());
			if (values != null) {
				rows.add(new OfficialRow(industry.name(), values));
				values.forEach((k, v) -> total.merge(k, v, BigDecimal::add));
			}
		}
		writer.write(new OfficialTable(form, office.tableTitle(), office.campaign().firstMonth(), month, fill, filled,
				rows, new OfficialRow("合  计", total)), xlsx);
	}

	/**
	 * A department reports its own industry and the next; a township, street or park the
	 * first four to six.
	 */
	private List<Industry> industriesOf(int i) {
		List<Industry> all = office.industries();
		Submitter s = office.submitters().get(i);
		if ("department".equals(s.kind())) {
			return List.of(all.get(i % all.size()), all.get((i + 1) % all.size()));
		}
		return all.subList(0, Math.min(all.size(), 4 + i % 3));
	}

}
