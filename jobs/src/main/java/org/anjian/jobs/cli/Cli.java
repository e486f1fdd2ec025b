package org.anjian.jobs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.anjian.jobs.AnjianApplication;
import org.anjian.jobs.system.HomeLock;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.anjian.warehouse.WarehouseLockedException;
import org.anjian.warehouse.reference.ReferenceDataException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Parses the command line, holds the {@code --home} lock, starts the Spring context and
 * runs one command. Every failure ends as a one-line reason on stderr and a non-zero exit
 * code; nothing is thrown out of {@link #run}.
 */
public final class Cli {

	private Cli() {
	}

	public static int run(String[] argv, PrintStream out, PrintStream err) {
		CommandOutput output = new CommandOutput(out, err);
		CliArgs args;
		try {
			args = CliArgs.parse(argv);
		}
		catch (CliArgs.UsageException ex) {
			err.println("anjian: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		if ("bench".equals(args.command())) {
			// the benchmark is its own program now (bench/), so the product jar carries
			// no yardstick library
			err.println("anjian: 基准测试已移到单独的程序：java -jar bench/target/anjian-bench.jar [--rows …]（见 README“Benchmark”）");
			return ExitCodes.USAGE;
		}
		Path home = args.path("home").orElse(Path.of("anjian-data")).toAbsolutePath().normalize();
		// status only reads (job repository, scheduler store, analysts' snapshot): it
		// runs beside a working process
		try (HomeLock lock = "status".equals(args.command()) ? HomeLock.shared() : HomeLock.acquire(home)) {
			if (lock == null) {
				err.println("anjian: 另一个 anjian 进程正在使用数据目录 " + home + "，请稍后再试");
				return ExitCodes.BUSY;
			}
			try (ConfigurableApplicationContext context = context(home,
					args.path("reference").map(Path::toAbsolutePath).orElse(null), args.command(), args.options())) {
				AnjianCommand command = context.getBeansOfType(AnjianCommand.class)
					.values()
					.stream()
					.filter(c -> c.name().equals(args.command()))
					.findFirst()
					.orElseThrow(() -> new CliArgs.UsageException("未知命令“" + args.command()
							+ "”。可用命令：demo, ingest, rollup, export, nightly, schedule, status"));
				return command.run(args, output);
			}
		}
		catch (CliArgs.UsageException ex) {
			err.println("anjian: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		catch (Exception ex) {
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
			err.println("anjian: " + args.command() + " 失败：" + cause);
			return ExitCodes.SOFTWARE;
		}
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
		Map<String, Object> props = new HashMap<>();
		props.put("anjian.home", home.toString());
		if (reference != null) {
			props.put("anjian.reference", reference.toString());
		}
		props.put("anjian.command", command);
		app.setDefaultProperties(props);
		app.setRegisterShutdownHook(false);
		// --max-file-mb 50 and the like: the setting of that name, ahead of the
		// environment variable
		Map<String, Object> settings = new HashMap<>();
		options.forEach((option, value) -> {
			String setting = IntakeSettings.settingOf(option);
			if (setting != null) {
				settings.put(setting, value);
			}
		});
		app.addInitializers(ctx -> ctx.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("anjianCommandLineSettings", settings)));
		return app.run();
	}

}
