package org.anjian.jobs.cli;

import org.anjian.jobs.runs.ExportRequest;
import org.anjian.jobs.runs.Runs;
import org.springframework.stereotype.Component;

/**
 * {@code export [--no-mask-phones]}: refresh the Parquet/CSV exports and the analysts'
 * snapshot.
 */
@Component
class ExportCommand implements AnjianCommand {

	private final Runs runs;

	ExportCommand(Runs runs) {
		this.runs = runs;
	}

	@Override
	public String name() {
		return "export";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		return ExitCodes.of(runs.export(request(args), out).outcome());
	}

	/**
	 * The export the options ask for, with or without a Spring context
	 * ({@link WithoutSpring}).
	 */
	static ExportRequest request(CliArgs args) {
		return new ExportRequest(!args.flag("no-mask-phones"));
	}

}
