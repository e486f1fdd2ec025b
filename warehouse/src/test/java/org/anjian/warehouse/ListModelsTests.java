package org.anjian.warehouse;

import static org.anjian.warehouse.Given.COUNTY;
import static org.anjian.warehouse.Given.EAST;
import static org.anjian.warehouse.Given.WEST;
import static org.anjian.warehouse.Given.listFile;
import static org.anjian.warehouse.Given.listRow;
import static org.anjian.warehouse.Given.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.anjian.warehouse.rollups.RollupBuilder;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list models (staging, dim_enterprise, facts, dim_liaison, audit_reconciliation) on
 * landed rows.
 */
class ListModelsTests {

	static final YearMonth APRIL = YearMonth.of(2024, 4);

	static final YearMonth MAY = YearMonth.of(2024, 5);

	static final String ACME = Given.uscc("91510000MA6CAB12X");

	@TempDir
	Path dir;

	Warehouse warehouse;

	ReferenceData reference = Given.tinyCounty();

	@BeforeEach
	void open() {
		warehouse = Warehouse.open(dir.resolve("warehouse.duckdb"));
		ReferenceDataLoader.write(warehouse, reference);
	}

	@AfterEach
	void close() {
		warehouse.close();
	}

	static LocalDateTime day(int month, int day) {
		return LocalDateTime.of(2024, month, day, 9, 0);
	}

	void directoryRow(String sha, int row, String list, String name, String uscc, String industry, String township) {
		listRow(warehouse, "raw_enterprise_directory", sha, row, "list", list, "enterprise_name", name, "uscc", uscc,
				"industry", industry, "township", township);
	}

	void majorHazard(String sha, int row, String enterprise, String foundOn) {
		listRow(warehouse, "raw_hazard_ledger", sha, row, "enterprise_name", enterprise, "level", "major", "found_on",
				foundOn, "status", "in_progress", "source", "self_check");
	}

	/**
	 * A summary table of T1 (东镇) whose yjgl row reports the cumulative major hazards
	 * given.
	 */
	void t1Table(String sha, YearMonth period, LocalDateTime receivedAt, long majorCumulative) {
		Given.file(warehouse, sha, "T1", period, receivedAt, "loaded");
		Given.line(warehouse, sha, 7, "T1", EAST, period, "yjgl", receivedAt, majorCumulative, 5, 0, 0);
	}

	@Test
	void anEnterpriseChangingIndustryThenNameBetweenDirectoriesGetsANewVersionEachTimeAndKeepsItsHistory() {
		// given: four directories in received order; the last writes the same name with
		// other brackets and spaces
		listFile(warehouse, "dir-1", "enterprise_directory", null, day(4, 1), "loaded");
		directoryRow("dir-1", 4, "key", "东镇化工有限责任公司", ACME, "应急管理", "东镇");
		listFile(warehouse, "dir-2", "enterprise_directory", null, day(5, 1), "loaded");
		directoryRow("dir-2", 4, "key", "东镇化工有限责任公司", ACME, "住建", "东镇");
		// a ledger in between states neither list nor industry: that carries forward, it
		// does not end the version
		listFile(warehouse, "ledger", "hazard_ledger", "T1", day(5, 10), "loaded");
		majorHazard("ledger", 3, "东镇化工有限公司", "2024-05-03");
		listFile(warehouse, "dir-3", "enterprise_directory", null, day(6, 1), "loaded");
		directoryRow("dir-3", 4, "key", "东镇新材料有限公司（二厂）", ACME, "住建", "东镇");
		listFile(warehouse, "dir-4", "enterprise_directory", null, day(7, 1), "loaded");
		directoryRow("dir-4", 4, "key", "东镇新材料 有限公司(二厂)", ACME, "住建", "东镇");
		// when
		warehouse.buildModels();
		// then
		assertThat(rows(warehouse, """
				select enterprise_key, name, industry_code, region_code, list, valid_from, valid_to, is_current
				from dim_enterprise order by valid_from""")).containsExactly(
				Arrays.asList(ACME, "东镇化工有限责任公司", "yjgl", EAST, "key", "2024-04-01 09:00:00.0", "2024-05-01 09:00:00.0",
						"false"),
				Arrays.asList(ACME, "东镇化工有限公司", "zj", EAST, "key", "2024-05-01 09:00:00.0", "2024-06-01 09:00:00.0",
						"false"),
				Arrays.asList(ACME, "东镇新材料 有限公司(二厂)", "zj", EAST, "key", "2024-06-01 09:00:00.0", null, "true"));
		// the ledger row without a code met the directory's code through its name key
		assertThat(rows(warehouse, "select enterprise_key, industry_code from fact_hazard order by row_number"))
			.containsExactly(List.of(ACME, "zj"));
	}

	@Test
	void enterprisesWithoutAValidCodeAreIdentifiedByNameKeyAndMovingToAnotherListIsAVersion() {
		// given: a malformed code, and names that differ only in spacing, brackets and
		// 有限责任公司
		listFile(warehouse, "dir-1", "enterprise_directory", null, day(4, 1), "loaded");
		directoryRow("dir-1", 4, "general", "西镇 建材有限责任公司（一厂）", "91510000XXXX", "住建", "西镇");
		listFile(warehouse, "dir-2", "enterprise_directory", null, day(5, 1), "loaded");
		directoryRow("dir-2", 4, "key", "西镇建材有限公司(一厂)", null, "住建", "西镇");
		// when
		warehouse.buildModels();
		// then
		assertThat(rows(warehouse, "select enterprise_key, list, is_current from dim_enterprise order by valid_from"))
			.containsExactly(List.of("西镇建材有限公司(一厂)", "general", "false"), List.of("西镇建材有限公司(一厂)", "key", "true"));
	}

	@Test
	void factsHaveOneRowPerHazardInspectionAndViolationKeyedToPeriodRegionIndustryAndEnterprise() {
		// given
		listFile(warehouse, "dir", "enterprise_directory", null, day(4, 1), "loaded");
		directoryRow("dir", 4, "key", "东镇化工有限公司", ACME, "应急管理", "东镇");
		listFile(warehouse, "ledger-old", "hazard_ledger", "T2", day(5, 1), "superseded");
		majorHazard("ledger-old", 3, "东镇化工有限公司", "2024-05-03");
		listFile(warehouse, "ledger", "hazard_ledger", "T2", day(5, 20), "loaded");
		listRow(warehouse, "raw_hazard_ledger", "ledger", 3, "enterprise_name", "东镇化工有限公司", "level", "general",
				"found_on", "2024-05-31", "funds_wan", "12.34567", "status", "rectified", "rectified_on", "2024-06-02");
		listRow(warehouse, "raw_hazard_ledger", "ledger", 4, "enterprise_name", "西镇某厂", "township", "西镇", "industry",
				"住建", "level", "major", "found_on", "2024-04-30", "funds_wan", "不详");
		listFile(warehouse, "insp", "inspection_record", "D1", day(5, 21), "loaded");
		listRow(warehouse, "raw_inspection_record", "insp", 5, "enterprise_name", "东镇化工有限公司", "inspected_on",
				"2024-05-10", "fines_wan", "1.5");
		listRow(warehouse, "raw_inspection_record", "insp", 6, "enterprise_name", "无名作坊", "inspected_on", "2024-06-11");
		listRow(warehouse, "raw_inspection_violation", "insp", 5, "item_no", "1", "violation", "未培训");
		listRow(warehouse, "raw_inspection_violation", "insp", 5, "item_no", "2", "violation", "未演练");
		// when
		warehouse.buildModels();
		// then: the superseded ledger is left out; region from the enterprise when the
		// row names no township
		assertThat(rows(warehouse, """
				select row_number, period, region_code, industry_code, enterprise_key, submitter_code, level, funds_wan,
				    rectified_on
				from fact_hazard order by sha256, row_number""")).containsExactly(
				Arrays.asList("3", "2024-05-01", EAST, "yjgl", ACME, "T2", "general", "12.3457", "2024-06-02"),
				Arrays.asList("4", "2024-04-01", WEST, "zj", "西镇某厂", "T2", "major", null, null));
		// an inspected enterprise in no directory or ledger keeps no enterprise key; its
		// region is the submitter's
		assertThat(rows(warehouse, """
				select row_number, period, region_code, industry_code, enterprise_key, fines_wan, violation_count
				from fact_inspection order by row_number""")).containsExactly(
				Arrays.asList("5", "2024-05-01", EAST, "yjgl", ACME, "1.5000", "2"),
				Arrays.asList("6", "2024-06-01", COUNTY, null, null, null, "0"));
		assertThat(rows(warehouse, """
				select row_number, item_no, violation, period, region_code, enterprise_key
				from fact_violation order by row_number, item_no""")).containsExactly(
				List.of("5", "1", "未培训", "2024-05-01", EAST, ACME), List.of("5", "2", "未演练", "2024-05-01", EAST, ACME));
		assertThat(rows(warehouse,
				"select column_type from (describe fact_hazard) where column_name in ('period', 'funds_wan')"
						+ " order by column_name"))
			.containsExactly(List.of("DECIMAL(18,4)"), List.of("DATE"));
	}

	@Test
	void aLedgerWhoseMajorHazardsDisagreeWithTheMonthFigureOfTheSummaryTableIsReported() {
		// given: 3 major hazards found in May; the table reports cumulative 1 (April)
		// then 3 (May): May's figure is 2
		listFile(warehouse, "ledger", "hazard_ledger", "T1", day(5, 20), "loaded");
		majorHazard("ledger", 3, "东镇化工有限公司", "2024-04-08");
		majorHazard("ledger", 4, "东镇化工有限公司", "2024-05-03");
		majorHazard("ledger", 5, "东镇化工有限公司", "2024-05-09");
		majorHazard("ledger", 6, "东镇某某厂", "2024-05-21");
		t1Table("t1-apr", APRIL, day(4, 20), 1);
		t1Table("t1-may", MAY, day(5, 21), 3);
		// when
		warehouse.buildModels();
		// then: April agrees (1 = 1); May does not
		assertThat(rows(warehouse, """
				select rule, severity, submitter_code, period, campaign, list_count, reported_count
				from audit_reconciliation where rule = 'LEDGER_MAJOR_MISMATCH' order by period"""))
			.containsExactly(List.of("LEDGER_MAJOR_MISMATCH", "warning", "T1", "2024-05-01", "X", "3", "2"));
		assertThat(rows(warehouse, "select message from audit_reconciliation where rule = 'LEDGER_MAJOR_MISMATCH'"))
			.containsExactly(List.of("东镇 2024年5月：隐患台账中发现日期在此期间的重大事故隐患 3 项，统计汇总表填报 2 项（本月累计 3 减上期累计 1），请核实。"));
	}

	@Test
	void aLedgerThatAgreesWithTheSummaryTablesGivesNoFinding() {
		// given: the same ledger; May's table now reports cumulative 4, a month figure of
		// 3
		listFile(warehouse, "ledger", "hazard_ledger", "T1", day(5, 20), "loaded");
		majorHazard("ledger", 3, "东镇化工有限公司", "2024-04-08");
		majorHazard("ledger", 4, "东镇化工有限公司", "2024-05-03");
		majorHazard("ledger", 5, "东镇化工有限公司", "2024-05-09");
		majorHazard("ledger", 6, "东镇某某厂", "2024-05-21");
		t1Table("t1-apr", APRIL, day(4, 20), 1);
		t1Table("t1-may", MAY, day(5, 21), 4);
		// when
		warehouse.buildModels();
		// then
		assertThat(rows(warehouse, "select count(*) from audit_reconciliation where rule = 'LEDGER_MAJOR_MISMATCH'"))
			.containsExactly(List.of("0"));
	}

	@Test
	void whenAMonthHasNoTableTheComparisonSpansBackToTheLastTable() {
		// given: no table for April; May's cumulative 3 covers April and May, as do the 3
		// ledger hazards
		listFile(warehouse, "ledger", "hazard_ledger", "T1", day(5, 20), "loaded");
		majorHazard("ledger", 3, "东镇化工有限公司", "2024-04-08");
		majorHazard("ledger", 4, "东镇化工有限公司", "2024-05-03");
		majorHazard("ledger", 5, "东镇化工有限公司", "2024-05-09");
		listRow(warehouse, "raw_hazard_ledger", "ledger", 6, "enterprise_name", "东镇某某厂", "level", "general", "found_on",
				"2024-06-03", "status", "in_progress", "source", "self_check");
		t1Table("t1-may", MAY, day(5, 21), 3);
		t1Table("t1-jun", YearMonth.of(2024, 6), day(6, 21), 4);
		t1Table("t1-jul", YearMonth.of(2024, 7), day(7, 21), 6);
		// when
		warehouse.buildModels();
		// then: May agrees over April–May; June reports 1 more major hazard but the
		// ledger has none; July is
		// beyond the ledger's last month and is not compared
		assertThat(rows(warehouse, """
				select period, list_count, reported_count from audit_reconciliation order by period"""))
			.containsExactly(List.of("2024-06-01", "0", "1"));
	}

	@Test
	void enterprisesInspectedButInNoDirectoryAreListedOncePerSubmitterAndMonth() {
		// given
		listFile(warehouse, "dir", "enterprise_directory", null, day(4, 1), "loaded");
		directoryRow("dir", 4, "key", "东镇化工有限责任公司", null, "应急管理", "东镇");
		listFile(warehouse, "insp", "inspection_record", "D1", day(5, 21), "loaded");
		listRow(warehouse, "raw_inspection_record", "insp", 5, "enterprise_name", "东镇化工 有限公司", "inspected_on",
				"2024-05-10");
		listRow(warehouse, "raw_inspection_record", "insp", 6, "enterprise_name", "南山小作坊", "inspected_on",
				"2024-05-11");
		listRow(warehouse, "raw_inspection_record", "insp", 7, "enterprise_name", "南山小作坊", "inspected_on",
				"2024-05-18");
		// when
		warehouse.buildModels();
		// then
		assertThat(rows(warehouse, """
				select rule, submitter_code, period, enterprise_key, list_count, message
				from audit_reconciliation order by all"""))
			.containsExactly(List.of("INSPECTED_NOT_IN_DIRECTORY", "D1", "2024-05-01", "南山小作坊", "2",
					"测试县应急管理局 2024年5月：企业“南山小作坊”出现在执法检查记录中（2 条），但不在任何企业名录库（重点/一般检查企业名录库）中，请核实是否漏录。"));
	}

	@Test
	void theRosterCallsTheLiaisonOfTheLatestLiaisonListInsteadOfSubmittersCsv() {
		// given: an older and a newer list for 东镇 (matched by the unit text), nothing for
		// 西镇
		listFile(warehouse, "liaisons-old", "liaison_list", null, day(4, 1), "loaded");
		listRow(warehouse, "raw_liaison_list", "liaisons-old", 3, "name", "周八", "unit_and_post", "东镇 安办副主任", "mobile",
				"13900000008");
		listFile(warehouse, "liaisons", "liaison_list", null, day(5, 1), "loaded");
		listRow(warehouse, "raw_liaison_list", "liaisons", 3, "name", "陈七", "unit_and_post", "东镇人民政府 安办主任", "mobile",
				"13900000007");
		listRow(warehouse, "raw_liaison_list", "liaisons", 4, "name", "吴九", "unit_and_post", "测试县应急管理局 科员", "mobile",
				"13900000009");
		warehouse.buildModels();
		// when
		new RollupBuilder(warehouse, reference)
			.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, null));
		// then
		assertThat(rows(warehouse, "select submitter_code, liaison, phone from rollup_roster order by submitter_code"))
			.containsExactly(List.of("D1", "吴九", "13900000009"), List.of("T1", "陈七", "13900000007"),
					List.of("T2", "李四", "13800000002"));
		assertThat(
				rows(warehouse, "select submitter_code, liaison_name, mobile from dim_liaison order by submitter_code"))
			.containsExactly(List.of("D1", "吴九", "13900000009"), List.of("T1", "陈七", "13900000007"));
	}

}
