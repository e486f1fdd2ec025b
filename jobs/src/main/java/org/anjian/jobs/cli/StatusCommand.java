package org.anjian.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.schedules.AnjianScheduler;
import org.anjian.schedules.NextFire;
import org.anjian.schedules.ScheduleSettings;
import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code status [--json]}: recent job executions (outcome, duration, counts), next fire
 * times, submissions per period. Reads the job repository and the analysts' snapshot,
 * never the live warehouse (its context holds no other command: {@link StatusContext}),
 * so it works while a job runs, and says when the snapshot is older than the running job.
 * On a read-only home it opens nothing for writing.
 */
@Component
class StatusCommand implements AnjianCommand {

	/**
	 * A job repository time as the office's wall clock. Spring Batch stores
	 * {@code LocalDateTime.now()}, the machine's zone, whatever zone the machine runs in;
	 * status prints Asia/Shanghai like every other time (a repository shared between
	 * machines in different zones is not supported).
	 */
	static LocalDateTime office(LocalDateTime jobRepositoryTime) {
		return jobRepositoryTime == null ? null
				: jobRepositoryTime.atZone(ZoneId.systemDefault())
					.withZoneSameInstant(OfficeTime.ZONE)
					.toLocalDateTime();
	}

	private final JobRepository jobRepository;

	private final AnjianSettings settings;

	private final ObjectProvider<ReferenceData> reference;

	StatusCommand(JobRepository jobRepository, AnjianSettings settings, ObjectProvider<ReferenceData> reference) {
		this.jobRepository = jobRepository;
		this.settings = settings;
		this.reference = reference;
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
		JobExecution running = executions.stream()
			.filter(e -> e.getStatus().isRunning() && e.getStartTime() != null)
			.findFirst()
			.orElse(null);
		for (JobExecution e : executions.stream().limit(10).toList()) {
			long written = e.getStepExecutions().stream().mapToLong(s -> s.getWriteCount()).sum();
			String duration = e.getStartTime() == null || e.getEndTime() == null ? "—"
					: Duration.between(e.getStartTime(), e.getEndTime()).toMillis() / 1000.0 + "s";
			if (json != null) {
				json.job(e, written);
				continue;
			}
			out.line(String.format("  %s  %-22s %-10s %8s  写入 %d",
					office(e.getCreateTime()).withNano(0).toString().replace('T', ' '), e.getJobInstance().getJobName(),
					e.getStatus(), duration, written));
		}
		ScheduleSettings schedule = ScheduleSettings.fromEnvironment(settings.home(), System.getenv());
		if (schedule.jdbcUrl().startsWith("jdbc:h2:file:")
				&& !Files.exists(settings.home().resolve("scheduler").resolve("quartz.mv.db"))) {
			// no store yet: nothing registered, and a status creates no files
			if (json == null) {
				out.line("下次触发：（尚未运行 schedule 注册日程）");
			}
		}
		else {
			try (AnjianScheduler scheduler = AnjianScheduler.open(schedule, (job, params) -> {
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
			catch (Exception ex) {
				if (json == null) {
					out.line("下次触发：（无法读取日程库：" + ex.getMessage() + "）");
				}
			}
		}
		Path snapshot = settings.home().resolve("analyst").resolve("anjian.duckdb");
		if (running != null && json == null) {
			LocalDateTime taken = Files.exists(snapshot)
					? LocalDateTime.ofInstant(Files.getLastModifiedTime(snapshot).toInstant(), OfficeTime.ZONE) : null;
			LocalDateTime started = office(running.getStartTime());
			if (taken == null || taken.isBefore(started)) {
				out.line("注意：正在运行的作业 " + running.getJobInstance().getJobName() + "（开始于 "
						+ started.withNano(0).toString().replace('T', ' ') + "）的结果尚未导出；" + (taken == null ? "还没有分析快照"
								: "分析快照是 " + taken.withNano(0).toString().replace('T', ' ') + " 的，早于该作业"));
			}
		}
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
				if (json == null) {
					explained(c, out);
				}
			}
		}
		if (json == null) {
			calendarWarnings(out);
		}
		if (json != null) {
			out.line(json.toJson());
		}
		return ExitCodes.OK;
	}

	/**
	 * The advisory findings explained (已说明), newest first: a snapshot taken before
	 * explanations existed has none.
	 */
	private static void explained(Connection snapshot, CommandOutput out) {
		try (ResultSet rs = snapshot.createStatement()
			.executeQuery(
					"""
							select f.submitter_code, strftime(f.period, '%Y-%m') as period, e.rule, e.cell, e.text, e.source,
							    e.explained_by, f.path
							from audit_explanation e
							join (select sha256, any_value(submitter_code) as submitter_code, any_value(period) as period, min(path) as path
							      from audit_file where status <> 'duplicate' group by sha256) f on f.sha256 = e.sha256
							where e.rule <> '*'
							order by e.explained_at desc
							limit 20""")) {
			boolean first = true;
			while (rs.next()) {
				if (first) {
					out.line("已说明的提示（上报说明，截至最近一次导出，最新的在前）：");
					first = false;
				}
				out.line(String.format("  %s %s %s%s 已说明：%s（%s）  %s", rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4) == null ? "" : " " + rs.getString(4), rs.getString(5),
						"workbook".equals(rs.getString(6)) ? "填报单位表内说明" : "安委办 " + rs.getString(7), rs.getString(8)));
			}
		}
		catch (java.sql.SQLException ex) {
			// an older snapshot without audit_explanation: nothing explained yet
		}
	}

	/**
	 * Campaign months whose deadline no holiday calendar covers (the runs print them
	 * too).
	 */
	private void calendarWarnings(CommandOutput out) {
		try {
			ReferenceData data = reference.getObject();
			new DeadlineCalendar(data.holidays()).coverageWarnings(data.campaigns()).forEach(out::line);
		}
		catch (RuntimeException ex) {
			// unreadable reference data is for ingest to report with its file, line and
			// column
		}
	}

}
