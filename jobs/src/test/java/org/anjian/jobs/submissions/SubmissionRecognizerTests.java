package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.readers.Finding;
import org.anjian.readers.SummaryTable;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Region;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recognition order of README "Decisions": submitter from 填报单位 then the path; month
 * from the title range, a 月份 field, the path, then 填报时间 (warned); campaign from a title
 * keyword, the path, then inferred (warned), else rejected. A small county of our own, so
 * each rule is the only one that can match.
 */
class SubmissionRecognizerTests {

	private static final String SHEET = "Sheet1";

	private static final String TITLE = "全县安全生产“强安2024”监管执法专项行动统计汇总表（2024年4月至5月）";

	/**
	 * 鹤鸣县: two departments named with the county prefix, a township named with 人民政府, one
	 * without.
	 */
	private static final ReferenceData COUNTY = new ReferenceData(
			List.of(new Region("519901", "鹤鸣县", "county", null), new Region("519901101", "白石镇", "township", "519901"),
					new Region("519901102", "青龙镇", "township", "519901")),
			List.of(new Industry("zj", "住建", List.of("住房和城乡建设", "住建局")),
					new Industry("yjgl", "应急管理", List.of("应急", "应急管理局")), new Industry("jzsg", "建筑施工", List.of())),
			List.of(new Submitter("D1", "鹤鸣县应急管理局", "department", "519901", List.of("应急局"), "李卫东", "13890011207"),
					new Submitter("D2", "鹤鸣县住房和城乡建设局", "department", "519901", List.of("县住建局"), "黄丽娟", "13890011209"),
					new Submitter("T1", "白石镇人民政府", "township", "519901101", List.of(), "罗建平", "13890011202"),
					new Submitter("T2", "青龙镇", "township", "519901102", List.of("青龙镇人民政府"), "周丽", "13890011205")),
			List.of(new Campaign("QA2024", "强安2024监管执法专项行动", YearMonth.of(2024, 4), YearMonth.of(2024, 10), 22,
					List.of("强安2024"), "F-000", "earlier"),
					new Campaign("ZX2024", "重大事故隐患专项排查整治2024行动", YearMonth.of(2024, 3), YearMonth.of(2024, 12), 23,
							List.of("专项排查整治2024"), "F-001", "earlier"),
					new Campaign("DF2024", "打非治违2024专项行动", YearMonth.of(2024, 9), YearMonth.of(2024, 12), 22,
							List.of("打非治违2024"), "F-000", "earlier")),
			List.of());

	private final SubmissionRecognizer recognizer = new SubmissionRecognizer(COUNTY);

	@Nested
	class SubmitterOfTheTable {

		@Test
		void isRecognisedByTheNameWrittenAsFillingUnit() {
			assertThat(submitter(Map.of("填报单位", "鹤鸣县住房和城乡建设局"), "2024-05/报表.xlsx")).isEqualTo("D2");
			assertThat(submitter(Map.of("填表单位", " 鹤鸣县 应急管理局 "), "2024-05/报表.xlsx")).isEqualTo("D1");
		}

		@Test
		void isRecognisedByAnAlias() {
			assertThat(submitter(Map.of("填报单位", "应急局"), "2024-05/报表.xlsx")).isEqualTo("D1");
		}

		@Test
		void isRecognisedByItsNameWithoutTheCountyPrefix() {
			assertThat(submitter(Map.of("填报单位", "住房和城乡建设局"), "2024-05/报表.xlsx")).isEqualTo("D2");
			// a path must contain a key: only the name without 鹤鸣县 is in this folder name
			assertThat(submitter(Map.of(), "2024-05/应急管理局/报表.xlsx")).isEqualTo("D1");
		}

		@Test
		void isRecognisedByItsNameWithoutThePeoplesGovernmentSuffix() {
			assertThat(submitter(Map.of("填报单位", "白石镇"), "2024-05/报表.xlsx")).isEqualTo("T1");
			assertThat(submitter(Map.of(), "2024-05/白石镇5月统计表.xlsx")).isEqualTo("T1");
		}

		@Test
		void theFillingUnitWinsOverTheFolderAndFileNames() {
			assertThat(submitter(Map.of("填报单位", "应急局"), "青龙镇/白石镇统计表.xlsx")).isEqualTo("D1");
		}

		@Test
		void whenTheFillingUnitIsNotKnownTheFileNameThenTheFoldersAreRead() {
			assertThat(submitter(Map.of("填报单位", "县安监站"), "2024-05/县住建局报表.xlsx")).isEqualTo("D2");
			assertThat(submitter(Map.of(), "青龙镇/2024-05/白石镇统计表.xlsx")).as("file name before folders").isEqualTo("T1");
			assertThat(submitter(Map.of(), "青龙镇/2024-05/统计表.xlsx")).as("deepest folder naming one").isEqualTo("T2");
		}

		@Test
		void anUnknownFillingUnitWithNothingInThePathIsRejectedNamingWhatWasWritten() {
			Recognition r = recognize(table(TITLE, Map.of("填报单位", "县安监站")), "2024-05/报表.xlsx");

			assertThat(r.submitter()).isNull();
			assertThat(r.findings()).containsExactly(Finding.error("UNKNOWN_SUBMITTER", SHEET, null, "填报单位",
					"无法识别填报单位“县安监站”：不在本县填报单位名单（submitters.csv）中"));
		}

		@Test
		void aBlankFillingUnitWithAPathNamingTwoSubmittersIsRejectedNotGuessed() {
			Recognition r = recognize(table(TITLE, Map.of("填报单位", "")), "2024-05/白石镇青龙镇合报.xlsx");

			assertThat(r.submitter()).isNull();
			assertThat(r.findings()).containsExactly(Finding.error("UNKNOWN_SUBMITTER", SHEET, null, "填报单位",
					"无法识别填报单位：表中“填报单位”为空，文件名和文件夹名中也没有可识别的单位名称"));
		}

		private String submitter(Map<String, String> fields, String path) {
			Recognition r = recognize(table(TITLE, fields), path);
			return r.submitter() == null ? null : r.submitter().code();
		}

	}

	@Nested
	class MonthOfTheTable {

		@Test
		void isTheEndMonthOfTheTitleRangeBeforeAnythingElse() {
			SummaryTable t = table(TITLE, YearMonth.of(2024, 4), YearMonth.of(2024, 5),
					Map.of("填报单位", "应急局", "月份", "2024年3月", "填报时间", "2024-07-01"));

			Recognition r = recognize(t, "2024-06/应急局202406.xlsx");

			assertThat(r.period()).isEqualTo(YearMonth.of(2024, 5));
			assertThat(r.periodSource()).isEqualTo("title");
			assertThat(r.findings()).isEmpty();
		}

		@Test
		void isTheMonthFieldWhenTheTitleRangeEndIsBlankWithTheTitlesYearForAMonthAlone() {
			SummaryTable full = table(TITLE, YearMonth.of(2024, 4), null, Map.of("填报单位", "应急局", "月份", "2024年6月"));
			SummaryTable monthOnly = table(TITLE, YearMonth.of(2024, 4), null,
					Map.of("填报单位", "应急局", "统计月份", "6月", "填报时间", "2024-07-01"));

			assertThat(recognize(full, "2024-05/报表.xlsx")).extracting(Recognition::period, Recognition::periodSource)
				.containsExactly(YearMonth.of(2024, 6), "field");
			assertThat(recognize(monthOnly, "2024-05/报表.xlsx"))
				.extracting(Recognition::period, Recognition::periodSource)
				.containsExactly(YearMonth.of(2024, 6), "field");
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource({ "应急局/应急局2024-06统计表.xlsx", "应急局/应急局202406.xlsx", "应急局/应急局2024年6月统计表.xlsx", "应急局/应急局2024.6.xlsx",
				"应急局/2024_06/统计表.xlsx", "2024年/6月/应急局统计表.xlsx", "应急局/应急局６月报表.xlsx" })
		void isReadFromTheFileAndFolderNamesInTheUsualSpellings(String path) {
			// the title gives no end month but its start year, for “6月” alone
			SummaryTable t = table(TITLE, YearMonth.of(2024, 4), null, Map.of("填报单位", "应急局", "填报时间", "2024-07-01"));

			Recognition r = recognize(t, path);

			assertThat(r.period()).isEqualTo(YearMonth.of(2024, 6));
			assertThat(r.periodSource()).isEqualTo("path");
			assertThat(r.findings()).isEmpty();
		}

		@Test
		void theFileNameWinsOverItsFolder() {
			SummaryTable t = table(TITLE, null, null, Map.of("填报单位", "应急局"));

			assertThat(recognize(t, "2024-05/应急局2024-06.xlsx").period()).isEqualTo(YearMonth.of(2024, 6));
		}

		@Test
		void isTakenFromTheFillDateWithAWarningWhenNothingElseNamesIt() {
			SummaryTable t = table("全县安全生产“强安2024”监管执法专项行动统计汇总表（    年  月至   月）", null, null,
					Map.of("填报单位", "应急局", "填报时间", "2024年6月3日"));

			Recognition r = recognize(t, "收件/应急局统计表.xlsx");

			assertThat(r.period()).isEqualTo(YearMonth.of(2024, 6));
			assertThat(r.periodSource()).isEqualTo("fill-date");
			assertThat(r.findings()).containsExactly(
					Finding.warning("PERIOD_FROM_FILL_DATE", SHEET, null, "填报时间", "标题中的统计月份为空，已按填报时间认定为2024年6月，请核实"));
		}

		@Test
		void isRejectedWhenNeitherTheTableNorThePathNamesOne() {
			String title = "全县安全生产“强安2024”监管执法专项行动统计汇总表";
			Recognition r = recognize(table(title, null, null, Map.of("填报单位", "应急局")), "收件/应急局统计表.xlsx");

			assertThat(r.period()).isNull();
			assertThat(r.findings()).containsExactly(Finding.error("UNKNOWN_PERIOD", SHEET, null, "标题",
					"无法识别统计月份：标题“" + title + "”中的截止月份为空，表中无“月份”，文件夹名和文件名中也没有月份（如 2024-05）"));
		}

	}

	@Nested
	class CampaignOfTheTable {

		@Test
		void isNamedByAKeywordOfTheTitle() {
			Recognition r = recognize(table(TITLE, Map.of("填报单位", "应急局")), "打非治违2024/报表.xlsx");

			assertThat(r.campaign().code()).isEqualTo("QA2024");
			assertThat(r.findings()).isEmpty();
		}

		@Test
		void isNamedByTheFolderOrFileNameWhenTheTitleIsSilent() {
			SummaryTable t = table("统计汇总表（2024年4月至5月）", YearMonth.of(2024, 4), YearMonth.of(2024, 5),
					Map.of("填报单位", "应急局"));

			Recognition r = recognize(t, "强安2024/2024-05/报表.xlsx");

			assertThat(r.campaign().code()).isEqualTo("QA2024");
			assertThat(r.findings()).isEmpty();
		}

		@Test
		void isInferredWithAWarningWhenOneCampaignOfTheTablesFormRunsThatMonth() {
			SummaryTable t = table("统计汇总表（2024年3月至5月）", "F-001", YearMonth.of(2024, 3), YearMonth.of(2024, 5),
					Map.of("填报单位", "应急局"));

			Recognition r = recognize(t, "2024-05/报表.xlsx");

			assertThat(r.campaign().code()).isEqualTo("ZX2024");
			assertThat(r.findings()).containsExactly(Finding.warning("CAMPAIGN_INFERRED", SHEET, null, "标题",
					"标题“统计汇总表（2024年3月至5月）”中没有专项行动名称，已按统计月份和表式认定为“重大事故隐患专项排查整治2024行动”"));
		}

		@Test
		void isRejectedWhenTwoCampaignsOfTheTablesFormRunThatMonth() {
			SummaryTable t = table("统计汇总表（2024年4月至9月）", YearMonth.of(2024, 4), YearMonth.of(2024, 9),
					Map.of("填报单位", "应急局"));

			Recognition r = recognize(t, "2024-09/报表.xlsx");

			assertThat(r.campaign()).isNull();
			assertThat(r.findings()).containsExactly(Finding.error("UNKNOWN_CAMPAIGN", SHEET, null, "标题",
					"无法识别专项行动：标题“统计汇总表（2024年4月至9月）”中没有本县专项行动的名称（如“强安2024监管执法专项行动”“重大事故隐患专项排查整治2024行动”“打非治违2024专项行动”）"));
		}

		@Test
		void isRejectedWhenNoCampaignOfTheTablesFormRunsThatMonth() {
			SummaryTable t = table("统计汇总表（2025年1月至2月）", YearMonth.of(2025, 1), YearMonth.of(2025, 2),
					Map.of("填报单位", "应急局"));

			assertThat(recognize(t, "2025-02/报表.xlsx").findings()).extracting(Finding::rule, Finding::isError)
				.containsExactly(tuple("UNKNOWN_CAMPAIGN", true));
		}

		@Test
		void aMonthOutsideTheNamedCampaignIsRejected() {
			SummaryTable t = table("“强安2024”统计汇总表（2024年4月至11月）", YearMonth.of(2024, 4), YearMonth.of(2024, 11),
					Map.of("填报单位", "应急局"));

			Recognition r = recognize(t, "2024-11/报表.xlsx");

			assertThat(r.findings()).containsExactly(Finding.error("PERIOD_OUTSIDE_CAMPAIGN", SHEET, null, "标题",
					"统计月份2024年11月不在“强安2024监管执法专项行动”期间（2024年4月至2024年10月）"));
		}

		@Test
		void aTitleRangeNotStartingWithTheCampaignIsAWarning() {
			SummaryTable t = table("“强安2024”统计汇总表（2024年5月至6月）", YearMonth.of(2024, 5), YearMonth.of(2024, 6),
					Map.of("填报单位", "应急局"));

			Recognition r = recognize(t, "2024-06/报表.xlsx");

			assertThat(r.campaign().code()).isEqualTo("QA2024");
			assertThat(r.findings()).containsExactly(Finding.warning("RANGE_START", SHEET, null, "标题",
					"标题的起始月份2024年5月与专项行动起始月份2024年4月不一致：汇总表应填自专项行动开始以来的累计数"));
		}

	}

	@Nested
	class IndustryOfARow {

		@Test
		void isRecognisedByNameAliasOrCodeIgnoringSpacesAndFullWidthForms() {
			assertThat(industry("住  建")).isEqualTo("zj");
			assertThat(industry("住房和城乡建设")).isEqualTo("zj");
			assertThat(industry("ＪＺＳＧ")).isEqualTo("jzsg");
		}

		@Test
		void isTheOneIndustryWhoseLongestNameTheLabelContains() {
			assertThat(industry("住建部门")).isEqualTo("zj");
			assertThat(industry("应急管理局（安监）")).isEqualTo("yjgl");
			assertThat(industry("住建应急")).as("two industries, equally long names").isNull();
			assertThat(industry("其他")).isNull();
		}

		private String industry(String label) {
			return recognizer.industry(label).map(Industry::code).orElse(null);
		}

	}

	private Recognition recognize(SummaryTable table, String path) {
		return recognizer.recognize(table, path);
	}

	private static SummaryTable table(String title, Map<String, String> fields) {
		return table(title, YearMonth.of(2024, 4), YearMonth.of(2024, 5), fields);
	}

	private static SummaryTable table(String title, YearMonth first, YearMonth last, Map<String, String> fields) {
		return table(title, "F-000", first, last, fields);
	}

	private static SummaryTable table(String title, String form, YearMonth first, YearMonth last,
			Map<String, String> fields) {
		return new SummaryTable(SHEET, form, title, new LinkedHashMap<>(fields), first, last, Map.of(), Map.of(),
				List.of(), null);
	}

}
