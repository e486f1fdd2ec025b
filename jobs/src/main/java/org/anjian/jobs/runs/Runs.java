package org.anjian.jobs.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.mail.MailIn;
import org.anjian.jobs.mail.MailOut;
import org.anjian.jobs.mail.MailSettings;
import org.anjian.jobs.remote.RemoteIntake;
import org.anjian.jobs.submissions.IntakeRuns;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.schedules.DueRollup;
import org.anjian.schedules.DueRollups;
import org.anjian.schedules.RollupKey;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.writers.ledger.AuditLedger;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * What anjian can be asked to do, one method per request: the CLI commands, the
 * scheduler's triggers and {@code demo} call these and nothing else. Each run reports
 * through the caller's {@link RunProgress} and returns a typed result; each starts its
 * Spring Batch job with identifying parameters, so a repeat of a completed instance is
 * {@link RunOutcome#ALREADY_COMPLETE}. One run at a time per home (the caller holds the
 * home lock).
 */
@Component
public class Runs {

	/** 收件入库, shared with the {@code ingest} command run without a context. */
	private final IngestRunner ingestRunner;

	/** 汇总, shared with the {@code rollup} command run without a context. */
	private final RollupRunner rollupRunner;

	/** 导出, shared with the {@code export} command run without a context. */
	private final ExportRunner exportRunner;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	private final Warehouse warehouse;

	private final MailSettings mail;

	private final MailIn mailIn;

	private final MailOut mailOut;

	Runs(@Qualifier("submissionsIntakeJob") Job intakeJob, @Qualifier("rollupJob") Job rollupJob,
			@Qualifier("exportJob") Job exportJob, JobStarts starts, JobRepository jobRepository, IntakeRuns intakeRuns,
			ReferenceData reference, AnjianSettings settings, IntakeSettings intake, Warehouse warehouse,
			MailSettings mail, MailIn mailIn, MailOut mailOut, ObjectProvider<RemoteIntake.Lists> remote) {
		// the workers are present when ANJIAN_REMOTE names a broker: lists are read by
		// them
		this.ingestRunner = new IngestRunner(parameters -> starts.start(intakeJob, parameters), jobRepository,
				intakeRuns, reference, settings, intake, warehouse, remote::getIfAvailable);
		this.rollupRunner = new RollupRunner(starts, rollupJob, reference, settings, warehouse);
		this.exportRunner = new ExportRunner(starts, exportJob, settings, warehouse);
		this.reference = reference;
		this.settings = settings;
		this.warehouse = warehouse;
		this.mail = mail;
		this.mailIn = mailIn;
		this.mailOut = mailOut;
	}

	/**
	 * 收信: the office mailbox's new messages' spreadsheets saved into the inbox
	 * ({@link MailIn}).
	 */
	public MailIn.Fetched mailFetch(Path inbox, RunProgress progress) throws Exception {
		return mailIn.fetch(inbox, progress);
	}

	/** 发信: every message due at {@code now}, each event once ({@link MailOut}). */
	public MailOut.Sent mailSend(LocalDateTime now, boolean dryRun, RunProgress progress) throws Exception {
		return mailOut.send(now, dryRun, false, progress);
	}

	/**
	 * 收信 inside a nightly or scheduled run, when a mailbox is configured: a mailbox that
	 * cannot be reached is reported and the run goes on with the files already in the
	 * inbox.
	 */
	public void mailFetchIfConfigured(Path inbox, RunProgress progress) {
		if (!mail.fetchConfigured()) {
			return;
		}
		try {
			mailIn.fetch(inbox, progress);
		}
		catch (Exception ex) {
			progress.problem("收信失败（本次只处理收件目录中已有的文件，下次运行再收）：" + ex);
		}
	}

	/**
	 * 发信 inside a nightly or scheduled run (after the intake, after cutoff rollups):
	 * quiet when nothing is due; a failure is reported and the run goes on (the next run
	 * sends what is still due).
	 */
	public void mailSendDue(LocalDateTime now, RunProgress progress) {
		try {
			mailOut.send(now, false, true, progress);
		}
		catch (Exception ex) {
			progress.problem("发信失败（下次运行再发）：" + ex);
		}
	}

	/**
	 * 收件入库: every inbox file not loaded before, read, checked and written; the marts
	 * rebuilt ({@link IngestRunner}, which the {@code ingest} command also runs without a
	 * Spring context).
	 */
	public IngestResult ingest(IngestRequest request, RunProgress progress) throws Exception {
		return ingestRunner.ingest(request, progress);
	}

	/**
	 * 汇总: one rollup materialized with its 催报 roster, and the official table written into
	 * the outbox ({@link RollupRunner}, which the {@code rollup} command also runs
	 * without a Spring context).
	 */
	public RollupRun rollup(RollupRequest request, RunProgress progress) throws Exception {
		return rollupRunner.rollup(request, progress);
	}

	/**
	 * 上报说明 of an advisory finding ({@link Explainer}): recorded, then the analysts'
	 * snapshot published; a mandatory finding is refused ({@link Explainer.Refused}).
	 */
	public Explainer.Recorded explain(String sha256, String path, String rule, String cell, String text, String by)
			throws SQLException, java.io.IOException {
		return new Explainer(warehouse, settings.home()).explain(sha256, path, rule, cell, text, by);
	}

	/**
	 * 导出: Parquet/CSV exports and the analysts' snapshot, unless nothing changed since
	 * the last export.
	 */
	public ExportRun export(ExportRequest request, RunProgress progress) throws Exception {
		return exportRunner.export(request, progress);
	}

	/**
	 * 夜间作业: ingest (files received after {@code now} are not seen yet), then every rollup
	 * due by {@code now} and not produced, in calendar order, then exports; stops at the
	 * first part that fails. A second run for the same {@code now} finds nothing new to
	 * do.
	 */
	public NightlyRun nightly(NightlyRequest request, RunProgress progress) throws Exception {
		LocalDateTime now = request.now();
		progress.line("夜间作业，业务时间 " + now.toString().replace('T', ' '));
		mailFetchIfConfigured(request.inbox(), progress);
		IngestResult ingested = ingest(request.ingest(), progress);
		List<RollupRun> rollups = new ArrayList<>();
		if (!ingested.outcome().succeeded()) {
			return new NightlyRun(ingested, rollups, null);
		}
		// 退回通知 / 审核提示 and the deadline day's 催报 go out before the rollups
		mailSendDue(now, progress);
		List<DueRollup> due = DueRollups.dueBy(reference, now, produced());
		if (due.isEmpty()) {
			progress.line("没有到期未做的汇总");
		}
		Map<String, List<String>> nothingReceived = new LinkedHashMap<>();
		for (DueRollup d : due) {
			if (!anyTableBy(d.rollup())) {
				nothingReceived.computeIfAbsent(d.campaign(), c -> new ArrayList<>())
					.add(d.period() + " " + d.rollup().kind().label());
				continue;
			}
			RollupRun run = rollup(d.rollup(), progress);
			rollups.add(run);
			if (!run.outcome().succeeded()) {
				return new NightlyRun(ingested, rollups, null);
			}
		}
		nothingReceived.forEach((campaign, months) -> progress.line(nothingReceivedLine(campaign, months)));
		if (!rollups.isEmpty()) {
			// the cutoff tables just made go to the office above
			mailSendDue(now, progress);
		}
		return new NightlyRun(ingested, rollups, export(new ExportRequest(true), progress));
	}

	/**
	 * 到期汇总: one rollup the calendar asks for (a scheduler trigger), at its default
	 * {@code as_of}, made unless no table for its month came in by then (see
	 * {@link #nightly}); null when not made.
	 */
	public RollupRun dueRollup(RollupRequest request, RunProgress progress) throws Exception {
		if (!anyTableBy(request)) {
			progress.line(
					nothingReceivedLine(request.campaign(), List.of(request.period() + " " + request.kind().label())));
			return null;
		}
		RollupRun run = rollup(request, progress);
		if (run.outcome().succeeded()) {
			mailSendDue(OfficeTime.now(), progress);
		}
		return run;
	}

	/**
	 * Whether any accepted table for the rollup's month came in by its {@code as_of}.
	 * Without one the calendar's rollup is not made (no official table of nothing but
	 * carried-forward figures, e.g. every month of a finished campaign on a first
	 * nightly), nor marked produced: the nightly after a table for the month has come in
	 * (received by then, e.g. copied in late with its original time) makes it.
	 */
	private boolean anyTableBy(RollupRequest request) {
		return new AuditLedger(warehouse).acceptedTables(request.campaign(), request.period(), request.asOf()) > 0;
	}

	private String nothingReceivedLine(String campaign, List<String> rollups) {
		String name = reference.campaign(campaign).map(c -> c.name()).orElse(campaign);
		return "暂不汇总 " + name + "：" + String.join("、", rollups) + " 截至各自的截止时刻没有收到该月任何可用报表，不生成上报表；"
				+ "收到（接收时间不晚于截止时刻）后的夜间作业补做，要现在看催报名单请运行 rollup";
	}

	/**
	 * Rollups already produced: their roster rows exist at the default {@code as_of} and
	 * their official table is in the outbox (its manifest is written last). A rollup
	 * killed between the two is not produced: the next nightly runs it again; so is one
	 * whose official rows an older version's {@code rollup --as-of} replaced.
	 */
	private List<RollupKey> produced() throws SQLException {
		List<RollupKey> keys = new ArrayList<>();
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("select distinct campaign, period, kind, as_of from rollup_roster")) {
			while (rs.next()) {
				RollupKey key = new RollupKey(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate()),
						rs.getString(3));
				if (!isDefaultAsOf(key, rs.getTimestamp(4).toLocalDateTime())) {
					continue;
				}
				if (Files.exists(settings.outboxDir()
					.resolve(rs.getString(1))
					.resolve(YearMonth.from(rs.getDate(2).toLocalDate()).toString())
					.resolve(rs.getString(3))
					.resolve("manifest.json"))) {
					keys.add(key);
				}
			}
		}
		return keys;
	}

	/** Whether a produced rollup's {@code as_of} is its default (RollupRequest.of). */
	private boolean isDefaultAsOf(RollupKey key, LocalDateTime asOf) {
		try {
			return !RollupRequest.of(reference, key.campaign(), key.period(), RollupKind.fromCode(key.kind()), asOf)
				.isWhatIf(reference);
		}
		catch (IllegalArgumentException ex) {
			// a campaign or month no longer in the reference data: never due again
			return true;
		}
	}

}
