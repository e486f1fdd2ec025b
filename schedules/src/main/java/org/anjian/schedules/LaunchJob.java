package org.anjian.schedules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.anjian.warehouse.calendar.OfficeTime;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;

/**
 * The thin adapter between a Quartz fire and a batch job: it names the job and passes
 * identifying parameters, nothing else (cf. Spring Batch's
 * {@code misc/quartz/JobLauncherDetails}).
 *
 * <p>
 * Job data: {@value #JOB_NAME} is the batch job's name, every
 * {@value #PARAMETER_PREFIX}{@code x} entry becomes parameter {@code x}, and
 * {@value #BUSINESS_DATE_PARAMETER} names a parameter that receives the business date:
 * the date of the fire's <em>scheduled</em> time, so a late or repeated fire for the same
 * day asks for the same job instance. A one-shot trigger that has run is remembered in
 * the job detail as {@value #DONE_PREFIX}{@code trigger}, so re-registering the calendar
 * at the next start does not schedule it again.
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
public class LaunchJob implements Job {

	static final String JOB_NAME = "jobName";

	static final String PARAMETER_PREFIX = "param.";

	static final String BUSINESS_DATE_PARAMETER = "businessDateParameter";

	static final String DONE_PREFIX = "done.";

	/**
	 * SchedulerContext key of the {@link JobStarter}; set per scheduler instance, never
	 * persisted.
	 */
	static final String STARTER = "anjian.jobStarter";

	/** SchedulerContext key of the calendar's {@link ZoneId}. */
	static final String ZONE = "anjian.zone";

	private static final Logger log = LoggerFactory.getLogger(LaunchJob.class);

	@Override
	public void execute(JobExecutionContext context) throws JobExecutionException {
		JobStarter starter;
		ZoneId zone;
		try {
			starter = (JobStarter) context.getScheduler().getContext().get(STARTER);
			zone = (ZoneId) context.getScheduler().getContext().get(ZONE);
		}
		catch (SchedulerException ex) {
			throw new JobExecutionException(ex, false);
		}
		if (starter == null) {
			throw new JobExecutionException("no JobStarter in the scheduler context", false);
		}
		JobDataMap data = context.getMergedJobDataMap();
		String jobName = data.getString(JOB_NAME);
		Map<String, String> parameters = parameters(data, context, zone);
		String trigger = context.getTrigger().getKey().getName();
		try {
			log.info("触发器 {} 启动作业 {} {}", trigger, jobName, parameters);
			starter.start(jobName, parameters);
		}
		catch (Exception ex) {
			if (!alreadyComplete(ex)) {
				log.error("触发器 {} 启动作业 {} {} 失败：{}", trigger, jobName, parameters, ex.toString(), ex);
				throw new JobExecutionException(ex, false);
			}
			// the same business date again (a misfire catch-up, a second node): Spring
			// Batch refused it, as intended
			log.info("作业 {} {} 已完成过，本次触发（{}）不再重复执行", jobName, parameters, trigger);
		}
		if (context.getNextFireTime() == null) {
			context.getJobDetail()
				.getJobDataMap()
				.put(DONE_PREFIX + trigger, context.getScheduledFireTime().toInstant().toString());
		}
	}

	static Map<String, String> parameters(JobDataMap data, JobExecutionContext context, ZoneId zone) {
		Map<String, String> parameters = new TreeMap<>();
		for (String key : data.getKeys()) {
			if (key.startsWith(PARAMETER_PREFIX)) {
				parameters.put(key.substring(PARAMETER_PREFIX.length()), data.getString(key));
			}
		}
		String businessDate = data.getString(BUSINESS_DATE_PARAMETER);
		if (businessDate != null) {
			parameters.put(businessDate,
					LocalDate
						.ofInstant(context.getScheduledFireTime().toInstant(), zone == null ? OfficeTime.ZONE : zone)
						.toString());
		}
		return new LinkedHashMap<>(parameters);
	}

	private static boolean alreadyComplete(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof JobInstanceAlreadyCompleteException) {
				return true;
			}
		}
		return false;
	}

}
