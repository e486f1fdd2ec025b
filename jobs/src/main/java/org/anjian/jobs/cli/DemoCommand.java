package org.anjian.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.anjian.jobs.demo.DemoInbox;
import org.anjian.jobs.runs.ExportRequest;
import org.anjian.jobs.runs.IngestRequest;
import org.anjian.jobs.runs.RunOutcome;
import org.anjian.jobs.runs.Runs;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.springframework.stereotype.Component;

/**
 * {@code demo}: the bundled demo county (or the deployment of {@code --reference}, of any
 * level; with {@code --lower}, lower deployments' official tables as their submissions)
 * end to end — a generated inbox of realistic submissions → warehouse → cutoff and
 * month-end rollups of two months → exports and the analysts' snapshot; prints where
 * everything went.
 */
@Component
class DemoCommand implements AnjianCommand {

	private final Runs runs;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	DemoCommand(Runs runs, ReferenceData reference, AnjianSettings settings) {
		this.runs = runs;
		this.reference = reference;
		this.settings = settings;
	}

	@Override
	public String name() {
		return "demo";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		Campaign campaign = reference.campaigns()
			.stream()
			.filter(c -> "F-000".equals(c.form()))
			.reduce((a, b) -> b)
			.orElse(reference.campaigns().get(0));
		Path inbox = settings.home().resolve("demo-inbox");
		if (Files.isDirectory(inbox)) {
			out.line("演示收件箱已存在，沿用：" + inbox);
		}
		else {
			List<String> lower = new DemoInbox(reference).generate(inbox, campaign, args.path("lower").orElse(null));
			out.line("已生成演示收件箱（" + reference.top().name() + "，" + campaign.name() + "）：" + inbox);
			if (!lower.isEmpty()) {
				out.line("  其中下级部署的上报表：" + String.join("、", lower));
			}
		}
		RunOutcome outcome = runs.ingest(new IngestRequest(inbox, null), out).outcome();
		for (YearMonth month : DemoInbox.months(campaign)) {
			for (RollupKind kind : RollupKind.values()) {
				if (outcome.succeeded()) {
					outcome = runs.rollup(RollupRequest.of(reference, campaign.code(), month, kind, null), out)
						.outcome();
				}
			}
		}
		if (outcome.succeeded()) {
			outcome = runs.export(new ExportRequest(true), out).outcome();
		}
		if (outcome.succeeded()) {
			out.line("");
			out.line("演示完成。结果在：");
			out.line("  数据仓库   " + settings.warehouseFile());
			out.line("  上报表     " + settings.outboxDir());
			out.line("  导出       " + settings.exportsDir());
			out.line("  分析快照   " + settings.home().resolve("analyst").resolve("anjian.duckdb")
					+ "（duckdb -readonly 打开）");
		}
		return ExitCodes.of(outcome);
	}

}
