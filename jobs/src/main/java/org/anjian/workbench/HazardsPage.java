package org.anjian.workbench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.writers.reports.Report;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * 重大隐患督办: the major hazards of the current ledgers as of a date (today in Asia/Shanghai
 * unless asked) — open, overdue against 整改期限, and the 五落实 items their ledger rows leave
 * blank — counted per submitter and region, and the open ones listed with their
 * enterprise; the office sees every submitter, a clerk its own. Exportable as .xlsx and
 * CSV (the writers' {@link Report}).
 */
@Controller
class HazardsPage {

	/** The 五落实 items, in the order the notices name them, with the row's flag. */
	static final Map<String, String> ITEMS = items();

	/** One open major hazard. */
	record Open(String submitter, String region, String enterprise, String description, LocalDate foundOn,
			LocalDate deadline, String status, boolean overdue, Long daysOverdue, List<String> missing) {

		public String missingText() {
			return missing.isEmpty() ? "齐全" : String.join("、", missing);
		}

	}

	/** The counts of one submitter and region (the totals line has neither). */
	record Count(String submitterCode, String submitter, String regionCode, String region, long major, long rectified,
			long open, long overdue, long incomplete, List<Long> lacking) {

	}

	private final Snapshot snapshot;

	private final Accounts accounts;

	private final ReferenceData reference;

	private final ActionLog actions;

	HazardsPage(Snapshot snapshot, Accounts accounts, ReferenceData reference, ActionLog actions) {
		this.snapshot = snapshot;
		this.accounts = accounts;
		this.reference = reference;
		this.actions = actions;
	}

	private static Map<String, String> items() {
		Map<String, String> items = new LinkedHashMap<>();
		items.put("责任人", "lacks_responsible");
		items.put("措施", "lacks_measures");
		items.put("资金", "lacks_funds");
		items.put("期限", "lacks_deadline");
		items.put("预案", "lacks_plan");
		return items;
	}

	@GetMapping("/hazards")
	String hazards(@RequestParam(required = false) String date, Authentication authentication, Model model) {
		Viewer viewer = Viewer.of(authentication, accounts);
		LocalDate day = day(date);
		List<Map<String, Object>> rows = rows(viewer, day);
		model.addAttribute("date", day.toString());
		model.addAttribute("items", ITEMS.keySet());
		model.addAttribute("counts", counts(rows));
		model.addAttribute("total", total(rows));
		model.addAttribute("open", open(rows));
		return "workbench/hazards";
	}

	@GetMapping("/hazards/export")
	ResponseEntity<byte[]> export(@RequestParam(required = false) String date, @RequestParam String format,
			Authentication authentication) throws IOException {
		if (!format.equals("xlsx") && !format.equals("csv")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "格式只有 xlsx 或 csv");
		}
		Viewer viewer = Viewer.of(authentication, accounts);
		LocalDate day = day(date);
		Report report = report(rows(viewer, day), day);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (format.equals("xlsx")) {
			report.writeXlsx(out);
		}
		else {
			report.writeCsv(out);
		}
		String name = reference.top().name() + "-重大隐患督办-" + day + "." + format;
		actions.record(viewer.user(), "导出重大隐患督办", name);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(name, java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(format.equals("csv") ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
					: MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(out.toByteArray());
	}

	private static LocalDate day(String date) {
		if (date == null || date.isBlank()) {
			return OfficeTime.now().toLocalDate();
		}
		try {
			return LocalDate.parse(date.strip());
		}
		catch (DateTimeParseException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "日期应写成 2024-06-15 的样子：" + date);
		}
	}

	private List<Map<String, Object>> rows(Viewer viewer, LocalDate day) {
		return snapshot.query("hazards", day)
			.stream()
			.filter(r -> viewer.sees((String) r.get("submitter_code")))
			.toList();
	}

	static List<Count> counts(List<Map<String, Object>> rows) {
		Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
		for (Map<String, Object> r : rows) {
			groups.computeIfAbsent(Arrays.asList(r.get("submitter_code"), r.get("region_code")), k -> new ArrayList<>())
				.add(r);
		}
		List<Count> counts = new ArrayList<>();
		groups
			.forEach((key, group) -> counts.add(count((String) key.get(0), (String) group.get(0).get("submitter_name"),
					(String) key.get(1), (String) group.get(0).get("region_name"), group)));
		return counts;
	}

	static Count total(List<Map<String, Object>> rows) {
		return count(null, "合计", null, "", rows);
	}

	private static Count count(String submitterCode, String submitter, String regionCode, String region,
			List<Map<String, Object>> rows) {
		List<Map<String, Object>> open = rows.stream().filter(r -> flag(r, "is_open")).toList();
		List<Long> lacking = ITEMS.values()
			.stream()
			.map(column -> open.stream().filter(r -> flag(r, column)).count())
			.toList();
		return new Count(submitterCode, submitter == null ? submitterCode : submitter, regionCode,
				region == null ? regionCode : region, rows.size(), rows.size() - open.size(), open.size(),
				open.stream().filter(r -> flag(r, "is_overdue")).count(),
				open.stream().filter(r -> !missing(r).isEmpty()).count(), lacking);
	}

	static List<Open> open(List<Map<String, Object>> rows) {
		return rows.stream()
			.filter(r -> flag(r, "is_open"))
			.map(r -> new Open((String) r.get("submitter_name"), (String) r.get("region_name"),
					(String) r.get("enterprise_name"), (String) r.get("description"), (LocalDate) r.get("found_on"),
					(LocalDate) r.get("deadline"), Format.hazardStatus((String) r.get("status")), flag(r, "is_overdue"),
					r.get("days_overdue") == null ? null : ((Number) r.get("days_overdue")).longValue(), missing(r)))
			.toList();
	}

	private static List<String> missing(Map<String, Object> r) {
		return ITEMS.entrySet().stream().filter(e -> flag(r, e.getValue())).map(Map.Entry::getKey).toList();
	}

	private static boolean flag(Map<String, Object> r, String column) {
		return Boolean.TRUE.equals(r.get(column));
	}

	private Report report(List<Map<String, Object>> rows, LocalDate day) {
		String county = reference.top().name();
		List<String> countHeader = new ArrayList<>(List.of("填报单位", "所属区域", "重大隐患", "已整改", "未整改", "其中逾期", "五落实不全"));
		ITEMS.keySet().forEach(item -> countHeader.add("缺" + item));
		List<List<Object>> countRows = new ArrayList<>();
		List<Count> counts = new ArrayList<>(counts(rows));
		counts.add(total(rows));
		for (Count c : counts) {
			List<Object> line = new ArrayList<>(Arrays.asList(c.submitter(), c.region(), c.major(), c.rectified(),
					c.open(), c.overdue(), c.incomplete()));
			line.addAll(c.lacking());
			countRows.add(line);
		}
		List<List<Object>> openRows = new ArrayList<>();
		for (Open o : open(rows)) {
			openRows.add(Arrays.asList(o.submitter(), o.region(), o.enterprise(), o.description(), o.foundOn(),
					o.deadline(), o.status(), o.overdue() ? "逾期 " + o.daysOverdue() + " 天" : "", o.missingText()));
		}
		String note = "截至 " + day + "（北京时间）；已整改：整改完成日期不晚于当日，或整改状态为已整改；逾期：未整改且当日已过整改期限；"
				+ "五落实（责任人、措施、资金、期限、预案）取自台账的责任人、整改措施、整改资金、整改期限、应急预案列，单元格为空或台账没有该列即为缺。";
		return new Report(List.of(
				new Report.Table("督办汇总", county + "重大事故隐患督办汇总（截至" + day + "）", countHeader, countRows, List.of(note),
						List.of(24, 14)),
				new Report.Table("未整改重大隐患", county + "未整改重大事故隐患清单（截至" + day + "）",
						List.of("填报单位", "所属区域", "企业名称", "隐患描述", "发现日期", "整改期限", "整改状态", "逾期", "五落实缺项"), openRows,
						List.of(note), List.of(20, 12, 28, 30, 12, 12, 10, 12, 20))));
	}

}
