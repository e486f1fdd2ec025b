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
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.anjian.writers.feedback.FeedbackWriter;
import org.anjian.writers.ledger.AuditLedger;
import org.anjian.writers.lists.ListWriter;
import org.anjian.writers.submissions.DocumentWriter;
import org.anjian.writers.submissions.SubmissionHistory;
import org.anjian.writers.submissions.SubmissionWriter;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
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
 *
 * <p>
 * One definition for both ways it runs (issue 18 part 4): the Spring context's bean
 * ({@link SubmissionsIntakeJobConfiguration}), whose intake step gets step-scoped proxies
 * made when the step starts, and the {@code ingest} command without a context
 * ({@link #forRun}), which makes the same parts from the job parameters it is about to
 * start with — a process runs one intake, and a restart is started with its parameters
 * too. Both make them here ({@link #reader}, {@link #processor}, {@link #writer},
 * {@link #progressListener}). The tasklets are named classes: Spring Batch records the
 * tasklet's class name in each step's execution context, and a lambda's name differs from
 * process to process.
 */
public final class IngestJob {

	public static final String JOB_NAME = "submissionsIntakeJob";

	/**
	 * Inbox files per chunk: a commit per small form was a fifth of its write (issue 18
	 * part 5), and at 16 what a chunk's transaction does once (its Appenders' flush, the
	 * version ranking, the ledger query, the commit: ≈ 60 of its ≈ 90 ms on a loaded
	 * machine) was still two thirds of a small form's write. A chunk lost to a failure is
	 * read again whole; a failed write is written again file by file.
	 */
	static final int FILES_PER_CHUNK = 64;

	/**
	 * The files are opened and read (the processor, which no longer reads the warehouse)
	 * on these threads, one file each, up to half a chunk ahead of the step's thread
	 * ({@link ReadAhead}), which lists and hashes them and then writes each chunk in
	 * order. As many as the cores (at least 2: a file's front door and read mostly wait
	 * on their own time-limited hand-off threads). Daemons leaving after 30 s idle, so
	 * the pool needs no owner, as the readers' pooled hand-offs.
	 */
	private static final AsyncTaskExecutor PROCESSING = processingThreads(
			Math.max(2, Runtime.getRuntime().availableProcessors()));

	private IngestJob() {
	}

	/**
	 * The intake step's parts, made for one step execution from its job parameters.
	 */
	record IntakeStep(InboxFileItemReader reader, SubmissionAuditProcessor processor, IntakeWriter writer,
			IntakeProgressListener progress) {

	}

	/**
	 * The job for one run without a context: the intake step's parts made from the
	 * parameters the run starts it with, as the context's step-scoped beans make them
	 * from the same parameters when the step starts. Nothing is read while they are made
	 * (the ledger and the submitters' history are read at the first file), so making them
	 * before the job starts changes nothing.
	 * @param runs where the run registered its tally under the parameter {@code run}
	 */
	public static Job forRun(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, ReferenceData reference, AnjianSettings settings, IntakeSettings intake,
			IntakeRuns runs, JobParameters parameters) {
		IntakeReaders readers = IntakeReaders.of(intake);
		ListWriter listWriter = new ListWriter(warehouse);
		String inbox = parameters.getString("inbox");
		LocalDateTime now = parameters.getLocalDateTime("now");
		String run = parameters.getString(IntakeRuns.PARAMETER);
		String staged = parameters.getString("staged");
		SubmissionHistory history = history(warehouse);
		IntakeStep step = new IntakeStep(reader(inbox, now, run, runs, warehouse, intake, reference),
				processor(readers, reference, history, run, runs),
				writer(warehouse, readers, listWriter, history, run, runs, staged),
				progressListener(warehouse, run, runs));
		return build(jobRepository, batchTransactionManager, warehouse, reference, settings, listWriter, step);
	}

	static Job build(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, ReferenceData reference, AnjianSettings settings, ListWriter listWriter,
			IntakeStep parts) {
		// referenceLoad: the deployment's reference data replaces ref_* (validated when
		// it was loaded)
		Step referenceLoad = new StepBuilder("referenceLoad", jobRepository)
			.tasklet(new ReferenceLoad(warehouse, reference), batchTransactionManager)
			.build();
		// feedbackWrite: the annotated workbook (审核意见) of every rejected or warned
		// file, recorded in audit_feedback; after the intake so every kind of file gets
		// it the same way, and a file whose workbook failed is tried again by the next
		// run
		Step feedbackWrite = new StepBuilder("feedbackWrite", jobRepository)
			.tasklet(new FeedbackWrite(warehouse, settings), batchTransactionManager)
			.build();
		// modelBuild: dims and facts rebuilt from the landing tables, atomically
		Step modelBuild = new StepBuilder("modelBuild", jobRepository)
			.tasklet(new ModelBuild(warehouse), batchTransactionManager)
			.build();
		Flow intake = new FlowBuilder<SimpleFlow>("intake").start(referenceLoad)
			.next(submissionIntake(jobRepository, batchTransactionManager, listWriter, parts))
			.build();
		// the two side by side once the intake has completed: neither reads what the
		// other writes (the marts read no audit_feedback), and a restart runs again only
		// the one that failed. (A split built on the intake's own builder would run the
		// intake as one of its branches.)
		Flow afterIntake = new FlowBuilder<SimpleFlow>("afterIntake").split(sideBySide())
			.add(flow(feedbackWrite), flow(modelBuild))
			.build();
		return new JobBuilder(JOB_NAME, jobRepository).start(intake).next(afterIntake).end().build();
	}

	private static Flow flow(Step step) {
		return new FlowBuilder<SimpleFlow>(step.getName()).start(step).build();
	}

	/** A thread for each of the steps after the intake. */
	private static TaskExecutor sideBySide() {
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("anjian-after-intake-");
		threads.setDaemon(true);
		return threads;
	}

	// submissionIntake: up to FILES_PER_CHUNK inbox files per chunk; the summary tables
	// among them share one DuckDB transaction (IntakeWriter), each list and document has
	// its own. Restart needs nothing of the chunk: the audit ledger decides what is new,
	// so a chunk lost to a crash before its commit is read again whole by the next run.
	private static Step submissionIntake(JobRepository jobRepository,
			PlatformTransactionManager batchTransactionManager, ListWriter listWriter, IntakeStep parts) {
		IntakePhaseTimes times = new IntakePhaseTimes();
		// half a chunk ahead is read while the chunk before is written: a small form's
		// write takes less than half its read
		ReadAhead readAhead = new ReadAhead(parts.reader(), parts.processor(), PROCESSING, FILES_PER_CHUNK / 2, times);
		return new StepBuilder("submissionIntake", jobRepository).<InboxFile, IntakeItem>chunk(FILES_PER_CHUNK)
			.transactionManager(batchTransactionManager)
			.reader(readAhead.reader())
			.processor(readAhead.processor())
			.writer(parts.writer())
			.listener((ItemWriteListener<IntakeItem>) parts.progress())
			.listener((ItemReadListener<InboxFile>) times)
			.listener((ItemWriteListener<IntakeItem>) times)
			.listener((StepExecutionListener) times)
			.listener((StepExecutionListener) readAhead)
			.listener(new StagingLeftovers(listWriter))
			.build();
	}

	/** The step's reader: the inbox's files not recorded before. */
	static InboxFileItemReader reader(String inbox, LocalDateTime now, String run, IntakeRuns runs, Warehouse warehouse,
			IntakeSettings settings, ReferenceData reference) {
		AuditLedger ledger = new AuditLedger(warehouse);
		return new InboxFileItemReader(Path.of(inbox), DeliverableRecognizer.alreadyRecorded(ledger, reference), now,
				settings.settle(), Clock.systemUTC(), runs.tally(run)::skipped);
	}

	/**
	 * The submitters' earlier tables, read once per submitter and kept through the step:
	 * the processor's checks ask it, the writer tells it of every table landed.
	 */
	static SubmissionHistory history(Warehouse warehouse) {
		return SubmissionHistory.remembering(warehouse);
	}

	static SubmissionAuditProcessor processor(IntakeReaders readers, ReferenceData reference, SubmissionHistory history,
			String run, IntakeRuns runs) {
		return readers.processor(reference, history, runs.tally(run)::skipped);
	}

	static IntakeWriter writer(Warehouse warehouse, IntakeReaders readers, ListWriter listWriter,
			SubmissionHistory history, String run, IntakeRuns runs, String staged) {
		IntakeTally tally = runs.tally(run);
		return new IntakeWriter(new SubmissionWriter(warehouse, history),
				readers.listWriter(listWriter, tally.progress(), staged == null ? null : Path.of(staged)),
				new DocumentWriter(warehouse), tally);
	}

	/** One line per file into the run's progress. */
	static IntakeProgressListener progressListener(Warehouse warehouse, String run, IntakeRuns runs) {
		IntakeTally tally = runs.tally(run);
		return new IntakeProgressListener(tally.progress(), warehouse, tally);
	}

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

	/**
	 * Before the intake step: the step runs only under the home lock (ingest, nightly,
	 * schedule, demo), so no load is running and staging files beside the warehouse are a
	 * killed run's. Not at start-up: {@code status} reads beside a running load.
	 */
	record StagingLeftovers(ListWriter listWriter) implements StepExecutionListener {

		@Override
		public void beforeStep(StepExecution stepExecution) {
			listWriter.removeStagingLeftovers();
		}

	}

	/** referenceLoad's work. */
	record ReferenceLoad(Warehouse warehouse, ReferenceData reference) implements Tasklet {

		@Override
		public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
			ReferenceDataLoader.write(warehouse, reference);
			return RepeatStatus.FINISHED;
		}

	}

	/**
	 * feedbackWrite's work, on a connection of its own: the model build beside it holds
	 * the warehouse's in its transaction.
	 */
	record FeedbackWrite(Warehouse warehouse, AnjianSettings settings) implements Tasklet {

		@Override
		public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
			String inbox = contribution.getStepExecution().getJobParameters().getString("inbox");
			try (Warehouse session = warehouse.session()) {
				new FeedbackWriter(session, settings.home()).writePending(Path.of(inbox));
			}
			return RepeatStatus.FINISHED;
		}

	}

	/** modelBuild's work. */
	record ModelBuild(Warehouse warehouse) implements Tasklet {

		@Override
		public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
			warehouse.buildModels();
			return RepeatStatus.FINISHED;
		}

	}

}
