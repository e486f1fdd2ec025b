package org.anjian.jobs.nightly;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;

import org.anjian.jobs.support.offices.SeedOffice;
import org.anjian.jobs.support.offices.SeedOffices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004 (岫岩满族自治县 重大事故隐患专项排查整治2023): “每月1日上报截至上月末的累计情况，如遇节假日提前上报”.
 */
class SeedOffice004NightlyFunctionalTests extends SeedOfficeNightlyFunctionalTests {

	@Override
	SeedOffice office() {
		return SeedOffices.seed004();
	}

	@Test
	void septemberIsDueOn28SeptemberInsideTheMonthAndItsCutoffComesBeforeAugustsMonthEnd() {
		assertThat(office.campaign().csv())
			.isEqualTo("PZ2023,重大事故隐患专项排查整治2023行动,2023-06,2023-12,1,专项排查整治2023|排查整治2023,F-001,earlier,,next");
		// 1 October 国庆 → 提前: 30 and 29 September are holidays too → Thursday 28th
		YearMonth september = YearMonth.of(2023, 9);
		assertThat(calendar.deadline(september)).isEqualTo(LocalDate.of(2023, 9, 28));
		assertThat(producedAfter.get(LocalDateTime.parse("2023-09-29T02:00")))
			.contains("2023-09 cutoff 2023-09-28T23:59:59")
			.doesNotContain("2023-08 month-end 2023-09-30T23:59:59");
		assertThat(rules(sent("XY01", september).get(0))).doesNotContain("LATE");
		assertThat(rosterLine(september, "cutoff", "XY01")).containsEntry("status", "on_time");
		// received in September, yet after the deadline
		assertThat(rules(sent("XY02", september).get(0))).contains("LATE");
		assertThat(rosterLine(september, "cutoff", "XY02")).containsEntry("status", "missing");
		// the month-end of September is the end of October, the month of the unshifted
		// deadline
		assertThat(rosterLine(september, "month-end", "XY02")).containsEntry("status", "late")
			.containsEntry("as_of", "2023-10-31T23:59:59");
		assertThat(rules(sent("XY05", september).get(0))).contains("LATE");
		assertThat(rosterLine(september, "month-end", "XY05")).containsEntry("status", "late");
	}

	@Test
	void juneAndDecemberAreDueInsideTheirMonthsToo() {
		YearMonth june = YearMonth.of(2023, 6);
		assertThat(calendar.deadline(june)).isEqualTo(LocalDate.of(2023, 6, 30));
		assertThat(rules(sent("XY07", june).get(0))).contains("LATE");
		assertThat(rosterLine(june, "month-end", "XY07")).containsEntry("status", "late")
			.containsEntry("as_of", "2023-07-31T23:59:59");
		YearMonth december = YearMonth.of(2023, 12);
		assertThat(calendar.deadline(december)).isEqualTo(LocalDate.of(2023, 12, 29));
		assertThat(rules(sent("XY03", december).get(0))).doesNotContain("LATE");
		assertThat(rosterLine(december, "cutoff", "XY03")).containsEntry("status", "on_time")
			.containsEntry("as_of", "2023-12-29T23:59:59");
		assertThat(rules(sent("XY06", december).get(0))).contains("LATE");
		assertThat(rosterLine(december, "month-end", "XY06")).containsEntry("status", "late")
			.containsEntry("as_of", "2024-01-31T23:59:59");
	}

}
