package org.anjian.jobs.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.anjian.jobs.cli.CliArgs.UsageException;
import org.anjian.jobs.runs.Runs;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.springframework.stereotype.Component;

/**
 * {@code rollup --campaign C --period YYYY-MM --kind cutoff|month-end [--as-of DATETIME]}:
 * materialize one rollup, print the 催报 roster (who is on time, late, missing; whom to
 * call) and write the official table into the outbox.
 */
@Component
class RollupCommand implements AnjianCommand {

	private final Runs runs;

	private final ReferenceData reference;

	RollupCommand(Runs runs, ReferenceData reference) {
		this.runs = runs;
		this.reference = reference;
	}

	@Override
	public String name() {
		return "rollup";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		return ExitCodes.of(runs.rollup(request(args, reference), out).outcome());
	}

	/**
	 * The rollup the options ask for, checked against the reference data; the same checks
	 * and messages with or without a Spring context ({@link WithoutSpring}).
	 */
	static RollupRequest request(CliArgs args, ReferenceData reference) {
		String campaignCode = args.required("campaign");
		Campaign campaign = reference.campaign(campaignCode)
			.orElseThrow(() -> new UsageException("未知专项行动“" + campaignCode + "”（见 campaigns.csv）"));
		YearMonth period;
		try {
			period = YearMonth.parse(args.required("period"));
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("选项 --period 应为 YYYY-MM，例如 2024-05");
		}
		if (!campaign.covers(period)) {
			throw new UsageException(period + " 不在“" + campaign.name() + "”期间（" + campaign.firstMonth() + " 至 "
					+ campaign.lastMonth() + "）");
		}
		RollupKind kind;
		try {
			kind = RollupKind.fromCode(args.required("kind"));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("选项 --kind 应为 cutoff 或 month-end");
		}
		return RollupRequest.of(reference, campaign.code(), period, kind, args.dateTime("as-of").orElse(null));
	}

}
