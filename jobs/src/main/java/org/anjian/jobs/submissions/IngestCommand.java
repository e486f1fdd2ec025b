package org.anjian.jobs.submissions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.JobRunner;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.writers.ledger.AuditLedger;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** {@code ingest --inbox DIR [--now DATETIME]}: runs submissionsIntakeJob over the inbox. */
@Component
public class IngestCommand implements AnjianCommand {

	/** Job execution context key: files this run left for the next. */
	private static final String SKIPPED_KEY = "anjian.skipped";

	private final Job job;

	private final JobRunner runner;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	private final IntakeSettings intake;

	private final IntakeTally tally;

	private final Warehouse warehouse;

	private final AuditLedger ledger;

	private final JobRepository jobRepository;

	IngestCommand(@Qualifier("submissionsIntakeJob") Job job, JobRunner runner, ReferenceData reference,
			AnjianSettings settings, IntakeSettings intake, IntakeTally tally, Warehouse warehouse,
			JobRepository jobRepository) {
		this.jobRepository = jobRepository;
		this.job = job;
		this.runner = runner;
		this.reference = reference;
		this.settings = settings;
		this.intake = intake;
		this.tally = tally;
		this.warehouse = warehouse;
		this.ledger = new AuditLedger(warehouse);
	}

	@Override
	public String name() {
		return "ingest";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		Path inbox = args.requiredFolder("inbox");
		LocalDateTime now = args.dateTime("now").orElse(null);
		return ingest(inbox, now, out);
	}

	/** Runs the intake job; used by ingest, nightly and demo. */
	public int ingest(Path inbox, LocalDateTime now, CommandOutput out) throws Exception {
		if (!Files.isDirectory(inbox)) {
			out.err().println("anjian: 收件目录不存在或不是文件夹：" + inbox);
			return ExitCodes.DATA_ERROR;
		}
		JobParametersBuilder params = new JobParametersBuilder().addString("inbox", inbox.toString())
			.addString("fingerprint", fingerprint(inbox, now));
		if (now != null) {
			params.addLocalDateTime("now", now);
		}
		JobParameters parameters = params.toJobParameters();
		JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
		if (last != null && last.getStatus() == BatchStatus.COMPLETED
				&& last.getExecutionContext().getInt(SKIPPED_KEY, 0) > 0) {
			// that run left files for the next one (unreadable, still being written, write failed): not "nothing to do"
			parameters = params.addString("retry", Instant.now().toString()).toJobParameters();
		}
		out.line("收件入库：" + inbox);
		tally.reset();
		JobExecution execution = runner.run(job, parameters);
		if (execution != null && !tally.skipped().isEmpty()) {
			execution.getExecutionContext().putInt(SKIPPED_KEY, tally.skipped().size());
			jobRepository.updateExecutionContext(execution);
		}
		if (execution == null) {
			out.line("收件目录自上次入库以来没有变化，无需处理");
			return ExitCodes.OK;
		}
		int outcome = JobRunner.outcome(execution, "入库", out);
		if (outcome != ExitCodes.OK) {
			return outcome;
		}
		// final statuses: a later file of the run may have superseded an earlier one
		Map<String, Long> statuses = ledger.statusCounts(
				tally.written().stream().map(f -> new AuditLedger.Key(f[0], f[1])).toList());
		long files = statuses.values().stream().mapToLong(Long::longValue).sum();
		out.line("入库完成：处理文件 " + files + " 个（入库 " + statuses.get("loaded") + "，已被更正版本取代 "
				+ statuses.get("superseded") + "，重复 " + statuses.get("duplicate") + "，拒收 " + statuses.get("rejected")
				+ "），跳过 " + tally.skipped().size() + " 个（留待下次运行），数据仓库 " + settings.warehouseFile());
		reconciliation(out);
		return ExitCodes.OK;
	}

	/** 表间审核: advisory findings between the lists and the summary tables, counted by rule, first few printed. */
	private void reconciliation(CommandOutput out) throws SQLException {
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("""
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

	/**
	 * What identifies an intake run: the inbox listing (path, size, mtime), the reference data and the replay time.
	 * Same inbox, same reference → same completed job instance → nothing to do.
	 */
	private String fingerprint(Path inbox, LocalDateTime now) throws IOException {
		MessageDigest md;
		try {
			md = MessageDigest.getInstance("SHA-256");
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		List<String> entries = new ArrayList<>();
		// a file still settling is left out: once it rests, the listing differs and the next run reads it
		Instant restedBefore = Instant.now().minus(intake.settle());
		try (Stream<Path> walk = Files.walk(inbox)) {
			for (Path p : (Iterable<Path>) walk::iterator) {
				try {
					if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
						Instant modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
						if (modified.isBefore(restedBefore)) {
							entries.add(inbox.relativize(p) + "|" + Files.size(p) + "|" + modified.toEpochMilli());
						}
					}
				}
				catch (IOException ex) {
					// gone or unreadable: the intake step reports it as skipped
				}
			}
		}
		catch (java.io.UncheckedIOException ex) {
			// an unreadable sub-folder: the listing is incomplete, so never let it match a completed run
			entries.add("unreadable|" + Instant.now().toEpochMilli());
		}
		entries.sort(null);
		entries.forEach(e -> md.update((e + "\n").getBytes(StandardCharsets.UTF_8)));
		md.update(reference.toString().getBytes(StandardCharsets.UTF_8));
		md.update(String.valueOf(now).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(md.digest());
	}

}
