package org.anjian.jobs.system;

import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a job the way a nightly operator needs: a job instance already completed for the same identifying
 * parameters is "nothing to do"; an execution left STARTED by a killed process (we hold the home lock, so no live
 * process owns it) is recovered, and the instance restarts from where Spring Batch recorded it.
 */
@Component
public class JobRunner {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	JobRunner(JobOperator jobOperator, JobRepository jobRepository) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
	}

	/** The execution, or null when this job instance had already completed. */
	public JobExecution run(Job job, JobParameters parameters) throws Exception {
		JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			return null;
		}
		if (last != null && last.getStatus().isRunning()) {
			jobOperator.recover(last);
		}
		try {
			return jobOperator.start(job, parameters);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return null;
		}
	}

	/**
	 * Reports a run that did not complete as the one-line reason on stderr and returns its exit code.
	 * @param what the command's work in the operator's words, e.g. 入库
	 * @return {@link ExitCodes#OK} for a completed run or an instance already complete (null), else
	 * {@link ExitCodes#JOB_FAILED}
	 */
	public static int outcome(JobExecution execution, String what, CommandOutput out) {
		if (execution == null || execution.getStatus() == BatchStatus.COMPLETED) {
			return ExitCodes.OK;
		}
		String reason = execution.getAllFailureExceptions().stream().findFirst().map(Throwable::getMessage)
			.orElse(execution.getExitStatus().getExitDescription());
		out.err().println("anjian: " + what + "失败（" + execution.getStatus() + "）：" + reason);
		return ExitCodes.JOB_FAILED;
	}

}
