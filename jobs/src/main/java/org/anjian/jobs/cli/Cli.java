package org.anjian.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.anjian.jobs.AnjianApplication;
import org.anjian.jobs.mail.MailSettings;
import org.anjian.jobs.system.HomeLock;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.JaxpDefaults;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.anjian.warehouse.WarehouseLockedException;
import org.anjian.warehouse.reference.ReferenceDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Parses and validates the command line ({@link CliSpec}, before anything starts),
 * decides the home (option &gt; environment &gt; default), refuses a reading command on a
 * folder that is not an anjian home, holds the {@code --home} lock, starts the Spring
 * context and runs one command ({@code status}, {@code ingest}, {@code rollup} and
 * {@code export} run without one). Every failure ends as a one-line reason on stderr and
 * a non-zero exit code; nothing is thrown out of {@link #run}.
 */
public final class Cli {

	private static final Logger log = LoggerFactory.getLogger(Cli.class);

	private static final String DEFAULT_HOME = "anjian-data";

	private Cli() {
	}

	public static int run(String[] argv, PrintStream out, PrintStream err) {
		return run(argv, System.getenv(), out, err);
	}

	/**
	 * As {@link #run(String[], PrintStream, PrintStream)} with {@code environment} for
	 * the process environment (ANJIAN_HOME, ANJIAN_REFERENCE): tests state the
	 * environment they mean.
	 */
	public static int run(String[] argv, Map<String, String> environment, PrintStream out, PrintStream err) {
		JaxpDefaults.install();
		CommandOutput output = new CommandOutput(out, err);
		if (argv.length > 0 && "bench".equals(argv[0])) {
			// the benchmark is its own program now (bench/), so the product jar carries
			// no yardstick library
			err.println("anjian: 基准测试已移到单独的程序：java -jar bench/target/anjian-bench.jar [--rows …]（见 README“Benchmark”）");
			return ExitCodes.USAGE;
		}
		CliArgs args;
		try {
			CliSpec.Parsed parsed = CliSpec.parse(argv);
			if (parsed instanceof CliSpec.Info info) {
				CliSpec.print(out, info.text());
				return ExitCodes.OK;
			}
			args = ((CliSpec.Run) parsed).args();
		}
		catch (CliArgs.UsageException ex) {
			err.println("anjian: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		// one rule for every setting: option > environment > default; the lock, the log
		// and Spring all use the folder decided here
		Path home = Path.of(setting(args, "home", "ANJIAN_HOME", environment, err).orElse(DEFAULT_HOME))
			.toAbsolutePath()
			.normalize();
		Path reference = setting(args, "reference", "ANJIAN_REFERENCE", environment, err)
			.map(r -> Path.of(r).toAbsolutePath().normalize())
			.orElse(null);
		if (CliSpec.READING.contains(args.command()) && !isHome(home)) {
			err.println("anjian: " + home + " 不是 anjian 数据目录（没有 warehouse.duckdb），" + args.command()
					+ " 不会新建一个：先运行 ingest、nightly 或 demo，或用 --home（或 ANJIAN_HOME）指向已有的数据目录");
			return ExitCodes.DATA_ERROR;
		}
		if (org.anjian.workbench.Workbench.COMMANDS.contains(args.command())) {
			// the workbench holds no home lock (it reads the analysts' snapshot and takes
			// the
			// lock only for the run a user starts), so it starts its own web context
			return org.anjian.workbench.Workbench.command(args.command(), home, reference, args.options(), environment,
					out, err);
		}
		if ("worker".equals(args.command())) {
			// a worker never opens the warehouse and holds no home lock: many run beside
			// the
			// manager's intake
			return org.anjian.jobs.remote.RemoteWorker.command(home, args.options(), environment, out, err);
		}
		boolean[] logged = { false };
		// status only reads (job repository, scheduler store, analysts' snapshot): it
		// runs beside a working process
		try (HomeLock lock = "status".equals(args.command()) ? HomeLock.shared() : HomeLock.acquire(home)) {
			if (lock == null) {
				err.println("anjian: 另一个 anjian 进程正在使用数据目录 " + home + "，请稍后再试");
				return ExitCodes.BUSY;
			}
			if ("status".equals(args.command())) {
				// no Spring context: a person waits for status (issue 18 part 4), and it
				// reads three stores with plain SQL
				quietLogging();
				return StatusCommand.run(home, reference, environment, args.flag("json"), output);
			}
			if (WithoutSpring.enabled(args, environment)) {
				// no Spring context: a person waits for an ingest, a rollup or an export
				// too (issue 18 part 4); the same job, job repository and output
				// (WithoutSpring)
				FileLog.start(home);
				try {
					return WithoutSpring.run(args, home, reference, environment, output);
				}
				catch (Exception | Error ex) {
					log.error("{} 失败", args.command(), ex);
					logged[0] = true;
					throw ex;
				}
			}
			try (ConfigurableApplicationContext context = context(home, reference, args.command(), args.options())) {
				AnjianCommand command = context.getBeansOfType(AnjianCommand.class)
					.values()
					.stream()
					.filter(c -> c.name().equals(args.command()))
					.findFirst()
					.orElseThrow(() -> new CliArgs.UsageException(
							"未知命令“" + args.command() + "”。可用命令：" + String.join(", ", CliSpec.COMMANDS)));
				try {
					return command.run(args, output);
				}
				catch (Exception | Error ex) {
					// the stack trace goes to the log file while the context's logging is
					// still set up; the operator gets one line below
					log.error("{} 失败", args.command(), ex);
					logged[0] = true;
					throw ex;
				}
			}
		}
		catch (CliArgs.UsageException ex) {
			err.println("anjian: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		catch (Exception ex) {
			boolean inLog = logged[0] || logsToFile();
			if (!logged[0] && inLog) {
				log.error("{} 失败", args.command(), ex);
			}
			Throwable cause = rootCause(ex);
			if (cause instanceof ReferenceDataException || cause instanceof CliArgs.UsageException) {
				err.println("anjian: " + cause.getMessage());
				return cause instanceof ReferenceDataException ? ExitCodes.DATA_ERROR : ExitCodes.USAGE;
			}
			if (cause instanceof WarehouseException) {
				err.println("anjian: " + cause.getMessage());
				return cause instanceof WarehouseLockedException ? ExitCodes.BUSY : ExitCodes.SOFTWARE;
			}
			String diskFull = Warehouse.diskFullOr(ex);
			if (diskFull.startsWith(Warehouse.DISK_FULL)) {
				err.println("anjian: " + args.command() + " 失败：" + diskFull);
				return ExitCodes.IO_ERROR;
			}
			err.println("anjian: " + args.command() + " 失败：" + cause + (inLog ? "（详见 " + logFile(home) + "）" : ""));
			return ExitCodes.SOFTWARE;
		}
	}

	/**
	 * Outside a Spring context Logback's default prints every library's debug line on
	 * stdout, where status --json writes its one object: nothing is logged then (status
	 * reports its failure on stderr and writes no log file in a home it only reads).
	 */
	private static void quietLogging() {
		if (!logsToFile()
				&& LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
			context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
		}
	}

	/**
	 * Whether the log goes to the home's file: not before Spring set logging up (a lock
	 * that could not be taken), when Logback's default would print to stdout.
	 */
	private static boolean logsToFile() {
		return LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context
				&& context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE") != null;
	}

	/**
	 * Where a home's log is written ({@code logging.file.name} in
	 * application.properties).
	 */
	public static Path logFile(Path home) {
		return home.resolve("logs").resolve("anjian.log");
	}

	/**
	 * A home anjian has used: it holds the warehouse, or the staging files a killed load
	 * left beside it.
	 */
	static boolean isHome(Path home) {
		if (Files.isRegularFile(home.resolve("warehouse.duckdb"))) {
			return true;
		}
		try (Stream<Path> entries = Files.list(home)) {
			return entries.anyMatch(p -> p.getFileName().toString().startsWith(".anjian-"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A setting by the one rule: the option, else the environment variable, else empty
	 * (the default). Both given and different: the option wins, and says so on stderr.
	 */
	private static Optional<String> setting(CliArgs args, String option, String variable,
			Map<String, String> environment, PrintStream err) {
		Optional<String> given = args.option(option);
		String fromEnvironment = environment.get(variable);
		if (fromEnvironment == null || fromEnvironment.isBlank()) {
			return given;
		}
		if (given.isEmpty()) {
			return Optional.of(fromEnvironment);
		}
		if (!Path.of(given.get())
			.toAbsolutePath()
			.normalize()
			.equals(Path.of(fromEnvironment).toAbsolutePath().normalize())) {
			err.println("anjian: 注意：使用 --" + option + " " + given.get() + "，不用环境变量 " + variable + "=" + fromEnvironment
					+ "（选项优先于环境变量）");
		}
		return given;
	}

	/**
	 * The first failure in the cause chain that speaks to the operator, else the
	 * innermost cause.
	 */
	private static Throwable rootCause(Throwable ex) {
		Throwable t = ex;
		while (!(t instanceof ReferenceDataException || t instanceof CliArgs.UsageException
				|| t instanceof WarehouseException) && t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t;
	}

	/**
	 * The application context a command runs in: settings from {@code options} (e.g.
	 * {@code max-file-mb}) ahead of the environment. The caller holds the home lock where
	 * the command writes (tests drive the run layer this way).
	 * @param reference the reference-data folder, or null for the bundled demo county
	 */
	public static ConfigurableApplicationContext context(Path home, Path reference, String command,
			Map<String, String> options) {
		SpringApplication app = new SpringApplication(AnjianApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setLogStartupInfo(false);
		app.setRegisterShutdownHook(false);
		// the home and reference the caller decided (option > environment > default) and
		// --max-file-mb 50 and the like (the setting of that name), all ahead of the
		// environment: Spring's relaxed binding would otherwise read ANJIAN_HOME for
		// anjian.home over the option
		Map<String, Object> settings = new HashMap<>();
		settings.put("anjian.home", home.toString());
		if (reference != null) {
			settings.put("anjian.reference", reference.toString());
		}
		settings.put("anjian.command", command);
		options.forEach((option, value) -> {
			String setting = IntakeSettings.settingOf(option) != null ? IntakeSettings.settingOf(option)
					: MailSettings.settingOf(option);
			if (setting != null) {
				settings.put(setting, value);
			}
		});
		if (options.containsKey("remote")) {
			settings.put(org.anjian.jobs.remote.RemoteQueue.BROKER, options.get("remote"));
		}
		// in the environment before it is prepared: the log file (logging.file.name) is
		// decided from anjian.home as the environment is prepared
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("anjianCommandLineSettings", settings));
		app.setEnvironment(environment);
		return app.run();
	}

}
