package org.anjian.warehouse.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anjian.warehouse.Given;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.junit.jupiter.api.Test;

class DeadlineCalendarTests {

	ReferenceData samples = Given.sampleReference();

	DeadlineCalendar calendar = new DeadlineCalendar(samples.holidays());

	Campaign qa2024 = samples.campaign("QA2024").orElseThrow();

	@Test
	void everyDeadlineOfExpectedJsonIsMet() throws IOException {
		// given: expected.json's "deadlines" entries
		String json = Files.readString(Given.samples().resolve("expected.json"));
		Matcher m = Pattern
			.compile("\"campaign\":\\s*\"QA2024\",\\s*\"period\":\\s*\"(\\d{4}-\\d{2})\",\\s*"
					+ "\"deadline\":\\s*\"(\\d{4}-\\d{2}-\\d{2})\"")
			.matcher(json);
		int checked = 0;
		// when / then
		while (m.find()) {
			assertThat(calendar.deadline(qa2024, YearMonth.parse(m.group(1)))).as(m.group(1))
				.isEqualTo(LocalDate.parse(m.group(2)));
			checked++;
		}
		assertThat(checked).isEqualTo(7);
	}

	@Test
	void saturdayDeadlineMovesToFridayWhenShiftedEarlier() {
		assertThat(calendar.deadline(qa2024, YearMonth.of(2024, 6))).isEqualTo(LocalDate.of(2024, 6, 21));
		assertThat(calendar.deadline(qa2024, YearMonth.of(2024, 9))).isEqualTo(LocalDate.of(2024, 9, 20));
		assertThat(calendar.cutoffAsOf(qa2024, YearMonth.of(2024, 6)))
			.isEqualTo(LocalDateTime.of(2024, 6, 21, 23, 59, 59));
	}

	@Test
	void laterShiftMovesPastWeekendsAndHolidaysToTheNextWorkingDay() {
		// given
		Campaign later = new Campaign("L", "顺延", YearMonth.of(2024, 1), YearMonth.of(2024, 12), 22, List.of("顺延"),
				"F-000", "later");
		Campaign firstOfMonth = new Campaign("F", "每月1日", YearMonth.of(2024, 1), YearMonth.of(2024, 12), 1,
				List.of("x"), "F-000", "later");
		// then: 22 June 2024 is a Saturday → Monday 24 June; 1 October is 国庆 → Tuesday 8
		// October
		assertThat(calendar.deadline(later, YearMonth.of(2024, 6))).isEqualTo(LocalDate.of(2024, 6, 24));
		assertThat(calendar.deadline(firstOfMonth, YearMonth.of(2024, 10))).isEqualTo(LocalDate.of(2024, 10, 8));
	}

	@Test
	void makeUpWorkdayCountsAsWorkingAndCutoffPastMonthEndFallsOnLastDay() {
		// given: 2024-02-04 (Sunday) is a 调休 working day; February has 29 days in 2024
		Campaign fourth = new Campaign("W", "四日", YearMonth.of(2024, 1), YearMonth.of(2024, 12), 4, List.of("x"),
				"F-000", "earlier");
		Campaign thirtyFirst = new Campaign("E", "月末", YearMonth.of(2024, 1), YearMonth.of(2024, 12), 31, List.of("x"),
				"F-000", "earlier");
		// then
		assertThat(calendar.deadline(fourth, YearMonth.of(2024, 2))).isEqualTo(LocalDate.of(2024, 2, 4));
		assertThat(DeadlineCalendar.nominalDeadline(thirtyFirst, YearMonth.of(2024, 2)))
			.isEqualTo(LocalDate.of(2024, 2, 29));
		assertThat(DeadlineCalendar.monthEndAsOf(YearMonth.of(2024, 2)))
			.isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
	}

}
