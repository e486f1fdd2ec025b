package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The settings: defaults, overrides by name, bad values named. */
class ReaderLimitsTests {

	@Test
	void defaultsAreTheDocumentedOnes() {
		ReaderLimits limits = ReaderLimits.defaults();

		assertThat(limits.maxFileBytes()).isEqualTo(20L * 1024 * 1024);
		assertThat(limits.maxUnpackedBytes()).isEqualTo(100L * 1024 * 1024);
		assertThat(limits.maxInflateRatio()).isEqualTo(100);
		assertThat(limits.maxRows()).isEqualTo(65_536);
		assertThat(limits.maxColumns()).isEqualTo(256);
		assertThat(limits.maxCells()).isEqualTo(1_000_000);
		assertThat(limits.maxCellChars()).isEqualTo(32_767);
		assertThat(limits.maxLineBytes()).isEqualTo(1024 * 1024);
		assertThat(limits.readTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void eachSettingOverridesItsLimitAndBlankKeepsTheDefault() {
		Map<String, String> env = Map.of("ANJIAN_MAX_FILE_MB", "5", "ANJIAN_READ_TIMEOUT_SECONDS", " 7 ",
				"ANJIAN_MAX_COLUMNS", "");

		ReaderLimits limits = ReaderLimits.from(env::get);

		assertThat(limits.maxFileBytes()).isEqualTo(5L * 1024 * 1024);
		assertThat(limits.readTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(limits.maxColumns()).isEqualTo(256);
	}

	@Test
	void aBadValueIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> ReaderLimits.from(Map.of("ANJIAN_MAX_ROWS", "-3")::get))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("ANJIAN_MAX_ROWS")
			.hasMessageContaining("-3");
		assertThatThrownBy(() -> ReaderLimits.from(Map.of("ANJIAN_MAX_FILE_MB", "二十")::get))
			.hasMessageContaining("ANJIAN_MAX_FILE_MB");
	}

	@Test
	void everySettingHasADefault() {
		assertThat(ReaderLimits.SETTINGS).hasSize(11).allSatisfy((name, value) -> {
			assertThat(name).startsWith("ANJIAN_");
			assertThat(Long.parseLong(value)).isPositive();
		});
	}

	@Test
	void listSizesAreSettingsOfTheirOwn() {
		ReaderLimits lists = ReaderLimits
			.forLists(java.util.Map.of("ANJIAN_LIST_MAX_FILE_MB", "300", "ANJIAN_MAX_FILE_MB", "5")::get);

		assertThat(lists.maxFileBytes()).isEqualTo(300L * 1024 * 1024);
		assertThat(lists.maxUnpackedBytes()).isEqualTo(ReaderLimits.forLists().maxUnpackedBytes())
			.isEqualTo(2048L * 1024 * 1024);
		assertThat(ReaderLimits.forLists().maxFileBytes()).isEqualTo(200L * 1024 * 1024);
	}

}
