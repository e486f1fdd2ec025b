package org.anjian.jobs.submissions;

import java.time.LocalDateTime;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.writers.lists.ListWriter;
import org.anjian.writers.submissions.SubmissionHistory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * submissionsIntakeJob (收件入库) in the Spring context (nightly, schedule, serve, demo, and
 * {@code ingest} when it needs the context): the job {@link IngestJob} builds, its intake
 * step's parts step-scoped beans made by {@link IngestJob} from each step execution's job
 * parameters. The {@code ingest} command builds the same job without a context
 * ({@link IngestJob#forRun}).
 */
@Configuration(proxyBeanMethods = false)
class SubmissionsIntakeJobConfiguration {

	/** The run this execution reports to ({@link IntakeRuns}). */
	private static final String RUN = "#{jobParameters['" + IntakeRuns.PARAMETER + "']}";

	@Bean
	@StepScope
	InboxFileItemReader inboxFileItemReader(@Value("#{jobParameters['inbox']}") String inbox,
			@Value("#{jobParameters['now']}") LocalDateTime now, @Value(RUN) String run, IntakeRuns runs,
			Warehouse warehouse, IntakeSettings settings, ReferenceData referenceData) {
		return IngestJob.reader(inbox, now, run, runs, warehouse, settings, referenceData);
	}

	/**
	 * The front door, the summary read and the list read, within the intake's limits
	 * ({@link IntakeSettings}).
	 */
	@Bean
	IntakeReaders intakeReaders(IntakeSettings settings) {
		return IntakeReaders.of(settings);
	}

	@Bean
	@StepScope
	SubmissionHistory intakeHistory(Warehouse warehouse) {
		return IngestJob.history(warehouse);
	}

	@Bean
	@StepScope
	SubmissionAuditProcessor submissionAuditProcessor(IntakeReaders intakeReaders, ReferenceData referenceData,
			SubmissionHistory intakeHistory, @Value(RUN) String run, IntakeRuns runs) {
		return IngestJob.processor(intakeReaders, referenceData, intakeHistory, run, runs);
	}

	@Bean
	ListWriter listWriter(Warehouse warehouse) {
		return new ListWriter(warehouse);
	}

	@Bean
	@StepScope
	IntakeWriter intakeWriter(Warehouse warehouse, IntakeReaders intakeReaders, ListWriter listWriter,
			SubmissionHistory intakeHistory, @Value(RUN) String run, IntakeRuns runs,
			@Value("#{jobParameters['staged']}") String staged) {
		return IngestJob.writer(warehouse, intakeReaders, listWriter, intakeHistory, run, runs, staged);
	}

	@Bean
	@StepScope
	IntakeProgressListener intakeProgressListener(Warehouse warehouse, @Value(RUN) String run, IntakeRuns runs) {
		return IngestJob.progressListener(warehouse, run, runs);
	}

	@Bean
	Job submissionsIntakeJob(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, ReferenceData referenceData, AnjianSettings settings, ListWriter listWriter,
			InboxFileItemReader inboxFileItemReader, SubmissionAuditProcessor submissionAuditProcessor,
			IntakeWriter intakeWriter, IntakeProgressListener intakeProgressListener) {
		return IngestJob.build(jobRepository, batchTransactionManager, warehouse, referenceData, settings, listWriter,
				new IngestJob.IntakeStep(inboxFileItemReader, submissionAuditProcessor, intakeWriter,
						intakeProgressListener));
	}

}
