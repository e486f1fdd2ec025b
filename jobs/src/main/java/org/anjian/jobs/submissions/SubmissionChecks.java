package org.anjian.jobs.submissions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.readers.CellNumbers;
import org.anjian.readers.CellValue;
import org.anjian.readers.Finding;
import org.anjian.readers.SummaryTable;
import org.anjian.readers.TableRow;
import org.anjian.readers.forms.RateColumn;
import org.anjian.warehouse.MeasureCatalog;

/**
 * The check rules (审核) of DOMAIN.md on one summary table. Mandatory rules give errors
 * (the file is rejected), advisory rules give warnings (the file is loaded). Every
 * finding names sheet, row, column and the values, in words a township clerk understands.
 * Rule codes are stable: they are what analysts filter {@code audit_issue} by.
 */
final class SubmissionChecks {

	/**
	 * (total, major, general) triples that must add up: hazards found and hazards
	 * rectified.
	 */
	private static final List<String[]> SUM_RULES = List.of(
			new String[] { "HAZARD_SUM", "hazards_total", "hazards_major", "hazards_general", "发现隐患" },
			new String[] { "RECTIFIED_SUM", "rectified_total", "rectified_major", "rectified_general", "已整改隐患" });

	/**
	 * (part, whole) pairs with the reason a clerk reads: a cumulative table cannot have
	 * rectified more than it found, nor self-checks more major hazards than hazards.
	 */
	private static final String RECTIFIED_REASON = "累计表中已整改数不能超过发现数";

	private static final List<String[]> NOT_ABOVE_RULES = List.of(
			new String[] { "RECTIFIED_EXCEEDS_FOUND", "rectified_total", "hazards_total", "已整改隐患总计", "发现隐患总计",
					RECTIFIED_REASON },
			new String[] { "RECTIFIED_EXCEEDS_FOUND", "rectified_major", "hazards_major", "已整改重大事故隐患", "发现重大事故隐患",
					RECTIFIED_REASON },
			new String[] { "RECTIFIED_EXCEEDS_FOUND", "rectified_general", "hazards_general", "已整改一般事故隐患", "发现一般事故隐患",
					RECTIFIED_REASON },
			new String[] { "SELFCHECK_MAJOR_EXCEEDS", "selfcheck_hazards_major", "selfcheck_hazards", "企业自查重大事故隐患",
					"自查发现隐患", "自查发现的重大事故隐患是自查发现隐患的一部分，不能超过它" });

	private final MeasureCatalog catalog;

	SubmissionChecks(MeasureCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * The mandatory rules on values: every measure a non-negative number, counts whole;
	 * sums; rectified ≤ found; 合计 = sum of rows.
	 */
	List<Finding> mandatory(SummaryTable table) {
		List<Finding> findings = new ArrayList<>();
		List<TableRow> all = new ArrayList<>(table.rows());
		if (table.totalRow() != null) {
			all.add(table.totalRow());
		}
		// a 本月数 row holds figures too; rectified ≤ found holds on cumulative rows only (a
		// month may close hazards found earlier)
		all.addAll(table.monthRows());
		for (TableRow row : all) {
			for (Map.Entry<String, CellValue> e : row.cells().entrySet()) {
				numberRules(table, row, e.getKey(), e.getValue(), findings);
			}
		}
		for (TableRow row : table.rows()) {
			for (String[] rule : SUM_RULES) {
				sumRule(table, row, rule, findings);
			}
			for (String[] rule : NOT_ABOVE_RULES) {
				notAbove(table, row, rule, findings);
			}
		}
		if (table.totalRow() != null) {
			totalRow(table, findings);
		}
		return findings;
	}

	private void numberRules(SummaryTable table, TableRow row, String code, CellValue cell, List<Finding> findings) {
		String where = where(row) + column(table, code, cell);
		if (cell.number() == null) {
			findings.add(Finding.error("NOT_A_NUMBER", table.sheet(), row.rowNumber(), cell.column(),
					where + "：“" + cell.raw() + "”不是数字（空白、“/”、“—”、“无”按 0 处理）"));
		}
		else if (cell.number().signum() < 0) {
			findings.add(Finding.error("NEGATIVE", table.sheet(), row.rowNumber(), cell.column(),
					where + "：" + plain(cell.number()) + " 是负数，统计数不能小于 0"));
		}
		else if (!catalog.get(code).isDecimal() && cell.number().stripTrailingZeros().scale() > 0) {
			findings.add(Finding.error("NOT_WHOLE", table.sheet(), row.rowNumber(), cell.column(),
					where + "：" + plain(cell.number()) + " 不是整数，该项以" + catalog.get(code).unit() + "计，应填整数"));
		}
	}

	private void sumRule(SummaryTable table, TableRow row, String[] rule, List<Finding> findings) {
		BigDecimal total = value(row, rule[1]);
		BigDecimal major = value(row, rule[2]);
		BigDecimal general = value(row, rule[3]);
		if (total == null || major == null || general == null) {
			return;
		}
		if (total.compareTo(major.add(general)) != 0) {
			findings.add(Finding.error(rule[0], table.sheet(), row.rowNumber(), row.cells().get(rule[1]).column(),
					where(row) + "：" + rule[4] + "总计 " + plain(total) + " ≠ 重大 " + plain(major) + " + 一般 "
							+ plain(general)));
		}
	}

	private void notAbove(SummaryTable table, TableRow row, String[] rule, List<Finding> findings) {
		BigDecimal part = value(row, rule[1]);
		BigDecimal whole = value(row, rule[2]);
		if (part == null || whole == null) {
			return;
		}
		if (part.compareTo(whole) > 0) {
			findings.add(Finding.error(rule[0], table.sheet(), row.rowNumber(), row.cells().get(rule[1]).column(),
					where(row) + "：" + rule[3] + " " + plain(part) + " 大于" + rule[4] + " " + plain(whole) + "（"
							+ rule[5] + "）"));
		}
	}

	private void totalRow(SummaryTable table, List<Finding> findings) {
		TableRow total = table.totalRow();
		for (Map.Entry<String, CellValue> e : total.cells().entrySet()) {
			if (e.getValue().number() == null) {
				continue;
			}
			BigDecimal sum = BigDecimal.ZERO;
			boolean complete = true;
			for (TableRow row : table.rows()) {
				BigDecimal v = value(row, e.getKey());
				if (v == null) {
					complete = false;
					break;
				}
				sum = sum.add(v);
			}
			if (complete && sum.compareTo(e.getValue().number()) != 0) {
				findings.add(Finding.error("TOTAL_MISMATCH", table.sheet(), total.rowNumber(), e.getValue().column(),
						"第" + total.rowNumber() + "行“合计”" + column(table, e.getKey(), e.getValue()) + "："
								+ plain(e.getValue().number()) + " ≠ 各行之和 " + plain(sum)));
			}
		}
	}

	/**
	 * The advisory rules on one table's values (the history and deadline rules are in
	 * {@link #late} and {@link #decreases}).
	 */
	List<Finding> advisory(SummaryTable table) {
		List<Finding> findings = new ArrayList<>();
		for (TableRow row : table.rows()) {
			BigDecimal doubles = value(row, "double_penalty_cases");
			BigDecimal cases = value(row, "cases_filed");
			if (doubles != null && cases != null && doubles.compareTo(cases) > 0) {
				findings.add(Finding.warning("DOUBLE_PENALTY_ABOVE_CASES", table.sheet(), row.rowNumber(),
						row.cells().get("double_penalty_cases").column(),
						where(row) + "：一案双罚、一案多罚 " + plain(doubles) + " 起多于立案 " + plain(cases) + " 起，请核实"));
			}
			BigDecimal inspectors = value(row, "inspectors");
			BigDecimal teams = value(row, "inspection_teams");
			if (inspectors != null && teams != null && inspectors.compareTo(teams) < 0) {
				findings.add(Finding.warning("INSPECTORS_BELOW_TEAMS", table.sheet(), row.rowNumber(),
						row.cells().get("inspectors").column(),
						where(row) + "：出动执法人员 " + plain(inspectors) + " 人次少于派出检查小组 " + plain(teams) + " 个，请核实"));
			}
			BigDecimal hazards = value(row, "hazards_total");
			BigDecimal inspected = value(row, "enterprises_inspected");
			if (hazards != null && inspected != null && hazards.signum() > 0 && inspected.signum() == 0) {
				findings.add(Finding.warning("HAZARDS_WITHOUT_INSPECTION", table.sheet(), row.rowNumber(),
						row.cells().get("enterprises_inspected").column(),
						where(row) + "：发现隐患 " + plain(hazards) + " 项，但检查企业数量为 0，请核实"));
			}
		}
		return findings;
	}

	/**
	 * Advisory: received after the holiday-shifted deadline of its month; says whether it
	 * still counts in the month-end rollup, whose default {@code as_of} is
	 * {@code monthEndAsOf}.
	 */
	List<Finding> late(SummaryTable table, LocalDateTime receivedAt, LocalDate deadline, LocalDateTime monthEndAsOf) {
		if (deadline == null || !receivedAt.toLocalDate().isAfter(deadline)) {
			return List.of();
		}
		String asOf = monthEndAsOf.toString().replace('T', ' ');
		return List.of(Finding.warning("LATE", table.sheet(), null, null,
				"报送时间 " + receivedAt.toString().replace('T', ' ') + " 晚于截止日 " + deadline + "：本表不计入截止日汇总，"
						+ (receivedAt.isAfter(monthEndAsOf) ? "也不计入月末汇总（月末汇总截至 " + asOf + "，本表晚于该时刻）"
								: "计入月末汇总（截至 " + asOf + "）")));
	}

	/**
	 * Advisory: a cumulative figure lower than the same submitter's table for an earlier
	 * month.
	 * @param previous industry code → measure → the previous month's cumulative value
	 * @param industryOf row → its industry code (rows not recognised are skipped)
	 * @param previousLabel the earlier month, for the message
	 */
	List<Finding> decreases(SummaryTable table, Map<String, Map<String, BigDecimal>> previous,
			java.util.function.Function<TableRow, String> industryOf, String previousLabel) {
		List<Finding> findings = new ArrayList<>();
		if (previous.isEmpty()) {
			return findings;
		}
		// a stock (监管企业总数) may fall from one month to the next
		List<String> stocks = table.form() == null ? List.of() : table.form().stocks();
		for (TableRow row : table.rows()) {
			Map<String, BigDecimal> before = previous.get(industryOf.apply(row));
			if (before == null) {
				continue;
			}
			for (Map.Entry<String, CellValue> e : row.cells().entrySet()) {
				if (stocks.contains(e.getKey())) {
					continue;
				}
				BigDecimal now = e.getValue().number();
				BigDecimal then = before.get(e.getKey());
				if (now != null && then != null && now.compareTo(then) < 0) {
					findings.add(Finding.warning("CUMULATIVE_DECREASE", table.sheet(), row.rowNumber(),
							e.getValue().column(), where(row) + column(table, e.getKey(), e.getValue()) + "：累计数 "
									+ plain(now) + " 少于" + previousLabel + "的累计数 " + plain(then) + "，请核实是否填成了当月数"));
				}
			}
		}
		return findings;
	}

	/**
	 * Advisory, forms with 本月数 rows (F-003-II): a month row's flows equal the unit's
	 * cumulative row minus its cumulative row of the month before, when that table is
	 * loaded (or, for the campaign's first month, the cumulative row itself); a stock
	 * (监管企业总数) is the same on both rows.
	 * @param previous measure → the unit's cumulative figure of the month before; null
	 * when that month's table is not at hand (flows are then not checked)
	 * @param previousLabel that month, for the message (“2024年6月”), or null for the first
	 * month
	 */
	List<Finding> monthRows(SummaryTable table, Map<String, BigDecimal> previous, String previousLabel) {
		List<Finding> findings = new ArrayList<>();
		if (table.rows().size() != 1 || table.monthRows().size() != 1) {
			return findings;
		}
		TableRow cumulative = table.rows().get(0);
		TableRow month = table.monthRows().get(0);
		List<String> stocks = table.form() == null ? List.of() : table.form().stocks();
		for (Map.Entry<String, CellValue> e : month.cells().entrySet()) {
			String code = e.getKey();
			BigDecimal written = e.getValue().number();
			BigDecimal cum = value(cumulative, code);
			if (written == null || cum == null) {
				continue;
			}
			String where = where(month) + "本月数" + column(table, code, e.getValue()) + "：";
			if (stocks.contains(code)) {
				if (written.compareTo(cum) != 0) {
					findings.add(Finding.warning("MONTH_ROW_MISMATCH", table.sheet(), month.rowNumber(),
							e.getValue().column(), where + plain(written) + " ≠ 第" + cumulative.rowNumber() + "行累计数 "
									+ plain(cum) + "（该项是当月的存量，两行应相同），请核实"));
				}
				continue;
			}
			if (previous == null) {
				continue;
			}
			BigDecimal before = previous.getOrDefault(code, BigDecimal.ZERO);
			BigDecimal expected = cum.subtract(before);
			if (written.compareTo(expected) != 0) {
				String how = previousLabel == null ? "第" + cumulative.rowNumber() + "行累计数 " + plain(cum) + "（专项行动首月）"
						: "第" + cumulative.rowNumber() + "行累计数 " + plain(cum) + " − " + previousLabel + "累计数 "
								+ plain(before) + " = " + plain(expected);
				findings.add(Finding.warning("MONTH_ROW_MISMATCH", table.sheet(), month.rowNumber(),
						e.getValue().column(), where + plain(written) + " ≠ " + how + "，请核实本月数或累计数"));
			}
		}
		return findings;
	}

	/**
	 * Advisory: each rate the submitter wrote (检查覆盖率 …) matches the figures of its row.
	 * Written as 37.91, “37.91%” or a percent-formatted cell (0.3791); compared to the
	 * precision written (at most 0.01 percentage points). Blank or “/” is not a rate
	 * written; a divisor of 0 wants none.
	 */
	List<Finding> rates(SummaryTable table) {
		List<Finding> findings = new ArrayList<>();
		if (table.form() == null || table.form().rates().isEmpty()) {
			return findings;
		}
		List<TableRow> rows = new ArrayList<>(table.monthRows());
		rows.addAll(table.rows());
		rows.sort(java.util.Comparator.comparingInt(TableRow::rowNumber));
		for (TableRow row : rows) {
			for (RateColumn rate : table.form().rates()) {
				CellValue cell = row.rates().get(rate.code());
				BigDecimal numerator = value(row, rate.numerator());
				BigDecimal denominator = value(row, rate.denominator());
				if (cell == null || numerator == null || denominator == null) {
					continue;
				}
				String message = rateMismatch(table, rate, cell, numerator, denominator);
				if (message != null) {
					findings.add(Finding.warning("RATE_MISMATCH", table.sheet(), row.rowNumber(), cell.column(),
							where(row) + cell.column() + "列（" + rate.display() + "）：" + message));
				}
			}
		}
		return findings;
	}

	private String rateMismatch(SummaryTable table, RateColumn rate, CellValue cell, BigDecimal numerator,
			BigDecimal denominator) {
		String raw = cell.raw().strip();
		boolean percent = raw.endsWith("%") || raw.endsWith("％");
		String digits = percent ? raw.substring(0, raw.length() - 1).strip() : raw;
		if (digits.codePoints().noneMatch(Character::isDigit)) {
			return null; // blank, “/”, “—”: no rate written
		}
		BigDecimal written = CellNumbers.parse(digits);
		String of = label(table, rate.numerator()) + " " + plain(numerator) + " ÷ " + label(table, rate.denominator())
				+ " " + plain(denominator);
		if (denominator.signum() == 0) {
			if (written == null || written.signum() == 0) {
				return null;
			}
			return "填报 " + raw + "，但" + label(table, rate.denominator()) + "为 0，比率无从计算，应填“/”或留空";
		}
		double actual = numerator.doubleValue() / denominator.doubleValue();
		String shown = String.format("%.2f%%", actual * 100);
		if (written == null) {
			return "“" + raw + "”不是比率；按本行 " + of + " 应为 " + shown;
		}
		int decimals = Math.max(0, written.stripTrailingZeros().scale());
		double w = written.doubleValue();
		// as a percentage (37.91, “37.91%”), to the decimals written, at most two
		boolean asPercent = Math.abs(w - actual * 100) <= 0.5 * Math.pow(10, -Math.min(decimals, 2)) + 1e-9;
		// a percent-formatted cell holds the fraction (0.3791)
		boolean asFraction = !percent && Math.abs(w - actual) <= 0.5 * Math.pow(10, -Math.min(decimals, 4)) + 1e-12;
		if (asPercent || asFraction) {
			return null;
		}
		return "填报 " + raw + (percent ? "" : "（按百分数读作 " + plain(written) + "%）") + "，按本行 " + of + " 应为 " + shown
				+ "，两者不符，请核实";
	}

	private String label(SummaryTable table, String code) {
		String header = table.headerTexts() == null ? null : table.headerTexts().get(code);
		return header == null || header.isBlank() ? catalog.get(code).labelZh() : header;
	}

	private static BigDecimal value(TableRow row, String code) {
		CellValue cell = row.cells().get(code);
		return cell == null ? null : cell.number();
	}

	static String where(TableRow row) {
		return "第" + row.rowNumber() + "行“" + row.label() + "”";
	}

	private String column(SummaryTable table, String code, CellValue cell) {
		String header = table.headerTexts() == null ? null : table.headerTexts().get(code);
		if (header == null || header.isBlank()) {
			header = catalog.get(code).labelZh();
		}
		return cell.column() + "列（" + header + "）";
	}

	static String plain(BigDecimal v) {
		return v.stripTrailingZeros().toPlainString();
	}

}
