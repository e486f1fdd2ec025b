package org.anjian.jobs.cli;

import org.anjian.jobs.runs.IngestRequest;
import org.anjian.jobs.runs.Runs;
import org.springframework.stereotype.Component;

/**
 * {@code ingest --inbox DIR [--now DATETIME]}: read every file under DIR not loaded
 * before.
 */
@Component
class IngestCommand implements AnjianCommand {

	private final Runs runs;

	IngestCommand(Runs runs) {
		this.runs = runs;
	}

	@Override
	public String name() {
		return "ingest";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		return ExitCodes.of(runs.ingest(request(args), out).outcome());
	}

	/**
	 * The intake the options ask for, with or without a Spring context
	 * ({@link WithoutSpring}).
	 */
	static IngestRequest request(CliArgs args) {
		return new IngestRequest(args.requiredFolder("inbox"), args.dateTime("now").orElse(null));
	}

}
