package org.anjian.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.anjian.jobs.runs.Runs;
import org.anjian.jobs.runs.ScheduledRuns;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.schedules.AnjianScheduler;
import org.anjian.schedules.NextFire;
import org.anjian.schedules.ScheduleSettings;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.workbench.Workbench;
import org.anjian.workbench.WorkbenchActions;
import org.anjian.workbench.WorkbenchSettings;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code schedule --inbox DIR}: stays up and runs the calendar; each trigger starts its
 * job through {@link ScheduledRuns}. SIGTERM stops after the running job completes, with
 * exit code 0 ({@link Termination}).
 */
@Component
class ScheduleCommand implements AnjianCommand {

	private final Runs runs;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	ScheduleCommand(Runs runs, ReferenceData reference, AnjianSettings settings) {
		this.runs = runs;
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
		CountDownLatch stopped = new CountDownLatch(1);
		// SIGTERM and Ctrl-C are taken before the JVM begins to shut down: its shutdown
		// hooks (H2's among them, which closes the job repository and the Quartz store)
		// would pull the databases from under the running job. The main thread stops the
		// scheduler, the job completes, and the process exits normally with 0.
		Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
		for (String name : List.of("TERM", "INT")) {
			try {
				Signal signal = new Signal(name);
				previous.put(signal, Signal.handle(signal, s -> stopped.countDown()));
			}
			catch (IllegalArgumentException ex) {
				// not on this platform: the shutdown hook below stops the scheduler
			}
		}
		Thread hook = new Thread(() -> {
			stopped.countDown();
			// the main thread stops the scheduler (waiting for the running job) and
			// finishes the command; then the process ends with its exit code, 0
			Termination.haltWhenFinished();
		}, "anjian-schedule-shutdown");
		ScheduledRuns scheduled = new ScheduledRuns(runs, scheduleSettings, inbox, out);
		ConfigurableApplicationContext workbench = null;
		try (AnjianScheduler scheduler = AnjianScheduler.open(scheduleSettings, scheduled)) {
			scheduler.register(reference);
			Runtime.getRuntime().addShutdownHook(hook);
			scheduler.start();
			out.line("调度器已启动（" + (scheduleSettings.postgres() ? "PostgreSQL 集群" : "内嵌 H2") + "），收件目录 " + inbox);
			if (args.flag("serve")) {
				// one process for the calendar and the pages: the workbench's runs wait
				// for the
				// scheduler's (ScheduledRuns' starts are synchronized on it)
				workbench = Workbench.start(
						new WorkbenchSettings(settings.home(), settings.reference(), inbox,
								Integer.parseInt(
										args.option("port").orElse(String.valueOf(WorkbenchSettings.DEFAULT_PORT)))),
						WorkbenchActions.hosted(runs, reference, scheduled));
				out.line("工作台已启动：http://localhost:" + Workbench.port(workbench) + "/");
			}
			for (NextFire fire : scheduler.nextFireTimes().stream().limit(5).toList()) {
				out.line("  下次触发 " + fire.at().toString().replace('T', ' ') + "  " + fire.trigger());
			}
			stopped.await();
			out.line("收到停止信号：等待正在运行的作业完成后退出");
			try {
				scheduler.shutdown(true);
			}
			catch (Exception ex) {
				out.problem("调度器关闭出错：" + ex.getMessage());
				return ExitCodes.SOFTWARE;
			}
			out.line("调度器已停止");
		}
		finally {
			if (workbench != null) {
				workbench.close();
			}
			previous.forEach(Signal::handle);
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// shutting down: the hook is running
			}
		}
		return ExitCodes.OK;
	}

}
