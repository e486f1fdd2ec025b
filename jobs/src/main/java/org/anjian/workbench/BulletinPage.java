package org.anjian.workbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.Targets;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 通报 (office only): the month's ranking ({@link Bulletin}) on the page, and the .xlsx
 * written into the outbox on request (the same file {@code anjian bulletin} writes).
 */
@Controller
class BulletinPage {

	private final ReferenceData reference;

	private final Snapshot snapshot;

	private final WorkbenchSettings settings;

	private final ActionLog actions;

	private final Targets targets;

	BulletinPage(ReferenceData reference, Snapshot snapshot, WorkbenchSettings settings, ActionLog actions,
			Targets targets) {
		this.targets = targets;
		this.reference = reference;
		this.snapshot = snapshot;
		this.settings = settings;
		this.actions = actions;
	}

	@GetMapping("/bulletin")
	String bulletin(@RequestParam(required = false) String campaign, @RequestParam(required = false) String period,
			Model model) {
		MonthPage.Selection selection = MonthPage.Selection.of(reference, snapshot, campaign, period);
		List<Bulletin.Line> lines = Bulletin.lines(snapshot, selection.campaign().code(), selection.month());
		model.addAttribute("campaigns", reference.campaigns());
		model.addAttribute("campaign", selection.campaign());
		model.addAttribute("month", selection.month().toString());
		model.addAttribute("months", selection.months());
		model.addAttribute("lines", lines);
		model.addAttribute("worst", lines.isEmpty() ? null : Bulletin.worst(lines));
		List<BulletinTargets.Line> targetLines = BulletinTargets.lines(snapshot, reference, targets,
				selection.campaign().code(), selection.month());
		model.addAttribute("targets", targetLines);
		model.addAttribute("targetsWorst", BulletinTargets.worst(targetLines));
		return "workbench/bulletin";
	}

	@PostMapping("/bulletin")
	String write(@RequestParam String campaign, @RequestParam String period, Authentication authentication, Model model)
			throws IOException {
		MonthPage.Selection selection = MonthPage.Selection.of(reference, snapshot, campaign, period);
		List<Bulletin.Line> lines = Bulletin.lines(snapshot, selection.campaign().code(), selection.month());
		if (!lines.isEmpty()) {
			Path written = Bulletin.write(settings.outbox(), reference, selection.campaign().code(), selection.month(),
					lines, BulletinTargets.lines(snapshot, reference, targets, selection.campaign().code(),
							selection.month()));
			actions.record(authentication.getName(), "生成通报", settings.outbox().relativize(written).toString());
			model.addAttribute("written", written.getFileName().toString());
		}
		return bulletin(campaign, period, model);
	}

}
