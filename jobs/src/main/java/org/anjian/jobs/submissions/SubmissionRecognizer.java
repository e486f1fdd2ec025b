package org.anjian.jobs.submissions;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anjian.readers.Finding;
import org.anjian.readers.SummaryTable;
import org.anjian.readers.forms.HeaderText;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Submitter;

/**
 * Recognises submitter (填报单位), campaign (title) and month (title “（2024年4月至5月）”, 月份) from
 * a table's content, and where the content is silent from the folder and file names.
 * Industries are recognised from row labels.
 */
final class SubmissionRecognizer {

	private static final List<String> SUBMITTER_FIELDS = List.of("填报单位", "填表单位", "报送单位", "单位", "单位名称");

	private static final List<String> MONTH_FIELDS = List.of("月份", "统计月份", "报表月份", "所属月份", "报送月份");

	private static final List<String> FILLED_FIELDS = List.of("填报时间", "填表时间", "填报日期", "填表日期", "报送时间");

	private static final List<String> UNIT_SUFFIXES = List.of("人民政府", "办事处", "管委会", "管理委员会");

	private static final Pattern YEAR_MONTH = Pattern
		.compile("(20\\d\\d)\\s*(?:[-_./年]\\s*)?(0?[1-9]|1[0-2])(?!\\d)\\s*月?");

	private static final Pattern MONTH_ONLY = Pattern.compile("(?<!\\d)(0?[1-9]|1[0-2])\\s*月");

	private final ReferenceData reference;

	/** The deployment's own region's name: 鹤鸣县, 广元市, 积翠镇 … */
	private final String topName;

	/** How messages name the deployment: 本县, 本市, 本镇 … */
	private final String ours;

	SubmissionRecognizer(ReferenceData reference) {
		this.reference = reference;
		this.topName = HeaderText.normalise(reference.top().name());
		this.ours = "本" + reference.top().scopeWord();
	}

	/** How messages name the deployment: 本县, 本市, 本镇 … */
	String ours() {
		return ours;
	}

	Recognition recognize(SummaryTable table, String path) {
		List<Finding> findings = new ArrayList<>();
		String sheet = table.sheet();
		List<String> segments = pathSegments(path);

		Submitter submitter = submitterFromField(table).or(() -> submitterFromPath(segments)).orElse(null);
		if (submitter == null) {
			String written = field(table, SUBMITTER_FIELDS).orElse("");
			findings.add(Finding.error("UNKNOWN_SUBMITTER", sheet, null, "填报单位",
					written.isBlank() ? "无法识别填报单位：表中“填报单位”为空，文件名和文件夹名中也没有可识别的单位名称"
							: "无法识别填报单位“" + written + "”：不在" + ours + "填报单位名单（submitters.csv）中"));
		}

		String periodSource = "title";
		YearMonth period = table.lastMonth();
		if (period == null) {
			periodSource = "field";
			period = field(table, MONTH_FIELDS).flatMap(v -> yearMonth(v, yearHint(table))).orElse(null);
		}
		if (period == null) {
			periodSource = "path";
			period = periodFromPath(segments, yearHint(table)).orElse(null);
		}
		if (period == null) {
			periodSource = "fill-date";
			period = field(table, FILLED_FIELDS).flatMap(v -> yearMonth(v, null)).orElse(null);
			if (period != null) {
				findings.add(Finding.warning("PERIOD_FROM_FILL_DATE", sheet, null, "填报时间",
						"标题中的统计月份为空，已按填报时间认定为" + label(period) + "，请核实"));
			}
		}
		if (period == null) {
			findings.add(Finding.error("UNKNOWN_PERIOD", sheet, null, "标题",
					"无法识别统计月份：标题“" + nullToEmpty(table.title()) + "”中的截止月份为空，表中无“月份”，文件夹名和文件名中也没有月份（如 2024-05）"));
		}

		Campaign campaign = campaignFromText(table.title()).or(() -> campaignFromText(String.join("/", segments)))
			.orElse(null);
		if (campaign == null && period != null) {
			YearMonth p = period;
			List<Campaign> active = reference.campaigns()
				.stream()
				.filter(c -> c.covers(p) && c.form().equals(table.formId()))
				.toList();
			if (active.size() == 1) {
				campaign = active.get(0);
				findings.add(Finding.warning("CAMPAIGN_INFERRED", sheet, null, "标题",
						"标题“" + nullToEmpty(table.title()) + "”中没有专项行动名称，已按统计月份和表式认定为“" + campaign.name() + "”"));
			}
		}
		if (campaign == null) {
			findings.add(Finding.error("UNKNOWN_CAMPAIGN", sheet, null, "标题",
					"无法识别专项行动：标题“" + nullToEmpty(table.title()) + "”中没有" + ours + "专项行动的名称（如“"
							+ String.join("”“", reference.campaigns().stream().map(Campaign::name).toList()) + "”）"));
		}
		else if (period != null && !campaign.covers(period)) {
			findings.add(Finding.error("PERIOD_OUTSIDE_CAMPAIGN", sheet, null, "标题",
					"统计月份" + label(period) + "不在“" + campaign.name() + "”期间（" + label(campaign.firstMonth()) + "至"
							+ label(campaign.lastMonth()) + "）"));
		}
		// a unit's monthly table (F-003-II) has a 月份, not a range from the campaign's
		// start
		else if (campaign != null && table.firstMonth() != null && !table.unitRows()
				&& !table.firstMonth().equals(campaign.firstMonth())) {
			findings.add(Finding.warning("RANGE_START", sheet, null, "标题", "标题的起始月份" + label(table.firstMonth())
					+ "与专项行动起始月份" + label(campaign.firstMonth()) + "不一致：汇总表应填自专项行动开始以来的累计数"));
		}
		return new Recognition(submitter, campaign, period, periodSource, findings);
	}

	/**
	 * The industry a row label names, by name or alias, ignoring spaces and full-width
	 * forms.
	 */
	Optional<Industry> industry(String label) {
		String key = HeaderText.normalise(label);
		if (key.isEmpty()) {
			return Optional.empty();
		}
		for (Industry i : reference.industries()) {
			if (HeaderText.normalise(i.name()).equals(key)
					|| i.aliases().stream().map(HeaderText::normalise).anyMatch(key::equals)
					|| HeaderText.normalise(i.code()).equalsIgnoreCase(key)) {
				return Optional.of(i);
			}
		}
		// “住建部门”, “应急管理局（安监）”: a label that contains exactly one industry's
		// longest-matching name
		Industry best = null;
		int bestLength = 0;
		boolean tie = false;
		for (Industry i : reference.industries()) {
			for (String name : names(i)) {
				if (name.length() >= 2 && key.contains(name)) {
					if (name.length() > bestLength) {
						best = i;
						bestLength = name.length();
						tie = false;
					}
					else if (name.length() == bestLength && best != i) {
						tie = true;
					}
				}
			}
		}
		return tie ? Optional.empty() : Optional.ofNullable(best);
	}

	private static List<String> names(Industry i) {
		List<String> out = new ArrayList<>();
		out.add(HeaderText.normalise(i.name()));
		i.aliases().forEach(a -> out.add(HeaderText.normalise(a)));
		return out;
	}

	private Optional<Submitter> submitterFromField(SummaryTable table) {
		return field(table, SUBMITTER_FIELDS).flatMap(this::submitterWritten);
	}

	/**
	 * The submitter a 填报单位 text names: by name or alias, else the one whose name it
	 * contains or is contained in.
	 */
	private Optional<Submitter> submitterWritten(String written) {
		String v = HeaderText.normalise(written);
		if (v.isEmpty()) {
			return Optional.empty();
		}
		for (Submitter s : reference.submitters()) {
			if (keys(s).contains(v)) {
				return Optional.of(s);
			}
		}
		return longestMatch(v, true);
	}

	/**
	 * Who sent a record-level list: its 填报单位 line, else the folder and file names. Lists
	 * carry their own dates and no campaign, so only the submitter is recognised here.
	 */
	Optional<Submitter> listSubmitter(String written, String path) {
		return Optional.ofNullable(written)
			.flatMap(this::submitterWritten)
			.or(() -> submitterFromPath(pathSegments(path)));
	}

	private Optional<Submitter> submitterFromPath(List<String> segments) {
		for (int i = segments.size() - 1; i >= 0; i--) {
			Optional<Submitter> found = longestMatch(HeaderText.normalise(segments.get(i)), false);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	/**
	 * The submitter whose longest key occurs in {@code text} (or, for a field, contains
	 * it); none when ambiguous.
	 */
	private Optional<Submitter> longestMatch(String text, boolean twoWay) {
		Submitter best = null;
		int bestLength = 0;
		boolean tie = false;
		for (Submitter s : reference.submitters()) {
			for (String key : keys(s)) {
				boolean hit = text.contains(key) || (twoWay && text.length() >= 3 && key.contains(text));
				int length = Math.min(key.length(), text.length());
				if (hit && length > bestLength) {
					best = s;
					bestLength = length;
					tie = false;
				}
				else if (hit && length == bestLength && best != s) {
					tie = true;
				}
			}
		}
		return tie ? Optional.empty() : Optional.ofNullable(best);
	}

	/**
	 * Name, aliases, and each without the deployment's name as a prefix (鹤鸣县应急管理局 →
	 * 应急管理局) or 人民政府-type suffix.
	 */
	private Set<String> keys(Submitter s) {
		Set<String> keys = new LinkedHashSet<>();
		List<String> base = new ArrayList<>();
		base.add(s.name());
		base.addAll(s.aliases());
		for (String b : base) {
			String k = HeaderText.normalise(b);
			keys.add(k);
			if (k.startsWith(topName) && k.length() - topName.length() >= 2) {
				keys.add(k.substring(topName.length()));
			}
			for (String suffix : UNIT_SUFFIXES) {
				if (k.endsWith(suffix) && k.length() - suffix.length() >= 2) {
					keys.add(k.substring(0, k.length() - suffix.length()));
				}
			}
		}
		keys.removeIf(k -> k.length() < 2);
		return keys;
	}

	private Optional<Campaign> campaignFromText(String text) {
		String t = HeaderText.normalise(text);
		if (t.isEmpty()) {
			return Optional.empty();
		}
		for (Campaign c : reference.campaigns()) {
			for (String keyword : c.titleKeywords()) {
				String k = HeaderText.normalise(keyword);
				if (!k.isEmpty() && t.contains(k)) {
					return Optional.of(c);
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<String> field(SummaryTable table, List<String> names) {
		Map<String, String> fields = table.fields() == null ? Map.of() : table.fields();
		for (String name : names) {
			String v = fields.get(name);
			if (v != null && !v.isBlank()) {
				return Optional.of(v.strip());
			}
		}
		return Optional.empty();
	}

	private static final java.util.regex.Pattern TITLE_YEAR = java.util.regex.Pattern.compile("((?:19|20)\\d{2})\\s*年");

	/**
	 * The year a bare “7月” belongs to: the title's range, else a year in the title
	 * (“鹤鸣县2024年……统计表（二）”: F-003-II has 月份：7月 under it).
	 */
	private static Integer yearHint(SummaryTable table) {
		if (table.firstMonth() != null) {
			return table.firstMonth().getYear();
		}
		java.util.regex.Matcher m = TITLE_YEAR.matcher(HeaderText.normalise(nullToEmpty(table.title())));
		return m.find() ? Integer.valueOf(m.group(1)) : null;
	}

	/**
	 * Full year-month patterns in the file name, then in the folders (deepest first),
	 * then month-only names.
	 */
	private static Optional<YearMonth> periodFromPath(List<String> segments, Integer yearHint) {
		for (int i = segments.size() - 1; i >= 0; i--) {
			Optional<YearMonth> ym = fullYearMonth(HeaderText.normalise(segments.get(i)));
			if (ym.isPresent()) {
				return ym;
			}
		}
		Integer year = yearHint;
		if (year == null) {
			for (String s : segments) {
				Matcher m = Pattern.compile("(20\\d\\d)").matcher(s);
				if (m.find()) {
					year = Integer.parseInt(m.group(1));
				}
			}
		}
		if (year != null) {
			for (int i = segments.size() - 1; i >= 0; i--) {
				Matcher m = MONTH_ONLY.matcher(HeaderText.normalise(segments.get(i)));
				if (m.find()) {
					return Optional.of(YearMonth.of(year, Integer.parseInt(m.group(1))));
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<YearMonth> fullYearMonth(String text) {
		Matcher m = YEAR_MONTH.matcher(text);
		if (m.find()) {
			return Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
		}
		return Optional.empty();
	}

	private static Optional<YearMonth> yearMonth(String text, Integer yearHint) {
		String t = HeaderText.normalise(text);
		Optional<YearMonth> full = fullYearMonth(t);
		if (full.isPresent() || yearHint == null) {
			return full;
		}
		Matcher m = MONTH_ONLY.matcher(t);
		return m.find() ? Optional.of(YearMonth.of(yearHint, Integer.parseInt(m.group(1)))) : Optional.empty();
	}

	private static List<String> pathSegments(String path) {
		List<String> out = new ArrayList<>(List.of(path.split("/")));
		String last = out.remove(out.size() - 1);
		int dot = last.lastIndexOf('.');
		out.add(dot > 0 ? last.substring(0, dot) : last);
		return out;
	}

	static String label(YearMonth m) {
		return m.getYear() + "年" + m.getMonthValue() + "月";
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}

}
