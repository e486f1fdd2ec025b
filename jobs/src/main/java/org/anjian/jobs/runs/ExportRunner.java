package org.anjian.jobs.runs;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * 导出: one export started as exportJob ({@link JobStarts}), its folders printed.
 * {@link Runs} (nightly, schedule, serve, demo) and the {@code export} command without a
 * Spring context ({@link JobsWithoutContext}) both run this, so the job parameters, the
 * job history and every printed line are the same either way.
 */
final class ExportRunner {

	private final JobStarts starts;

	private final Job exportJob;

	private final AnjianSettings settings;

	private final Warehouse warehouse;

	ExportRunner(JobStarts starts, Job exportJob, AnjianSettings settings, Warehouse warehouse) {
		this.starts = starts;
		this.exportJob = exportJob;
		this.settings = settings;
		this.warehouse = warehouse;
	}

	/**
	 * 导出: Parquet/CSV exports and the analysts' snapshot, unless nothing changed since
	 * the last export.
	 */
	ExportRun export(ExportRequest request, RunProgress progress) throws Exception {
		JobStarts.Started started = starts.start(exportJob,
				new JobParametersBuilder().addString("state", warehouseState())
					.addString("noMaskPhones", String.valueOf(!request.maskPhones()))
					.toJobParameters());
		Path snapshot = settings.home().resolve("analyst").resolve("anjian.duckdb");
		if (started.outcome() == RunOutcome.FAILED) {
			progress.problem(started.problem("导出"));
			return new ExportRun(RunOutcome.FAILED, settings.exportsDir(), snapshot, started.failure());
		}
		progress.line((started.outcome() == RunOutcome.ALREADY_COMPLETE ? "导出已是最新：" : "导出完成：") + settings.exportsDir());
		progress.line("分析快照（只读）：" + snapshot);
		return new ExportRun(started.outcome(), settings.exportsDir(), snapshot, null);
	}

	/**
	 * What the exports are made from: intake and rollup state. Same state → the completed
	 * export instance.
	 */
	private String warehouseState() throws SQLException {
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery(
						"select (select count(*) || '/' || coalesce(max(ingested_at)::varchar, '-') from audit_file)"
								+ " || '|' || (select count(*) || '/' || coalesce(max(as_of)::varchar, '-') from rollup_roster)"
								+ " || '|' || (select coalesce(sum(hash(campaign, period, kind, submitter_code, status, as_of)), 0) from rollup_roster)"
								// what-ifs are in the analysts' snapshot too
								+ " || '|' || (select count(*) || '/' || coalesce(sum(hash(campaign, period, kind, as_of)), 0) from whatif_rollup_roster)")) {
			rs.next();
			return rs.getString(1);
		}
	}

}
