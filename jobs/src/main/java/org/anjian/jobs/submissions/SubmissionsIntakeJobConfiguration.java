package org.anjian.jobs.submissions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.writers.feedback.FeedbackWriter;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.anjian.writers.ledger.AuditLedger;
import org.anjian.writers.submissions.DocumentWriter;
import org.anjian.writers.submissions.SubmissionHistory;
import org.anjian.writers.submissions.SubmissionWriter;
import org.anjian.writers.lists.ListWriter;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * submissionsIntakeJob (收件入库): reference data → every new inbox file read, recognised,
 * checked and written (summary tables whole, several in one DuckDB transaction;
 * record-level lists streamed row by row, each in its own) → the annotated workbook
 * (审核意见) of each rejected or warned file → staging views and marts rebuilt. Identifying
 * parameters: {@code inbox}, {@code fingerprint} (of the inbox listing and reference
 * data: the same inbox twice is the same, completed instance), optional {@code now} and
 * {@code businessDate} (a nightly trigger's date); not identifying: {@code run}, the
 * {@link IntakeRuns} token of the run reporting it, and {@code staged}, where workers
 * staged the lists they read (org.anjian.jobs.remote), if they did.
 */
@Configuration(proxyBeanMethods = false)
class SubmissionsIntakeJobConfiguration {

	static final String JOB_NAME = "submissionsIntakeJob";

	/** The run this execution reports to ({@link IntakeRuns}). */
	private static final String RUN = "#{jobParameters['" + IntakeRuns.PARAMETER + "']}";

	// referenceLoad: the deployment's reference data replaces ref_* (validated when the
	// bean was created)

	@Bean
	Step referenceLoad(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, ReferenceData referenceData) {
		return new StepBuilder("referenceLoad", jobRepository).tasklet((contribution, chunk) -> {
			ReferenceDataLoader.write(warehouse, referenceData);
			return RepeatStatus.FINISHED;
		}, batchTransactionManager).build();
	}

	// submissionIntake: up to FILES_PER_CHUNK inbox files per chunk; the summary tables
	// among them share one DuckDB transaction (IntakeWriter), each list and document has
	// its own. Restart needs nothing of the chunk: the audit ledger decides what is new,
	// so a chunk lost to a crash before its commit is read again whole by the next run.

	/**
	 * Inbox files per chunk: a commit per small form was a fifth of its write (issue 18
	 * part 5); more files per transaction save little more and redo more after a failure.
	 */
	static final int FILES_PER_CHUNK = 16;

	/**
	 * The chunk's files are opened and read (the processor, which no longer reads the
	 * warehouse) on these threads, one file each, while the step's thread lists and
	 * hashes the next; the writer then takes them in order on the step's thread. As many
	 * as the cores (at least 2: a file's front door and read mostly wait on their own
	 * time-limited hand-off threads). Daemons leaving after 30 s idle, so the pool needs
	 * no owner, as the readers' pooled hand-offs.
	 */
	private static final AsyncTaskExecutor PROCESSING = processingThreads(
			Math.max(2, Runtime.getRuntime().availableProcessors()));

	private static AsyncTaskExecutor processingThreads(int threads) {
		AtomicInteger number = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), task -> {
					Thread thread = new Thread(task, "anjian-intake-" + number.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return new TaskExecutorAdapter(pool);
	}

	@Bean
	@StepScope
	InboxFileItemReader inboxFileItemReader(@Value("#{jobParameters['inbox']}") String inbox,
			@Value("#{jobParameters['now']}") LocalDateTime now, @Value(RUN) String run, IntakeRuns runs,
			Warehouse warehouse, IntakeSettings settings, ReferenceData referenceData) {
		AuditLedger ledger = new AuditLedger(warehouse);
		return new InboxFileItemReader(Path.of(inbox), DeliverableRecognizer.alreadyRecorded(ledger, referenceData),
				now, settings.settle(), Clock.systemUTC(), runs.tally(run)::skipped);
	}

	/**
	 * The front door, the summary read and the list read, within the intake's limits
	 * ({@link IntakeSettings}).
	 */
	@Bean
	IntakeReaders intakeReaders(IntakeSettings settings) {
		return IntakeReaders.of(settings);
	}

	/**
	 * The submitters' earlier tables, read once per submitter and kept through the step:
	 * the processor's checks ask it, the writer tells it of every table landed.
	 */
	@Bean
	@StepScope
	SubmissionHistory intakeHistory(Warehouse warehouse) {
		return SubmissionHistory.remembering(warehouse);
	}

	@Bean
	@StepScope
	SubmissionAuditProcessor submissionAuditProcessor(IntakeReaders intakeReaders, ReferenceData referenceData,
			SubmissionHistory intakeHistory, @Value(RUN) String run, IntakeRuns runs) {
		return intakeReaders.processor(referenceData, intakeHistory, runs.tally(run)::skipped);
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
		IntakeTally tally = runs.tally(run);
		return new IntakeWriter(new SubmissionWriter(warehouse, intakeHistory),
				intakeReaders.listWriter(listWriter, tally.progress(), staged == null ? null : Path.of(staged)),
				new DocumentWriter(warehouse), tally);
	}

	/** One line per file into the run's progress. */
	@Bean
	@StepScope
	IntakeProgressListener intakeProgressListener(Warehouse warehouse, @Value(RUN) String run, IntakeRuns runs) {
		IntakeTally tally = runs.tally(run);
		return new IntakeProgressListener(tally.progress(), warehouse, tally);
	}

	@Bean
	Step submissionIntake(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			InboxFileItemReader inboxFileItemReader, SubmissionAuditProcessor submissionAuditProcessor,
			IntakeWriter intakeWriter, IntakeProgressListener intakeProgressListener, ListWriter listWriter) {
		IntakePhaseTimes times = new IntakePhaseTimes();
		return new StepBuilder("submissionIntake", jobRepository).<InboxFile, IntakeItem>chunk(FILES_PER_CHUNK)
			.transactionManager(batchTransactionManager)
			.taskExecutor(PROCESSING)
			.reader(inboxFileItemReader)
			.processor(submissionAuditProcessor)
			.writer(intakeWriter)
			.listener((ItemWriteListener<IntakeItem>) intakeProgressListener)
			.listener((ItemReadListener<InboxFile>) times)
			.listener((ItemProcessListener<InboxFile, IntakeItem>) times)
			.listener((ItemWriteListener<IntakeItem>) times)
			.listener((StepExecutionListener) times)
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					// the step runs only under the home lock (ingest, nightly, schedule,
					// demo), so no load is running:
					// staging files beside the warehouse are a killed run's. Not at
					// start-up: `status` starts the
					// context without the lock, beside a running load.
					listWriter.removeStagingLeftovers();
				}
			})
			.build();
	}

	// feedbackWrite: the annotated workbook (审核意见) of every rejected or warned file,
	// recorded in audit_feedback; after the intake so every kind of file gets it the same
	// way, and a file whose workbook failed is tried again by the next run

	@Bean
	Step feedbackWrite(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, AnjianSettings settings) {
		return new StepBuilder("feedbackWrite", jobRepository).tasklet((contribution, chunk) -> {
			String inbox = contribution.getStepExecution().getJobParameters().getString("inbox");
			new FeedbackWriter(warehouse, settings.home()).writePending(Path.of(inbox));
			return RepeatStatus.FINISHED;
		}, batchTransactionManager).build();
	}

	// modelBuild: dims and facts rebuilt from the landing tables, atomically

	@Bean
	Step modelBuild(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse) {
		return new StepBuilder("modelBuild", jobRepository).tasklet((contribution, chunk) -> {
			warehouse.buildModels();
			return RepeatStatus.FINISHED;
		}, batchTransactionManager).build();
	}

	@Bean
	Job submissionsIntakeJob(JobRepository jobRepository, Step referenceLoad, Step submissionIntake, Step feedbackWrite,
			Step modelBuild) {
		return new JobBuilder(JOB_NAME, jobRepository).start(referenceLoad)
			.next(submissionIntake)
			.next(feedbackWrite)
			.next(modelBuild)
			.build();
	}

}
