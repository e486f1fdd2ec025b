package org.anjian.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.anjian.jobs.mail.MailSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.warehouse.rollups.RollupKind;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line's grammar, declared once with picocli: every command, every option
 * (the intake limits from {@link IntakeSettings#settings()}), {@code --help} for the tool
 * and each command, {@code --version}. Parsing never starts Spring: a typo, a missing
 * option or a malformed value ends here with exit code 64. What it accepts becomes the
 * same {@link CliArgs} the commands have always been given.
 */
final class CliSpec {

	/** The commands in the order {@code --help} lists them. */
	static final List<String> COMMANDS = List.of("demo", "ingest", "rollup", "export", "nightly", "schedule", "status",
			"serve", "account", "bulletin", "explain", "mail-fetch", "mail-send", "worker");

	/** Commands that read an existing home and never create one. */
	static final List<String> READING = List.of("rollup", "export", "status", "bulletin", "explain");

	/** Commands that run the intake and so take the intake limits as options. */
	private static final List<String> INTAKE = List.of("demo", "ingest", "nightly", "schedule", "worker");

	/** Commands that fetch or send mail and so take the mail settings as options. */
	private static final List<String> MAIL = List.of("nightly", "schedule", "mail-fetch", "mail-send");

	static final String PRECEDENCE = "取值优先级（每个设置都一样）：命令行选项 > 环境变量 > 默认值。"
			+ "--home 与 ANJIAN_HOME、--reference 与 ANJIAN_REFERENCE、--max-file-mb 与 ANJIAN_MAX_FILE_MB……"
			+ "同时给出且不同时，以选项为准，并在 stderr 上提示一行。";

	private CliSpec() {
	}

	/** What the command line asks for. */
	sealed interface Parsed {

	}

	/**
	 * Print this text on stdout and exit 0 ({@code --help}, {@code help},
	 * {@code --version}).
	 */
	record Info(String text) implements Parsed {

	}

	/** Run a command. */
	record Run(CliArgs args) implements Parsed {

	}

	/**
	 * Parses and validates {@code argv}.
	 * @throws CliArgs.UsageException for anything that cannot be run, in one line
	 */
	static Parsed parse(String[] argv) {
		CommandLine root = commandLine();
		if (argv.length == 0) {
			throw new CliArgs.UsageException(
					"缺少命令。用法：java -jar anjian.jar <" + String.join("|", COMMANDS) + "> [选项]；anjian --help 查看全部命令");
		}
		ParseResult result;
		try {
			result = root.parseArgs(argv);
		}
		catch (ParameterException ex) {
			throw new CliArgs.UsageException(explain(ex));
		}
		if (result.isVersionHelpRequested()) {
			return new Info("anjian " + version() + "（Java " + System.getProperty("java.version") + "）");
		}
		if (result.isUsageHelpRequested()) {
			return new Info(root.getUsageMessage());
		}
		ParseResult sub = result.subcommand();
		if (sub == null) {
			throw new CliArgs.UsageException("缺少命令。可用命令：" + String.join(", ", COMMANDS) + "（anjian --help 查看用法）");
		}
		String command = sub.commandSpec().name();
		if ("help".equals(command)) {
			List<String> topic = sub.matchedPositionals().isEmpty() ? List.of()
					: sub.matchedPositionals().get(0).stringValues();
			if (topic.isEmpty()) {
				return new Info(root.getUsageMessage());
			}
			CommandLine about = root.getSubcommands().get(topic.get(0));
			if (about == null || "help".equals(topic.get(0))) {
				throw new CliArgs.UsageException(unknownCommand(topic.get(0)));
			}
			return new Info(about.getUsageMessage());
		}
		if (sub.isUsageHelpRequested()) {
			return new Info(sub.commandSpec().commandLine().getUsageMessage());
		}
		Map<String, String> options = new LinkedHashMap<>();
		for (OptionSpec option : sub.matchedOptions()) {
			String name = option.longestName().substring(2);
			List<String> values = option.stringValues();
			options.put(name, option.arity().max() == 0 || values.isEmpty() ? "true" : values.get(values.size() - 1));
		}
		CliArgs args = new CliArgs(command, options);
		validate(args);
		return new Run(args);
	}

	/** The values that need no reference data, checked before anything starts. */
	private static void validate(CliArgs args) {
		args.dateTime("now");
		args.dateTime("as-of");
		args.option("period").ifPresent(text -> {
			try {
				YearMonth.parse(text);
			}
			catch (DateTimeParseException ex) {
				throw new CliArgs.UsageException("选项 --period 应为 YYYY-MM，例如 2024-05（不是“" + text + "”）");
			}
		});
		args.option("port").ifPresent(text -> {
			if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 65535) {
				throw new CliArgs.UsageException("选项 --port 应为 0 至 65535 的端口号（不是“" + text + "”）");
			}
		});
		args.option("role").ifPresent(text -> {
			if (!text.equals("office") && !text.equals("clerk")) {
				throw new CliArgs.UsageException("选项 --role 应为 office（县安委办）或 clerk（填报单位）（不是“" + text + "”）");
			}
		});
		args.option("kind").ifPresent(text -> {
			try {
				RollupKind.fromCode(text);
			}
			catch (IllegalArgumentException ex) {
				throw new CliArgs.UsageException("选项 --kind 应为 cutoff 或 month-end（不是“" + text + "”）");
			}
		});
		Map<String, String> settings = new LinkedHashMap<>();
		args.options().forEach((option, value) -> {
			String setting = IntakeSettings.settingOf(option);
			if (setting != null) {
				settings.put(setting, value);
			}
		});
		args.options().forEach((option, value) -> {
			String setting = MailSettings.settingOf(option);
			if (setting != null) {
				settings.put(setting, value);
			}
		});
		try {
			IntakeSettings.from(settings::get);
			MailSettings.from(settings::get);
		}
		catch (IllegalArgumentException ex) {
			throw new CliArgs.UsageException(ex.getMessage());
		}
	}

	private static String explain(ParameterException ex) {
		String command = ex.getCommandLine().getCommandName();
		String where = "anjian".equals(command) ? "" : "（命令 " + command + "）";
		String help = "anjian " + ("anjian".equals(command) ? "" : command + " ") + "--help 查看用法";
		if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
			List<String> args = unmatched.getUnmatched();
			String first = args.isEmpty() ? "" : args.get(0);
			if ("anjian".equals(command) && !first.startsWith("-")) {
				return unknownCommand(first);
			}
			List<String> suggestions = unmatched.getSuggestions();
			String guess = suggestions.isEmpty() ? "；" : "；是不是 " + String.join(" 或 ", suggestions) + "？";
			return (first.startsWith("-") ? "未知选项“" : "无法理解的参数“") + first + "”" + where + guess + help;
		}
		if (ex instanceof CommandLine.MissingParameterException missing) {
			List<String> names = new ArrayList<>();
			missing.getMissing()
				.forEach(arg -> names
					.add(arg instanceof OptionSpec o ? o.longestName() : ((PositionalParamSpec) arg).paramLabel()));
			if (ex.getMessage() != null && ex.getMessage().startsWith("Missing required option")) {
				return "命令 " + command + " 需要选项 " + String.join("、", names) + "；" + help;
			}
			return "选项 " + String.join("、", names) + " 缺少取值" + where + "；" + help;
		}
		return ex.getMessage() + where + "；" + help;
	}

	private static String unknownCommand(String name) {
		return "未知命令“" + name + "”。可用命令：" + String.join(", ", COMMANDS) + "（anjian --help 查看用法）";
	}

	/** anjian's version, from the build (application.properties, filtered by Maven). */
	static String version() {
		Properties properties = new Properties();
		try (InputStream in = CliSpec.class.getResourceAsStream("/application.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// no version then
		}
		String version = properties.getProperty("anjian.version", "");
		return version.isBlank() || version.startsWith("@") ? "（开发版本）" : version;
	}

	/** The grammar. */
	static CommandLine commandLine() {
		CommandSpec root = CommandSpec.create().name("anjian").version("anjian " + version());
		root.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("显示本用法").build());
		root.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("显示版本").build());
		root.usageMessage()
			.description("安监统计报表批处理：读取收件箱 → 审核 → 入库 → 汇总、催报、上报表 → 导出。", "",
					"java -jar anjian.jar <命令> [选项]；anjian <命令> --help 或 anjian help <命令> 查看某个命令的选项。")
			.footer("", PRECEDENCE, "", "退出码：0 成功（拒收的文件是数据，不是失败）· 1 作业失败 · 64 命令行有误 · "
					+ "65 参考数据有误、收件目录不存在或 --home 不是 anjian 数据目录 · 70 内部错误 · 74 磁盘已满 · 75 另一个 anjian 进程正在使用同一个 --home，或另一进程占用了 warehouse.duckdb。",
					"日志：<home>/logs/anjian.log（滚动；失败的完整堆栈在这里，stdout 只有命令自己的输出）。");
		root.usageMessage().commandListHeading("%n命令：%n");
		add(root, "demo", "内置演示县（或 --reference 的任一级部署）：生成演示报送 → 入库 → 两种汇总 → 导出，并打印结果位置",
				c -> c.addOption(option("--lower", "DIR", false,
						"下级部署的上报表目录（其 outbox 或其副本）：每张带 manifest.json 的上报表按截至时刻次日 9:00 收到，作为该下级单位的报送")));
		add(root, "ingest", "读取收件目录（含子目录）中尚未入库的全部文件", c -> {
			c.addOption(option("--inbox", "DIR", true, "收件目录（只读，从不修改、移动或删除其中的文件）"));
			c.addOption(option("--now", "DATETIME", false, "当作“现在”的时刻，例如 2024-05-22T23:59:59（上海时间）；之后收到的文件不读"));
			c.addOption(option("--remote", "AMQP-URI", false,
					"把清单交给工作进程读取（anjian worker），例如 amqp://guest:guest@127.0.0.1:5672（环境变量 ANJIAN_REMOTE）；作业库须为共享的 PostgreSQL（ANJIAN_BATCH_URL）"));
		});
		add(root, "rollup", "生成一次汇总，打印催报名单，把上报表写入 outbox", c -> {
			c.addOption(option("--campaign", "C", true, "专项行动代码（campaigns.csv 的 code）"));
			c.addOption(option("--period", "YYYY-MM", true, "统计月份，例如 2024-05"));
			c.addOption(option("--kind", "KIND", true, "cutoff（截止日汇总）或 month-end（月末汇总）"));
			c.addOption(option("--as-of", "DATETIME", false, "截至时刻（默认：截止日或月末 23:59:59）；其他时刻为假设分析（what-if），不改正式结果"));
		});
		add(root, "export", "刷新 Parquet/CSV 导出和分析快照",
				c -> c.addOption(flag("--no-mask-phones", "不遮蔽联络员电话和姓名（仅用于受控的内部副本）")));
		add(root, "nightly", "入库，然后生成已到期的全部汇总，再导出", c -> {
			c.addOption(option("--inbox", "DIR", true, "收件目录"));
			c.addOption(option("--now", "DATETIME", false, "当作“现在”的时刻（默认：当前上海时间），用于补跑任意一天"));
		});
		add(root, "schedule", "常驻运行日程（Quartz）：每晚入库、截止日和月末汇总；SIGTERM 在当前作业完成后退出（退出码 0）", c -> {
			c.addOption(option("--inbox", "DIR", true, "收件目录"));
			c.addOption(flag("--serve", "同时提供工作台网页（同 serve）"));
			c.addOption(option("--port", "N", false, "工作台网页端口（默认 8080，与 --serve 一起用）"));
		});
		add(root, "status", "最近的作业、下次触发时间、各月报送情况（可在作业运行时查看）", c -> c.addOption(flag("--json", "以 JSON 输出（供监控和脚本读取）")));
		add(root, "serve", "县安委办工作台网页（本月、文件、上传、汇总、通报、重大隐患督办、任务）：登录后使用；不占用数据目录，夜间作业照常运行", c -> {
			c.addOption(option("--port", "N", false, "网页端口（默认 8080）"));
			c.addOption(option("--inbox", "DIR", false, "收件目录：上传的文件放在这里（默认 <home>/inbox；应与夜间作业的收件目录相同）"));
		});
		add(root, "account", "添加或更新工作台账户（写入 <home>/accounts.csv）；密码取环境变量 ANJIAN_ACCOUNT_PASSWORD，否则从标准输入读一行", c -> {
			c.addOption(option("--user", "NAME", true, "登录名"));
			c.addOption(option("--role", "ROLE", true, "office（县安委办：全部页面和操作）或 clerk（填报单位：只看、只传本单位的文件）"));
			c.addOption(option("--submitter", "CODE", false, "clerk 所属填报单位（submitters.csv 的 code）"));
		});
		add(root, "bulletin", "月通报：按截止日汇总的催报名单排名（按时、迟报、被退回、未报，隐患整改率），写成 .xlsx 放入 outbox（读分析快照，可在作业运行时用）", c -> {
			c.addOption(option("--campaign", "C", true, "专项行动代码"));
			c.addOption(option("--period", "YYYY-MM", true, "统计月份"));
		});
		add(root, "explain", "上报说明：登记（或采纳）某个文件某条提示性审核意见的说明，显示为“已说明”；--list 列出全部说明。强制性审核（错误）不能说明，只能改正后重新报送", c -> {
			c.addOption(option("--file", "F", false, "文件：收件目录中的文件、SHA-256 前几位（至少 6 位），或入库记录中的路径"));
			c.addOption(option("--rule", "RULE", false, "要说明的提示性规则，例如 CUMULATIVE_DECREASE"));
			c.addOption(option("--cell", "SHEET!A1", false, "只说明这个单元格的那一条（默认：该文件该规则的全部提示）"));
			c.addOption(option("--text", "TEXT", false, "说明内容，例如“4月误报，5月已更正”"));
			c.addOption(option("--by", "NAME", false, "登记人（默认：当前系统用户名）"));
			c.addOption(flag("--list", "列出上报说明（与 --file 一起用：只列该文件的）"));
		});
		add(root, "mail-fetch",
				"收信：从本单位邮箱（IMAP）收取新邮件的报表附件（.xlsx .xls .csv 及其 .zip），存入收件目录的 邮件/ 子目录，以邮件日期为接收时间；每封邮件只收一次（夜间作业和 schedule 在入库前也会收信）",
				c -> c.addOption(option("--inbox", "DIR", true, "收件目录（附件存入 DIR/邮件/<年-月>/<邮件时间>-<单位或发件人>-<编号>/）")));
		add(root, "mail-send",
				"发信：退回通知、审核提示（附审核意见表）、截止日催报、截止日汇总后的上报表，每件事只发一次；未设置发信服务器时写成 .eml 文件（演练）放在 <home>/outbox/mail/", c -> {
					c.addOption(option("--now", "DATETIME", false, "当作“现在”的时刻（默认：当前上海时间），决定哪天截止要催报"));
					c.addOption(flag("--dry-run", "演练：即使设置了发信服务器，也只写 .eml 文件（并记为已处理，不再发送）"));
					c.addOption(option("--resend", "KEY", false, "重发一封“发送中断、不能确定是否已发出”的邮件（发信事件，如 feedback:<sha256>）"));
				});
		add(root, "worker", "工作进程：从消息队列领取入库分区，读取并审核清单，暂存到共享数据目录，由 ingest --remote 的主进程写入数据仓库；一直运行到被停止", c -> {
			c.addOption(option("--inbox", "DIR", true, "收件目录（与主进程看到的是同一批文件，可以是另一台机器上的挂载点）"));
			c.addOption(option("--remote", "AMQP-URI", false,
					"消息队列，例如 amqp://guest:guest@127.0.0.1:5672（环境变量 ANJIAN_REMOTE）"));
		});
		CommandSpec help = CommandSpec.create().name("help");
		help.usageMessage().description("显示全部命令或某个命令的用法");
		help.addPositional(PositionalParamSpec.builder()
			.paramLabel("COMMAND")
			.arity("0..1")
			.description("命令名")
			.type(String.class)
			.build());
		root.addSubcommand("help", help);
		CommandLine line = new CommandLine(root);
		line.setUsageHelpWidth(120);
		return line;
	}

	private static void add(CommandSpec root, String name, String description,
			java.util.function.Consumer<CommandSpec> options) {
		CommandSpec command = CommandSpec.create().name(name).mixinStandardHelpOptions(false);
		command.usageMessage().description(description);
		options.accept(command);
		command.addOption(option("--home", "DIR", false,
				"数据目录：warehouse.duckdb、exports/、outbox/、batch/、scheduler/、logs/（环境变量 ANJIAN_HOME；默认 ./anjian-data）"));
		command.addOption(option("--reference", "DIR", false, "参考数据目录（环境变量 ANJIAN_REFERENCE；默认内置演示县）"));
		if (INTAKE.contains(name)) {
			IntakeSettings.settings()
				.forEach((setting,
						fallback) -> command.addOption(option(
								"--" + setting.substring("ANJIAN_".length()).toLowerCase(Locale.ROOT).replace('_', '-'),
								"N", false, "读取限制，覆盖环境变量 " + setting + "（默认 " + fallback + "）")));
		}
		if (MAIL.contains(name)) {
			MailSettings.options()
				.forEach((setting, meaning) -> command.addOption(
						option(MailSettings.optionOf(setting), "VALUE", false, meaning + "（覆盖环境变量 " + setting + "）")));
		}
		command.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("显示本命令的用法").build());
		command.usageMessage().footer("", PRECEDENCE);
		root.addSubcommand(name, command);
	}

	private static OptionSpec option(String name, String label, boolean required, String description) {
		return OptionSpec.builder(name)
			.paramLabel(label)
			.arity("1")
			.required(required)
			.type(String.class)
			.description(description)
			.build();
	}

	private static OptionSpec flag(String name, String description) {
		return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
	}

	static void print(PrintStream out, String text) {
		out.print(text.endsWith("\n") ? text : text + "\n");
		out.flush();
	}

}
