package org.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.junit.jupiter.api.Test;

/**
 * dim_period computes the holiday-shifted deadline in SQL; it must agree with
 * DeadlineCalendar day for day.
 */
class DimPeriodTests {

	@Test
	void sqlDeadlinesAgreeWithTheDeadlineCalendarForEveryCutoffDayAndShift() {
		// given: the demo county's holidays, campaigns covering 2023–2024 for cutoff days
		// 1..31, both shift directions, due in the same or the next month (owed from
		// 2023-03)
		ReferenceData demo = ReferenceDataLoader.loadDemo();
		List<Campaign> campaigns = new ArrayList<>();
		for (int day = 1; day <= 31; day++) {
			for (String shift : List.of("earlier", "later")) {
				for (String due : List.of("same", "next")) {
					String code = "C" + day + shift + due;
					// a next-month deadline of 2024-12 falls in 2025, which the demo
					// holidays
					// (all the SQL sees) do not cover
					YearMonth last = "next".equals(due) ? YearMonth.of(2024, 11) : YearMonth.of(2024, 12);
					campaigns.add(new Campaign(code, "测试" + code, YearMonth.of(2023, 1), last, day, List.of("t" + code),
							"F-000", shift, YearMonth.of(2023, 3), due));
				}
			}
		}
		ReferenceData data = new ReferenceData(demo.regions(), demo.industries(), demo.submitters(), campaigns,
				demo.holidays());
		DeadlineCalendar calendar = new DeadlineCalendar(data.holidays());
		try (Warehouse warehouse = Warehouse.inMemory()) {
			ReferenceDataLoader.write(warehouse, data);
			// when
			warehouse.buildModels();
			// then
			List<List<String>> expected = new ArrayList<>();
			for (Campaign c : campaigns) {
				for (YearMonth m = c.firstMonth(); !m.isAfter(c.lastMonth()); m = m.plusMonths(1)) {
					expected.add(List.of(c.code(), m.atDay(1).toString(), calendar.deadline(c, m).toString(),
							String.valueOf(c.owes(m))));
				}
			}
			assertThat(Given.rows(warehouse, "select campaign, period, deadline, is_owed from dim_period order by all"))
				.containsExactlyInAnyOrderElementsOf(expected)
				.hasSize(31 * 2 * (24 + 23));
		}
	}

	@Test
	void withoutAnOfficeHolidaysFileTheBundledCalendarShiftsTheDeadlines() {
		// given: seed 004's campaign (每月1日上报上月，遇节假日提前) and no holidays.csv
		ReferenceData demo = ReferenceDataLoader.loadDemo();
		Campaign gj = new Campaign("PZ2023", "重大事故隐患专项排查整治2023行动", YearMonth.of(2023, 6), YearMonth.of(2023, 12), 1,
				List.of("排查整治2023"), "F-001", "earlier", YearMonth.of(2023, 6), "next");
		ReferenceData data = new ReferenceData(demo.regions(), demo.industries(), demo.submitters(), List.of(gj),
				List.of());
		try (Warehouse warehouse = Warehouse.inMemory()) {
			ReferenceDataLoader.write(warehouse, data);
			// when
			warehouse.buildModels();
			// then: 国庆/中秋 2023 and 元旦 2024 from the State Council's notices, as LATE
			// and the rollups have them (weekends only would give 2023-09-29 and
			// 2024-01-01)
			assertThat(Given.rows(warehouse, """
					select strftime(period, '%Y-%m'), deadline from dim_period
					where period in ('2023-06-01', '2023-09-01', '2023-12-01') order by period""")).containsExactly(
					List.of("2023-06", "2023-06-30"), List.of("2023-09", "2023-09-28"),
					List.of("2023-12", "2023-12-29"));
		}
	}

	@Test
	void periodsCarryYearMonthAndChineseLabel() {
		// given
		try (Warehouse warehouse = Warehouse.inMemory()) {
			ReferenceDataLoader.write(warehouse, Given.sampleReference());
			// when
			warehouse.buildModels();
			// then
			assertThat(Given.rows(warehouse, """
					select period, year, month, label, deadline from dim_period
					where campaign = 'QA2024' and period in ('2024-06-01', '2024-10-01') order by period"""))
				.containsExactly(List.of("2024-06-01", "2024", "6", "2024年6月", LocalDate.of(2024, 6, 21).toString()),
						List.of("2024-10-01", "2024", "10", "2024年10月", "2024-10-22"));
		}
	}

}
