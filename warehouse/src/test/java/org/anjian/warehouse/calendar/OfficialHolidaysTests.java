package org.anjian.warehouse.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.anjian.warehouse.Given;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Holiday;
import org.junit.jupiter.api.Test;

class OfficialHolidaysTests {

	OfficialHolidays official = OfficialHolidays.bundled();

	DeadlineCalendar calendar = new DeadlineCalendar(List.of());

	@Test
	void everyYearFrom2019To2026HasItsStateCouncilNotice() {
		assertThat(official.notices().keySet()).containsExactly(2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
		official.notices()
			.forEach((year, notice) -> assertThat(notice).as("%d", year)
				.contains("国务院办公厅关于" + year + "年部分节假日安排的通知", "国办发明电"));
		assertThat(calendar.coveredYears()).containsExactly(2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
	}

	@Test
	void makeUpWorkingDaysAreWeekendsAndNoDayIsListedTwice() {
		assertThat(official.days()).filteredOn(h -> h.kind().equals("workday"))
			.extracting(h -> h.date().getDayOfWeek())
			.allMatch(d -> d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY);
		assertThat(official.days()).extracting(Holiday::date).doesNotHaveDuplicates();
		assertThat(official.days()).extracting(Holiday::kind).containsOnly("holiday", "workday");
	}

	@Test
	void knownDatesOfEveryYear() {
		// 2019: 元旦 from 2018-12-30, 2018-12-29 worked; 劳动节 as amended (05-01..05-04,
		// 04-28 and 05-05 worked)
		holidays("2018-12-31", "2019-02-04", "2019-02-10", "2019-05-04", "2019-06-07", "2019-09-13", "2019-10-07");
		workdays("2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05", "2019-09-29", "2019-10-12");
		// 2020: 春节 extended to 02-02, so 02-01 was no longer worked
		holidays("2020-01-24", "2020-01-31", "2020-02-01", "2020-02-02", "2020-06-25", "2020-10-08");
		workdays("2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10");
		holidays("2021-02-11", "2021-02-17", "2021-06-14", "2021-09-20", "2021-10-07");
		workdays("2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09");
		holidays("2022-01-31", "2022-04-04", "2022-05-04", "2022-06-03", "2022-09-12", "2022-10-07");
		workdays("2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09");
		holidays("2022-12-31", "2023-01-02", "2023-01-27", "2023-04-05", "2023-06-23", "2023-09-29", "2023-10-06");
		workdays("2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08");
		holidays("2024-01-01", "2024-02-10", "2024-02-17", "2024-04-05", "2024-05-03", "2024-06-10", "2024-09-16",
				"2024-10-07");
		workdays("2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
				"2024-10-12");
		holidays("2025-01-01", "2025-01-28", "2025-02-04", "2025-04-04", "2025-05-05", "2025-06-02", "2025-10-08");
		workdays("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11");
		holidays("2026-01-02", "2026-02-16", "2026-02-23", "2026-04-06", "2026-05-05", "2026-06-19", "2026-09-25",
				"2026-10-07");
		workdays("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
		// ordinary days stay ordinary
		assertThat(calendar.isWorkingDay(LocalDate.parse("2025-03-12"))).isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.parse("2025-03-15"))).isFalse();
	}

	@Test
	void twentyTwentyFiveSpringFestivalIsEightDays() {
		for (LocalDate d = LocalDate.parse("2025-01-28"); !d.isAfter(LocalDate.parse("2025-02-04")); d = d
			.plusDays(1)) {
			assertThat(calendar.isWorkingDay(d)).as(d.toString()).isFalse();
		}
		assertThat(calendar.isWorkingDay(LocalDate.parse("2025-01-27"))).isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.parse("2025-02-05"))).isTrue();
	}

	@Test
	void theOfficesFileIsAuthoritativeForTheYearsItHasRowsInAndTheBundledNoticesFillTheRest() {
		// given a local day off on an official make-up working day, and a 2027 row
		DeadlineCalendar merged = new DeadlineCalendar(List.of(new Holiday(LocalDate.parse("2024-02-04"), "holiday"),
				new Holiday(LocalDate.parse("2027-02-08"), "holiday")));
		// then 2024 is the office's alone: its day off counts, the notice's other make-up
		// Sunday does not
		assertThat(merged.isWorkingDay(LocalDate.parse("2024-02-04"))).isFalse();
		assertThat(merged.isWorkingDay(LocalDate.parse("2024-02-18"))).isFalse();
		// 2025, which the office's file does not mention, comes from the bundled notice
		assertThat(merged.isWorkingDay(LocalDate.parse("2025-01-26"))).isTrue();
		assertThat(merged.isWorkingDay(LocalDate.parse("2025-01-28"))).isFalse();
		assertThat(merged.coveredYears()).contains(2024, 2025, 2027);
		assertThat(new DeadlineCalendar(null, List.of()).coveredYears()).isEmpty();
	}

	@Test
	void theSampleCountysHolidaysAgreeWithTheStateCouncil() {
		// the demo/sample holidays.csv was written by hand from the same notices
		for (Holiday h : Given.sampleReference().holidays()) {
			assertThat(calendar.isWorkingDay(h.date())).as(h.toString()).isEqualTo(h.kind().equals("workday"));
		}
	}

	@Test
	void aCampaignRunningPastTheCalendarIsWarnedAboutOncePerYear() {
		// given
		Campaign covered = new Campaign("QA2026", "强安2026", YearMonth.of(2026, 4), YearMonth.of(2026, 12), 22,
				List.of("强安2026"), "F-000", "earlier");
		Campaign past = new Campaign("QA2027", "强安2027", YearMonth.of(2026, 11), YearMonth.of(2028, 3), 22,
				List.of("强安2027"), "F-000", "earlier");
		// when
		List<String> warnings = calendar.coverageWarnings(List.of(covered, past));
		// then
		assertThat(warnings).containsExactly(
				"警告：节假日日历未覆盖2027年（已有2019—2026年）：专项行动 QA2027 的 2027-01 至 2027-12 月截止日按周末推算，请在 holidays.csv 中补充2027年的节假日安排",
				"警告：节假日日历未覆盖2028年（已有2019—2026年）：专项行动 QA2027 的 2028-01 至 2028-03 月截止日按周末推算，请在 holidays.csv 中补充2028年的节假日安排");
		assertThat(calendar.coverageWarnings(List.of(covered))).isEmpty();
	}

	private void holidays(String... days) {
		for (String d : days) {
			assertThat(calendar.isWorkingDay(LocalDate.parse(d))).as("%s is a holiday", d).isFalse();
		}
	}

	private void workdays(String... days) {
		for (String d : days) {
			assertThat(calendar.isWorkingDay(LocalDate.parse(d))).as("%s is a make-up working day", d).isTrue();
		}
	}

}
