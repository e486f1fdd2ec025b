package org.anjian.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.cli.Cli;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.jobs.system.HomeLock;
import org.anjian.jobs.system.RunProgress;
import org.anjian.schedules.ScheduleSettings;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter {@code schedule} hands its Quartz triggers, driven against the real jobs of
 * the sample county: each trigger starts its own job with the parameters it carries, and
 * a repeat is reported as already complete.
 */
class ScheduledRunsTests {

	@TempDir
	Path tmp;

	private final List<String> lines = new ArrayList<>();

	private final RunProgress progress = new RunProgress() {
		@Override
		public void line(String text) {
			lines.add(text);
		}

		@Override
		public void problem(String text) {
			lines.add("! " + text);
		}
	};

	@Test
	void eachTriggerStartsItsJobWithItsParametersAndARepeatIsAlreadyComplete() throws Exception {
		// given the sample county's inbox and the scheduler's own settings
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path home = tmp.resolve("home");
		ScheduleSettings settings = ScheduleSettings.fromEnvironment(home, Map.of());
		try (HomeLock lock = HomeLock.acquire(home);
				ConfigurableApplicationContext context = Cli.context(home, samples.reference(), "schedule", Map.of())) {
			ScheduledRuns starter = new ScheduledRuns(context.getBean(Runs.class), settings, inbox, progress);
			ReferenceData reference = context.getBean(ReferenceData.class);
			RollupRequest mayCutoff = RollupRequest.of(reference, "QA2024", YearMonth.of(2024, 5), RollupKind.CUTOFF,
					null);

			// when the May cutoff trigger fires
			starter.start(settings.rollupJobName(), mayCutoff.parameters());

			// then it ingested first, then made exactly that rollup, as of its own as_of,
			// into the outbox
			assertThat(lines).anyMatch(l -> l.startsWith("入库完成：")).anyMatch(l -> l.startsWith("汇总完成："));
			assertThat(WarehouseQueries.query(home,
					"select distinct kind || ' ' || strftime(period, '%Y-%m') || ' ' || strftime(as_of, '%Y-%m-%d %H:%M:%S') as r from rollup_roster")
				.stream()
				.map(r -> r.get("r"))).containsExactly("cutoff 2024-05 2024-05-22 23:59:59");
			assertThat(home.resolve("outbox/QA2024/2024-05/cutoff/manifest.json")).exists();

			// when the same trigger fires again (a misfire catch-up, a second node)
			lines.clear();
			assertThatThrownBy(() -> starter.start(settings.rollupJobName(), mayCutoff.parameters()))
				.isInstanceOf(JobInstanceAlreadyCompleteException.class);
			assertThat(lines).anyMatch(l -> l.startsWith("汇总已是最新（输入未变）："));

			// when the nightly trigger fires for its business date
			lines.clear();
			starter.start(settings.ingestJobName(), Map.of("businessDate", "2024-06-22"));

			// then the nightly ran, and its intake instance is identified by that date
			assertThat(lines).anyMatch(l -> l.startsWith("夜间作业")).anyMatch(l -> l.startsWith("导出"));
			JobRepository jobs = context.getBean(JobRepository.class);
			JobExecution intake = jobs.getLastJobExecution(jobs.getJobInstances("submissionsIntakeJob", 0, 1).get(0));
			assertThat(intake.getJobParameters().getLocalDate("businessDate")).isEqualTo(LocalDate.of(2024, 6, 22));
			assertThat(intake.getJobParameters().getIdentifyingParameters())
				.anyMatch(p -> p.name().equals("businessDate"));

			// when it fires again for the same date with nothing new in the inbox
			assertThatThrownBy(() -> starter.start(settings.ingestJobName(), Map.of("businessDate", "2024-06-22")))
				.isInstanceOf(JobInstanceAlreadyCompleteException.class);

			// and a trigger naming a job that does not exist is an error, not a nightly
			// run
			lines.clear();
			assertThatThrownBy(() -> starter.start("weeklyJob", Map.of())).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("weeklyJob");
			assertThat(lines).isEmpty();
			assertThat(jobs.getLastJobExecution("weeklyJob", new JobParametersBuilder().toJobParameters())).isNull();
		}
	}

}
