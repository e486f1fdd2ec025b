package org.anjian.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.system.JobRepositoryStore;
import org.anjian.jobs.system.RecentJobs;
import org.anjian.jobs.system.RecentJobs.JobRun;
import org.anjian.schedules.AnjianScheduler;
import org.anjian.schedules.NextFire;
import org.anjian.schedules.ScheduleSettings;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code status} reads the job repository and the scheduler's store with plain SQL, no
 * Spring context and no Quartz scheduler (issue 18 part 4): on the same home it lists the
 * same executions as Spring Batch's job repository, with the same counts and times, and
 * the same next fires as Quartz — here with a job still running after the last snapshot
 * and the whole calendar registered.
 */
class StatusWithoutSpringTests {

	@TempDir
	Path tmp;

	@Test
	void statusSaysWhatSpringBatchAndQuartzSayOfTheSameHome() throws Exception {
		SampleCounty samples = SampleCounty.load();
		Path home = tmp.resolve("home");
		String reference = samples.reference().toString();
		assertThat(CliRun
			.of("ingest", "--home", home.toString(), "--reference", reference, "--inbox",
					samples.copyInbox(tmp.resolve("inbox")).toString())
			.exitCode()).isZero();
		assertThat(CliRun.of("export", "--home", home.toString(), "--reference", reference).exitCode()).isZero();
		// a job that started after the snapshot and is still running, written by Spring
		// Batch itself
		List<JobRun> springSays = new ArrayList<>();
		try (ConfigurableApplicationContext context = Cli.context(home.toAbsolutePath(), samples.reference(), "export",
				Map.of())) {
			JobRepository repository = context.getBean(JobRepository.class);
			JobParameters parameters = new JobParametersBuilder().addString("run", "running").toJobParameters();
			JobInstance instance = repository.createJobInstance("submissionsIntakeJob", parameters);
			JobExecution running = repository.createJobExecution(instance, parameters, new ExecutionContext());
			running.setStartTime(LocalDateTime.now().plusSeconds(1));
			running.setStatus(BatchStatus.STARTED);
			repository.update(running);
			StepExecution step = repository.createStepExecution("intake", running);
			step.setWriteCount(7);
			repository.update(step);
			// what status listed when it read them through Spring Batch
			for (String job : repository.getJobNames()) {
				for (JobInstance i : repository.getJobInstances(job, 0, 10)) {
					for (JobExecution e : repository.getJobExecutions(i)) {
						springSays.add(new JobRun(e.getId(), e.getJobInstance().getJobName(), e.getStatus().name(),
								e.getExitStatus().getExitCode(), e.getCreateTime(), e.getStartTime(), e.getEndTime(),
								e.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum()));
					}
				}
			}
			springSays.sort(Comparator.comparing(JobRun::created).reversed());
		}
		List<NextFire> quartzSays;
		ScheduleSettings schedule = ScheduleSettings.embedded(home.toAbsolutePath());
		try (AnjianScheduler scheduler = AnjianScheduler.open(schedule, (job, params) -> {
		})) {
			scheduler.register(ReferenceDataLoader.load(samples.reference()));
			quartzSays = scheduler.nextFireTimes();
		}
		assertThat(springSays).extracting(JobRun::job)
			.contains("submissionsIntakeJob", "exportJob")
			.hasSizeGreaterThanOrEqualTo(3);
		assertThat(quartzSays).hasSizeGreaterThan(5);

		// the readers status uses now
		try (Connection jobs = JobRepositoryStore.forReading(home.resolve("batch"), "", "", "")) {
			assertThat(RecentJobs.read(jobs)).isEqualTo(springSays);
		}
		assertThat(AnjianScheduler.nextFireTimes(schedule)).isEqualTo(quartzSays);

		// and what a person reads
		CliRun status = CliRun.of("status", "--home", home.toString(), "--reference", reference);
		assertThat(status.exitCode()).as(status.toString()).isZero();
		List<String> expected = new ArrayList<>();
		expected.add("最近的作业：");
		for (JobRun e : springSays.stream().limit(10).toList()) {
			expected.add(String.format("  %s  %-22s %-10s %8s  写入 %d",
					StatusCommand.office(e.created()).withNano(0).toString().replace('T', ' '), e.job(), e.status(),
					e.ended() == null ? "—" : Duration.between(e.started(), e.ended()).toMillis() / 1000.0 + "s",
					e.written()));
		}
		expected.add("下次触发：");
		quartzSays.stream()
			.limit(5)
			.forEach(f -> expected.add("  " + f.at().toString().replace('T', ' ') + "  " + f.trigger()));
		assertThat(status.out().lines().toList()).as(status.toString())
			.startsWith(expected.toArray(String[]::new))
			.anyMatch(l -> l.startsWith("注意：正在运行的作业 submissionsIntakeJob") && l.endsWith("早于该作业"))
			.contains("各月报送（截至最近一次导出）：");
		Object json = JsonPath.parse(CliRun.of("status", "--home", home.toString(), "--json").out()).json();
		assertThat((List<?>) JsonPath.read(json, "$.jobs")).hasSize(Math.min(10, springSays.size()));
		assertThat((Integer) JsonPath.read(json, "$.jobs[0].written")).isEqualTo(7);
		assertThat((String) JsonPath.read(json, "$.jobs[0].status")).isEqualTo("STARTED");
		assertThat((String) JsonPath.read(json, "$.nextFires[0].trigger")).isEqualTo(quartzSays.get(0).trigger());
	}

}
