package org.anjian.jobs.runs;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.HomeTempFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a job the way a nightly operator needs: a job instance already completed for the
 * same identifying parameters is reported as such ({@link RunOutcome#ALREADY_COMPLETE}),
 * never run again; an execution left STARTED by a killed process (every caller holds the
 * home lock, so no live process owns it) is recovered, and the instance restarts from
 * where Spring Batch recorded it. An instance recorded without any execution (the process
 * died between the two inserts, or with an older version before H2 wrote them) is deleted
 * and started afresh: no step of it ran. Before each start, the home's temp files left by
 * a killed run are removed ({@link HomeTempFiles}).
 */
@Component
class JobStarts {

	private final JobOperator jobOperator;

	private static final Logger log = LoggerFactory.getLogger(JobStarts.class);

	private final JobRepository jobRepository;

	private final AnjianSettings settings;

	JobStarts(JobOperator jobOperator, JobRepository jobRepository, AnjianSettings settings) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.settings = settings;
	}

	/**
	 * @param outcome completed, already complete or failed
	 * @param execution this start's execution, or the completed one for an instance
	 * already complete
	 * @param failure the first failure's message when it failed
	 */
	record Started(RunOutcome outcome, JobExecution execution, String failure) {

		/** “入库失败（FAILED）：reason”, the one line an operator reads. */
		String problem(String what) {
			return what + "失败（" + execution.getStatus() + "）：" + failure;
		}

	}

	Started start(Job job, JobParameters parameters) throws Exception {
		HomeTempFiles.sweep(settings);
		JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
		if (last == null) {
			JobInstance orphan = jobRepository.getJobInstance(job.getName(), parameters);
			if (orphan != null) {
				log.warn("作业 {} 的实例 {} 没有任何执行记录（上次运行在登记执行前被终止），删除后重新开始", job.getName(), orphan.getInstanceId());
				jobRepository.deleteJobInstance(orphan);
			}
		}
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			return new Started(RunOutcome.ALREADY_COMPLETE, last, null);
		}
		if (last != null && last.getStatus().isRunning()) {
			jobOperator.recover(last);
		}
		JobExecution execution;
		try {
			execution = jobOperator.start(job, parameters);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			// completed between the look-up and the start (only another process could,
			// and the home lock forbids it)
			return new Started(RunOutcome.ALREADY_COMPLETE,
					jobRepository.getLastJobExecution(job.getName(), parameters), null);
		}
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return new Started(RunOutcome.COMPLETED, execution, null);
		}
		String reason = execution.getAllFailureExceptions()
			.stream()
			.findFirst()
			.map(org.anjian.warehouse.Warehouse::diskFullOr)
			.orElse(execution.getExitStatus().getExitDescription());
		return new Started(RunOutcome.FAILED, execution, reason);
	}

}
