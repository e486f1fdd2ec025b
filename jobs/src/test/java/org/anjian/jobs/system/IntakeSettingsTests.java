package org.anjian.jobs.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.anjian.readers.limits.ReaderLimits;
import org.junit.jupiter.api.Test;

/**
 * Settings by name: command-line options map onto them; defaults when unset; bad values
 * named.
 */
class IntakeSettingsTests {

	@Test
	void optionsNameTheirSettingsAndOtherOptionsNone() {
		assertThat(IntakeSettings.settingOf("max-file-mb")).isEqualTo("ANJIAN_MAX_FILE_MB");
		assertThat(IntakeSettings.settingOf("read-timeout-seconds")).isEqualTo("ANJIAN_READ_TIMEOUT_SECONDS");
		assertThat(IntakeSettings.settingOf("settle-seconds")).isEqualTo("ANJIAN_SETTLE_SECONDS");
		assertThat(IntakeSettings.settingOf("inbox")).isNull();
		assertThat(IntakeSettings.settingOf("batch-url")).isNull();
	}

	@Test
	void unsetMeansTheDefaultsAndSetValuesWin() {
		IntakeSettings defaults = IntakeSettings.from(name -> null);
		IntakeSettings set = IntakeSettings.from(Map.of("ANJIAN_SETTLE_SECONDS", "0", "ANJIAN_MAX_CELLS", "500")::get);

		assertThat(defaults.settle()).isZero();
		assertThat(defaults.readerLimits().maxFileBytes()).isEqualTo(20L * 1024 * 1024);
		assertThat(set.settle()).isZero();
		assertThat(set.readerLimits().maxCells()).isEqualTo(500);
	}

	@Test
	void listsHaveTheirOwnSizeSettingsAndShareWhatMakesAFileHostile() {
		IntakeSettings defaults = IntakeSettings.from(name -> null);
		IntakeSettings set = IntakeSettings.from(Map.of("ANJIAN_LIST_MAX_FILE_MB", "500", "ANJIAN_LIST_MAX_UNPACKED_MB",
				"4096", "ANJIAN_MAX_INFLATE_RATIO", "50")::get);

		assertThat(defaults.listLimits()).isEqualTo(ReaderLimits.forLists());
		assertThat(defaults.listLimits().maxFileBytes()).isEqualTo(200L * 1024 * 1024);
		assertThat(set.listLimits().maxFileBytes()).isEqualTo(500L * 1024 * 1024);
		assertThat(set.listLimits().maxUnpackedBytes()).isEqualTo(4096L * 1024 * 1024);
		assertThat(set.listLimits().maxInflateRatio()).isEqualTo(50);
		assertThat(set.readerLimits().maxFileBytes()).as("the summary forms' own limit").isEqualTo(20L * 1024 * 1024);
		assertThat(IntakeSettings.settingOf("list-max-file-mb")).isEqualTo("ANJIAN_LIST_MAX_FILE_MB");
	}

	@Test
	void aBadValueIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> IntakeSettings.from(Map.of("ANJIAN_SETTLE_SECONDS", "soon")::get))
			.hasMessageContaining("ANJIAN_SETTLE_SECONDS");
		assertThatThrownBy(() -> IntakeSettings.from(Map.of("ANJIAN_READ_TIMEOUT_SECONDS", "0")::get))
			.hasMessageContaining("ANJIAN_READ_TIMEOUT_SECONDS");
	}

}
