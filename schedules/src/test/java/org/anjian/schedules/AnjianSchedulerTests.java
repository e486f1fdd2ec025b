package org.anjian.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;

/** The scheduler on its default job store, an H2 file under the home. */
class AnjianSchedulerTests {

	private static final ZoneId SHANGHAI = OfficeTime.ZONE;

	@TempDir
	Path home;

	private final ReferenceData sample = SampleReference.calendarOnly();

	@Test
	void triggerWhoseTimePassesWhileTheSchedulerIsDownRunsExactlyOnceAfterRestart() throws Exception {
		// given a trigger two seconds ahead, and a scheduler killed before it fires
		ScheduleSettings settings = ScheduleSettings.embedded(home).withMisfireThreshold(Duration.ofSeconds(1));
		RecordingJobStarter before = new RecordingJobStarter("before");
		AnjianScheduler first = AnjianScheduler.open(settings, before);
		first.scheduleOnce("replay-QA2024-2024-06-cutoff", AnjianScheduler.ROLLUP_JOB, "rollupJob",
				Map.of("campaign", "QA2024", "period", "2024-06", "kind", "cutoff"),
				LocalDateTime.now(SHANGHAI).plusSeconds(2));
		first.start();
		first.shutdown(false);
		Thread.sleep(4000);

		// when a new scheduler instance starts on the same store
		RecordingJobStarter after = new RecordingJobStarter("after");
		try (AnjianScheduler second = AnjianScheduler.open(settings, after)) {
			second.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> !after.calls().isEmpty());
			Thread.sleep(2000);

			// then it ran once, late, and is gone from the calendar
			assertThat(before.calls()).isEmpty();
			assertThat(after.calls()).extracting(RecordingJobStarter.Call::parameters)
				.containsExactly(Map.of("campaign", "QA2024", "period", "2024-06", "kind", "cutoff"));
			assertThat(second.nextFireTimes()).extracting(NextFire::trigger)
				.doesNotContain("replay-QA2024-2024-06-cutoff");
		}
	}

	@Test
	void missedRollupsCatchUpOnceAndRestartsDoNotRepeatThem() throws Exception {
		// given the 2024 campaign registered long after it ended: every rollup trigger
		// has misfired
		ScheduleSettings settings = ScheduleSettings.embedded(home);
		RecordingJobStarter starter = new RecordingJobStarter("first");
		try (AnjianScheduler scheduler = AnjianScheduler.open(settings, starter)) {
			scheduler.register(sample);
			assertThat(scheduler.nextFireTimes()).hasSize(15);

			// when it starts
			scheduler.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> starter.calls().size() >= 14);
		}

		// then each rollup ran once, in calendar order, with its identifying parameters
		assertThat(starter.calls()).hasSize(14).noneMatch(RecordingJobStarter.Call::refused);
		assertThat(starter.calls()).extracting(RecordingJobStarter.Call::jobName).containsOnly("rollupJob");
		assertThat(starter.calls()).extracting(RecordingJobStarter.Call::parameters)
			.containsExactlyInAnyOrderElementsOf(
					new DueRollups(sample).calendar().stream().map(DueRollup::parameters).toList());

		// and when the server restarts and registers the calendar again
		RecordingJobStarter restarted = new RecordingJobStarter("restarted");
		try (AnjianScheduler scheduler = AnjianScheduler.open(settings, restarted)) {
			scheduler.register(sample);
			scheduler.start();
			Thread.sleep(3000);

			// then nothing runs again and only the nightly ingest is left to fire
			assertThat(restarted.calls()).isEmpty();
			assertThat(scheduler.nextFireTimes()).extracting(NextFire::trigger, NextFire::job)
				.containsExactly(tuple("nightly-ingest", "submissionsIntakeJob"));
		}
	}

	@Test
	void registeringTheCalendarTwiceKeepsOneTriggerPerRollup() throws Exception {
		// given a calendar registered at one start
		ScheduleSettings settings = ScheduleSettings.embedded(home);
		try (AnjianScheduler scheduler = AnjianScheduler.open(settings, new RecordingJobStarter("a"))) {
			scheduler.register(sample);
		}

		// when the next start registers it again, with a changed nightly time
		try (AnjianScheduler scheduler = AnjianScheduler.open(settings.withNightlyCron("0 30 3 * * ?"),
				new RecordingJobStarter("b"))) {
			scheduler.register(sample);

			// then there is still one trigger per rollup, and the nightly one moved
			List<NextFire> fires = scheduler.nextFireTimes();
			assertThat(fires).hasSize(15).extracting(NextFire::trigger).doesNotHaveDuplicates();
			assertThat(fires).filteredOn(f -> f.trigger().equals("nightly-ingest"))
				.singleElement()
				.satisfies(f -> assertThat(f.at().toLocalTime()).hasToString("03:30"));
			assertThat(fires).filteredOn(f -> f.trigger().equals("rollup-QA2024-2024-06-cutoff"))
				.singleElement()
				.satisfies(f -> {
					assertThat(f.at()).isEqualTo(LocalDateTime.parse("2024-06-22T00:05"));
					assertThat(f.job()).isEqualTo("rollupJob");
					assertThat(f.parameters()).containsEntry("asOf", "2024-06-21T23:59:59");
				});
		}
	}

	@Test
	void secondFiringForTheSameBusinessDatePassesIdenticalParametersAndIsNotAnError() throws Exception {
		// given a nightly ingest that fires every second, and a job repository that
		// refuses repeats
		ScheduleSettings settings = ScheduleSettings.embedded(home).withNightlyCron("* * * * * ?");
		RecordingJobStarter starter = new RecordingJobStarter("node");
		List<JobExecutionException> failures = new CopyOnWriteArrayList<>();
		List<LocalDate> scheduledDates = new CopyOnWriteArrayList<>();
		try (AnjianScheduler scheduler = AnjianScheduler.open(settings, starter)) {
			scheduler.quartz().getListenerManager().addJobListener(new JobListener() {

				@Override
				public String getName() {
					return "failures";
				}

				@Override
				public void jobToBeExecuted(JobExecutionContext context) {
				}

				@Override
				public void jobExecutionVetoed(JobExecutionContext context) {
				}

				@Override
				public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
					scheduledDates.add(LocalDate.ofInstant(context.getScheduledFireTime().toInstant(), SHANGHAI));
					if (exception != null) {
						failures.add(exception);
					}
				}

			});
			scheduler.register(new ReferenceData(List.of(), List.of(), List.of(), List.of(), List.of()));

			// when it fires three times
			scheduler.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> scheduledDates.size() >= 3);
		}

		// then every fire asked for the ingest job of its scheduled date; repeats were
		// refused, quietly
		List<RecordingJobStarter.Call> calls = starter.calls().subList(0, 3);
		for (int i = 0; i < 3; i++) {
			assertThat(calls.get(i).jobName()).isEqualTo("submissionsIntakeJob");
			assertThat(calls.get(i).parameters()).isEqualTo(Map.of("businessDate", scheduledDates.get(i).toString()));
		}
		// three fires span at most one midnight, so at least two share a business date
		assertThat(calls).extracting(RecordingJobStarter.Call::refused).contains(true);
		assertThat(failures).isEmpty();
	}

	@Test
	void aFailingJobIsReportedAsAJobFailure() throws Exception {
		// given a job starter that fails
		ScheduleSettings settings = ScheduleSettings.embedded(home);
		List<JobExecutionException> failures = new CopyOnWriteArrayList<>();
		JobStarter broken = (job, parameters) -> {
			throw new IllegalStateException("仓库被占用");
		};
		try (AnjianScheduler scheduler = AnjianScheduler.open(settings, broken)) {
			scheduler.quartz().getListenerManager().addJobListener(new JobListener() {

				@Override
				public String getName() {
					return "failures";
				}

				@Override
				public void jobToBeExecuted(JobExecutionContext context) {
				}

				@Override
				public void jobExecutionVetoed(JobExecutionContext context) {
				}

				@Override
				public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
					failures.add(exception);
				}

			});
			scheduler.scheduleOnce("once", JobKey.jobKey("manual", "manual"), "rollupJob", Map.of("kind", "cutoff"),
					LocalDateTime.now(SHANGHAI));

			// when
			scheduler.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> !failures.isEmpty());
		}

		// then
		assertThat(failures).singleElement().satisfies(f -> assertThat(f).isNotNull().hasRootCauseMessage("仓库被占用"));
	}

}
