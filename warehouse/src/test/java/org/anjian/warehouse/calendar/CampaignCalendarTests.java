package org.anjian.warehouse.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anjian.warehouse.Given;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second-round calendar columns (report_from, deadline_month) against samples-b's
 * README table and expected.json "deadlines".
 */
class CampaignCalendarTests {

	@TempDir
	Path dir;

	ReferenceData reference() {
		return Given.samplesBReference(dir);
	}

	/** samples-b's ZF2024 (F-003-II, which the loader does not accept yet). */
	static final Campaign ZF2024 = new Campaign("ZF2024", "2024年安全生产执法质效提升行动", YearMonth.of(2024, 1),
			YearMonth.of(2024, 8), 31, List.of("执法质效提升2024"), "F-003-II", "later", null, "next");

	Campaign campaign(ReferenceData reference, String code) {
		return "ZF2024".equals(code) ? ZF2024 : reference.campaign(code).orElseThrow();
	}

	@Test
	void everyDeadlineAndDefaultAsOfOfSamplesBExpectedJson() throws IOException {
		// given
		ReferenceData reference = reference();
		DeadlineCalendar calendar = new DeadlineCalendar(reference.holidays());
		String json = Files.readString(Given.samplesB().resolve("expected.json"));
		Matcher m = Pattern
			.compile("\\{\\s*\"campaign\":\\s*\"(\\w+)\",\\s*\"period\":\\s*\"([\\d-]+)\",\\s*"
					+ "\"unshifted_deadline\":\\s*\"([\\d-]+)\",\\s*\"deadline\":\\s*\"([\\d-]+)\",\\s*"
					+ "\"cutoff_as_of\":\\s*\"([\\dT:-]+)\",\\s*\"month_end_as_of\":\\s*\"([\\dT:-]+)\"\\s*\\}")
			.matcher(json);
		int checked = 0;
		// when / then
		while (m.find()) {
			Campaign c = campaign(reference, m.group(1));
			YearMonth month = YearMonth.parse(m.group(2));
			String as = m.group(1) + " " + month;
			assertThat(DeadlineCalendar.nominalDeadline(c, month)).as(as).isEqualTo(LocalDate.parse(m.group(3)));
			assertThat(calendar.deadline(c, month)).as(as).isEqualTo(LocalDate.parse(m.group(4)));
			assertThat(RollupRequest.scheduled(c, month, RollupKind.CUTOFF, calendar).asOf()).as(as)
				.isEqualTo(LocalDateTime.parse(m.group(5)));
			assertThat(RollupRequest.scheduled(c, month, RollupKind.MONTH_END, calendar).asOf()).as(as)
				.isEqualTo(LocalDateTime.parse(m.group(6)));
			if (!"ZF2024".equals(m.group(1))) {
				assertThat(RollupRequest.of(reference, c.code(), month, RollupKind.MONTH_END, null).asOf()).as(as)
					.isEqualTo(LocalDateTime.parse(m.group(6)));
			}
			assertThat(c.owes(month)).as(as).isTrue();
			checked++;
		}
		// every month of the three campaigns from report_from: 6 + 6 + 8
		assertThat(checked).isEqualTo(20);
	}

	@Test
	void nextMonthDeadlineShiftedEarlierCanFallBackIntoTheReportedMonth() {
		// given: 2023-10-01 国庆, 09-29 中秋, 09-30 Saturday
		ReferenceData reference = reference();
		DeadlineCalendar calendar = new DeadlineCalendar(reference.holidays());
		Campaign gj = reference.campaign("GJ2023").orElseThrow();
		// then
		assertThat(DeadlineCalendar.nominalDeadline(gj, YearMonth.of(2023, 9))).isEqualTo(LocalDate.of(2023, 10, 1));
		assertThat(calendar.deadline(gj, YearMonth.of(2023, 9))).isEqualTo(LocalDate.of(2023, 9, 28));
		assertThat(calendar.cutoffAsOf(gj, YearMonth.of(2023, 9))).isEqualTo(LocalDateTime.of(2023, 9, 28, 23, 59, 59));
		// month-end: the month holding the unshifted deadline (October)
		assertThat(calendar.monthEndAsOf(gj, YearMonth.of(2023, 9)))
			.isEqualTo(LocalDateTime.of(2023, 10, 31, 23, 59, 59));
		// 元旦 2024-01-01 → 2023-12-29, month-end as of the end of January
		assertThat(calendar.deadline(gj, YearMonth.of(2023, 12))).isEqualTo(LocalDate.of(2023, 12, 29));
		assertThat(calendar.monthEndAsOf(gj, YearMonth.of(2023, 12)))
			.isEqualTo(LocalDateTime.of(2024, 1, 31, 23, 59, 59));
	}

	@Test
	void laterShiftPastTheMonthEndCarriesTheMonthEndAsOfWithIt() {
		// given
		DeadlineCalendar calendar = new DeadlineCalendar(reference().holidays());
		// then: 31 → 2024-02-29 (last day), a Thursday
		assertThat(calendar.deadline(ZF2024, YearMonth.of(2024, 1))).isEqualTo(LocalDate.of(2024, 2, 29));
		assertThat(calendar.monthEndAsOf(ZF2024, YearMonth.of(2024, 1)))
			.isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
		// 2024-08-31 Saturday → 顺延 → Monday 2024-09-02, both as_ofs
		assertThat(DeadlineCalendar.nominalDeadline(ZF2024, YearMonth.of(2024, 7)))
			.isEqualTo(LocalDate.of(2024, 8, 31));
		assertThat(calendar.deadline(ZF2024, YearMonth.of(2024, 7))).isEqualTo(LocalDate.of(2024, 9, 2));
		assertThat(calendar.cutoffAsOf(ZF2024, YearMonth.of(2024, 7)))
			.isEqualTo(LocalDateTime.of(2024, 9, 2, 23, 59, 59));
		assertThat(calendar.monthEndAsOf(ZF2024, YearMonth.of(2024, 7)))
			.isEqualTo(LocalDateTime.of(2024, 9, 2, 23, 59, 59));
	}

	@Test
	void sameMonthDeadlineKeepsTheReportedMonthsEnd() {
		// given: HH2024, 20th of the month, 提前, owed from April
		ReferenceData reference = reference();
		DeadlineCalendar calendar = new DeadlineCalendar(reference.holidays());
		Campaign hh = reference.campaign("HH2024").orElseThrow();
		// then: 2024-04-20 Saturday → Friday 19th; month-end the end of April
		assertThat(calendar.deadline(hh, YearMonth.of(2024, 4))).isEqualTo(LocalDate.of(2024, 4, 19));
		assertThat(calendar.monthEndAsOf(hh, YearMonth.of(2024, 4)))
			.isEqualTo(LocalDateTime.of(2024, 4, 30, 23, 59, 59));
		assertThat(hh.owes(YearMonth.of(2024, 3))).isFalse();
		assertThat(hh.covers(YearMonth.of(2024, 3))).isTrue();
	}

}
