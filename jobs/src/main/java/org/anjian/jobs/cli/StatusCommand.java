package org.anjian.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.schedules.AnjianScheduler;
import org.anjian.schedules.NextFire;
import org.anjian.schedules.ScheduleSettings;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * {@code status [--json]}: recent job executions (outcome, duration, counts), next fire
 * times, submissions per period. Reads the analysts' snapshot, never the live warehouse,
 * so it works while a job runs.
 */
@Component
class StatusCommand implements AnjianCommand {

	private final JobRepository jobRepository;

	private final AnjianSettings settings;

	StatusCommand(JobRepository jobRepository, AnjianSettings settings) {
		this.jobRepository = jobRepository;
		this.settings = settings;
	}

	@Override
	public String name() {
		return "status";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		// --json: the same facts as one JSON object on stdout (StatusJson), for
		// monitoring
		StatusJson json = args.flag("json") ? new StatusJson(settings.home()) : null;
		if (json == null) {
			out.line("最近的作业：");
		}
		List<JobExecution> executions = new ArrayList<>();
		for (String job : jobRepository.getJobNames()) {
			for (JobInstance instance : jobRepository.getJobInstances(job, 0, 10)) {
				executions.addAll(jobRepository.getJobExecutions(instance));
			}
		}
		executions.sort(Comparator.comparing(JobExecution::getCreateTime).reversed());
		for (JobExecution e : executions.stream().limit(10).toList()) {
			long written = e.getStepExecutions().stream().mapToLong(s -> s.getWriteCount()).sum();
			String duration = e.getStartTime() == null || e.getEndTime() == null ? "—"
					: Duration.between(e.getStartTime(), e.getEndTime()).toMillis() / 1000.0 + "s";
			if (json != null) {
				json.job(e, written);
				continue;
			}
			out.line(String.format("  %s  %-22s %-10s %8s  写入 %d",
					e.getCreateTime().withNano(0).toString().replace('T', ' '), e.getJobInstance().getJobName(),
					e.getStatus(), duration, written));
		}
		try (AnjianScheduler scheduler = AnjianScheduler
			.open(ScheduleSettings.fromEnvironment(settings.home(), System.getenv()), (job, params) -> {
			})) {
			List<NextFire> fires = scheduler.nextFireTimes();
			if (json != null) {
				fires.stream().limit(5).forEach(json::fire);
			}
			else {
				out.line("下次触发：" + (fires.isEmpty() ? "（尚未运行 schedule 注册日程）" : ""));
			}
			fires.stream()
				.limit(json == null ? 5 : 0)
				.forEach(f -> out.line("  " + f.at().toString().replace('T', ' ') + "  " + f.trigger()));
		}
		Path snapshot = settings.home().resolve("analyst").resolve("anjian.duckdb");
		if (Files.exists(snapshot)) {
			Properties ro = new Properties();
			ro.setProperty("duckdb.read_only", "true");
			try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + snapshot, ro);
					ResultSet rs = c.createStatement()
						.executeQuery("select campaign, strftime(period, '%Y-%m') as period, status, count(*) as n "
								+ "from audit_file where period is not null group by all order by 1, 2, 3")) {
				if (json == null) {
					out.line("各月报送（截至最近一次导出）：");
				}
				while (rs.next()) {
					if (json != null) {
						json.submissions(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
						continue;
					}
					out.line(String.format("  %s %s %-10s %d", rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getLong(4)));
				}
			}
		}
		if (json != null) {
			out.line(json.toJson());
		}
		return ExitCodes.OK;
	}

}
