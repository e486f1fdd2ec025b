package org.anjian.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.junit.jupiter.api.Test;

class DueRollupsTests {

	private final ReferenceData sample = SampleReference.calendarOnly();

	@Test
	void nightlyOnTheSaturdayAfterTheShiftedJuneDeadlineFindsFiveRollupsInCalendarOrder() {
		// given the QA2024 campaign (2024-04..2024-10, due on the 22nd; 22 June 2024 is a
		// Saturday)
		DueRollups rollups = new DueRollups(sample);

		// when
		List<DueRollup> due = rollups.dueBy(LocalDateTime.parse("2024-06-22T02:00"), Set.of());

		// then June's cutoff is due (deadline moved to Friday 21 June) but not June's
		// month-end
		assertThat(due).extracting(DueRollup::campaign, DueRollup::period, DueRollup::kind, DueRollup::asOf)
			.containsExactly(
					tuple("QA2024", YearMonth.of(2024, 4), "cutoff", LocalDateTime.parse("2024-04-22T23:59:59")),
					tuple("QA2024", YearMonth.of(2024, 4), "month-end", LocalDateTime.parse("2024-04-30T23:59:59")),
					tuple("QA2024", YearMonth.of(2024, 5), "cutoff", LocalDateTime.parse("2024-05-22T23:59:59")),
					tuple("QA2024", YearMonth.of(2024, 5), "month-end", LocalDateTime.parse("2024-05-31T23:59:59")),
					tuple("QA2024", YearMonth.of(2024, 6), "cutoff", LocalDateTime.parse("2024-06-21T23:59:59")));
	}

	@Test
	void secondNightlyForTheSameMomentFindsNothingNew() {
		// given the rollups the first run produced
		DueRollups rollups = new DueRollups(sample);
		LocalDateTime now = LocalDateTime.parse("2024-06-22T02:00");
		Set<RollupKey> produced = rollups.dueBy(now, Set.of()).stream().map(DueRollup::key).collect(Collectors.toSet());

		// when
		List<DueRollup> again = rollups.dueBy(now, produced);

		// then
		assertThat(produced).hasSize(5);
		assertThat(again).isEmpty();
	}

	@Test
	void cutoffIsNotDueUntilTheDeadlineDayHasEnded() {
		// given
		DueRollups rollups = new DueRollups(sample);
		RollupKey mayCutoff = new RollupKey("QA2024", YearMonth.of(2024, 5), "cutoff");

		// when / then
		assertThat(rollups.dueBy(LocalDateTime.parse("2024-05-22T23:59:59"), Set.of())).extracting(DueRollup::key)
			.doesNotContain(mayCutoff);
		assertThat(rollups.dueBy(LocalDateTime.parse("2024-05-23T00:00"), Set.of())).extracting(DueRollup::key)
			.contains(mayCutoff);
	}

	@Test
	void onlyTheCampaignMonthsAreEverDue() {
		// given
		DueRollups rollups = new DueRollups(sample);

		// when
		List<DueRollup> beforeCampaign = rollups.dueBy(LocalDateTime.parse("2024-04-22T23:00"), Set.of());
		List<DueRollup> yearsLater = rollups.dueBy(LocalDateTime.parse("2030-01-01T00:00"), Set.of());

		// then
		assertThat(beforeCampaign).isEmpty();
		assertThat(yearsLater).hasSize(14)
			.extracting(DueRollup::period)
			.allMatch(p -> !p.isBefore(YearMonth.of(2024, 4)) && !p.isAfter(YearMonth.of(2024, 10)));
	}

	@Test
	void laterShiftMovesASaturdayDeadlineToMonday() {
		// given the same campaign with holiday_shift 顺延 (later)
		Campaign qa = sample.campaigns().get(0);
		Campaign later = new Campaign(qa.code(), qa.name(), qa.firstMonth(), qa.lastMonth(), qa.cutoffDay(),
				qa.titleKeywords(), qa.form(), "later");
		ReferenceData reference = new ReferenceData(List.of(), List.of(), List.of(), List.of(later), sample.holidays());

		// when
		List<DueRollup> due = new DueRollups(reference).dueBy(LocalDateTime.parse("2024-06-25T00:00"), Set.of());

		// then
		assertThat(due).filteredOn(r -> r.period().equals(YearMonth.of(2024, 6)))
			.extracting(DueRollup::kind, r -> r.asOf().toLocalDate())
			.containsExactly(tuple("cutoff", LocalDate.of(2024, 6, 24)));
	}

	@Test
	void rollupParametersAreTheRollupsIdentity() {
		// given
		DueRollup june = new DueRollup(new RollupRequest("QA2024", YearMonth.of(2024, 6), RollupKind.CUTOFF,
				LocalDateTime.parse("2024-06-21T23:59:59")));

		// when / then
		assertThat(june.parameters()).containsExactly(entry("campaign", "QA2024"), entry("period", "2024-06"),
				entry("kind", "cutoff"), entry("asOf", "2024-06-21T23:59:59"));
		assertThat(june.dueAt()).isEqualTo(LocalDateTime.parse("2024-06-22T00:00"));
	}

	@Test
	void nothingComesDueBeforeReportFromAndANextMonthDeadlineCarriesTheMonthEndIntoThatMonth() {
		// given: owed from 2024-05 (campaign from 2024-04), due on the 1st of the next
		// month
		Campaign next = new Campaign("NX", "次月1日", YearMonth.of(2024, 4), YearMonth.of(2024, 6), 1, List.of("nx"),
				"F-000", "earlier", YearMonth.of(2024, 5), "next");
		ReferenceData data = new ReferenceData(List.of(), List.of(), List.of(), List.of(next), sample.holidays());

		// when
		List<DueRollup> calendar = new DueRollups(data).calendar();

		// then: May and June only; May's table is due 2024-06-01 (Saturday) → Friday 31
		// May,
		// its month-end as of the end of June (the month of the unshifted deadline)
		assertThat(calendar).extracting(DueRollup::period).doesNotContain(YearMonth.of(2024, 4)).hasSize(4);
		assertThat(calendar).filteredOn(r -> r.period().equals(YearMonth.of(2024, 5)))
			.extracting(DueRollup::kind, DueRollup::asOf)
			.containsExactly(tuple("cutoff", LocalDateTime.of(2024, 5, 31, 23, 59, 59)),
					tuple("month-end", LocalDateTime.of(2024, 6, 30, 23, 59, 59)));
	}

}
