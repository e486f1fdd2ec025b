package org.anjian.warehouse;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse's second connection, as the feedback step uses it beside the model build:
 * the two run their own transactions on one file at once, each committing its own, and
 * closing the second leaves the first open.
 */
class WarehouseSessionTests {

	@TempDir
	Path dir;

	@Test
	void aSessionIsASecondConnectionWithItsOwnTransactions() throws SQLException {
		try (Warehouse warehouse = Warehouse.open(dir.resolve("warehouse.duckdb"));
				Statement main = warehouse.connection().createStatement()) {
			main.execute("create table findings_written (sha256 varchar)");
			main.execute("begin transaction");
			main.execute("create table mart as select 1 as x");
			try (Warehouse session = warehouse.session()) {
				assertThat(number(session, "select count(*) from duckdb_tables() where table_name = 'mart'"))
					.as("the other transaction's table, not committed yet")
					.isZero();
				session.inTransaction(() -> {
					try (Statement st = session.connection().createStatement()) {
						st.execute("insert into findings_written values ('a')");
					}
				});
			}
			main.execute("commit");
			assertThat(number(warehouse, "select count(*) from findings_written")).isEqualTo(1);
			assertThat(number(warehouse, "select count(*) from mart")).isEqualTo(1);
		}
		try (Warehouse reopened = Warehouse.open(dir.resolve("warehouse.duckdb"))) {
			assertThat(number(reopened, "select count(*) from findings_written")).as("both kept").isEqualTo(1);
			assertThat(number(reopened, "select count(*) from mart")).isEqualTo(1);
		}
	}

	private static long number(Warehouse warehouse, String sql) throws SQLException {
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
