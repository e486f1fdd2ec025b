package org.anjian.jobs.support.offices;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.offices.SeedOffice.CampaignRow;
import org.anjian.jobs.support.offices.SeedOffice.Fate;
import org.anjian.jobs.support.offices.SeedOffice.Industry;
import org.anjian.jobs.support.offices.SeedOffice.Pinned;
import org.anjian.jobs.support.offices.SeedOffice.Region;
import org.anjian.jobs.support.offices.SeedOffice.Submitter;

/**
 * The seed offices (../shared/seeds/), each with the campaign row its notice asks for. A
 * further office is one more method here, plus, for a new form, its branch in
 * {@link SeedOfficeInbox} and its columns in {@link #COLUMNS}.
 */
public final class SeedOffices {

	private SeedOffices() {
	}

	/**
	 * The measure columns of each form in the order the seeds print them (after the 行业
	 * column): the columns the tests compare, in the rollups and in the outbox table.
	 */
	public static final Map<String, List<String>> COLUMNS = Map.of("F-000",
			List.of("inspection_teams", "inspectors", "experts", "enterprises_inspected", "hazards_total",
					"hazards_major", "hazards_general", "rectified_total", "rectified_major", "rectified_general",
					"emergency_measures", "cases_filed", "fines_wan", "double_penalty_cases", "closures_requested",
					"licenses_revoked", "suspensions_ordered", "enforcement_documents", "joint_punishments",
					"criminal_transfers", "selfcheck_enterprises", "selfcheck_hazards", "selfcheck_hazards_major"),
			"F-001",
			List.of("inspection_teams", "inspectors", "experts", "enterprises_inspected", "hazards_total",
					"hazards_major", "hazards_general", "rectified_total", "rectified_major", "rectified_general",
					"emergency_measures", "cases_filed", "fines_wan", "double_penalty_cases", "closures_requested",
					"licenses_revoked", "suspensions_ordered", "enforcement_documents", "exposures",
					"transfers_general", "criminal_transfers"),
			"F-003-II",
			List.of("enterprises_supervised", "enterprises_inspected", "hazards_total", "rectified_total",
					"cases_filed", "suspensions_ordered", "fines_wan", "closures_requested",
					"licenses_withheld_revoked", "blacklisted", "joint_punishments", "criminal_transfer_persons",
					"transfers_other", "report_rewards"));

	/**
	 * The stock measures of each form (a value as of the month, not a flow): their month
	 * figure is the value itself.
	 */
	public static final Map<String, List<String>> STOCKS = Map.of("F-003-II", List.of("enterprises_supervised"));

	/**
	 * Seed 000, 广汉市 “强安2024”: campaign from April, “从5月开始，每月22日前上报” (F-000, 附件1). June's
	 * 22nd is a Saturday (→ Friday 21st), September's a Sunday (→ Friday 20th: the 14th
	 * is a make-up working day, the 15th–17th 中秋).
	 */
	public static SeedOffice seed000() {
		String county = "510681";
		return new SeedOffice("000",
				List.of(new Region(county, "广汉市", "county"), new Region("510681001", "雒城街道", "street"),
						new Region("510681101", "三星堆镇", "township"), new Region("510681102", "向阳镇", "township"),
						new Region("510681103", "南兴镇", "township"), new Region("510681401", "广汉经济开发区", "park")),
				List.of(new Submitter("GH01", "雒城街道", "township", "510681001", "雒城街道办事处", "刘建", "13881010001"),
						new Submitter("GH02", "三星堆镇", "township", "510681101", "三星堆镇人民政府", "王丽", "13881010002"),
						new Submitter("GH03", "向阳镇", "township", "510681102", "向阳镇人民政府", "陈刚", "13881010003"),
						new Submitter("GH04", "南兴镇", "township", "510681103", "南兴镇人民政府", "赵敏", "13881010004"),
						new Submitter("GH05", "广汉经济开发区", "township", "510681401", "广汉经开区管委会", "孙伟", "13881010005"),
						new Submitter("GH06", "广汉市应急管理局", "department", county, "市应急管理局", "周强", "13881010006"),
						new Submitter("GH07", "广汉市住房和城乡建设局", "department", county, "市住建局", "吴芳", "13881010007"),
						new Submitter("GH08", "广汉市市场监督管理局", "department", county, "市市场监管局", "郑涛", "13881010008")),
				List.of(new Industry("yjgl", "应急管理", "应急|应急管理局"), new Industry("jtys", "交通运输", "交通运输局|交通"),
						new Industry("zj", "住建", "住房和城乡建设|住建局"), new Industry("scjg", "市场监管", "市场监督管理|市场监管局"),
						new Industry("whly", "文化旅游", "文旅|文化和旅游"), new Industry("xf", "消防", "消防救援")),
				new CampaignRow("QA2024", "强安2024监管执法专项行动", YearMonth.of(2024, 4), YearMonth.of(2024, 10), 22, "强安2024",
						"F-000", "earlier", YearMonth.of(2024, 5), "same"),
				"全市安全生产“强安2024”监管执法专项行动统计汇总表", holidays(2024),
				List.of(new Pinned("GH02", YearMonth.of(2024, 6), Fate.DEADLINE_DAY, at("2024-06-21T23:30")),
						// the nominal 22nd, a Saturday: after the shifted deadline
						new Pinned("GH03", YearMonth.of(2024, 6), Fate.LATE, at("2024-06-22T10:15")),
						new Pinned("GH06", YearMonth.of(2024, 9), Fate.LATE, at("2024-09-21T11:00")),
						new Pinned("GH07", YearMonth.of(2024, 9), Fate.DEADLINE_DAY, at("2024-09-20T16:40")),
						new Pinned("GH04", YearMonth.of(2024, 9), Fate.MISSING, null)),
				2024_000L);
	}

	/**
	 * Seed 001, 遂宁市安居区 “强安2023”: campaign from March, “从4月开始，每月23日前上报” (F-001, 附件2); the
	 * 经开区 and the departments report. 23 April is a Sunday but a make-up working day
	 * (劳动节); 23 June is 端午 (→ Wednesday 21st); 23 September and 23 December are Saturdays
	 * (→ the 22nd).
	 */
	public static SeedOffice seed001() {
		String county = "510904";
		return new SeedOffice("001",
				List.of(new Region(county, "安居区", "county"), new Region("510904401", "安居经济技术开发区", "park")),
				List.of(new Submitter("AJ01", "安居经济技术开发区", "township", "510904401", "安居经开区管委会", "覃宇", "13808250001"),
						new Submitter("AJ02", "遂宁市安居区应急管理局", "department", county, "区应急管理局", "李明", "13808250002"),
						new Submitter("AJ03", "遂宁市安居区住房和城乡建设局", "department", county, "区住建局", "张华", "13808250003"),
						new Submitter("AJ04", "遂宁市安居区市场监督管理局", "department", county, "区市场监管局", "杨洋", "13808250004"),
						new Submitter("AJ05", "遂宁市安居区交通运输局", "department", county, "区交通运输局", "何静", "13808250005"),
						new Submitter("AJ06", "遂宁市安居区文化广播电视和旅游局", "department", county, "区文广旅局", "罗军", "13808250006")),
				List.of(new Industry("whp", "危险化学品", "危化品|危化"), new Industry("fmks", "非煤矿山", "矿山"),
						new Industry("jtys", "交通运输", "交通"), new Industry("jzsg", "建筑施工", "建筑|住建"),
						new Industry("czrq", "城镇燃气", "燃气"), new Industry("xf", "消防", "消防安全"),
						new Industry("whly", "文化旅游", "文旅"), new Industry("gm", "工贸", "工贸行业")),
				new CampaignRow("QA2023", "强安2023监管执法专项行动", YearMonth.of(2023, 3), YearMonth.of(2023, 12), 23, "强安2023",
						"F-001", "earlier", YearMonth.of(2023, 4), "same"),
				"全区安全生产“强安2023”监管执法专项行动统计汇总表", holidays(2023),
				List.of(new Pinned("AJ03", YearMonth.of(2023, 4), Fate.DEADLINE_DAY, at("2023-04-23T21:00")),
						new Pinned("AJ02", YearMonth.of(2023, 6), Fate.DEADLINE_DAY, at("2023-06-21T18:00")),
						// 端午, the day before the nominal 23rd
						new Pinned("AJ05", YearMonth.of(2023, 6), Fate.LATE, at("2023-06-22T09:30")),
						new Pinned("AJ04", YearMonth.of(2023, 12), Fate.LATE, at("2023-12-23T10:00"))),
				2023_001L);
	}

	/**
	 * Seed 003, 石狮市 2024年安全生产执法提升专项行动: “每月30日前报送上月执法统计表(附件1、2)”, “从1月起” (F-003-II, 附件2,
	 * one table per unit with 本月数 and 累计数 rows; 附件1 the F-003-I inspection records). The
	 * notice says nothing of holidays: 顺延 (later), as README's example. February's table
	 * is due 30 March, a Saturday (→ Monday 1 April); May's 30 June, a Sunday (→ 1 July);
	 * October's 30 November, a Saturday (→ Monday 2 December); December's 30 January
	 * 2025, 春节 (→ Wednesday 5 February 2025): four deadlines carried into the following
	 * month. January's is 29 February (the 30th does not exist).
	 */
	public static SeedOffice seed003() {
		String county = "350581";
		return new SeedOffice("003",
				List.of(new Region(county, "石狮市", "county"), new Region("350581001", "湖滨街道", "street"),
						new Region("350581002", "凤里街道", "street"), new Region("350581101", "灵秀镇", "township"),
						new Region("350581103", "蚶江镇", "township")),
				List.of(new Submitter("SS01", "湖滨街道", "township", "350581001", "湖滨街道办事处", "林志", "13905950001"),
						new Submitter("SS02", "凤里街道", "township", "350581002", "凤里街道办事处", "蔡玲", "13905950002"),
						new Submitter("SS03", "灵秀镇", "township", "350581101", "灵秀镇人民政府", "王海", "13905950003"),
						new Submitter("SS04", "蚶江镇", "township", "350581103", "蚶江镇人民政府", "洪伟", "13905950004"),
						new Submitter("SS05", "石狮市应急管理局", "department", county, "市应急管理局", "许丹", "13905950005"),
						new Submitter("SS06", "石狮市住房和城乡建设局", "department", county, "市住建局", "施强", "13905950006"),
						new Submitter("SS07", "石狮市市场监督管理局", "department", county, "市市场监管局", "黄敏", "13905950007")),
				List.of(new Industry("yjgl", "应急管理", "应急|应急管理局"), new Industry("zj", "住建", "住房和城乡建设|住建局"),
						new Industry("scjg", "市场监管", "市场监督管理|市场监管局")),
				new CampaignRow("ZF2024", "执法提升专项行动", YearMonth.of(2024, 1), YearMonth.of(2024, 12), 30, "执法提升",
						"F-003-II", "later", null, "next"),
				"石狮市2024年安全生产执法提升专项行动情况统计表（二）", holidays(2024, 2025), List.of(
						// February's table: the nominal 30 March is a Saturday, 1 April
						// the
						// deadline
						new Pinned("SS04", YearMonth.of(2024, 2), Fate.ON_TIME, at("2024-03-30T10:00")),
						new Pinned("SS03", YearMonth.of(2024, 2), Fate.DEADLINE_DAY, at("2024-04-01T20:30")),
						new Pinned("SS05", YearMonth.of(2024, 2), Fate.LATE, at("2024-04-02T09:00")),
						new Pinned("SS02", YearMonth.of(2024, 5), Fate.DEADLINE_DAY, at("2024-07-01T18:00")),
						new Pinned("SS06", YearMonth.of(2024, 5), Fate.LATE, at("2024-07-02T10:00")),
						new Pinned("SS04", YearMonth.of(2024, 10), Fate.DEADLINE_DAY, at("2024-12-02T19:00")),
						// December's table: 30 January 2025 is 春节, due 5 February
						new Pinned("SS07", YearMonth.of(2024, 12), Fate.ON_TIME, at("2025-01-31T10:00")),
						new Pinned("SS01", YearMonth.of(2024, 12), Fate.DEADLINE_DAY, at("2025-02-05T17:00")),
						new Pinned("SS03", YearMonth.of(2024, 12), Fate.LATE, at("2025-02-06T09:30"))),
				2024_003L);
	}

	/**
	 * Seed 004, 岫岩满族自治县 重大事故隐患专项排查整治2023: “每月1日上报截至上月末的累计情况，如遇节假日提前上报” (an F-001-like
	 * 调度表), June to December. June's table is due 1 July, a Saturday (→ 30 June);
	 * September's 1 October, 国庆 (→ Thursday 28 September); December's 1 January 2024, 元旦
	 * (→ Friday 29 December): three deadlines inside the reported month itself.
	 */
	public static SeedOffice seed004() {
		String county = "210323";
		return new SeedOffice("004",
				List.of(new Region(county, "岫岩满族自治县", "county"), new Region("210323001", "雅河街道", "street"),
						new Region("210323002", "阜昌街道", "street"), new Region("210323101", "前营镇", "township"),
						new Region("210323102", "偏岭镇", "township")),
				List.of(new Submitter("XY01", "雅河街道", "township", "210323001", "雅河街道办事处", "于波", "13904120001"),
						new Submitter("XY02", "阜昌街道", "township", "210323002", "阜昌街道办事处", "关红", "13904120002"),
						new Submitter("XY03", "前营镇", "township", "210323101", "前营镇人民政府", "白雪", "13904120003"),
						new Submitter("XY04", "偏岭镇", "township", "210323102", "偏岭镇人民政府", "那军", "13904120004"),
						new Submitter("XY05", "岫岩满族自治县应急管理局", "department", county, "县应急管理局", "佟力", "13904120005"),
						new Submitter("XY06", "岫岩满族自治县住房和城乡建设局", "department", county, "县住建局", "富强", "13904120006"),
						new Submitter("XY07", "岫岩满族自治县市场监督管理局", "department", county, "县市场监管局", "洪亮", "13904120007")),
				List.of(new Industry("ks", "矿山", "非煤矿山|金属非金属矿山"), new Industry("whp", "危险化学品", "危化品|危化"),
						new Industry("jtys", "交通运输", "交通"), new Industry("jzsg", "建筑施工", "建筑|住建"),
						new Industry("rq", "燃气", "城镇燃气"), new Industry("xf", "消防", "消防安全"),
						new Industry("gm", "工贸", "工贸行业")),
				new CampaignRow("PZ2023", "重大事故隐患专项排查整治2023行动", YearMonth.of(2023, 6), YearMonth.of(2023, 12), 1,
						"专项排查整治2023|排查整治2023", "F-001", "earlier", null, "next"),
				"全县重大事故隐患专项排查整治2023行动进展情况调度表", holidays(2023, 2024),
				List.of(new Pinned("XY07", YearMonth.of(2023, 6), Fate.LATE, at("2023-07-01T10:00")),
						new Pinned("XY01", YearMonth.of(2023, 9), Fate.DEADLINE_DAY, at("2023-09-28T16:20")),
						// received in September, the day after the shifted deadline (中秋)
						new Pinned("XY02", YearMonth.of(2023, 9), Fate.LATE, at("2023-09-29T10:00")),
						// on the make-up working day after 国庆: late, in September's
						// month-end
						new Pinned("XY05", YearMonth.of(2023, 9), Fate.LATE, at("2023-10-08T09:00")),
						new Pinned("XY03", YearMonth.of(2023, 12), Fate.DEADLINE_DAY, at("2023-12-29T22:45")),
						new Pinned("XY06", YearMonth.of(2023, 12), Fate.LATE, at("2024-01-02T09:00"))),
				2023_004L);
	}

	private static LocalDateTime at(String text) {
		return LocalDateTime.parse(text);
	}

	/**
	 * {@code holidays.csv} rows of the State Council's notices for {@code years}
	 * (国办发明电〔2022〕16号 for 2023, 〔2023〕7号 for 2024, 〔2024〕12号 for 2025): the whole year,
	 * since the office's file is the calendar of every year it has a row in.
	 */
	static List<String> holidays(int... years) {
		List<String> rows = new ArrayList<>();
		for (int year : years) {
			String[][] days = switch (year) {
				case 2023 -> new String[][] { { "2023-01-01", "2023-01-02" }, { "2023-01-21", "2023-01-27" },
						{ "2023-04-05", "2023-04-05" }, { "2023-04-29", "2023-05-03" }, { "2023-06-22", "2023-06-24" },
						{ "2023-09-29", "2023-10-06" }, { "2023-12-30", "2023-12-31" } };
				case 2024 -> new String[][] { { "2024-01-01", "2024-01-01" }, { "2024-02-10", "2024-02-17" },
						{ "2024-04-04", "2024-04-06" }, { "2024-05-01", "2024-05-05" }, { "2024-06-10", "2024-06-10" },
						{ "2024-09-15", "2024-09-17" }, { "2024-10-01", "2024-10-07" } };
				case 2025 -> new String[][] { { "2025-01-01", "2025-01-01" }, { "2025-01-28", "2025-02-04" },
						{ "2025-04-04", "2025-04-06" }, { "2025-05-01", "2025-05-05" }, { "2025-05-31", "2025-06-02" },
						{ "2025-10-01", "2025-10-08" } };
				default -> throw new IllegalArgumentException("no notice written out for " + year);
			};
			String[] workdays = switch (year) {
				case 2023 -> new String[] { "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
						"2023-10-07", "2023-10-08" };
				case 2024 -> new String[] { "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
						"2024-09-14", "2024-09-29", "2024-10-12" };
				case 2025 -> new String[] { "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11" };
				default -> throw new IllegalArgumentException("no notice written out for " + year);
			};
			for (String[] span : days) {
				for (LocalDate d = LocalDate.parse(span[0]); !d.isAfter(LocalDate.parse(span[1])); d = d.plusDays(1)) {
					rows.add(d + ",holiday");
				}
			}
			for (String w : workdays) {
				rows.add(w + ",workday");
			}
		}
		return rows;
	}

}
