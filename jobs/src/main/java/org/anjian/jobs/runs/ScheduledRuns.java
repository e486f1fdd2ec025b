package org.anjian.jobs.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.anjian.jobs.system.RunProgress;
import org.anjian.schedules.JobStarter;
import org.anjian.schedules.ScheduleSettings;
import org.anjian.warehouse.rollups.RollupRequest;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;

/**
 * What the scheduler's triggers start, through the run layer, with the identifying
 * parameters each trigger carries (schedules/README.md "What fires when"):
 * <ul>
 * <li>the intake job with {@code businessDate}: the nightly run (ingest, due rollups,
 * exports) whose intake is identified by that date and the inbox;</li>
 * <li>the rollup job with {@link RollupRequest#parameters()}: an ingest first (files of
 * the deadline day may have arrived after the last nightly run), then exactly that
 * rollup.</li>
 * </ul>
 * A repeat whose job instance had already completed throws
 * {@link JobInstanceAlreadyCompleteException}, which the scheduler reports as "already
 * done"; an unknown job name or a failed run is an error. Jobs never overlap: DuckDB has
 * one writer.
 */
public final class ScheduledRuns implements JobStarter {

	private final Runs runs;

	private final ScheduleSettings settings;

	private final Path inbox;

	private final RunProgress progress;

	public ScheduledRuns(Runs runs, ScheduleSettings settings, Path inbox, RunProgress progress) {
		this.runs = runs;
		this.settings = settings;
		this.inbox = inbox;
		this.progress = progress;
	}

	@Override
	public synchronized void start(String jobName, Map<String, String> parameters) throws Exception {
		if (settings.ingestJobName().equals(jobName)) {
			String date = parameters.get("businessDate");
			NightlyRun run = runs.nightly(new NightlyRequest(inbox, null, date == null ? null : LocalDate.parse(date)),
					progress);
			check(jobName, parameters, run.outcome());
		}
		else if (settings.rollupJobName().equals(jobName)) {
			RollupRequest rollup = RollupRequest.fromParameters(parameters);
			runs.mailFetchIfConfigured(inbox, progress);
			IngestResult ingested = runs.ingest(new IngestRequest(inbox, null), progress);
			check(jobName, parameters,
					ingested.outcome() == RunOutcome.ALREADY_COMPLETE ? RunOutcome.COMPLETED : ingested.outcome());
			// null: no table for the month by its as_of, not made (the nightly makes it
			// later)
			RollupRun run = runs.dueRollup(rollup, progress);
			if (run != null) {
				check(jobName, parameters, run.outcome());
			}
		}
		else {
			throw new IllegalArgumentException("调度器要求启动未知的作业“" + jobName + "”（可启动：" + settings.ingestJobName() + "、"
					+ settings.rollupJobName() + "）");
		}
	}

	private static void check(String jobName, Map<String, String> parameters, RunOutcome outcome)
			throws JobInstanceAlreadyCompleteException {
		switch (outcome) {
			case COMPLETED -> {
			}
			case ALREADY_COMPLETE ->
				throw new JobInstanceAlreadyCompleteException("作业 " + jobName + " " + parameters + " 已完成过");
			default -> throw new IllegalStateException("作业 " + jobName + " " + parameters + " 未完成：" + outcome);
		}
	}

}
