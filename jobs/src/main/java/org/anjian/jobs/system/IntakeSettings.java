package org.anjian.jobs.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.anjian.readers.limits.ReaderLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * How much an inbox file may ask of a run ({@link ReaderLimits}) and how long a file must
 * rest before it is read. Each is a setting by name: an environment variable
 * ({@code ANJIAN_MAX_FILE_MB=50}) or the command-line option of the same name
 * ({@code --max-file-mb 50}), the option winning; unset, the documented default.
 *
 * @param readerLimits content and time limits per summary-table file
 * @param listLimits content limits per record-level list
 * ({@link ReaderLimits#forLists(Function)})
 * @param settle a file modified less than this long ago is left for the next run (still
 * being copied or saved)
 * @param listReadTimeout time to read one record-level list (they may hold a million
 * rows; summary forms have the reader limits' time)
 */
public record IntakeSettings(ReaderLimits readerLimits, ReaderLimits listLimits, Duration settle,
		Duration listReadTimeout) {

	/** The setting for {@link #listReadTimeout()}, in seconds. */
	public static final String LIST_READ_TIMEOUT_SECONDS = "ANJIAN_LIST_READ_TIMEOUT_SECONDS";

	public static final long DEFAULT_LIST_READ_TIMEOUT_SECONDS = 1800;

	/** The setting for {@link #settle()}, in seconds. */
	public static final String SETTLE_SECONDS = "ANJIAN_SETTLE_SECONDS";

	public static final long DEFAULT_SETTLE_SECONDS = 0;

	/** Every setting name with its default, as documented. */
	public static Map<String, String> settings() {
		Map<String, String> all = new LinkedHashMap<>(ReaderLimits.SETTINGS);
		all.put(SETTLE_SECONDS, String.valueOf(DEFAULT_SETTLE_SECONDS));
		all.put(LIST_READ_TIMEOUT_SECONDS, String.valueOf(DEFAULT_LIST_READ_TIMEOUT_SECONDS));
		return all;
	}

	/**
	 * The setting name a command-line option stands for ({@code max-file-mb} →
	 * ANJIAN_MAX_FILE_MB), or null.
	 */
	public static String settingOf(String option) {
		String name = "ANJIAN_" + option.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
		return settings().containsKey(name) ? name : null;
	}

	/**
	 * @throws IllegalArgumentException naming the setting whose value is not a positive
	 * whole number
	 */
	public static IntakeSettings from(Function<String, String> lookup) {
		ReaderLimits limits = ReaderLimits.from(lookup);
		long settle = seconds(lookup, SETTLE_SECONDS, DEFAULT_SETTLE_SECONDS, true);
		long listTimeout = seconds(lookup, LIST_READ_TIMEOUT_SECONDS, DEFAULT_LIST_READ_TIMEOUT_SECONDS, false);
		return new IntakeSettings(limits, ReaderLimits.forLists(lookup), Duration.ofSeconds(settle),
				Duration.ofSeconds(listTimeout));
	}

	private static long seconds(Function<String, String> lookup, String name, long fallback, boolean zeroAllowed) {
		String value = lookup.apply(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		long seconds;
		try {
			seconds = Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			seconds = -1;
		}
		if (seconds < 0 || (seconds == 0 && !zeroAllowed)) {
			throw new IllegalArgumentException(
					"设置 " + name + " 的取值“" + value + "”无效：应为" + (zeroAllowed ? " 0 或" : "") + "正整数（秒）");
		}
		return seconds;
	}

	@Configuration(proxyBeanMethods = false)
	static class IntakeSettingsConfiguration {

		@Bean
		IntakeSettings intakeSettings(Environment environment) {
			return IntakeSettings.from(environment::getProperty);
		}

	}

}
