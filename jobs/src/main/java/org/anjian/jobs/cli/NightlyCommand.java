package org.anjian.jobs.cli;

import org.anjian.jobs.runs.NightlyRequest;
import org.anjian.jobs.runs.Runs;
import org.anjian.warehouse.calendar.OfficeTime;
import org.springframework.stereotype.Component;

/**
 * {@code nightly --inbox DIR [--now DATETIME]}: ingest (files received after now are not
 * seen yet), then every rollup that has come due by now and has not been produced, in
 * calendar order, then exports. A second run for the same now finds nothing new to do.
 */
@Component
class NightlyCommand implements AnjianCommand {

	private final Runs runs;

	NightlyCommand(Runs runs) {
		this.runs = runs;
	}

	@Override
	public String name() {
		return "nightly";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		NightlyRequest request = new NightlyRequest(args.requiredFolder("inbox"),
				args.dateTime("now").orElse(OfficeTime.now()), null);
		return ExitCodes.of(runs.nightly(request, out).outcome());
	}

}
