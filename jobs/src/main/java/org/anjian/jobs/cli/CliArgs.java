package org.anjian.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: {@code <command> [--option value | --flag]…}, the option names
 * without their dashes. anjian's own commands get it from {@link CliSpec} (picocli:
 * declared options only, validated before anything starts); {@link #parse} is the
 * free-form parser the bench's command line still uses.
 */
public record CliArgs(String command, Map<String, String> options) {

	private static final Set<String> FLAGS = Set.of("help", "no-mask-phones", "quiet", "keep");

	public static CliArgs parse(String[] args) {
		if (args.length == 0) {
			throw new UsageException(
					"缺少命令。用法：java -jar anjian.jar <demo|ingest|rollup|export|nightly|schedule|status> [选项]");
		}
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new UsageException("无法理解的参数“" + arg + "”：选项应以 -- 开头");
			}
			String name = arg.substring(2);
			String value;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			else if (FLAGS.contains(name)) {
				value = "true";
			}
			else {
				if (i + 1 >= args.length) {
					throw new UsageException("选项 --" + name + " 缺少取值");
				}
				value = args[++i];
			}
			options.put(name, value);
		}
		return new CliArgs(args[0], options);
	}

	public Optional<String> option(String name) {
		return Optional.ofNullable(options.get(name));
	}

	public String required(String name) {
		return option(name).orElseThrow(() -> new UsageException("命令 " + command + " 需要选项 --" + name));
	}

	public Optional<Path> path(String name) {
		return option(name).map(Path::of);
	}

	/**
	 * A folder option that must be given, absolute and normalised: paths recorded in
	 * {@code audit_file} are relative to it, so {@code ./inbox} and {@code inbox/} name
	 * the same files.
	 */
	public Path requiredFolder(String name) {
		return Path.of(required(name)).toAbsolutePath().normalize();
	}

	public boolean flag(String name) {
		return Boolean.parseBoolean(options.getOrDefault(name, "false"));
	}

	/**
	 * An ISO-8601 local date-time in Asia/Shanghai, e.g. 2024-05-22T23:59:59 (seconds
	 * optional).
	 */
	public Optional<LocalDateTime> dateTime(String name) {
		return option(name).map(text -> {
			try {
				return LocalDateTime.parse(text);
			}
			catch (DateTimeParseException ex) {
				throw new UsageException("选项 --" + name + " 的时间“" + text + "”格式不对，应为 2024-05-22T23:59:59");
			}
		});
	}

	/** Thrown for a command line that cannot be run; exit code 64 (EX_USAGE). */
	public static class UsageException extends RuntimeException {

		public UsageException(String message) {
			super(message);
		}

	}

}
