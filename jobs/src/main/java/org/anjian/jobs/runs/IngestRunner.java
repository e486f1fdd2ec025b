package org.anjian.jobs.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;

import org.anjian.jobs.remote.RemoteIntake;
import org.anjian.jobs.submissions.InboxFingerprint;
import org.anjian.jobs.submissions.IngestJob;
import org.anjian.jobs.submissions.IntakeRuns;
import org.anjian.jobs.submissions.IntakeTally;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.writers.ledger.AuditLedger;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;

/**
 * 收件入库: one intake started as submissionsIntakeJob ({@link IngestJob},
 * {@link JobStarts}), each file's line and the summary printed. {@link Runs} (nightly,
 * schedule, serve, demo, {@code ingest --remote}) and the {@code ingest} command without
 * a Spring context ({@link JobsWithoutContext}) both run this, so the job parameters, the
 * job history and every printed line are the same either way.
 */
final class IngestRunner {

	/** Intake job execution context key: files that run left for the next. */
	private static final String SKIPPED_KEY = "anjian.skipped";

	/**
	 * How the run's parameters start the intake job: the context's one job (its
	 * step-scoped parts made when the step starts), or one built for the run
	 * ({@link IngestJob#forRun}).
	 */
	interface IntakeStart {

		JobStarts.Started start(JobParameters parameters) throws Exception;

	}

	private final IntakeStart intakeStart;

	private final JobRepository jobRepository;

	private final IntakeRuns intakeRuns;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	private final IntakeSettings intake;

	private final Warehouse warehouse;

	/** The workers reading lists, when ANJIAN_REMOTE names a broker; else null. */
	private final Supplier<RemoteIntake.Lists> remote;

	IngestRunner(IntakeStart intakeStart, JobRepository jobRepository, IntakeRuns intakeRuns, ReferenceData reference,
			AnjianSettings settings, IntakeSettings intake, Warehouse warehouse, Supplier<RemoteIntake.Lists> remote) {
		this.intakeStart = intakeStart;
		this.jobRepository = jobRepository;
		this.intakeRuns = intakeRuns;
		this.reference = reference;
		this.settings = settings;
		this.intake = intake;
		this.warehouse = warehouse;
		this.remote = remote;
	}

	/**
	 * 收件入库: every inbox file not loaded before, read, checked and written; the marts
	 * rebuilt.
	 */
	IngestResult ingest(IngestRequest request, RunProgress progress) throws Exception {
		Path inbox = request.inbox();
		if (!Files.isDirectory(inbox)) {
			String problem = "收件目录不存在或不是文件夹：" + inbox;
			progress.problem(problem);
			return IngestResult.notRun(RunOutcome.REFUSED, problem);
		}
		JobParametersBuilder params = new JobParametersBuilder().addString("inbox", inbox.toString())
			.addString("fingerprint", InboxFingerprint.of(inbox, reference, request.now(), intake.settle()));
		if (request.now() != null) {
			params.addLocalDateTime("now", request.now());
		}
		if (request.businessDate() != null) {
			params.addLocalDate("businessDate", request.businessDate());
		}
		JobParameters identifying = params.toJobParameters();
		JobExecution last = jobRepository.getLastJobExecution(IngestJob.JOB_NAME, identifying);
		if (last != null && last.getStatus() == BatchStatus.COMPLETED
				&& last.getExecutionContext().getInt(SKIPPED_KEY, 0) > 0) {
			// that run left files for the next one (unreadable, still being written,
			// write failed): not "nothing to do"
			params.addString("retry", java.time.Instant.now().toString());
		}
		progress.line("收件入库：" + inbox);
		RollupRunner.calendarWarnings(reference, progress);
		IntakeTally tally = new IntakeTally(progress);
		String token = intakeRuns.open(tally);
		RemoteIntake.Lists workers = remote.get();
		Path staged = null;
		JobStarts.Started started;
		try {
			if (workers != null) {
				staged = workers.read(inbox, request.now(), progress);
				params.addString("staged", staged.toString(), false);
			}
			started = intakeStart.start(params.addString(IntakeRuns.PARAMETER, token, false).toJobParameters());
		}
		finally {
			intakeRuns.close(token);
			if (workers != null) {
				workers.clear(staged);
			}
		}
		if (started.outcome() == RunOutcome.ALREADY_COMPLETE) {
			progress.line("收件目录自上次入库以来没有变化，无需处理");
			return IngestResult.notRun(RunOutcome.ALREADY_COMPLETE, null);
		}
		if (!tally.skipped().isEmpty()) {
			started.execution().getExecutionContext().putInt(SKIPPED_KEY, tally.skipped().size());
			jobRepository.updateExecutionContext(started.execution());
		}
		if (started.outcome() == RunOutcome.FAILED) {
			progress.problem(started.problem("入库"));
			return new IngestResult(RunOutcome.FAILED, Map.of(), tally.skipped().size(), started.failure());
		}
		Map<String, Long> statuses = new AuditLedger(warehouse)
			.statusCounts(tally.written().stream().map(f -> new AuditLedger.Key(f[0], f[1])).toList());
		long files = statuses.values().stream().mapToLong(Long::longValue).sum();
		progress.line("入库完成：处理文件 " + files + " 个（入库 " + statuses.get("loaded") + "，已被更正版本取代 "
				+ statuses.get("superseded") + "，重复 " + statuses.get("duplicate") + "，拒收 " + statuses.get("rejected")
				+ "），跳过 " + tally.skipped().size() + " 个（留待下次运行），数据仓库 " + settings.warehouseFile());
		reconciliation(progress);
		return new IngestResult(RunOutcome.COMPLETED, statuses, tally.skipped().size(), null);
	}

	/**
	 * 表间审核: advisory findings between the lists and the summary tables, counted by rule,
	 * first few printed.
	 */
	private void reconciliation(RunProgress out) throws SQLException {
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery("""
				select rule, count(*) over (partition by rule) as n, message,
				       row_number() over (partition by rule order by submitter_code, period, enterprise_name) as k
				from audit_reconciliation qualify k <= 3 order by rule, k""")) {
			String rule = null;
			while (rs.next()) {
				if (!rs.getString("rule").equals(rule)) {
					rule = rs.getString("rule");
					out.line("表间审核提示 " + rule + "：" + rs.getLong("n") + " 条（详见 audit_reconciliation）");
				}
				out.line("  " + rs.getString("message"));
			}
		}
	}

}
