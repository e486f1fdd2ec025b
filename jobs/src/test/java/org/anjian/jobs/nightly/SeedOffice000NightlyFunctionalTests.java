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
 * Seed 000 (广汉市 强安2024, F-000): campaign from April, “从5月开始，每月22日前上报”.
 */
class SeedOffice000NightlyFunctionalTests extends SeedOfficeNightlyFunctionalTests {

	@Override
	SeedOffice office() {
		return SeedOffices.seed000();
	}

	@Test
	void nothingIsOwedForAprilAndMaysMonthFigureIsTheCumulativeFromApril() {
		// the campaign row as the README shows it
		assertThat(office.campaign().csv())
			.isEqualTo("QA2024,强安2024监管执法专项行动,2024-04,2024-10,22,强安2024,F-000,earlier,2024-05,same");
		assertThat(WarehouseQueries.query(home, "select * from rollup_roster where period = date '2024-04-01'"))
			.isEmpty();
		assertThat(producedAfter.get(LocalDateTime.parse("2024-05-23T02:00")))
			.containsExactly("2024-05 cutoff 2024-05-22T23:59:59");
		List<Map<String, Object>> may = WarehouseQueries.query(home, """
				select hazards_total, hazards_total_cum, submitters_expected from rollup_month_end
				where period = date '2024-05-01' and region_code = '510681' and industry_code = 'ALL'""");
		assertThat(may).hasSize(1);
		assertThat(may.get(0).get("hazards_total")).isEqualTo(may.get(0).get("hazards_total_cum"));
		assertThat(((Number) may.get(0).get("submitters_expected")).intValue()).isEqualTo(8);
	}

	@Test
	void juneIsDueOnFriday21stAndATableOnSaturday22ndIsLate() {
		YearMonth june = YearMonth.of(2024, 6);
		assertThat(calendar.deadline(june)).isEqualTo(LocalDate.of(2024, 6, 21));
		assertThat(rules(sent("GH02", june).get(0))).doesNotContain("LATE");
		assertThat(rosterLine(june, "cutoff", "GH02")).containsEntry("status", "on_time")
			.containsEntry("as_of", "2024-06-21T23:59:59");
		assertThat(rules(sent("GH03", june).get(0))).contains("LATE");
		assertThat(rosterLine(june, "cutoff", "GH03")).containsEntry("status", "missing");
		assertThat(rosterLine(june, "month-end", "GH03")).containsEntry("status", "late")
			.containsEntry("carried_forward", false);
	}

	@Test
	void septemberIsDueOnFriday20thBeforeTheMidAutumnWeekend() {
		YearMonth september = YearMonth.of(2024, 9);
		assertThat(calendar.deadline(september)).isEqualTo(LocalDate.of(2024, 9, 20));
		assertThat(rules(sent("GH07", september).get(0))).doesNotContain("LATE");
		assertThat(rules(sent("GH06", september).get(0))).contains("LATE");
		assertThat(sent("GH04", september)).isEmpty();
		assertThat(rosterLine(september, "month-end", "GH04")).containsEntry("status", "missing")
			.containsEntry("carried_forward", true);
	}

}
