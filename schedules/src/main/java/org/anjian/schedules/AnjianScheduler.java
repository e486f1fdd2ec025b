package org.anjian.schedules;

import static org.quartz.JobKey.jobKey;
import static org.quartz.TriggerKey.triggerKey;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;

import org.anjian.warehouse.reference.ReferenceData;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The office's calendar on Quartz: the nightly ingest and a cutoff and a month-end rollup
 * for every campaign month, on a JDBC job store that survives restarts (H2 file by
 * default, PostgreSQL clustered in production).
 *
 * <p>
 * Each trigger starts a batch job through {@link LaunchJob}; a fire missed while the
 * scheduler was down is caught up exactly once when it comes back (nightly: fire once
 * now; rollups: fire now). Triggers are keyed by name, so {@link #register} at every
 * start keeps what is unchanged and never duplicates.
 */
public final class AnjianScheduler implements AutoCloseable {

	static final String NIGHTLY_GROUP = "nightly";

	static final String ROLLUP_GROUP = "rollups";

	static final JobKey NIGHTLY_JOB = jobKey("nightly-ingest", NIGHTLY_GROUP);

	static final JobKey ROLLUP_JOB = jobKey("rollup", ROLLUP_GROUP);

	static final TriggerKey NIGHTLY_TRIGGER = triggerKey("nightly-ingest", NIGHTLY_GROUP);

	private static final Logger log = LoggerFactory.getLogger(AnjianScheduler.class);

	private final ScheduleSettings settings;

	private final Scheduler scheduler;

	private Thread shutdownHook;

	private AnjianScheduler(ScheduleSettings settings, Scheduler scheduler) {
		this.settings = settings;
		this.scheduler = scheduler;
	}

	/**
	 * Opens the job store (creating Quartz's tables when missing) and builds a scheduler
	 * in standby: nothing fires before {@link #start()}, so a status command can open it
	 * just to read {@link #nextFireTimes()}.
	 */
	public static AnjianScheduler open(ScheduleSettings settings, JobStarter starter) throws SchedulerException {
		try {
			if (QuartzTables.ensure(settings.jdbcUrl(), settings.user(), settings.password())) {
				log.info("已在 {} 建立 Quartz 作业库表", settings.jdbcUrl());
			}
		}
		catch (SQLException ex) {
			throw new SchedulerException("无法准备 Quartz 作业库 " + settings.jdbcUrl() + "：" + ex.getMessage(), ex);
		}
		Scheduler scheduler;
		// anjian holds its scheduler itself; Quartz's JVM-wide registry by name would
		// forbid a second node in one JVM — and two opening at once could be handed the
		// same scheduler between the factory's bind and this remove: one at a time
		synchronized (OPENING) {
			StdSchedulerFactory factory = new StdSchedulerFactory(properties(settings));
			scheduler = factory.getScheduler();
			SchedulerRepository.getInstance().remove(settings.instanceName());
		}
		scheduler.getContext().put(LaunchJob.STARTER, Objects.requireNonNull(starter, "starter"));
		scheduler.getContext().put(LaunchJob.ZONE, settings.zone());
		return new AnjianScheduler(settings, scheduler);
	}

	/**
	 * Serialises the factory's JVM-wide registrations (schedulers by name, data sources).
	 */
	private static final Object OPENING = new Object();

	/**
	 * Quartz keeps data sources in a JVM-wide table by name: every scheduler gets a name
	 * of its own, so a second one in the same JVM never replaces (or closes) the first's
	 * pool.
	 */
	private static final java.util.concurrent.atomic.AtomicInteger DATA_SOURCES = new java.util.concurrent.atomic.AtomicInteger();

	static Properties properties(ScheduleSettings settings) {
		String ds = "anjian" + DATA_SOURCES.incrementAndGet();
		Properties p = new Properties();
		p.setProperty("org.quartz.scheduler.instanceName", settings.instanceName());
		p.setProperty("org.quartz.scheduler.instanceId",
				settings.clustered() ? settings.instanceId() : "NON_CLUSTERED");
		p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
		p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threadCount()));
		p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
		p.setProperty("org.quartz.jobStore.driverDelegateClass", settings.postgres()
				? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
		p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
		// job data as strings only: no Java serialization in the store
		p.setProperty("org.quartz.jobStore.useProperties", "true");
		p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(settings.misfireThreshold().toMillis()));
		p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(settings.clustered()));
		p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
		p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
		p.setProperty("org.quartz.jobStore.dataSource", ds);
		p.setProperty("org.quartz.dataSource." + ds + ".provider", "hikaricp");
		p.setProperty("org.quartz.dataSource." + ds + ".driver",
				settings.postgres() ? "org.postgresql.Driver" : driverFor(settings.jdbcUrl()));
		p.setProperty("org.quartz.dataSource." + ds + ".URL", settings.jdbcUrl());
		p.setProperty("org.quartz.dataSource." + ds + ".user", settings.user());
		p.setProperty("org.quartz.dataSource." + ds + ".password", settings.password());
		// the scheduler thread, the misfire handler, the cluster manager and every worker
		// may hold one at once
		p.setProperty("org.quartz.dataSource." + ds + ".maxConnections", Integer.toString(settings.threadCount() + 3));
		return p;
	}

	private static String driverFor(String url) {
		if (url.startsWith("jdbc:h2:")) {
			return "org.h2.Driver";
		}
		throw new IllegalArgumentException("不支持的 Quartz 作业库：" + url + "（支持 jdbc:h2: 与 jdbc:postgresql:）");
	}

	/**
	 * Puts the calendar into the store: the nightly ingest cron and, for every campaign
	 * month, a one-shot cutoff and month-end rollup trigger. Unchanged triggers are kept
	 * (so a pending catch-up survives), changed ones replaced, ones that have already run
	 * are not scheduled again, and rollup triggers no longer in the calendar are removed.
	 */
	public void register(ReferenceData reference) throws SchedulerException {
		addJobIfMissing(NIGHTLY_JOB, "每晚收取报表");
		addJobIfMissing(ROLLUP_JOB, "截止日与月末汇总");

		CronTrigger nightly = nightlyTrigger(settings);
		Trigger existing = scheduler.getTrigger(NIGHTLY_TRIGGER);
		if (existing == null) {
			schedule(nightly);
		}
		else if (!(existing instanceof CronTrigger cron)
				|| !cron.getCronExpression().equals(nightly.getCronExpression())
				|| !cron.getTimeZone().getID().equals(nightly.getTimeZone().getID())
				|| !Objects.equals(existing.getJobDataMap(), nightly.getJobDataMap())) {
			scheduler.rescheduleJob(NIGHTLY_TRIGGER, nightly);
		}

		JobDataMap done = scheduler.getJobDetail(ROLLUP_JOB).getJobDataMap();
		Set<TriggerKey> wanted = new HashSet<>();
		for (SimpleTrigger trigger : rollupTriggers(settings, new DueRollups(reference))) {
			TriggerKey key = trigger.getKey();
			wanted.add(key);
			if (done.containsKey(LaunchJob.DONE_PREFIX + key.getName())) {
				continue;
			}
			Trigger current = scheduler.getTrigger(key);
			if (current == null) {
				schedule(trigger);
			}
			else if (!current.getStartTime().equals(trigger.getStartTime())
					|| !Objects.equals(current.getJobDataMap(), trigger.getJobDataMap())) {
				scheduler.rescheduleJob(key, trigger);
			}
		}
		for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(ROLLUP_GROUP))) {
			if (!wanted.contains(key)) {
				scheduler.unscheduleJob(key);
			}
		}
	}

	private void addJobIfMissing(JobKey key, String description) throws SchedulerException {
		if (!scheduler.checkExists(key)) {
			// durable: the job detail keeps its "done" marks while it has no trigger
			try {
				scheduler.addJob(JobBuilder.newJob(LaunchJob.class)
					.withIdentity(key)
					.withDescription(description)
					.storeDurably()
					.build(), false);
			}
			catch (ObjectAlreadyExistsException anotherNodeWasFaster) {
				// a cluster node starting at the same time added it
			}
		}
	}

	private void schedule(Trigger trigger) throws SchedulerException {
		try {
			scheduler.scheduleJob(trigger);
		}
		catch (ObjectAlreadyExistsException anotherNodeWasFaster) {
			// a cluster node starting at the same time registered the same calendar
		}
	}

	static CronTrigger nightlyTrigger(ScheduleSettings settings) {
		return TriggerBuilder.newTrigger()
			.withIdentity(NIGHTLY_TRIGGER)
			.forJob(NIGHTLY_JOB)
			.withDescription("每晚收取报表 " + settings.nightlyCron())
			.usingJobData(LaunchJob.JOB_NAME, settings.ingestJobName())
			.usingJobData(LaunchJob.BUSINESS_DATE_PARAMETER, "businessDate")
			.withSchedule(CronScheduleBuilder.cronSchedule(settings.nightlyCron())
				.inTimeZone(TimeZone.getTimeZone(settings.zone()))
				// after downtime: one catch-up run now, then the regular time again
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

	/**
	 * One one-shot trigger per rollup of the calendar, firing at
	 * {@link ScheduleSettings#fireTime}.
	 */
	static List<SimpleTrigger> rollupTriggers(ScheduleSettings settings, DueRollups rollups) {
		List<SimpleTrigger> triggers = new ArrayList<>();
		for (DueRollup rollup : rollups.calendar()) {
			triggers.add(oneShot(settings, triggerName(rollup), ROLLUP_JOB, settings.rollupJobName(),
					rollup.parameters(), settings.fireTime(rollup)));
		}
		return triggers;
	}

	static String triggerName(DueRollup rollup) {
		return "rollup-" + rollup.campaign() + "-" + rollup.period() + "-" + rollup.kind();
	}

	/**
	 * A trigger that fires once at {@code at}, or at once after downtime
	 * (MISFIRE_INSTRUCTION_FIRE_NOW).
	 */
	static SimpleTrigger oneShot(ScheduleSettings settings, String name, JobKey job, String jobName,
			Map<String, String> parameters, LocalDateTime at) {
		JobDataMap data = new JobDataMap();
		data.put(LaunchJob.JOB_NAME, jobName);
		parameters.forEach((k, v) -> data.put(LaunchJob.PARAMETER_PREFIX + k, v));
		return TriggerBuilder.newTrigger()
			.withIdentity(triggerKey(name, job.getGroup()))
			.forJob(job)
			.withDescription(jobName + " " + parameters)
			.usingJobData(data)
			.startAt(Date.from(at.atZone(settings.zone()).toInstant()))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
	}

	/**
	 * Schedules one extra one-shot start of {@code jobName} (tests, and a manual replay
	 * of one rollup).
	 */
	void scheduleOnce(String name, JobKey job, String jobName, Map<String, String> parameters, LocalDateTime at)
			throws SchedulerException {
		addJobIfMissing(job, jobName);
		schedule(oneShot(settings, name, job, jobName, parameters, at));
	}

	/** Starts firing; triggers missed while down are caught up now. */
	public void start() throws SchedulerException {
		scheduler.start();
		log.info("日历已启动：{}", settings);
	}

	/**
	 * Shuts down gracefully on SIGTERM / Ctrl-C: running jobs finish, nothing new fires.
	 */
	public synchronized void registerShutdownHook() {
		if (shutdownHook == null) {
			shutdownHook = new Thread(() -> {
				try {
					shutdownNow(true);
				}
				catch (SchedulerException ex) {
					log.error("日历关闭失败", ex);
				}
			}, "anjian-scheduler-shutdown");
			Runtime.getRuntime().addShutdownHook(shutdownHook);
		}
	}

	/**
	 * Stops the scheduler; with {@code waitForJobsToComplete} running jobs finish first.
	 */
	public synchronized void shutdown(boolean waitForJobsToComplete) throws SchedulerException {
		if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(shutdownHook);
			}
			catch (IllegalStateException alreadyShuttingDown) {
				// the JVM is exiting; the hook runs anyway
			}
			shutdownHook = null;
		}
		shutdownNow(waitForJobsToComplete);
	}

	private void shutdownNow(boolean waitForJobsToComplete) throws SchedulerException {
		if (!scheduler.isShutdown()) {
			scheduler.shutdown(waitForJobsToComplete);
			log.info("日历已关闭");
		}
	}

	@Override
	public void close() throws SchedulerException {
		shutdown(true);
	}

	/** Every trigger that will still fire, soonest first. */
	public List<NextFire> nextFireTimes() throws SchedulerException {
		List<NextFire> fires = new ArrayList<>();
		for (String group : scheduler.getTriggerGroupNames()) {
			for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
				Trigger trigger = scheduler.getTrigger(key);
				if (trigger == null || trigger.getNextFireTime() == null) {
					continue;
				}
				JobDataMap data = trigger.getJobDataMap();
				fires.add(fire(key.getName(), List.of(data.getKeys()), data::getString,
						trigger.getNextFireTime().getTime(), settings.zone()));
			}
		}
		fires.sort(FIRE_ORDER);
		return fires;
	}

	private static final Comparator<NextFire> FIRE_ORDER = Comparator.comparing(NextFire::at)
		.thenComparing(NextFire::trigger);

	/**
	 * One trigger's next fire, from its job data however it was read (Quartz's map, or
	 * the store's properties text): the job's name and its parameters (the keys under
	 * {@link LaunchJob#PARAMETER_PREFIX}).
	 */
	private static NextFire fire(String trigger, Iterable<String> keys, java.util.function.UnaryOperator<String> data,
			long nextFireMillis, java.time.ZoneId zone) {
		Map<String, String> parameters = new TreeMap<>();
		for (String k : keys) {
			if (k.startsWith(LaunchJob.PARAMETER_PREFIX)) {
				parameters.put(k.substring(LaunchJob.PARAMETER_PREFIX.length()), data.apply(k));
			}
		}
		return new NextFire(trigger, data.apply(LaunchJob.JOB_NAME), parameters,
				LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(nextFireMillis), zone));
	}

	/**
	 * {@link #nextFireTimes()} read straight from the job store with plain SQL, for a
	 * status that neither builds a Quartz scheduler nor creates tables: the triggers of
	 * this scheduler's name with a next fire time, their job data as Quartz stores it
	 * ({@code useProperties}: a properties text). Empty when the store has no tables yet.
	 */
	public static List<NextFire> nextFireTimes(ScheduleSettings settings) throws SQLException {
		List<NextFire> fires = new ArrayList<>();
		try (java.sql.Connection c = java.sql.DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
				settings.password())) {
			if (!QuartzTables.complete(c, settings.jdbcUrl())) {
				return fires;
			}
			try (java.sql.PreparedStatement st = c.prepareStatement(
					"select TRIGGER_NAME, NEXT_FIRE_TIME, JOB_DATA from QRTZ_TRIGGERS where SCHED_NAME = ?")) {
				st.setString(1, settings.instanceName());
				try (java.sql.ResultSet rs = st.executeQuery()) {
					while (rs.next()) {
						long next = rs.getLong(2);
						if (next <= 0) {
							continue;
						}
						Properties data = new Properties();
						byte[] stored = rs.getBytes(3);
						if (stored != null) {
							try {
								data.load(new java.io.ByteArrayInputStream(stored));
							}
							catch (java.io.IOException ex) {
								throw new SQLException("日程 " + rs.getString(1) + " 的参数无法读取：" + ex.getMessage(), ex);
							}
						}
						fires.add(fire(rs.getString(1), data.stringPropertyNames(), data::getProperty, next,
								settings.zone()));
					}
				}
			}
		}
		fires.sort(FIRE_ORDER);
		return fires;
	}

	public ScheduleSettings settings() {
		return settings;
	}

	/** The Quartz scheduler itself, for tests and listeners. */
	Scheduler quartz() {
		return scheduler;
	}

}
