package org.anjian.jobs.cli;

import org.anjian.jobs.mail.MailOut;
import org.anjian.jobs.runs.Runs;
import org.anjian.warehouse.calendar.OfficeTime;
import org.springframework.stereotype.Component;

/**
 * {@code mail-send [--now DATETIME] [--dry-run] [--resend KEY]}: every message due now
 * (退回通知, 审核提示, 催报, 上报), each event once; .eml files without an SMTP server (README
 * "Mail").
 */
@Component
class MailSendCommand implements AnjianCommand {

	private final Runs runs;

	private final MailOut mailOut;

	MailSendCommand(Runs runs, MailOut mailOut) {
		this.runs = runs;
		this.mailOut = mailOut;
	}

	@Override
	public String name() {
		return "mail-send";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		if (args.option("resend").isPresent()) {
			String key = args.option("resend").get();
			if (!mailOut.resend(key)) {
				out.problem("没有发送中断的事件 " + key + "（只有“不能确定是否已发出”的邮件可以 --resend）");
				return ExitCodes.DATA_ERROR;
			}
			out.line("将重发 " + key);
		}
		MailOut.Sent sent = runs.mailSend(args.dateTime("now").orElse(OfficeTime.now()), args.flag("dry-run"), out);
		return sent.failed() > 0 ? ExitCodes.JOB_FAILED : ExitCodes.OK;
	}

}
