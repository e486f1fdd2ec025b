package org.anjian.warehouse.reference;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.anjian.warehouse.reference.ReferenceData.Submitter;

/**
 * {@code targets.csv} (optional, in the reference folder): the targets the 月通报 checks
 * (README "Reference data"), {@code campaign,measure,who,minimum}. Without the file the
 * seeds' targets hold ({@link #DEFAULTS}): 成员单位每月执法检查企业数不少于2家 (seed 000), 重点检查企业名录库全覆盖
 * (001), 双随机抽查比例不低于5% (003). With it, its rows are the whole set (a measure it leaves out
 * is not checked).
 *
 * @param rows the targets, in file order
 */
public record Targets(List<Target> rows) {

	public static final String FILE = "targets.csv";

	/** 本月检查企业数 (家): the month figure of 检查企业数量 in the submitter's tables. */
	public static final String ENTERPRISES_INSPECTED = "enterprises_inspected";

	/** 重点检查企业名录库覆盖率 (%): its enterprises inspected since the campaign began. */
	public static final String KEY_DIRECTORY_COVERAGE = "key_directory_coverage";

	/** 双随机抽查比例 (%): the 一般检查企业名录库's enterprises inspected since the campaign began. */
	public static final String RANDOM_CHECK_SHARE = "random_check_share";

	public static final List<String> MEASURES = List.of(ENTERPRISES_INSPECTED, KEY_DIRECTORY_COVERAGE,
			RANDOM_CHECK_SHARE);

	/**
	 * {@code who}: every submitter, the departments, the townships, or one submitter's
	 * code.
	 */
	public static final List<String> KINDS = List.of("all", "departments", "townships");

	/**
	 * One target.
	 *
	 * @param campaign a campaign's code, or null for every campaign
	 * @param who {@code all}, {@code departments}, {@code townships} or a submitter code
	 * @param minimum the least a submitter must reach (家, or % for the two rates)
	 */
	public record Target(String campaign, String measure, String who, BigDecimal minimum) {

		boolean applies(String campaignCode, Submitter submitter) {
			if (campaign != null && !campaign.equals(campaignCode)) {
				return false;
			}
			return switch (who) {
				case "all" -> true;
				case "departments" -> "department".equals(submitter.kind());
				case "townships" -> "township".equals(submitter.kind());
				default -> who.equals(submitter.code());
			};
		}

		/**
		 * More specific rows win: a submitter's over its kind's over all; a campaign's
		 * over none.
		 */
		int specificity() {
			return (campaign == null ? 0 : 1) + switch (who) {
				case "all" -> 0;
				case "departments", "townships" -> 2;
				default -> 4;
			};
		}

	}

	public static final Targets DEFAULTS = new Targets(
			List.of(new Target(null, ENTERPRISES_INSPECTED, "departments", BigDecimal.valueOf(2)),
					new Target(null, KEY_DIRECTORY_COVERAGE, "all", BigDecimal.valueOf(100)),
					new Target(null, RANDOM_CHECK_SHARE, "all", BigDecimal.valueOf(5))));

	/**
	 * The targets of the reference folder {@code dir} (null: the bundled demo's, i.e. the
	 * defaults), checked against its campaigns and submitters.
	 */
	public static Targets load(Path dir, ReferenceData data) {
		Path file = dir == null ? null : dir.resolve(FILE);
		if (file == null || !Files.isRegularFile(file)) {
			return DEFAULTS;
		}
		String text;
		try {
			text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ReferenceDataException(FILE + "：无法读取（" + ex.getMessage() + "）", ex);
		}
		return parse(text, data);
	}

	static Targets parse(String text, ReferenceData data) {
		CsvTable t = CsvTable.parse(FILE, text, List.of("campaign", "measure", "who", "minimum"), List.of());
		List<Target> rows = new ArrayList<>();
		for (CsvTable.Row r : t.rows()) {
			String campaign = r.get("campaign").isEmpty() ? null : r.get("campaign");
			if (campaign != null && data.campaign(campaign).isEmpty()) {
				throw fail(r, "campaign", "专项行动代码“" + campaign + "”不在 campaigns.csv 中（留空表示所有专项行动）");
			}
			String measure = r.get("measure");
			if (!MEASURES.contains(measure)) {
				throw fail(r, "measure", "“" + measure + "”不是允许的值（" + String.join("、", MEASURES) + "）");
			}
			String who = r.get("who");
			if (!KINDS.contains(who) && data.submitter(who).isEmpty()) {
				throw fail(r, "who", "“" + who + "”既不是 " + String.join("、", KINDS) + "，也不是 submitters.csv 中的代码");
			}
			BigDecimal minimum;
			try {
				minimum = new BigDecimal(r.get("minimum"));
			}
			catch (NumberFormatException ex) {
				throw fail(r, "minimum", "“" + r.get("minimum") + "”不是数");
			}
			if (minimum.signum() < 0
					|| (!measure.equals(ENTERPRISES_INSPECTED) && minimum.compareTo(BigDecimal.valueOf(100)) > 0)) {
				throw fail(r, "minimum", "应在 0 与 " + (measure.equals(ENTERPRISES_INSPECTED) ? "∞" : "100（%）") + " 之间");
			}
			rows.add(new Target(campaign, measure, who, minimum));
		}
		return new Targets(List.copyOf(rows));
	}

	/**
	 * The minimum {@code submitter} must reach on {@code measure} in {@code campaign}, if
	 * any.
	 */
	public Optional<BigDecimal> minimum(String campaign, String measure, Submitter submitter) {
		return rows.stream()
			.filter(t -> t.measure().equals(measure) && t.applies(campaign, submitter))
			.max(Comparator.comparingInt(Target::specificity))
			.map(Target::minimum);
	}

	private static ReferenceDataException fail(CsvTable.Row r, String column, String message) {
		return new ReferenceDataException(FILE + " 第" + r.line() + "行 " + column + " 列：" + message);
	}

}
