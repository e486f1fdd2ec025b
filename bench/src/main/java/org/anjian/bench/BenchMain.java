package org.anjian.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.stream.Stream;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;

/**
 * {@code java -jar anjian-bench.jar [--rows …]}: runs {@link BenchCommand}, which starts
 * this jar again for every measured run ({@code bench-child …}, {@link BenchChild}).
 * Needs no --home, no Spring context, no lock: it measures this machine, beside a working
 * anjian if need be. Failures end as a one-line reason on stderr and anjian's exit codes
 * (64 bad command line, 70 internal error).
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * {@code [bench] [options]} or {@code bench-child [options]}; the word bench is
	 * optional, as the README has it.
	 */
	public static int run(String[] argv, PrintStream out, PrintStream err) {
		boolean named = argv.length > 0 && (argv[0].equals(BenchCommand.NAME) || argv[0].equals(BenchChild.COMMAND)
				|| argv[0].equals(FormsCommand.NAME) || argv[0].equals(ProcessBenchCommand.NAME)
				|| argv[0].equals(YardstickCommand.NAME) || argv[0].equals(WarmIntakeCommand.NAME));
		String[] line = named ? argv
				: Stream.concat(Stream.of(BenchCommand.NAME), Arrays.stream(argv)).toArray(String[]::new);
		AnjianCommand command = switch (line[0]) {
			case BenchChild.COMMAND -> new BenchChild();
			case FormsCommand.NAME -> new FormsCommand();
			case ProcessBenchCommand.NAME -> new ProcessBenchCommand();
			case YardstickCommand.NAME -> new YardstickCommand();
			case WarmIntakeCommand.NAME -> new WarmIntakeCommand();
			default -> new BenchCommand();
		};
		try {
			return command.run(CliArgs.parse(line), new CommandOutput(out, err));
		}
		catch (CliArgs.UsageException ex) {
			err.println("anjian bench: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		catch (Exception ex) {
			Throwable cause = ex;
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			err.println("anjian bench: " + line[0] + " 失败：" + cause);
			return ExitCodes.SOFTWARE;
		}
	}

}
