package org.anjian.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Every text a generated hazard ledger can contain, each distinct string once with an id,
 * and the pools rows draw from. Its size is fixed (tens of thousands of strings) whatever
 * the number of rows, so the generator stays in constant memory while the shared-strings
 * table is as large as a real county ledger's.
 */
final class LedgerVocabulary {

	static final String COUNTY = "青川县";

	/** 行政区划码 of 青川县 (四川省广元市), positions 3-8 of its enterprises' USCC. */
	static final String REGION_CODE = "510822";

	static final String[] TOWNSHIPS = { "乔庄镇", "青溪镇", "房石镇", "关庄镇", "凉水镇", "竹园镇", "木鱼镇", "沙州镇", "姚渡镇", "红光镇", "马鹿镇",
			"蒿溪回族乡", "前进乡", "曲河乡", "孔溪乡", "茶坝乡", "大院回族乡", "三锅镇", "瓦砾乡", "桥楼乡" };

	/**
	 * Kinds of enterprise: the word in the name, its 行业类别 (the supervising department)
	 * and 机构类别代码.
	 */
	private static final String[][] TRADES = { { "建材", "应急管理", "1" }, { "矿业", "应急管理", "1" }, { "化工", "应急管理", "1" },
			{ "木业", "应急管理", "1" }, { "机械制造", "应急管理", "1" }, { "运输", "交通运输", "1" }, { "物流", "交通运输", "1" },
			{ "客运", "交通运输", "1" }, { "建筑工程", "住建", "1" }, { "房地产开发", "住建", "1" }, { "燃气", "住建", "1" },
			{ "食品", "市场监管", "1" }, { "商贸", "市场监管", "1" }, { "电梯维保", "市场监管", "1" }, { "酒店管理", "消防", "1" },
			{ "百货", "消防", "1" }, { "水电开发", "水利", "1" }, { "茶叶专业", "农业农村", "3" }, { "中药材种植", "农业农村", "3" },
			{ "旅游开发", "文旅", "1" } };

	private static final String[] BRAND_CHARS = "鑫盛宏达兴华泰丰源恒通瑞祥福顺利昌隆金川青龙凤安德康永胜嘉和信诚乾坤博新宇豪天明润".split("");

	private static final String[] FORMS = { "有限公司", "有限责任公司", "有限公司", "股份有限公司", "有限公司" };

	private static final String[] PLACES = { "生产车间", "原料仓库", "成品仓库", "配电室", "危化品库房", "厂区道路", "员工宿舍", "职工食堂", "锅炉房",
			"采场边坡", "矿石堆场", "油罐区", "加油区", "办公楼", "楼梯间", "地下车库", "装卸平台", "施工现场", "脚手架", "塔吊作业区", "燃气调压站", "客运站候车厅",
			"厨房操作间", "电梯机房", "水电站厂房" };

	/** Defects and the measure that answers each, in pairs. */
	private static final String[][] DEFECTS = { { "灭火器压力不足", "更换或重新充装灭火器" }, { "消防通道被杂物堵塞", "清理消防通道杂物，保持畅通" },
			{ "电线私拉乱接", "拆除私拉电线，由持证电工规范布线" }, { "安全出口指示标志损坏", "更换安全出口指示标志" }, { "未设置安全警示标志", "按规定设置安全警示标志" },
			{ "临边防护栏杆缺失", "增设临边防护栏杆" }, { "应急照明灯失效", "维修更换应急照明灯" }, { "气瓶未固定存放", "设置气瓶固定装置，分类存放" },
			{ "特种作业人员无证上岗", "停止无证人员作业，组织培训取证" }, { "安全操作规程未上墙", "制定并张贴安全操作规程" }, { "配电箱未可靠接地", "配电箱重新接地并检测接地电阻" },
			{ "可燃物与热源距离不足", "移除可燃物，保持安全距离" }, { "室内消火栓无水", "检修消防供水管网" }, { "未按规定开展隐患自查", "建立隐患自查制度并按月开展自查" },
			{ "高处作业未系安全带", "配发安全带并加强现场监护" }, { "设备防护罩缺失", "加装设备防护罩" }, { "安全阀超期未校验", "送检安全阀" },
			{ "压力表超期未检定", "更换检定合格的压力表" }, { "应急预案未演练", "组织开展应急预案演练" }, { "安全培训记录不全", "补充开展安全培训并完善记录" },
			{ "危险化学品超量储存", "清理超量危险化学品，按核定量储存" }, { "可燃气体报警器故障", "维修可燃气体报警器并联动测试" }, { "边坡存在浮石", "清除边坡浮石，设置截排水沟" },
			{ "车辆制动性能不合格", "车辆停运维修，检测合格后上路" }, { "驾驶员超时驾驶", "加强动态监控，落实驾驶员休息制度" }, { "脚手架连墙件缺失", "按方案补设连墙件" },
			{ "塔吊限位装置失灵", "停用塔吊，维修限位装置" }, { "燃气管道锈蚀", "更换锈蚀燃气管道" }, { "厨房烟道油污未清洗", "委托专业单位清洗烟道" },
			{ "电梯维保记录缺失", "督促维保单位补录维保记录" }, { "疏散通道宽度不足", "拆除占道设施，恢复疏散宽度" }, { "防爆电气设备失效", "更换防爆电气设备" },
			{ "有限空间作业未审批", "完善有限空间作业审批制度" }, { "动火作业无监护人", "落实动火作业审批和监护" }, { "员工宿舍违规使用电器", "清理违规电器，加装限流装置" },
			{ "消防控制室无人值守", "落实消防控制室24小时双人值班" }, { "安全管理人员未配备", "配备专职安全管理人员" }, { "重大危险源未备案", "向应急管理部门办理重大危险源备案" },
			{ "防雷装置未检测", "委托有资质单位检测防雷装置" }, { "库房照明未采用防爆灯具", "更换防爆灯具" } };

	private static final String[] DETAILS = { "", "，存在火灾隐患", "，存在触电风险", "，存在坠落风险", "，已责令立即整改", "（第二次发现）", "，未建立台账",
			"，现场无人管理", "，企业未及时上报", "，群众举报", "，共2处", "，共3处", "，共4处", "，共5处", "，共6处", "，涉及多名作业人员", "，夜间检查发现", "，复查仍未整改",
			"，与上次检查问题相同", "，已拍照取证", "，已下达整改通知书", "，需停产整改", "，责令限期整改", "，属季节性隐患", "，汛期前须整改完毕", "，节前检查发现", "，暗访发现",
			"，交叉检查发现", "，企业负责人签字确认", "，已告知属地乡镇" };

	private static final String[] TIMELINES = { "立即整改", "限3日内整改完毕", "限7日内整改完毕", "限10日内整改完毕", "限15日内整改完毕", "限30日内整改完毕",
			"限期整改并报复查", "整改完成前停止相关作业", "整改期间落实临时管控措施", "由企业负责人督办" };

	private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜".split("");

	private static final String[] GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌辉鹏飞林波宇浩凯健俊帆".split("");

	private static final String[] REMARKS = { "复查合格", "已复查", "挂牌督办", "县安委办督办", "企业已停产整改", "已约谈企业主要负责人", "纳入重点监管",
			"已立案查处", "移交属地乡镇跟踪", "等待第三方检测报告", "资金已落实", "企业承诺按期整改" };

	// Vocabulary of the fixed columns
	static final String LEVEL_MAJOR = "重大";

	static final String LEVEL_GENERAL = "一般";

	static final String SOURCE_SELF = "自查";

	static final String SOURCE_ENFORCEMENT = "执法检查";

	static final String STATUS_RECTIFIED = "已整改";

	static final String STATUS_IN_PROGRESS = "整改中";

	static final String STATUS_NOT_STARTED = "未整改";

	/**
	 * What the planted bad rows carry: an unknown 隐患等级 and 发现日期 texts that are no date.
	 */
	static final String BAD_LEVEL = "较大";

	static final String[] BAD_DATES = { "2024-13-05", "2024.04.31", "待定", "二〇二四年六月" };

	private final List<String> texts = new ArrayList<>();

	private final Map<String, Integer> ids = new HashMap<>();

	final int[] townships;

	final Enterprise[] enterprises;

	final int[] descriptions;

	/** The defect of each description, to pick a measure that fits it. */
	final int[] descriptionDefect;

	/** measures[defect][timeline] */
	final int[][] measures;

	final int[] remarks;

	final int levelMajor;

	final int levelGeneral;

	final int sourceSelf;

	final int sourceEnforcement;

	final int statusRectified;

	final int statusInProgress;

	final int statusNotStarted;

	final int badLevel;

	final int[] badDates;

	/**
	 * One enterprise: the same name, code, township, industry and people in all its rows.
	 */
	record Enterprise(int name, int uscc, int township, int industry, int[] responsible) {
	}

	LedgerVocabulary(long seed, int enterpriseCount) {
		SplittableRandom random = new SplittableRandom(seed);
		townships = new int[TOWNSHIPS.length];
		for (int i = 0; i < TOWNSHIPS.length; i++) {
			townships[i] = id(TOWNSHIPS[i]);
		}
		String[] people = people(random, 6000);
		enterprises = new Enterprise[enterpriseCount];
		Set<String> names = new HashSet<>();
		for (int e = 0; e < enterpriseCount; e++) {
			String[] trade = TRADES[random.nextInt(TRADES.length)];
			String name;
			do {
				String brand = BRAND_CHARS[random.nextInt(BRAND_CHARS.length)]
						+ BRAND_CHARS[random.nextInt(BRAND_CHARS.length)];
				name = COUNTY + brand + trade[0] + ("3".equals(trade[2]) ? "合作社" : FORMS[random.nextInt(FORMS.length)]);
			}
			while (!names.add(name));
			String uscc = UnifiedSocialCreditCode.random(random, '9', trade[2].charAt(0), REGION_CODE);
			int[] responsible = new int[1 + random.nextInt(3)];
			for (int r = 0; r < responsible.length; r++) {
				responsible[r] = id(people[random.nextInt(people.length)]);
			}
			enterprises[e] = new Enterprise(id(name), id(uscc), townships[random.nextInt(townships.length)],
					id(trade[1]), responsible);
		}
		descriptions = new int[PLACES.length * DEFECTS.length * DETAILS.length];
		descriptionDefect = new int[descriptions.length];
		int d = 0;
		for (String place : PLACES) {
			for (int defect = 0; defect < DEFECTS.length; defect++) {
				for (String detail : DETAILS) {
					descriptionDefect[d] = defect;
					descriptions[d++] = id(place + DEFECTS[defect][0] + detail);
				}
			}
		}
		measures = new int[DEFECTS.length][TIMELINES.length];
		for (int defect = 0; defect < DEFECTS.length; defect++) {
			for (int t = 0; t < TIMELINES.length; t++) {
				measures[defect][t] = id(DEFECTS[defect][1] + "，" + TIMELINES[t]);
			}
		}
		remarks = new int[REMARKS.length + 214];
		for (int i = 0; i < REMARKS.length; i++) {
			remarks[i] = id(REMARKS[i]);
		}
		for (int day = 0; day < 214; day++) {
			// 复查日期 over 2024-04-01 .. 2024-10-31
			remarks[REMARKS.length + day] = id("复查日期：" + LedgerDates.FIRST_FOUND.plusDays(day));
		}
		levelMajor = id(LEVEL_MAJOR);
		levelGeneral = id(LEVEL_GENERAL);
		sourceSelf = id(SOURCE_SELF);
		sourceEnforcement = id(SOURCE_ENFORCEMENT);
		statusRectified = id(STATUS_RECTIFIED);
		statusInProgress = id(STATUS_IN_PROGRESS);
		statusNotStarted = id(STATUS_NOT_STARTED);
		badLevel = id(BAD_LEVEL);
		badDates = new int[BAD_DATES.length];
		for (int i = 0; i < BAD_DATES.length; i++) {
			badDates[i] = id(BAD_DATES[i]);
		}
	}

	/** Distinct person names: a surname and a one- or two-character given name. */
	private static String[] people(SplittableRandom random, int count) {
		Set<String> names = new HashSet<>();
		while (names.size() < count) {
			String given = GIVEN[random.nextInt(GIVEN.length)];
			if (random.nextInt(3) > 0) {
				given += GIVEN[random.nextInt(GIVEN.length)];
			}
			names.add(SURNAMES[random.nextInt(SURNAMES.length)] + given);
		}
		// sorted so the draw below does not depend on HashSet iteration order
		return names.stream().sorted().toArray(String[]::new);
	}

	/** The id of a text, adding it on first sight. */
	int id(String text) {
		Integer id = ids.get(text);
		if (id == null) {
			id = texts.size();
			texts.add(text);
			ids.put(text, id);
		}
		return id;
	}

	String text(int id) {
		return texts.get(id);
	}

	int size() {
		return texts.size();
	}

}
