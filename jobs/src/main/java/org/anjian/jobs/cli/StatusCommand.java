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
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.anjian.jobs.system.JobRepositoryStore;
import org.anjian.jobs.system.RecentJobs;
import org.anjian.jobs.system.RecentJobs.JobRun;
import org.anjian.schedules.AnjianScheduler;
import org.anjian.schedules.NextFire;
import org.anjian.schedules.ScheduleSettings;
import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * {@code status [--json]}: recent job executions (outcome, duration, counts), next fire
 * times, submissions per period. Runs without a Spring context (a person waits for it,
 * issue 18 part 4): plain SQL on the job repository ({@link RecentJobs}) and on the
 * scheduler's store ({@link AnjianScheduler#nextFireTimes(ScheduleSettings)}), and the
 * analysts' snapshot, never the live warehouse (whose DuckDB file lock a running job
 * holds), so it works while a job runs, and says when the snapshot is older than the
 * running job. It creates nothing: no job repository, no scheduler tables, no log file.
 */
final class StatusCommand {

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

	private StatusCommand() {
	}

	/**
	 * @param reference the reference-data folder, or null for the bundled demo county
	 * @param environment the process environment: ANJIAN_BATCH_URL (a system property of
	 * that name first, as the Spring commands read it) and ANJIAN_QUARTZ_URL
	 */
	static int run(Path home, Path reference, Map<String, String> environment, boolean asJson, CommandOutput out)
			throws Exception {
		// --json: the same facts as one JSON object on stdout (StatusJson), for
		// monitoring
		StatusJson json = asJson ? new StatusJson(home) : null;
		if (json == null) {
			out.line("最近的作业：");
		}
		List<JobRun> executions = new ArrayList<>();
		try (Connection jobs = JobRepositoryStore.forReading(home.resolve("batch"),
				setting("ANJIAN_BATCH_URL", environment), setting("ANJIAN_BATCH_USER", environment),
				setting("ANJIAN_BATCH_PASSWORD", environment))) {
			if (jobs != null) {
				executions.addAll(RecentJobs.read(jobs));
			}
		}
		JobRun running = executions.stream().filter(e -> e.running() && e.started() != null).findFirst().orElse(null);
		for (JobRun e : executions.stream().limit(10).toList()) {
			String duration = e.started() == null || e.ended() == null ? "—"
					: Duration.between(e.started(), e.ended()).toMillis() / 1000.0 + "s";
			if (json != null) {
				json.job(e);
				continue;
			}
			out.line(String.format("  %s  %-22s %-10s %8s  写入 %d",
					office(e.created()).withNano(0).toString().replace('T', ' '), e.job(), e.status(), duration,
					e.written()));
		}
		ScheduleSettings schedule = ScheduleSettings.fromEnvironment(home, environment);
		if (schedule.jdbcUrl().startsWith("jdbc:h2:file:")
				&& !Files.exists(home.resolve("scheduler").resolve("quartz.mv.db"))) {
			// no store yet: nothing registered, and a status creates no files
			if (json == null) {
				out.line("下次触发：（尚未运行 schedule 注册日程）");
			}
		}
		else {
			try {
				List<NextFire> fires = AnjianScheduler.nextFireTimes(schedule);
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
		Path snapshot = home.resolve("analyst").resolve("anjian.duckdb");
		if (running != null && json == null) {
			LocalDateTime taken = Files.exists(snapshot)
					? LocalDateTime.ofInstant(Files.getLastModifiedTime(snapshot).toInstant(), OfficeTime.ZONE) : null;
			LocalDateTime started = office(running.started());
			if (taken == null || taken.isBefore(started)) {
				out.line("注意：正在运行的作业 " + running.job() + "（开始于 " + started.withNano(0).toString().replace('T', ' ')
						+ "）的结果尚未导出；" + (taken == null ? "还没有分析快照"
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
			calendarWarnings(reference, out);
		}
		if (json != null) {
			out.line(json.toJson());
		}
		return ExitCodes.OK;
	}

	/**
	 * A setting as the Spring commands read it: a system property, else the environment.
	 */
	static String setting(String name, Map<String, String> environment) {
		String value = System.getProperty(name, environment.get(name));
		return value == null ? "" : value;
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
	private static void calendarWarnings(Path reference, CommandOutput out) {
		try {
			ReferenceData data = reference == null ? ReferenceDataLoader.loadDemo()
					: ReferenceDataLoader.load(reference);
			new DeadlineCalendar(data.holidays()).coverageWarnings(data.campaigns()).forEach(out::line);
		}
		catch (RuntimeException ex) {
			// unreadable reference data is for ingest to report with its file, line and
			// column
		}
	}

}
