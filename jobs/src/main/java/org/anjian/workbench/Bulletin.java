package org.anjian.workbench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.writers.reports.Report;

/**
 * 月通报: for one campaign and month, every submitter of the cutoff roster ranked — first by
 * timeliness (按时 → 迟报 → 已报被退回 → 未报), then by rectification rate (highest first; no
 * hazards found ranks after any rate), then by code — with the worst named in one
 * sentence; written as a print-ready .xlsx into
 * {@code outbox/<campaign>/<period>/bulletin/}.
 */
final class Bulletin {

	/** One ranked line. */
	record Line(int rank, String code, String name, String timeliness, LocalDateTime received, Long hazards,
			Long rectified, BigDecimal rate, Long major, Long majorRectified, BigDecimal majorRate) {

		public String timelinessLabel() {
			return label(timeliness);
		}

	}

	private static final List<String> TIMELINESS = List.of("on_time", "late", "rejected", "missing");

	private Bulletin() {
	}

	static String label(String timeliness) {
		return switch (timeliness) {
			case "on_time" -> "按时报送";
			case "late" -> "迟报";
			case "rejected" -> "已报被退回";
			default -> "未报";
		};
	}

	/** The ranked lines; empty when the month's cutoff rollup was not made. */
	static List<Line> lines(Snapshot snapshot, String campaign, YearMonth month) {
		Object period = month.atDay(1);
		List<Map<String, Object>> rows = new ArrayList<>(
				snapshot.query("bulletin", campaign, period, campaign, period, campaign, period));
		rows.sort(Comparator.<Map<String, Object>>comparingInt(r -> TIMELINESS.indexOf((String) r.get("timeliness")))
			.thenComparing(r -> (BigDecimal) decimal(r.get("rectification_rate")),
					Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(r -> (String) r.get("submitter_code")));
		List<Line> lines = new ArrayList<>();
		for (Map<String, Object> r : rows) {
			lines.add(new Line(lines.size() + 1, (String) r.get("submitter_code"), (String) r.get("submitter_name"),
					(String) r.get("timeliness"), (LocalDateTime) r.get("received_at"), number(r.get("hazards_total")),
					number(r.get("rectified_total")), decimal(r.get("rectification_rate")),
					number(r.get("hazards_major")), number(r.get("rectified_major")),
					decimal(r.get("major_rectification_rate"))));
		}
		return lines;
	}

	/** The sentence naming the worst: who did not report on time, and the lowest rate. */
	static String worst(List<Line> lines) {
		List<String> parts = new ArrayList<>();
		for (String t : List.of("missing", "rejected", "late")) {
			List<String> names = lines.stream().filter(l -> l.timeliness().equals(t)).map(Line::name).toList();
			if (!names.isEmpty()) {
				parts.add(label(t) + "：" + String.join("、", names));
			}
		}
		lines.stream()
			.filter(l -> l.rate() != null)
			.min(Comparator.comparing(Line::rate).thenComparing(Line::code))
			.ifPresent(l -> parts.add("隐患整改率最低：" + l.name() + "（" + l.rate().toPlainString() + "%）"));
		return parts.isEmpty() ? "全部按时报送。" : "予以通报——" + String.join("；", parts) + "。";
	}

	/** Writes the bulletin into the outbox (aside, then renamed); returns its path. */
	static Path write(Path outbox, ReferenceData reference, String campaign, YearMonth month, List<Line> lines,
			List<BulletinTargets.Line> targets) throws IOException {
		String county = reference.top().name();
		Path target = outbox.resolve(campaign)
			.resolve(month.toString())
			.resolve("bulletin")
			.resolve(county + "-" + campaign + "-" + month + "-月通报.xlsx");
		report(reference, campaign, month, lines, targets).writeXlsx(target);
		return target;
	}

	/** The bulletin as the writers' print-ready report. */
	static Report report(ReferenceData reference, String campaign, YearMonth month, List<Line> lines,
			List<BulletinTargets.Line> targets) {
		String campaignName = reference.campaign(campaign).map(ReferenceData.Campaign::name).orElse(campaign);
		String county = reference.top().name();
		List<List<Object>> rows = new ArrayList<>();
		for (Line l : lines) {
			rows.add(Arrays.asList(l.rank(), l.name(), l.timelinessLabel(),
					l.received() == null ? "" : Format.dateTime(l.received()), l.hazards(), l.rectified(), l.rate(),
					l.major(), l.majorRectified(), l.majorRate()));
		}
		String title = county + campaignName + month.getYear() + "年" + month.getMonthValue() + "月通报";
		return new Report(List.of(
				new Report.Table("月通报", title,
						List.of("排名", "填报单位", "报送情况", "首次报送时间", "发现隐患", "已整改", "整改率（%）", "重大隐患", "重大已整改", "重大隐患整改率（%）"),
						rows, List.of(worst(lines)), List.of(8, 26, 12, 20)),
				BulletinTargets.table(title + "（目标考核）", targets)));
	}

	private static Long number(Object v) {
		return v == null ? null : ((Number) v).longValue();
	}

	private static BigDecimal decimal(Object v) {
		if (v == null) {
			return null;
		}
		return v instanceof BigDecimal d ? d.stripTrailingZeros().setScale(1, java.math.RoundingMode.HALF_UP)
				: BigDecimal.valueOf(((Number) v).doubleValue()).setScale(1, java.math.RoundingMode.HALF_UP);
	}

}
