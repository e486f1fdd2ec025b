package org.anjian.workbench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.Targets;
import org.anjian.writers.reports.Report;

/**
 * The 通报's targets (targets.csv, else the seeds' defaults): each submitter a target
 * applies to — 本月检查企业数 against its minimum, and where its enterprise directory is loaded
 * the 重点检查企业名录库 coverage and the 双随机 share of its 一般检查企业名录库 — ranked: fewest targets
 * missed first, then more enterprises inspected this month, then the higher coverage and
 * share, then the code; the ones missing a target named.
 */
final class BulletinTargets {

	/**
	 * One ranked line; a figure is null where it does not apply (no target, or no
	 * directory of that kind loaded) or, for {@code inspected}, no table for the month.
	 */
	record Line(int rank, String code, String name, boolean inspectedApplies, Long inspected, BigDecimal inspectedMin,
			long listed, long keyListed, long keyInspected, BigDecimal coverage, BigDecimal coverageMin,
			long generalListed, long generalInspected, BigDecimal share, BigDecimal shareMin, List<String> missed) {

		public String missedText() {
			return missed.isEmpty() ? "达标" : String.join("；", missed);
		}

	}

	private BulletinTargets() {
	}

	static List<Line> lines(Snapshot snapshot, ReferenceData reference, Targets targets, String campaign,
			YearMonth month) {
		List<Line> lines = new ArrayList<>();
		for (Map<String, Object> r : snapshot.query("bulletin_targets", campaign, month.atDay(1))) {
			ReferenceData.Submitter submitter = reference.submitter((String) r.get("submitter_code")).orElse(null);
			if (submitter == null) {
				continue;
			}
			BigDecimal inspectedMin = targets.minimum(campaign, Targets.ENTERPRISES_INSPECTED, submitter).orElse(null);
			long keyListed = number(r.get("key_listed"));
			long generalListed = number(r.get("general_listed"));
			BigDecimal coverageMin = keyListed == 0 ? null
					: targets.minimum(campaign, Targets.KEY_DIRECTORY_COVERAGE, submitter).orElse(null);
			BigDecimal shareMin = generalListed == 0 ? null
					: targets.minimum(campaign, Targets.RANDOM_CHECK_SHARE, submitter).orElse(null);
			if (inspectedMin == null && coverageMin == null && shareMin == null) {
				continue;
			}
			Long inspected = r.get("inspected_month") == null ? null : number(r.get("inspected_month"));
			long keyInspected = number(r.get("key_inspected"));
			long generalInspected = number(r.get("general_inspected"));
			BigDecimal coverage = coverageMin == null ? null : percent(keyInspected, keyListed);
			BigDecimal share = shareMin == null ? null : percent(generalInspected, generalListed);
			List<String> missed = new ArrayList<>();
			if (inspectedMin != null
					&& (inspected == null || BigDecimal.valueOf(inspected).compareTo(inspectedMin) < 0)) {
				missed.add("本月检查企业数" + (inspected == null ? "无（本月未报）" : " " + inspected + " 家") + "，应不少于 "
						+ inspectedMin.toPlainString() + " 家");
			}
			if (coverage != null && coverage.compareTo(coverageMin) < 0) {
				missed.add("重点检查企业名录库覆盖率 " + coverage.toPlainString() + "%（" + keyInspected + "/" + keyListed + "），应达 "
						+ coverageMin.toPlainString() + "%");
			}
			if (share != null && share.compareTo(shareMin) < 0) {
				missed.add("双随机抽查比例 " + share.toPlainString() + "%（" + generalInspected + "/" + generalListed
						+ "），应不低于 " + shareMin.toPlainString() + "%");
			}
			lines.add(new Line(0, submitter.code(), submitter.name(), inspectedMin != null, inspected, inspectedMin,
					number(r.get("listed_month")), keyListed, keyInspected, coverage, coverageMin, generalListed,
					generalInspected, share, shareMin, List.copyOf(missed)));
		}
		lines.sort(Comparator.comparingInt((Line l) -> l.missed().size())
			.thenComparing(Line::inspected, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(Line::coverage, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(Line::share, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(Line::code));
		List<Line> ranked = new ArrayList<>();
		for (Line l : lines) {
			ranked.add(new Line(ranked.size() + 1, l.code(), l.name(), l.inspectedApplies(), l.inspected(),
					l.inspectedMin(), l.listed(), l.keyListed(), l.keyInspected(), l.coverage(), l.coverageMin(),
					l.generalListed(), l.generalInspected(), l.share(), l.shareMin(), l.missed()));
		}
		return ranked;
	}

	/** The sentence naming who missed a target, worst (most missed) first. */
	static String worst(List<Line> lines) {
		List<String> named = lines.stream()
			.filter(l -> !l.missed().isEmpty())
			.sorted(Comparator.comparingInt((Line l) -> -l.missed().size()).thenComparing(Line::rank))
			.map(l -> l.name() + "（" + l.missedText() + "）")
			.toList();
		return named.isEmpty() ? "各单位均达到目标。" : "未达目标——" + String.join("；", named) + "。";
	}

	/** The targets' table of the 通报 workbook. */
	static Report.Table table(String title, List<Line> lines) {
		List<List<Object>> rows = new ArrayList<>();
		for (Line l : lines) {
			rows.add(Arrays.asList(l.rank(), l.name(), l.inspectedApplies() ? l.inspected() : "", l.inspectedMin(),
					l.listed(), l.coverageMin() == null ? "" : l.keyInspected() + "/" + l.keyListed(), l.coverage(),
					l.shareMin() == null ? "" : l.generalInspected() + "/" + l.generalListed(), l.share(),
					l.missedText()));
		}
		return new Report.Table("目标考核", title, List
			.of("排名", "填报单位", "本月检查企业数", "目标（家）", "执法检查明细记录企业数", "重点名录库已检查", "覆盖率（%）", "一般名录库已抽查", "双随机比例（%）", "未达目标"),
				rows,
				List.of(worst(lines),
						"本月检查企业数取本月报表的检查企业数量（累计数之差）；名录库覆盖率、双随机比例取本单位名录库企业在本单位执法检查明细中（专项行动开始以来）出现的比例；目标见 targets.csv。"),
				List.of(8, 26, 12, 10, 12, 14, 10, 14, 12, 50));
	}

	private static long number(Object v) {
		return v == null ? 0 : ((Number) v).longValue();
	}

	private static BigDecimal percent(long part, long whole) {
		return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}

}
