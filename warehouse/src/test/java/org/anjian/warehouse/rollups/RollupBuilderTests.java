package org.anjian.warehouse.rollups;

import static org.anjian.warehouse.Given.COUNTY;
import static org.anjian.warehouse.Given.EAST;
import static org.anjian.warehouse.Given.PARK;
import static org.anjian.warehouse.Given.WEST;
import static org.anjian.warehouse.Given.file;
import static org.anjian.warehouse.Given.line;
import static org.anjian.warehouse.Given.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import org.anjian.warehouse.Given;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RollupBuilderTests {

	static final YearMonth APRIL = YearMonth.of(2024, 4);

	static final YearMonth MAY = YearMonth.of(2024, 5);

	Warehouse warehouse;

	ReferenceData reference = Given.tinyCounty();

	RollupBuilder builder;

	@BeforeEach
	void openWarehouse() {
		warehouse = Warehouse.inMemory();
		ReferenceDataLoader.write(warehouse, reference);
		warehouse.buildModels();
		builder = new RollupBuilder(warehouse, reference);
	}

	@AfterEach
	void closeWarehouse() {
		warehouse.close();
	}

	static LocalDateTime at(int month, int day, int hour) {
		return LocalDateTime.of(2024, month, day, hour, 0);
	}

	/**
	 * A one-row table: a submitter's yjgl row with the given hazards and rectifications.
	 */
	void table(String sha, String submitter, String region, YearMonth period, LocalDateTime receivedAt,
			long hazardsMajor, long hazardsGeneral, long rectifiedMajor, long rectifiedGeneral) {
		file(warehouse, sha, submitter, period, receivedAt, "loaded");
		line(warehouse, sha, 7, submitter, region, period, "yjgl", receivedAt, hazardsMajor, hazardsGeneral,
				rectifiedMajor, rectifiedGeneral);
	}

	List<List<String>> cutoff(String columns) {
		return rows(warehouse, "select region_code, industry_code, " + columns
				+ " from rollup_cutoff order by region_code, industry_code");
	}

	@Test
	void latestVersionReceivedByAsOfWins() {
		// given
		table("t1-first", "T1", EAST, APRIL, at(4, 10, 9), 0, 5, 0, 1);
		table("t1-fixed", "T1", EAST, APRIL, at(4, 20, 9), 0, 7, 0, 2);
		// when
		builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.CUTOFF, at(4, 15, 0)));
		List<List<String>> early = rows(warehouse,
				"select region_code, industry_code, hazards_total from whatif_rollup_cutoff order by all");
		builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.CUTOFF, null));
		List<List<String>> byDeadline = cutoff("hazards_total");
		// then
		assertThat(early).contains(List.of(COUNTY, "yjgl", "5"), List.of(EAST, "ALL", "5"));
		assertThat(byDeadline).contains(List.of(COUNTY, "yjgl", "7"), List.of(EAST, "ALL", "7"));
	}

	@Test
	void submitterWithoutTableIsCarriedForwardFromItsLatestEarlierTable() {
		// given
		table("t1-apr", "T1", EAST, APRIL, at(4, 10, 9), 1, 4, 1, 2);
		table("d1-apr", "D1", COUNTY, APRIL, at(4, 11, 9), 0, 3, 0, 3);
		table("d1-may", "D1", COUNTY, MAY, at(5, 12, 9), 0, 6, 0, 5);
		// when
		RollupResult result = builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, null));
		// then
		assertThat(cutoff("hazards_total, submitters_expected, submitters_reported, submitters_carried_forward"))
			.containsExactly(List.of(COUNTY, "ALL", "11", "3", "1", "1"), List.of(COUNTY, "yjgl", "11", "3", "1", "1"),
					List.of(EAST, "ALL", "5", "1", "0", "1"), List.of(EAST, "yjgl", "5", "1", "0", "1"),
					Arrays.asList(WEST, "ALL", null, "1", "0", "0"), Arrays.asList(PARK, "ALL", null, "0", "0", "0"));
		assertThat(result.asOf()).isEqualTo(LocalDateTime.of(2024, 5, 22, 23, 59, 59));
		assertThat(result.roster()).containsExactly(
				new RollupResult.RosterEntry("D1", "测试县应急管理局", "on_time", false, "王五", "13800000003"),
				new RollupResult.RosterEntry("T1", "东镇", "missing", true, "张三", "13800000001"),
				new RollupResult.RosterEntry("T2", "西镇", "missing", false, "李四", "13800000002"));
		assertThat(rows(warehouse, """
				select submitter_code, carried_from_period, sha256 from rollup_roster
				where kind = 'cutoff' order by submitter_code""")).containsExactly(Arrays.asList("D1", null, "d1-may"),
				List.of("T1", "2024-04-01", "t1-apr"), Arrays.asList("T2", null, null));
	}

	@Test
	void lateTableIsLeftOutOfTheCutoffButTakenAtMonthEnd() {
		// given: D1's May table arrives the day after the 22 May deadline
		table("d1-apr", "D1", COUNTY, APRIL, at(4, 11, 9), 0, 3, 0, 3);
		table("d1-may", "D1", COUNTY, MAY, at(5, 23, 9), 0, 8, 0, 6);
		// when
		RollupResult cutoff = builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, null));
		RollupResult monthEnd = builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.MONTH_END, null));
		// then
		assertThat(rows(warehouse,
				"select hazards_total from rollup_cutoff where region_code = ? and industry_code = 'ALL'", COUNTY))
			.containsExactly(List.of("3"));
		assertThat(rows(warehouse, """
				select hazards_total, hazards_total_cum, rectified_total, rectified_total_cum
				from rollup_month_end where region_code = ? and industry_code = 'ALL'""", COUNTY))
			.containsExactly(List.of("5", "8", "3", "6"));
		assertThat(cutoff.roster().get(0).status()).isEqualTo("missing");
		assertThat(cutoff.roster().get(0).carriedForward()).isTrue();
		assertThat(monthEnd.roster().get(0).status()).isEqualTo("late");
		assertThat(monthEnd.asOf()).isEqualTo(LocalDateTime.of(2024, 5, 31, 23, 59, 59));
		assertThat(monthEnd.deadline()).isEqualTo(LocalDate.of(2024, 5, 22));
	}

	@Test
	void correctionLowerThanLastMonthGivesNegativeMonthFigure() {
		// given: April's cumulative 10 hazards, May's (corrected) cumulative only 8
		table("d1-apr", "D1", COUNTY, APRIL, at(4, 11, 9), 2, 8, 1, 4);
		table("d1-may", "D1", COUNTY, MAY, at(5, 12, 9), 1, 7, 1, 5);
		// when
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.MONTH_END, null));
		// then
		assertThat(rows(warehouse, """
				select region_code, industry_code, hazards_total, hazards_major, rectified_total, hazards_total_cum,
				    fines_wan, fines_wan_cum
				from rollup_month_end where region_code = ? order by industry_code""", COUNTY)).containsExactly(
				List.of(COUNTY, "ALL", "-2", "-1", "1", "8", "0.0000", "1.5000"),
				List.of(COUNTY, "yjgl", "-2", "-1", "1", "8", "0.0000", "1.5000"));
	}

	@Test
	void firstCampaignMonthFigureIsItsCumulative() {
		// given
		table("t2-apr", "T2", WEST, APRIL, at(4, 19, 9), 1, 3, 1, 1);
		// when
		builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.MONTH_END, null));
		// then
		assertThat(rows(warehouse, """
				select region_code, industry_code, hazards_total, hazards_total_cum, rectification_rate,
				    major_rectification_rate
				from rollup_month_end where region_code = ? order by industry_code""", WEST)).containsExactly(
				List.of(WEST, "ALL", "4", "4", "0.5", "1.0"), List.of(WEST, "yjgl", "4", "4", "0.5", "1.0"));
	}

	@Test
	void townshipRowsCountOnlyThatTownshipsSubmitters() {
		// given
		table("t1-apr", "T1", EAST, APRIL, at(4, 10, 9), 0, 4, 0, 1);
		table("t2-apr", "T2", WEST, APRIL, at(4, 10, 9), 0, 6, 0, 2);
		table("d1-apr", "D1", COUNTY, APRIL, at(4, 10, 9), 0, 9, 0, 3);
		// when
		builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.CUTOFF, null));
		// then
		assertThat(cutoff("hazards_total, rectified_total, submitters_expected, submitters_reported")).containsExactly(
				List.of(COUNTY, "ALL", "19", "6", "3", "3"), List.of(COUNTY, "yjgl", "19", "6", "3", "3"),
				List.of(EAST, "ALL", "4", "1", "1", "1"), List.of(EAST, "yjgl", "4", "1", "1", "1"),
				List.of(WEST, "ALL", "6", "2", "1", "1"), List.of(WEST, "yjgl", "6", "2", "1", "1"),
				Arrays.asList(PARK, "ALL", null, null, "0", "0"));
	}

	@Test
	void aCityDeploymentHasRowsForEveryLevelWithSubmittersInOrUnderIt() {
		// given: 市 → 县 → 镇 → 村, a city department, a county reporting as a whole, a
		// village reporting through the city directly, and a village nobody reports for
		ReferenceData city = new ReferenceData(
				List.of(new ReferenceData.Region("C", "测试市", "city", null),
						new ReferenceData.Region("K1", "甲县", "county", "C"),
						new ReferenceData.Region("K2", "乙县", "county", "C"),
						new ReferenceData.Region("K2T", "乙镇", "township", "K2"),
						new ReferenceData.Region("K2TV", "乙村", "village", "K2T"),
						new ReferenceData.Region("K2TW", "丙村", "village", "K2T")),
				reference.industries(),
				List.of(new ReferenceData.Submitter("CD", "测试市应急管理局", "department", "C", List.of(), null, null),
						new ReferenceData.Submitter("S1", "甲县", "township", "K1", List.of(), null, null),
						new ReferenceData.Submitter("S2", "乙村", "township", "K2TV", List.of(), null, null)),
				reference.campaigns(), List.of());
		ReferenceDataLoader.write(warehouse, city);
		RollupBuilder cityBuilder = new RollupBuilder(warehouse, city);
		table("cd", "CD", "C", APRIL, at(4, 10, 9), 0, 1, 0, 1);
		table("s1", "S1", "K1", APRIL, at(4, 10, 9), 0, 10, 0, 2);
		table("s2", "S2", "K2TV", APRIL, at(4, 10, 9), 0, 100, 0, 3);
		// when
		cityBuilder.materialize(RollupRequest.of(city, "X", APRIL, RollupKind.CUTOFF, null));
		// then: the village's figures count in its township, county and the city; 丙村
		// has no row
		assertThat(rows(warehouse, """
				select region_code, hazards_total, rectified_total, submitters_expected, submitters_reported
				from rollup_cutoff where industry_code = 'ALL' order by region_code""")).containsExactly(
				List.of("C", "111", "6", "3", "3"), List.of("K1", "10", "2", "1", "1"),
				List.of("K2", "100", "3", "1", "1"), List.of("K2T", "100", "3", "1", "1"),
				List.of("K2TV", "100", "3", "1", "1"));
		warehouse.buildModels();
		assertThat(rows(warehouse,
				"select region_code, depth, path_codes, path_names, is_top from dim_region"
						+ " where region_code in ('C', 'K2TV') order by depth"))
			.containsExactly(List.of("C", "0", "C", "测试市", "true"),
					List.of("K2TV", "3", "C/K2/K2T/K2TV", "测试市/乙县/乙镇/乙村", "false"));
	}

	@Test
	void ratesAreNullWhenTheDivisorIsZero() {
		// given: no major hazards at all, and a region with nothing
		table("t1-apr", "T1", EAST, APRIL, at(4, 10, 9), 0, 4, 0, 3);
		// when
		builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.MONTH_END, null));
		// then
		assertThat(rows(warehouse, """
				select region_code, rectification_rate, major_rectification_rate, coverage_rate
				from rollup_month_end where industry_code = 'ALL' order by region_code""")).containsExactly(
				Arrays.asList(COUNTY, "0.75", null, null), Arrays.asList(EAST, "0.75", null, null),
				Arrays.asList(WEST, null, null, null), Arrays.asList(PARK, null, null, null));
	}

	@Test
	void rerunningReplacesRowsInsteadOfAddingThem() {
		// given
		table("t1-apr", "T1", EAST, APRIL, at(4, 10, 9), 0, 4, 0, 3);
		builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.CUTOFF, null));
		builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.MONTH_END, null));
		List<List<String>> cutoffBefore = rows(warehouse, "select * from rollup_cutoff order by all");
		List<List<String>> monthEndBefore = rows(warehouse, "select * from rollup_month_end order by all");
		List<List<String>> rosterBefore = rows(warehouse, "select * from rollup_roster order by all");
		// when
		RollupResult again = builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.CUTOFF, null));
		builder.materialize(RollupRequest.of(reference, "X", APRIL, RollupKind.MONTH_END, null));
		// then
		assertThat(again.rowsWritten()).isEqualTo(cutoffBefore.size());
		assertThat(rows(warehouse, "select * from rollup_cutoff order by all")).isEqualTo(cutoffBefore);
		assertThat(rows(warehouse, "select * from rollup_month_end order by all")).isEqualTo(monthEndBefore);
		assertThat(rows(warehouse, "select * from rollup_roster order by all")).isEqualTo(rosterBefore).hasSize(6);
	}

	@Test
	void aWhatIfLeavesTheOfficialRowsAndRosterAsTheyWereAndKeepsItsOwnRowsPerAsOf() {
		// given: the official May cutoff, T1's table received before the deadline
		table("d1-may", "D1", COUNTY, MAY, at(5, 12, 9), 0, 6, 0, 5);
		table("t1-may", "T1", EAST, MAY, at(5, 20, 9), 0, 4, 0, 1);
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, null));
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.MONTH_END, null));
		List<List<String>> cutoffBefore = rows(warehouse, "select * from rollup_cutoff order by all");
		List<List<String>> monthEndBefore = rows(warehouse, "select * from rollup_month_end order by all");
		List<List<String>> rosterBefore = rows(warehouse, "select * from rollup_roster order by all");
		// when: what-ifs as of 15 May (before T1's table) and as of 13 May, and the
		// first again
		RollupRequest may15 = RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, at(5, 15, 0));
		assertThat(may15.isWhatIf(reference)).isTrue();
		assertThat(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, LocalDateTime.of(2024, 5, 22, 23, 59, 59))
			.isWhatIf(reference)).as("the default as_of given explicitly").isFalse();
		builder.materialize(may15);
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, at(5, 13, 0)));
		RollupResult again = builder.materialize(may15);
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.MONTH_END, at(5, 15, 0)));
		// then the official rows are untouched
		assertThat(rows(warehouse, "select * from rollup_cutoff order by all")).isEqualTo(cutoffBefore);
		assertThat(rows(warehouse, "select * from rollup_month_end order by all")).isEqualTo(monthEndBefore);
		assertThat(rows(warehouse, "select * from rollup_roster order by all")).isEqualTo(rosterBefore);
		// and each what-if is queryable by its as_of, without T1's later table
		assertThat(rows(warehouse, """
				select strftime(as_of, '%Y-%m-%d %H:%M'), hazards_total from whatif_rollup_cutoff
				where region_code = ? and industry_code = 'ALL' order by as_of""", COUNTY))
			.containsExactly(List.of("2024-05-13 00:00", "6"), List.of("2024-05-15 00:00", "6"));
		assertThat(rows(warehouse, """
				select kind, strftime(as_of, '%Y-%m-%d'), submitter_code, status from whatif_rollup_roster
				where submitter_code = 'T1' order by kind, as_of""")).containsExactly(
				List.of("cutoff", "2024-05-13", "T1", "missing"), List.of("cutoff", "2024-05-15", "T1", "missing"),
				List.of("month-end", "2024-05-15", "T1", "missing"));
		assertThat(rows(warehouse, "select hazards_total_cum from whatif_rollup_month_end where region_code = ?"
				+ " and industry_code = 'ALL'", COUNTY))
			.containsExactly(List.of("6"));
		assertThat(again.roster()).extracting(RollupResult.RosterEntry::status)
			.containsExactly("on_time", "missing", "missing");
		assertThat(again.rowsWritten())
			.isEqualTo(rows(warehouse, "select * from whatif_rollup_cutoff where as_of = ?", at(5, 15, 0)).size());
	}

	@Test
	void aWhatIfTableGainsAColumnALaterMigrationGaveItsOfficialTwin() {
		// given
		table("d1-may", "D1", COUNTY, MAY, at(5, 12, 9), 0, 6, 0, 5);
		Given.exec(warehouse, "alter table rollup_cutoff add column later_measure bigint");
		Given.exec(warehouse, "alter table rollup_roster add column later_note varchar");
		// when
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, at(5, 15, 0)));
		// then
		assertThat(rows(warehouse, "select count(later_measure) from whatif_rollup_cutoff"))
			.containsExactly(List.of("0"));
		assertThat(rows(warehouse, "select count(later_note) from whatif_rollup_roster")).containsExactly(List.of("0"));
	}

	@Test
	void aMissingSubmitterWhoseTableWasRejectedCarriesTheRejectionsRules() {
		// given: T1's May table rejected (two errors, one rule twice), T2 sent nothing,
		// T1's
		// April table carried forward
		table("t1-apr", "T1", EAST, APRIL, at(4, 10, 9), 0, 4, 0, 1);
		file(warehouse, "t1-may-bad", "T1", MAY, at(5, 20, 9), "rejected");
		Given.exec(warehouse, """
				insert into audit_issue (sha256, issue_no, severity, rule, sheet, row_number, column_name, message)
				values ('t1-may-bad', 1, 'error', 'NEGATIVE', 'Sheet1', 7, 'G', '第7行：负数'),
				       ('t1-may-bad', 2, 'error', 'HAZARD_SUM', 'Sheet1', 8, 'G', '第8行：总计不等'),
				       ('t1-may-bad', 3, 'error', 'NEGATIVE', 'Sheet1', 9, 'H', '第9行：负数'),
				       ('t1-may-bad', 4, 'warning', 'LATE', 'Sheet1', null, null, '晚了')""");
		// when
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, null));
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.MONTH_END, null));
		// then
		assertThat(rows(warehouse, """
				select kind, submitter_code, status, carried_forward, rejected_rules,
				    strftime(rejected_at, '%Y-%m-%d %H:%M')
				from rollup_roster order by kind, submitter_code""")).containsExactly(
				Arrays.asList("cutoff", "D1", "missing", "false", null, null),
				List.of("cutoff", "T1", "missing", "true", "HAZARD_SUM,NEGATIVE", "2024-05-20 09:00"),
				Arrays.asList("cutoff", "T2", "missing", "false", null, null),
				Arrays.asList("month-end", "D1", "missing", "false", null, null),
				List.of("month-end", "T1", "missing", "true", "HAZARD_SUM,NEGATIVE", "2024-05-20 09:00"),
				Arrays.asList("month-end", "T2", "missing", "false", null, null));
	}

	@Test
	void aRejectedTableAfterAsOfOrBesideAnAcceptedOneIsNotARejection() {
		// given: D1's rejected table came after the deadline; T1 has an accepted table
		// and a rejected one
		file(warehouse, "d1-may-bad", "D1", MAY, at(5, 25, 9), "rejected");
		table("t1-may", "T1", EAST, MAY, at(5, 12, 9), 0, 4, 0, 1);
		file(warehouse, "t1-may-bad", "T1", MAY, at(5, 13, 9), "rejected");
		// when
		builder.materialize(RollupRequest.of(reference, "X", MAY, RollupKind.CUTOFF, null));
		// then
		assertThat(rows(warehouse, "select submitter_code, status, rejected_at from rollup_roster order by 1"))
			.containsExactly(Arrays.asList("D1", "missing", null), Arrays.asList("T1", "on_time", null),
					Arrays.asList("T2", "missing", null));
	}

}
