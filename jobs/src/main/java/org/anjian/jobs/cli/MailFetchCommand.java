package org.anjian.jobs.cli;

import org.anjian.jobs.runs.Runs;
import org.springframework.stereotype.Component;

/**
 * {@code mail-fetch --inbox DIR}: the office mailbox's new messages' spreadsheets saved
 * into DIR/邮件/… with the message's date as their received time (README "Mail").
 */
@Component
class MailFetchCommand implements AnjianCommand {

	private final Runs runs;

	MailFetchCommand(Runs runs) {
		this.runs = runs;
	}

	@Override
	public String name() {
		return "mail-fetch";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		runs.mailFetch(args.requiredFolder("inbox"), out);
		return ExitCodes.OK;
	}

}
