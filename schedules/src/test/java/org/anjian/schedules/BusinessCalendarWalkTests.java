package org.anjian.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

/**
 * Walks a controllable clock through the whole 2024 campaign year with the sample
 * holidays (调休 included).
 */
class BusinessCalendarWalkTests {

	private static final ZoneId SHANGHAI = OfficeTime.ZONE;

	private final ReferenceData sample = SampleReference.calendarOnly();

	private final Map<YearMonth, LocalDate> deadlines = SampleReference.expectedDeadlines();

	/** A clock the test moves by hand. */
	static final class WalkingClock extends Clock {

		private Instant now;

		WalkingClock(LocalDateTime start) {
			this.now = start.atZone(SHANGHAI).toInstant();
		}

		void advance(Duration step) {
			now = now.plus(step);
		}

		@Override
		public ZoneId getZone() {
			return SHANGHAI;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

	@Test
	void everyCutoffAndMonthEndComesDueOnItsDayExactlyOnce() {
		// given an hourly nightly run from March 2024 to March 2025 that produces
		// whatever is due
		DueRollups rollups = new DueRollups(sample);
		WalkingClock clock = new WalkingClock(LocalDateTime.parse("2024-03-01T00:00"));
		Set<RollupKey> produced = new HashSet<>();
		Map<RollupKey, LocalDateTime> producedAt = new LinkedHashMap<>();
		List<RollupKey> runs = new ArrayList<>();

		// when
		while (clock.instant().isBefore(LocalDateTime.parse("2025-03-01T00:00").atZone(SHANGHAI).toInstant())) {
			for (DueRollup due : rollups.dueNow(clock, produced)) {
				runs.add(due.key());
				produced.add(due.key());
				producedAt.put(due.key(), LocalDateTime.ofInstant(clock.instant(), SHANGHAI));
			}
			clock.advance(Duration.ofHours(1));
		}

		// then each rollup ran once, the cutoff at the first moment after the (shifted)
		// deadline day,
		// the month-end at the first moment of the next month
		assertThat(deadlines).hasSize(7)
			.containsEntry(YearMonth.of(2024, 6), LocalDate.of(2024, 6, 21))
			.containsEntry(YearMonth.of(2024, 9), LocalDate.of(2024, 9, 20));
		assertThat(runs).hasSize(14).doesNotHaveDuplicates();
		Map<RollupKey, LocalDateTime> expected = new LinkedHashMap<>();
		deadlines.forEach((month, deadline) -> {
			expected.put(new RollupKey("QA2024", month, "cutoff"), deadline.plusDays(1).atStartOfDay());
			expected.put(new RollupKey("QA2024", month, "month-end"), month.plusMonths(1).atDay(1).atStartOfDay());
		});
		assertThat(producedAt).containsExactlyInAnyOrderEntriesOf(expected);
	}

	@Test
	void cutoffAsOfIsTheEndOfTheExpectedDeadlineDay() {
		// given
		DueRollups rollups = new DueRollups(sample);

		// when / then
		assertThat(rollups.calendar()).filteredOn(r -> r.kind().equals("cutoff"))
			.allSatisfy(r -> assertThat(r.asOf()).isEqualTo(deadlines.get(r.period()).atTime(23, 59, 59)));
	}

	@Test
	void everyRollupTriggerFiresOnceOnTheDayAfterItsAsOfDayWhenTheRollupIsDue() {
		// given the Quartz triggers the scheduler registers for the calendar
		ScheduleSettings settings = ScheduleSettings.embedded(Path.of("unused"));
		DueRollups rollups = new DueRollups(sample);
		List<SimpleTrigger> triggers = AnjianScheduler.rollupTriggers(settings, rollups);
		Date from = Date.from(LocalDateTime.parse("2024-01-01T00:00").atZone(SHANGHAI).toInstant());
		Date to = Date.from(LocalDateTime.parse("2025-12-31T00:00").atZone(SHANGHAI).toInstant());

		// when / then
		assertThat(triggers).hasSize(14);
		for (DueRollup rollup : rollups.calendar()) {
			SimpleTrigger trigger = triggers.stream()
				.filter(t -> t.getKey().getName().equals(AnjianScheduler.triggerName(rollup)))
				.findFirst()
				.orElseThrow();
			// as the job store does when it stores the trigger; otherwise TriggerUtils
			// would start it at 'from'
			OperableTrigger stored = (OperableTrigger) ((OperableTrigger) trigger).clone();
			stored.computeFirstFireTime(null);
			List<Date> fires = TriggerUtils.computeFireTimesBetween(stored, null, from, to);
			assertThat(fires).as(trigger.getKey().getName()).hasSize(1);
			LocalDateTime fire = LocalDateTime.ofInstant(fires.get(0).toInstant(), SHANGHAI);
			LocalDate day = rollup.kind().equals("cutoff") ? deadlines.get(rollup.period()).plusDays(1)
					: rollup.period().plusMonths(1).atDay(1);
			LocalTime time = rollup.kind().equals("cutoff") ? LocalTime.of(0, 5) : LocalTime.of(0, 10);
			assertThat(fire).as(trigger.getKey().getName()).isEqualTo(day.atTime(time));
			assertThat(rollups.dueBy(fire, Set.of())).contains(rollup);
			assertThat(rollups.dueBy(fire.minusDays(1), Set.of())).doesNotContain(rollup);
			assertThat(trigger.getMisfireInstruction()).isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW);
			assertThat(trigger.getJobDataMap().getString("param.asOf")).isEqualTo(rollup.asOf().toString());
		}
	}

	@Test
	void nightlyIngestFiresAtTwoInTheMorningShanghaiTimeEveryDayOfTheYear() {
		// given
		CronTrigger nightly = AnjianScheduler.nightlyTrigger(ScheduleSettings.embedded(Path.of("unused")));
		Date from = Date.from(LocalDateTime.parse("2024-01-01T00:00").atZone(SHANGHAI).toInstant());
		Date to = Date.from(LocalDateTime.parse("2025-01-01T00:00").atZone(SHANGHAI).toInstant());

		// when
		List<Date> fires = TriggerUtils.computeFireTimesBetween((OperableTrigger) nightly, null, from, to);

		// then
		assertThat(fires).hasSize(366)
			.allSatisfy(d -> assertThat(LocalDateTime.ofInstant(d.toInstant(), SHANGHAI).toLocalTime())
				.isEqualTo(LocalTime.of(2, 0)));
		assertThat(nightly.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
	}

}
