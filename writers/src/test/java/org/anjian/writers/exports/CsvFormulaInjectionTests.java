package org.anjian.writers.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSV exports neutralise each character a spreadsheet starts a formula with: = + - @
 * tab CR.
 */
class CsvFormulaInjectionTests {

	@TempDir
	Path home;

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1" })
	void aLeadingFormulaCharacterIsQuotedAway(String text) throws Exception {
		try (Connection c = WarehouseExporterTests.county()) {
			try (PreparedStatement ps = c
				.prepareStatement("update rollup_roster set submitter_name = ? where submitter_code = 'HM02'")) {
				ps.setString(1, text);
				ps.executeUpdate();
			}

			new WarehouseExporter(c).exportAll(home.resolve("exports"));

			String csv = Files.readString(home.resolve("exports/csv/rollup_roster.csv"), StandardCharsets.UTF_8);
			assertThat(csv).contains("'" + text);
			// no field anywhere starts with the raw text
			assertThat(csv).doesNotContain("," + text).doesNotContain("\n" + text).doesNotContain(",\"" + text);
		}
	}

}
