package org.anjian.jobs.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.zaxxer.hikari.HikariDataSource;
import org.anjian.jobs.remote.RemoteQueue;
import org.anjian.jobs.runs.JobsWithoutContext;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.JobRepositoryStore;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * {@code ingest}, {@code rollup} and {@code export} without a Spring application context
 * (issue 18 part 4: a person waits for them, and the context was nearly half a rollup's
 * time). What the context would give them is opened here the way its beans open it — the
 * reference data ({@code WarehouseConfiguration}; export does not use it, but the context
 * loads it at start, so a bad reference folder fails an export alike), the intake's
 * limits ({@link IntakeSettings}), the job repository's database
 * ({@link JobRepositoryStore#open}), the warehouse — and the run is the context's own
 * ({@link JobsWithoutContext}): same options and messages ({@link RollupCommand#request},
 * {@link IngestCommand#request}), same job history, files and printed lines.
 * {@code -Danjian.ingest-context=true}, {@code -Danjian.rollup-context=true} and
 * {@code -Danjian.export-context=true} run the command in the context as before; an
 * ingest with workers always does.
 */
final class WithoutSpring {

	/**
	 * The commands that run without a context unless {@code anjian.<command>-context}.
	 */
	static final Set<String> COMMANDS = Set.of("ingest", "rollup", "export");

	private WithoutSpring() {
	}

	/**
	 * What the context's bean creation does with an error raised while a bean is made
	 * (DuckDB's driver failing to unpack its library on a full disk, a missing native
	 * library): it wraps it in an exception, which the CLI reports as one line with its
	 * exit code (a full disk: {@link ExitCodes#IO_ERROR}) instead of letting it end the
	 * process with a stack trace.
	 */
	private static <T> T starting(String command, Callable<T> opening) throws Exception {
		try {
			return opening.call();
		}
		catch (Error ex) {
			throw new IllegalStateException(command + " 无法启动：" + ex, ex);
		}
	}

	/**
	 * Whether the command runs without the context: ingest, rollup and export do, unless
	 * the system property {@code anjian.<command>-context} is {@code true}; an ingest
	 * whose lists go to workers ({@code --remote} or {@code ANJIAN_REMOTE}, as the
	 * context's {@code @ConditionalOnProperty} reads it: a system property first, any
	 * value) runs in the context, which has the broker's channels and the partitioned
	 * manager step.
	 */
	static boolean enabled(CliArgs args, Map<String, String> environment) {
		String command = args.command();
		if (!COMMANDS.contains(command) || "true".equals(System.getProperty("anjian." + command + "-context"))) {
			return false;
		}
		return !"ingest".equals(command) || (!args.options().containsKey("remote")
				&& System.getProperty(RemoteQueue.BROKER, environment.get(RemoteQueue.BROKER)) == null);
	}

	/**
	 * @param reference the reference-data folder, or null for the bundled demo county
	 * @param environment ANJIAN_BATCH_URL, ANJIAN_BATCH_USER, ANJIAN_BATCH_PASSWORD (a
	 * system property of that name first, as the context reads them)
	 */
	static int run(CliArgs args, Path home, Path reference, Map<String, String> environment, CommandOutput out)
			throws Exception {
		AnjianSettings settings = new AnjianSettings(home, reference, maskPhones(environment));
		// the warehouse opens (DuckDB's library, the file, the schema) on a thread of its
		// own while this one reads the reference data and opens the job repository: each
		// is about half of the start of a command without the context, and neither needs
		// the other. Failures are reported in the context's order all the same: the
		// reference data (a bad file with its line), the job repository, the warehouse;
		// all before the command looks at its options.
		FutureTask<Warehouse> opening = new FutureTask<>(
				() -> starting(args.command(), () -> Warehouse.open(settings.warehouseFile())));
		Thread opener = new Thread(opening, "warehouse-open");
		opener.setDaemon(true);
		opener.start();
		HikariDataSource batch;
		ReferenceData data;
		IntakeSettings intake;
		try {
			data = starting(args.command(),
					() -> reference == null ? ReferenceDataLoader.loadDemo() : ReferenceDataLoader.load(reference));
			// the context's intakeSettings bean: a bad value stops the command alike
			intake = "ingest".equals(args.command()) ? intakeSettings(args, environment) : null;
			batch = starting(args.command(),
					() -> JobRepositoryStore.open(settings.batchDir(),
							StatusCommand.setting("ANJIAN_BATCH_URL", environment),
							StatusCommand.setting("ANJIAN_BATCH_USER", environment),
							StatusCommand.setting("ANJIAN_BATCH_PASSWORD", environment)));
		}
		catch (Exception | Error ex) {
			closeOnceOpen(opening);
			throw ex;
		}
		try (batch; Warehouse warehouse = opened(opening)) {
			if ("ingest".equals(args.command())) {
				return IngestCommand.exitCode(JobsWithoutContext.ingest(settings, data, intake, warehouse, batch,
						IngestCommand.request(args), out));
			}
			return ExitCodes.of(switch (args.command()) {
				case "rollup" ->
					JobsWithoutContext.rollup(settings, data, warehouse, batch, RollupCommand.request(args, data), out)
						.outcome();
				case "export" ->
					JobsWithoutContext.export(settings, warehouse, batch, ExportCommand.request(args), out).outcome();
				default -> throw new IllegalArgumentException(args.command());
			});
		}
	}

	/** The warehouse {@code opening} opened, or what it failed with. */
	private static Warehouse opened(FutureTask<Warehouse> opening) throws Exception {
		try {
			return opening.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Exception failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * Closes the warehouse {@code opening} opens, once it has, when the command stops
	 * before using it (its lock released as the context's shutdown would).
	 */
	private static void closeOnceOpen(FutureTask<Warehouse> opening) {
		try {
			opened(opening).close();
		}
		catch (Exception | Error ex) {
			// failed to open too: the first failure is the one reported
		}
	}

	/**
	 * The intake's limits as the context reads them ({@code Cli.context}): the option of
	 * a setting's name ({@code --max-file-mb 50}), else a system property of that name,
	 * else the environment; unset, the default.
	 */
	static IntakeSettings intakeSettings(CliArgs args, Map<String, String> environment) {
		Map<String, String> options = new HashMap<>();
		args.options().forEach((option, value) -> {
			String setting = IntakeSettings.settingOf(option);
			if (setting != null) {
				options.put(setting, value);
			}
		});
		return IntakeSettings.from(name -> options.getOrDefault(name, System.getProperty(name, environment.get(name))));
	}

	/**
	 * {@code anjian.mask-phones} as the context binds it into {@link AnjianSettings}: a
	 * system property (any relaxed form: {@code anjian.mask-phones},
	 * {@code anjian.maskPhones}), else the environment ({@code ANJIAN_MASKPHONES},
	 * {@code ANJIAN_MASK_PHONES}); Spring's words for true and false; null (true) when
	 * unset.
	 */
	static Boolean maskPhones(Map<String, String> environment) {
		String value = null;
		for (String name : System.getProperties().stringPropertyNames()) {
			if (name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").equals("anjian.maskphones")) {
				value = System.getProperty(name);
			}
		}
		if (value == null) {
			value = environment.getOrDefault("ANJIAN_MASKPHONES", environment.get("ANJIAN_MASK_PHONES"));
		}
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true", "on", "yes", "1" -> Boolean.TRUE;
			case "false", "off", "no", "0" -> Boolean.FALSE;
			default -> throw new IllegalStateException("anjian.mask-phones 应为 true 或 false：" + value);
		};
	}

}
