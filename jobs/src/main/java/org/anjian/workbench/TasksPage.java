package org.anjian.workbench;

import java.sql.SQLException;
import java.time.YearMonth;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupKind;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 任务 (office only): the job history in Asia/Shanghai time, a running job's counts so far,
 * and buttons to run the nightly or one rollup now.
 */
@Controller
class TasksPage {

	private final JobHistory history;

	private final WorkbenchActions runs;

	private final WorkbenchSettings settings;

	private final ReferenceData reference;

	private final ActionLog actions;

	private final Snapshot snapshot;

	TasksPage(JobHistory history, WorkbenchActions runs, WorkbenchSettings settings, ReferenceData reference,
			ActionLog actions, Snapshot snapshot) {
		this.snapshot = snapshot;
		this.history = history;
		this.runs = runs;
		this.settings = settings;
		this.reference = reference;
		this.actions = actions;
	}

	@GetMapping("/tasks")
	String tasks(Model model) throws SQLException {
		// after a run: the snapshot it exported
		model.addAttribute("snapshotAt", Format.dateTime(snapshot.publishedAt()));
		model.addAttribute("executions", history.recent(30));
		model.addAttribute("campaigns", reference.campaigns());
		model.addAttribute("kinds", RollupKind.values());
		return "workbench/tasks";
	}

	@PostMapping("/tasks/nightly")
	String nightly(Authentication authentication, Model model) throws SQLException {
		actions.record(authentication.getName(), "运行夜间作业", settings.inbox().toString());
		model.addAttribute("outcome", runs.run(WorkbenchActions.nightly(settings.inbox())));
		model.addAttribute("ran", "夜间作业");
		return tasks(model);
	}

	@PostMapping("/tasks/rollup")
	String rollup(@RequestParam String campaign, @RequestParam String period, @RequestParam String kind,
			Authentication authentication, Model model) throws SQLException {
		actions.record(authentication.getName(), "运行汇总", campaign + " " + period + " " + kind);
		model.addAttribute("outcome",
				runs.run(WorkbenchActions.rollup(campaign, YearMonth.parse(period), RollupKind.fromCode(kind))));
		model.addAttribute("ran", "汇总 " + campaign + " " + period + " " + RollupKind.fromCode(kind).label());
		return tasks(model);
	}

}
