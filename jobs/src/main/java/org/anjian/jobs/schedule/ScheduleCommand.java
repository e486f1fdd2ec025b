package org.anjian.jobs.schedule;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.jobs.nightly.NightlyCommand;
import org.anjian.jobs.rollups.RollupCommand;
import org.anjian.jobs.submissions.IngestCommand;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.schedules.AnjianScheduler;
import org.anjian.schedules.JobStarter;
import org.anjian.schedules.NextFire;
import org.anjian.schedules.ScheduleSettings;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupKind;
import org.springframework.stereotype.Component;

/**
 * {@code schedule --inbox DIR}: stays up and runs the calendar. The nightly trigger runs what {@code nightly} runs; a
 * deadline-day or month-end trigger first ingests (files of the deadline day may have arrived after the last nightly
 * run), then materializes its rollup. SIGTERM stops after the running job completes.
 */
@Component
class ScheduleCommand implements AnjianCommand {

	private final NightlyCommand nightly;

	private final IngestCommand ingest;

	private final RollupCommand rollup;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	ScheduleCommand(NightlyCommand nightly, IngestCommand ingest, RollupCommand rollup, ReferenceData reference,
			AnjianSettings settings) {
		this.nightly = nightly;
		this.ingest = ingest;
		this.rollup = rollup;
		this.reference = reference;
		this.settings = settings;
	}

	@Override
	public String name() {
		return "schedule";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		Path inbox = args.requiredFolder("inbox");
		ScheduleSettings scheduleSettings = ScheduleSettings.fromEnvironment(settings.home(), System.getenv());
		Object oneAtATime = new Object(); // DuckDB has one writer: jobs never overlap
		JobStarter starter = (jobName, parameters) -> {
			synchronized (oneAtATime) {
				start(jobName, parameters, inbox, out);
			}
		};
		CountDownLatch stopped = new CountDownLatch(1);
		try (AnjianScheduler scheduler = AnjianScheduler.open(scheduleSettings, starter)) {
			scheduler.register(reference);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					scheduler.shutdown(true);
				}
				catch (Exception ex) {
					out.err().println("anjian: 调度器关闭出错：" + ex.getMessage());
				}
				finally {
					stopped.countDown();
				}
			}, "anjian-schedule-shutdown"));
			scheduler.start();
			out.line("调度器已启动（" + (scheduleSettings.postgres() ? "PostgreSQL 集群" : "内嵌 H2") + "），收件目录 " + inbox);
			for (NextFire fire : scheduler.nextFireTimes().stream().limit(5).toList()) {
				out.line("  下次触发 " + fire.at().toString().replace('T', ' ') + "  " + fire.trigger());
			}
			stopped.await();
		}
		return ExitCodes.OK;
	}

	private void start(String jobName, Map<String, String> p, Path inbox, CommandOutput out) throws Exception {
		int code;
		if ("rollupJob".equals(jobName)) {
			code = ingest.ingest(inbox, null, out);
			if (code == ExitCodes.OK) {
				code = rollup.rollup(reference.campaign(p.get("campaign")).orElseThrow(), YearMonth.parse(p.get("period")),
						RollupKind.fromCode(p.get("kind")), LocalDateTime.parse(p.get("asOf")), out);
			}
		}
		else {
			code = nightly.nightly(inbox, LocalDateTime.now(ZoneId.of("Asia/Shanghai")), out);
		}
		if (code != ExitCodes.OK) {
			throw new IllegalStateException(jobName + " 退出码 " + code);
		}
	}


}
