package org.anjian.schedules;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.rollups.RollupKind;
import org.quartz.CronExpression;

/**
 * How the calendar runs: the nightly cron, the time zone, the Quartz job store and the
 * batch job names it starts.
 *
 * @param nightlyCron Quartz cron of the nightly ingest (default
 * {@value #DEFAULT_NIGHTLY_CRON}, 02:00 every day)
 * @param zone the wall clock of cron and deadlines (Asia/Shanghai)
 * @param jdbcUrl the Quartz job store: an H2 file under the home by default, or
 * PostgreSQL
 * @param clustered Quartz clustering: on for PostgreSQL, so two instances never fire one
 * trigger twice
 * @param instanceName the scheduler's name, shared by all nodes of a cluster
 * ({@code SCHED_NAME} in the tables)
 * @param instanceId this node's id; {@code AUTO} lets Quartz make a unique one (host name
 * and start time)
 * @param misfireThreshold how late a fire may be before it counts as misfired
 * @param threadCount jobs running at once; 1 keeps the single-writer DuckDB warehouse to
 * one job at a time
 * @param ingestJobName the batch job the nightly trigger starts, with parameter
 * {@code businessDate}
 * @param rollupJobName the batch job a rollup trigger starts, with
 * {@link DueRollup#parameters()}
 * @param cutoffFireTime time of day, the day after the deadline, a cutoff rollup fires
 * @param monthEndFireTime time of day, on the 1st of the next month, a month-end rollup
 * fires
 */
public record ScheduleSettings(String nightlyCron, ZoneId zone, String jdbcUrl, String user, String password,
		boolean clustered, String instanceName, String instanceId, Duration misfireThreshold, int threadCount,
		String ingestJobName, String rollupJobName, LocalTime cutoffFireTime, LocalTime monthEndFireTime) {

	public static final String DEFAULT_NIGHTLY_CRON = "0 0 2 * * ?";

	public static final String ENV_URL = "ANJIAN_QUARTZ_URL";

	public static final String ENV_USER = "ANJIAN_QUARTZ_USER";

	public static final String ENV_PASSWORD = "ANJIAN_QUARTZ_PASSWORD";

	public static final String ENV_NIGHTLY_CRON = "ANJIAN_NIGHTLY_CRON";

	public ScheduleSettings {
		if (!CronExpression.isValidExpression(nightlyCron)) {
			throw new IllegalArgumentException("夜间任务的 cron 表达式无效：" + nightlyCron);
		}
		if (threadCount < 1) {
			throw new IllegalArgumentException("threadCount 必须至少为 1：" + threadCount);
		}
	}

	/** The embedded job store: H2 file {@code <home>/scheduler/quartz}, not clustered. */
	public static ScheduleSettings embedded(Path home) {
		// AUTO_SERVER lets a status command read the store while the schedule command
		// holds it open
		String url = "jdbc:h2:file:" + home.resolve("scheduler").resolve("quartz").toAbsolutePath()
				+ ";AUTO_SERVER=TRUE";
		return new ScheduleSettings(DEFAULT_NIGHTLY_CRON, OfficeTime.ZONE, url, "sa", "", false, "anjian", "AUTO",
				Duration.ofSeconds(60), 1, "submissionsIntakeJob", "rollupJob", LocalTime.of(0, 5),
				LocalTime.of(0, 10));
	}

	/**
	 * {@link #embedded} unless {@value #ENV_URL} names a database (then user
	 * {@value #ENV_USER}, password {@value #ENV_PASSWORD}, clustered when it is
	 * PostgreSQL); {@value #ENV_NIGHTLY_CRON} overrides the cron.
	 */
	public static ScheduleSettings fromEnvironment(Path home, Map<String, String> env) {
		ScheduleSettings settings = embedded(home);
		String url = env.get(ENV_URL);
		if (url != null && !url.isBlank()) {
			settings = settings.withJdbc(url, env.getOrDefault(ENV_USER, ""), env.getOrDefault(ENV_PASSWORD, ""));
		}
		String cron = env.get(ENV_NIGHTLY_CRON);
		if (cron != null && !cron.isBlank()) {
			settings = settings.withNightlyCron(cron);
		}
		return settings;
	}

	public boolean postgres() {
		return jdbcUrl.startsWith("jdbc:postgresql:");
	}

	/** Another job store; PostgreSQL is clustered, anything else is not. */
	public ScheduleSettings withJdbc(String url, String user, String password) {
		return new ScheduleSettings(nightlyCron, zone, url, user, password, url.startsWith("jdbc:postgresql:"),
				instanceName, instanceId, misfireThreshold, threadCount, ingestJobName, rollupJobName, cutoffFireTime,
				monthEndFireTime);
	}

	public ScheduleSettings withNightlyCron(String cron) {
		return new ScheduleSettings(cron, zone, jdbcUrl, user, password, clustered, instanceName, instanceId,
				misfireThreshold, threadCount, ingestJobName, rollupJobName, cutoffFireTime, monthEndFireTime);
	}

	public ScheduleSettings withInstance(String name, String id) {
		return new ScheduleSettings(nightlyCron, zone, jdbcUrl, user, password, clustered, name, id, misfireThreshold,
				threadCount, ingestJobName, rollupJobName, cutoffFireTime, monthEndFireTime);
	}

	public ScheduleSettings withMisfireThreshold(Duration threshold) {
		return new ScheduleSettings(nightlyCron, zone, jdbcUrl, user, password, clustered, instanceName, instanceId,
				threshold, threadCount, ingestJobName, rollupJobName, cutoffFireTime, monthEndFireTime);
	}

	public ScheduleSettings withThreadCount(int threads) {
		return new ScheduleSettings(nightlyCron, zone, jdbcUrl, user, password, clustered, instanceName, instanceId,
				misfireThreshold, threads, ingestJobName, rollupJobName, cutoffFireTime, monthEndFireTime);
	}

	public ScheduleSettings withJobNames(String ingestJob, String rollupJob) {
		return new ScheduleSettings(nightlyCron, zone, jdbcUrl, user, password, clustered, instanceName, instanceId,
				misfireThreshold, threadCount, ingestJob, rollupJob, cutoffFireTime, monthEndFireTime);
	}

	/** The moment the trigger of {@code rollup} fires: shortly after it has come due. */
	public LocalDateTime fireTime(DueRollup rollup) {
		LocalTime at = rollup.rollup().kind() == RollupKind.CUTOFF ? cutoffFireTime : monthEndFireTime;
		return rollup.dueAt().toLocalDate().atTime(at);
	}

	@Override
	public String toString() {
		// never print the password
		return "ScheduleSettings[nightlyCron=" + nightlyCron + ", zone=" + zone + ", jdbcUrl=" + jdbcUrl + ", user="
				+ user + ", clustered=" + clustered + ", instanceName=" + instanceName
				+ (clustered ? ", instanceId=" + instanceId : "") + ", misfireThreshold=" + misfireThreshold
				+ ", threadCount=" + threadCount + "]";
	}

}
