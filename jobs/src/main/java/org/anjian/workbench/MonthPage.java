package org.anjian.workbench;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.warehouse.rollups.RollupKind;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 本月: one campaign and month on one page — the deadline and days left, each submitter as
 * 已报 / 迟报 / 未报 / 已报被退回 (with 有提示, or 已说明 when every advisory of the loaded table is
 * explained, beside), the 催报 list with liaison and phone, and the rollups due and done.
 * Statuses are live (every file recorded so far against the holiday-shifted deadline, the
 * rule the 催报 roster uses); the materialized cutoff roster is shown beside them.
 */
@Controller
class MonthPage {

	/** One submitter's line. */
	record Line(String code, String name, String kind, String status, String css, String received, List<String> notes,
			String roster, String liaison, String phone) {

		boolean chase() {
			return "未报".equals(status) || "已报被退回".equals(status);
		}

	}

	/** One rollup of the month: when it is due and whether it was produced. */
	record Rollup(String kind, String label, String dueAt, String state, String asOf) {

	}

	private final ReferenceData reference;

	private final Snapshot snapshot;

	private final Accounts accounts;

	private final WorkbenchSettings settings;

	MonthPage(ReferenceData reference, Snapshot snapshot, Accounts accounts, WorkbenchSettings settings) {
		this.reference = reference;
		this.snapshot = snapshot;
		this.accounts = accounts;
		this.settings = settings;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/month";
	}

	@GetMapping("/month")
	String month(@RequestParam(required = false) String campaign, @RequestParam(required = false) String period,
			Authentication authentication, Model model) {
		Viewer viewer = Viewer.of(authentication, accounts);
		Selection selection = Selection.of(reference, snapshot, campaign, period);
		Campaign c = selection.campaign();
		YearMonth month = selection.month();
		DeadlineCalendar calendar = new DeadlineCalendar(reference.holidays());
		LocalDate deadline = calendar.deadline(c, month);
		LocalDateTime deadlineEnd = deadline.atTime(DeadlineCalendar.END_OF_DAY);
		LocalDate today = OfficeTime.now().toLocalDate();
		long daysLeft = ChronoUnit.DAYS.between(today, deadline);

		Map<String, Map<String, Object>> sent = new HashMap<>();
		snapshot.query("month_submitters", c.code(), month.atDay(1))
			.forEach(r -> sent.put((String) r.get("submitter_code"), r));
		Map<String, Map<String, Object>> roster = new HashMap<>();
		snapshot.query("month_roster", c.code(), month.atDay(1), RollupKind.CUTOFF.code())
			.forEach(r -> roster.put((String) r.get("submitter_code"), r));

		List<Line> lines = new ArrayList<>();
		for (Submitter s : reference.submitters()) {
			if (!viewer.sees(s.code())) {
				continue;
			}
			Map<String, Object> r = sent.get(s.code());
			Map<String, Object> inRoster = roster.get(s.code());
			long accepted = r == null ? 0 : ((Number) r.get("accepted_files")).longValue();
			long rejected = r == null ? 0 : ((Number) r.get("rejected_files")).longValue();
			long advisories = r == null ? 0 : ((Number) r.get("advisories")).longValue();
			String status;
			String received = "";
			List<String> notes = new ArrayList<>();
			if (accepted > 0) {
				LocalDateTime first = (LocalDateTime) r.get("first_received_at");
				status = first.isAfter(deadlineEnd) ? "迟报" : "已报";
				received = Format.dateTime(first);
				long explained = ((Number) r.get("explained")).longValue();
				if (advisories > 0 && explained >= advisories) {
					notes.add("已说明：" + r.get("explanation"));
				}
				else if (advisories > 0) {
					notes.add("有提示 " + advisories + " 条" + (explained > 0 ? "（已说明 " + explained + " 条）" : ""));
				}
				LocalDateTime lastRejected = (LocalDateTime) r.get("last_rejected_at");
				if (lastRejected != null && lastRejected.isAfter((LocalDateTime) r.get("last_accepted_at"))) {
					notes.add("最近一次报送被退回（" + Format.dateTime(lastRejected) + "）");
				}
			}
			else if (rejected > 0) {
				status = "已报被退回";
				received = Format.dateTime(r.get("last_rejected_at"));
				notes.add("退回 " + rejected + " 份，待重报");
			}
			else {
				status = "未报";
			}
			if (inRoster != null && Boolean.TRUE.equals(inRoster.get("carried_forward"))) {
				notes.add("截止日汇总沿用 " + Format.month(inRoster.get("carried_from_period")) + " 数据");
			}
			String css = switch (status) {
				case "已报" -> "ok";
				case "迟报" -> "late";
				default -> "missing";
			};
			String liaison = inRoster != null && inRoster.get("liaison") != null ? (String) inRoster.get("liaison")
					: s.liaison();
			String phone = inRoster != null && inRoster.get("phone") != null ? (String) inRoster.get("phone")
					: s.phone();
			lines.add(new Line(s.code(), s.name(), "department".equals(s.kind()) ? "部门" : "乡镇（街道、园区）", status, css,
					received, notes, inRoster == null ? "" : Format.rosterStatus((String) inRoster.get("status")),
					liaison, phone));
		}

		List<Rollup> rollups = new ArrayList<>();
		Map<String, Object> done = new HashMap<>();
		snapshot.query("rollups_done", c.code(), month.atDay(1)).forEach(r -> done.put((String) r.get("kind"), r));
		for (RollupKind kind : RollupKind.values()) {
			LocalDateTime due = kind == RollupKind.CUTOFF ? calendar.cutoffAsOf(c, month)
					: calendar.monthEndAsOf(c, month);
			boolean produced = Files.exists(settings.outbox()
				.resolve(c.code())
				.resolve(month.toString())
				.resolve(kind.code())
				.resolve("manifest.json"));
			@SuppressWarnings("unchecked")
			Map<String, Object> r = (Map<String, Object>) done.get(kind.code());
			String state = produced ? "已完成" : due.isBefore(OfficeTime.now()) ? "已到期，未做" : "未到期";
			rollups.add(new Rollup(kind.code(), kind.label(), Format.dateTime(due), state,
					r == null ? "" : Format.dateTime(r.get("as_of"))));
		}

		model.addAttribute("campaigns", reference.campaigns());
		model.addAttribute("campaign", c);
		model.addAttribute("month", month.toString());
		model.addAttribute("months", selection.months());
		model.addAttribute("owed", c.owes(month));
		model.addAttribute("deadline", deadline.toString());
		model.addAttribute("daysLeft", daysLeft);
		model.addAttribute("lines", lines);
		model.addAttribute("chase", lines.stream().filter(Line::chase).toList());
		model.addAttribute("counts", counts(lines));
		model.addAttribute("rosterAsOf",
				roster.isEmpty() ? null : Format.dateTime(roster.values().iterator().next().get("as_of")));
		model.addAttribute("rollups", rollups);
		return "workbench/month";
	}

	private static Map<String, Long> counts(List<Line> lines) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (String s : List.of("已报", "迟报", "已报被退回", "未报")) {
			counts.put(s, lines.stream().filter(l -> l.status().equals(s)).count());
		}
		return counts;
	}

	/**
	 * The campaign and month a page shows: as asked, else the campaign running this
	 * month, else the latest month any file was recognised for.
	 */
	record Selection(Campaign campaign, YearMonth month, List<String> months) {

		static Selection of(ReferenceData reference, Snapshot snapshot, String campaign, String period) {
			Campaign c = campaign == null ? null : reference.campaign(campaign).orElse(null);
			YearMonth month = null;
			if (period != null && period.matches("\\d{4}-\\d{2}")) {
				month = YearMonth.parse(period);
			}
			YearMonth now = YearMonth.from(OfficeTime.now());
			if (c == null) {
				YearMonth wanted = month == null ? now : month;
				c = reference.campaigns().stream().filter(x -> x.covers(wanted)).findFirst().orElse(null);
			}
			if (c == null || (month == null && !c.covers(now))) {
				for (Map<String, Object> latest : snapshot.query("latest_period")) {
					Campaign found = reference.campaign((String) latest.get("campaign")).orElse(null);
					if (found != null && (c == null || found.code().equals(c.code()))) {
						c = found;
						month = month == null ? YearMonth.from((LocalDate) latest.get("period")) : month;
						break;
					}
				}
			}
			if (c == null) {
				c = reference.campaigns().get(0);
			}
			if (month == null || !c.covers(month)) {
				month = c.covers(now) ? now : c.reportFrom();
			}
			List<String> months = new ArrayList<>();
			for (YearMonth m = c.firstMonth(); !m.isAfter(c.lastMonth()); m = m.plusMonths(1)) {
				months.add(m.toString());
			}
			return new Selection(c, month, months);
		}

	}

}
