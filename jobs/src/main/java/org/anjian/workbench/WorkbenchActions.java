package org.anjian.workbench;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.cli.Cli;
import org.anjian.jobs.runs.Explainer;
import org.anjian.jobs.runs.ExportRequest;
import org.anjian.jobs.runs.IngestRequest;
import org.anjian.jobs.runs.NightlyRequest;
import org.anjian.jobs.runs.Runs;
import org.anjian.jobs.system.HomeLock;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The runs a user starts from the workbench, through the run layer ({@link Runs}) like
 * the command line: the intake of the inbox, the nightly, one rollup. Each ends with an
 * export, so the pages (which read the analysts' snapshot) show its result.
 */
public interface WorkbenchActions {

	/** What a run printed, and whether it could run at all. */
	record Outcome(boolean ran, List<String> lines, List<String> problems) {

		public boolean ok() {
			return ran && problems.isEmpty();
		}

		/** The lines as the command line would have printed them. */
		public String text() {
			return String.join("\n", lines);
		}

	}

	/** One run against the run layer. */
	interface Task {

		void run(Runs runs, ReferenceData reference, RunProgress progress) throws Exception;

		/** Said when the nightly holds the home and this task is refused. */
		default String whenBusy() {
			return "上传的文件已在收件箱，下次运行时入库";
		}

	}

	Outcome run(Task task);

	static Task ingest(Path inbox) {
		return (runs, reference, progress) -> {
			if (runs.ingest(new IngestRequest(inbox, null), progress).outcome().succeeded()) {
				runs.export(new ExportRequest(true), progress);
			}
		};
	}

	static Task nightly(Path inbox) {
		return (runs, reference, progress) -> runs.nightly(new NightlyRequest(inbox, null, null), progress);
	}

	static Task rollup(String campaign, YearMonth period, RollupKind kind) {
		return rollup(campaign, period, kind, null);
	}

	/** One rollup as of {@code asOf} (null: its default; another: a what-if). */
	static Task rollup(String campaign, YearMonth period, RollupKind kind, java.time.LocalDateTime asOf) {
		return (runs, reference, progress) -> {
			if (runs.rollup(RollupRequest.of(reference, campaign, period, kind, asOf), progress)
				.outcome()
				.succeeded()) {
				runs.export(new ExportRequest(true), progress);
			}
		};
	}

	/**
	 * 上报说明 of an advisory finding of one file, {@code by} the signed-in user, through the
	 * same service as {@code anjian explain}; a refusal is the page's problem.
	 */
	static Task explain(String sha256, String path, String rule, String cell, String text, String by) {
		return new Task() {
			@Override
			public void run(Runs runs, ReferenceData reference, RunProgress progress) throws Exception {
				try {
					Explainer.Recorded recorded = runs.explain(sha256, path, rule, cell, text, by);
					progress.line(
							"已登记上报说明："
									+ rule + (cell == null || cell.isBlank()
											? "（该规则的全部 " + recorded.findings() + " 条提示）" : " " + cell.strip())
									+ "：" + text.strip());
				}
				catch (Explainer.Refused ex) {
					progress.problem(ex.getMessage());
				}
			}

			@Override
			public String whenBusy() {
				return "上报说明没有登记，请稍后重新提交";
			}
		};
	}

	/** Collects a run's lines for the page. */
	final class Collected implements RunProgress {

		final List<String> lines = new ArrayList<>();

		final List<String> problems = new ArrayList<>();

		@Override
		public synchronized void line(String text) {
			lines.add(text);
		}

		@Override
		public synchronized void problem(String text) {
			problems.add(text);
		}

		Outcome outcome(boolean ran) {
			return new Outcome(ran, List.copyOf(lines), List.copyOf(problems));
		}

	}

	/**
	 * {@code serve}: the workbench holds no lock while it only shows pages, so the
	 * nightly is never blocked by it. A run takes the home lock for its duration and runs
	 * in a context of its own (as a command would), which it closes again; when another
	 * process (the nightly) holds the home, the run is refused at once, never waited for.
	 */
	static WorkbenchActions locking(WorkbenchSettings settings) {
		return new WorkbenchActions() {
			@Override
			public synchronized Outcome run(Task task) {
				Collected progress = new Collected();
				HomeLock lock = HomeLock.acquire(settings.home());
				if (lock == null) {
					progress.problem("另一个 anjian 作业（夜间作业或命令行）正在使用数据目录，请稍后再试；" + task.whenBusy());
					return progress.outcome(false);
				}
				try (lock;
						ConfigurableApplicationContext context = Cli.context(settings.home(), settings.reference(),
								"workbench", Map.of())) {
					task.run(context.getBean(Runs.class), context.getBean(ReferenceData.class), progress);
				}
				catch (Exception ex) {
					progress.problem("运行失败：" + ex.getMessage());
				}
				return progress.outcome(true);
			}
		};
	}

	/**
	 * {@code schedule --serve}: the scheduler's process holds the home; a run waits for
	 * the scheduler's job ({@code monitor}: its job starter, whose starts are
	 * synchronized) and runs on the same run layer.
	 */
	static WorkbenchActions hosted(Runs runs, ReferenceData reference, Object monitor) {
		return task -> {
			Collected progress = new Collected();
			synchronized (monitor) {
				try {
					task.run(runs, reference, progress);
				}
				catch (Exception ex) {
					progress.problem("运行失败：" + ex.getMessage());
				}
			}
			return progress.outcome(true);
		};
	}

}
