package org.anjian.jobs;

import java.util.Set;

import org.anjian.jobs.cli.Cli;
import org.anjian.jobs.cli.Termination;
import org.anjian.jobs.system.ShortRun;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * anjian (安监): the command-line entry point; see {@link Cli} for the commands.
 *
 * <p>
 * The commands' context configures itself (job repository, warehouse, jobs) and imports
 * no auto-configuration but placeholders: the commands use no web layer, security,
 * templates, JSON mapper, task executors or JDBC helpers, which the workbench's own
 * context ({@code WorkbenchApplication}) auto-configures from the same class path, and
 * each costs start-up time a person waits for (issue 18 part 4).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@ImportAutoConfiguration(PropertyPlaceholderAutoConfiguration.class)
public class AnjianApplication {

	/**
	 * Commands a person waits for that end in a second or two, whatever the home holds:
	 * no optimizing compiler ({@link ShortRun}). Export too: its work grows with the
	 * warehouse but is DuckDB's (COPY, the snapshot's file copy), and its Java side (the
	 * snapshot's CRC-32C, an intrinsic in the quick compiler too) does not need C2; C2
	 * compiling start-up code was ≈ 1.2 CPU s of an export of a million ledger rows. An
	 * ingest, nightly or demo is short when its inbox holds no large file: anjian.jar's
	 * launcher decides that before this process starts ({@code AnjianLauncher.quick}).
	 */
	private static final Set<String> SHORT = Set.of("status", "rollup", "export", "explain", "bulletin");

	public static void main(String[] args) {
		Termination.ownProcess();
		if (args.length > 0 && SHORT.contains(args[0])) {
			// the process's own entry point only: tests run commands inside their JVM
			ShortRun.quickCompilerOnly();
		}
		int code = Cli.run(args, System.out, System.err);
		// on SIGTERM the shutdown hook halts with this code once it is known (exit would
		// block while the hooks run)
		Termination.finished(code);
		System.exit(code);
	}

}
