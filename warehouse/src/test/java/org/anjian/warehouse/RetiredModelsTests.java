package org.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse written by an earlier version keeps the models this one no longer has until
 * its schema is brought up to date (schema/V013): opening it drops them, and the rows
 * they showed are in the models that replaced them.
 */
class RetiredModelsTests {

	@TempDir
	Path dir;

	@Test
	void anOlderWarehousesMonthLinesViewIsDroppedAndItsRowsAreInTheLinesView() throws SQLException {
		// given a warehouse as the earlier version left it: a 本月数 row landed and its own
		// staging view over it
		Path file = dir.resolve("warehouse.duckdb");
		try (Warehouse older = Warehouse.open(file); Statement st = older.connection().createStatement()) {
			st.execute(
					"""
							insert into land_submission_month_line (sha256, sheet, row_number, submitter_code, campaign, period,
							    region_code, industry_code, received_at, enterprises_inspected)
							values ('a', 'Sheet1', 5, 'D1', 'X', date '2024-05-01', 'C', 'ALL', timestamp '2024-05-20 09:00:00', 3)""");
			st.execute("create view stg_submissions__month_lines as select * from land_submission_month_line");
		}

		// when this version opens it
		try (Warehouse upgraded = Warehouse.open(file); Statement st = upgraded.connection().createStatement()) {
			upgraded.buildStaging();

			// then the retired view is gone and the row is a month row of the lines view
			try (ResultSet rs = st
				.executeQuery("select count(*) from duckdb_views() where view_name = 'stg_submissions__month_lines'")) {
				rs.next();
				assertThat(rs.getLong(1)).isZero();
			}
			try (ResultSet rs = st.executeQuery(
					"select figures, row_number, enterprises_inspected from stg_submissions__lines order by all")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("month");
				assertThat(rs.getInt(2)).isEqualTo(5);
				assertThat(rs.getLong(3)).isEqualTo(3);
				assertThat(rs.next()).isFalse();
			}
		}
	}

}
