package org.anjian.jobs.exports;

import java.sql.ResultSet;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.JobRunner;
import org.anjian.warehouse.Warehouse;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** {@code export [--no-mask-phones]}: refresh the Parquet/CSV exports and the analysts' snapshot. */
@Component
public class ExportCommand implements AnjianCommand {

	private final Job job;

	private final JobRunner runner;

	private final Warehouse warehouse;

	private final AnjianSettings settings;

	ExportCommand(@Qualifier("exportJob") Job job, JobRunner runner, Warehouse warehouse, AnjianSettings settings) {
		this.job = job;
		this.runner = runner;
		this.warehouse = warehouse;
		this.settings = settings;
	}

	@Override
	public String name() {
		return "export";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		return export(args.flag("no-mask-phones"), out);
	}

	/** Runs the export job unless the warehouse has not changed since the last export; used by nightly and demo. */
	public int export(boolean noMaskPhones, CommandOutput out) throws Exception {
		JobExecution execution = runner.run(job, new JobParametersBuilder().addString("state", warehouseState())
			.addString("noMaskPhones", String.valueOf(noMaskPhones))
			.toJobParameters());
		int outcome = JobRunner.outcome(execution, "导出", out);
		if (outcome != ExitCodes.OK) {
			return outcome;
		}
		out.line((execution == null ? "导出已是最新：" : "导出完成：") + settings.exportsDir());
		out.line("分析快照（只读）：" + settings.home().resolve("analyst").resolve("anjian.duckdb"));
		return ExitCodes.OK;
	}

	/** What the exports are made from: intake and rollup state. Same state → the completed export instance. */
	private String warehouseState() throws Exception {
		try (var st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("select (select count(*) || '/' || coalesce(max(ingested_at)::varchar, '-') from audit_file)"
						+ " || '|' || (select count(*) || '/' || coalesce(max(as_of)::varchar, '-') from rollup_roster)"
						+ " || '|' || (select coalesce(sum(hash(campaign, period, kind, submitter_code, status, as_of)), 0) from rollup_roster)")) {
			rs.next();
			return rs.getString(1);
		}
	}

}
