package org.anjian.jobs.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import org.anjian.jobs.runs.RollupWithoutContext;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.JobRepositoryStore;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * {@code rollup} without a Spring application context (issue 18 part 4: a person waits
 * for it, and the context was nearly half its time). What the context would give it is
 * opened here the way its beans open it — the reference data
 * ({@code WarehouseConfiguration}), the job repository's database
 * ({@link JobRepositoryStore#open}), the warehouse — and the run is the context's own
 * ({@link RollupWithoutContext}): same options and messages
 * ({@link RollupCommand#request}), same job history, outbox and roster.
 * {@code -Danjian.rollup-context=true} runs it in the context as before.
 */
final class RollupWithoutSpring {

	private RollupWithoutSpring() {
	}

	/**
	 * What the context's bean creation does with an error raised while a bean is made
	 * (DuckDB's driver failing to unpack its library on a full disk, a missing native
	 * library): it wraps it in an exception, which the CLI reports as one line with its
	 * exit code (a full disk: {@link ExitCodes#IO_ERROR}) instead of letting it end the
	 * process with a stack trace.
	 */
	private static <T> T starting(Callable<T> opening) throws Exception {
		try {
			return opening.call();
		}
		catch (Error ex) {
			throw new IllegalStateException("rollup 无法启动：" + ex, ex);
		}
	}

	/** Whether {@code rollup} runs without the context (the default). */
	static boolean enabled() {
		return !"true".equals(System.getProperty("anjian.rollup-context"));
	}

	/**
	 * @param reference the reference-data folder, or null for the bundled demo county
	 * @param environment ANJIAN_BATCH_URL, ANJIAN_BATCH_USER, ANJIAN_BATCH_PASSWORD (a
	 * system property of that name first, as the context reads them)
	 */
	static int run(CliArgs args, Path home, Path reference, Map<String, String> environment, CommandOutput out)
			throws Exception {
		AnjianSettings settings = new AnjianSettings(home, reference, null);
		// the context's order: the reference data is checked as it starts (a bad file is
		// reported with its line), the job repository and the warehouse opened before the
		// command looks at its options
		ReferenceData data = starting(
				() -> reference == null ? ReferenceDataLoader.loadDemo() : ReferenceDataLoader.load(reference));
		try (HikariDataSource batch = starting(() -> JobRepositoryStore.open(settings.batchDir(),
				StatusCommand.setting("ANJIAN_BATCH_URL", environment),
				StatusCommand.setting("ANJIAN_BATCH_USER", environment),
				StatusCommand.setting("ANJIAN_BATCH_PASSWORD", environment)));
				Warehouse warehouse = starting(() -> Warehouse.open(settings.warehouseFile()))) {
			return ExitCodes.of(RollupWithoutContext
				.rollup(settings, data, warehouse, batch, RollupCommand.request(args, data), out)
				.outcome());
		}
	}

}
