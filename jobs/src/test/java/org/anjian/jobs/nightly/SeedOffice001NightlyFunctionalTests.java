package org.anjian.jobs.nightly;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.jobs.support.offices.SeedOffice;
import org.anjian.jobs.support.offices.SeedOffices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 (遂宁市安居区 强安2023, F-001): campaign from March, “从4月开始，每月23日前上报”.
 */
class SeedOffice001NightlyFunctionalTests extends SeedOfficeNightlyFunctionalTests {

	@Override
	SeedOffice office() {
		return SeedOffices.seed001();
	}

	@Test
	void nothingIsOwedForMarchAndAprilIsDueOnItsMakeUpWorkingSunday() {
		assertThat(office.campaign().csv())
			.isEqualTo("QA2023,强安2023监管执法专项行动,2023-03,2023-12,23,强安2023,F-001,earlier,2023-04,same");
		assertThat(WarehouseQueries.query(home, "select * from rollup_roster where period = date '2023-03-01'"))
			.isEmpty();
		// 23 April 2023 is a Sunday worked for 劳动节: no shift
		YearMonth april = YearMonth.of(2023, 4);
		assertThat(calendar.deadline(april)).isEqualTo(LocalDate.of(2023, 4, 23));
		assertThat(producedAfter.get(LocalDateTime.parse("2023-04-24T02:00")))
			.containsExactly("2023-04 cutoff 2023-04-23T23:59:59");
		assertThat(rules(sent("AJ03", april).get(0))).doesNotContain("LATE");
		assertThat(rosterLine(april, "cutoff", "AJ03")).containsEntry("status", "on_time");
		List<Map<String, Object>> aprilMonth = WarehouseQueries.query(home, """
				select inspectors, inspectors_cum from rollup_month_end
				where period = date '2023-04-01' and region_code = '510904' and industry_code = 'ALL'""");
		assertThat(aprilMonth.get(0).get("inspectors")).isEqualTo(aprilMonth.get(0).get("inspectors_cum"));
	}

	@Test
	void juneIsDueOnWednesday21stBeforeTheDragonBoatHolidays() {
		YearMonth june = YearMonth.of(2023, 6);
		assertThat(calendar.deadline(june)).isEqualTo(LocalDate.of(2023, 6, 21));
		assertThat(rules(sent("AJ02", june).get(0))).doesNotContain("LATE");
		assertThat(rules(sent("AJ05", june).get(0))).contains("LATE");
		assertThat(rosterLine(june, "cutoff", "AJ05")).containsEntry("status", "missing");
		assertThat(rosterLine(june, "month-end", "AJ05")).containsEntry("status", "late");
	}

	@Test
	void decemberIsDueOnFriday22nd() {
		YearMonth december = YearMonth.of(2023, 12);
		assertThat(calendar.deadline(december)).isEqualTo(LocalDate.of(2023, 12, 22));
		assertThat(rules(sent("AJ04", december).get(0))).contains("LATE");
		assertThat(rosterLine(december, "month-end", "AJ04")).containsEntry("status", "late")
			.containsEntry("as_of", "2023-12-31T23:59:59");
	}

}
