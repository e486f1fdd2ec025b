package org.anjian.warehouse;

import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full disk must be named: after DuckDB fails a write it may end the transaction
 * itself, and the rollback that follows fails with “cannot rollback - no transaction is
 * active”, which used to replace the cause.
 */
class WarehouseDiskFullTests {

	@Test
	void aFullDiskIsNamedEvenWhenTheRollbackFailsToo() {
		try (Warehouse warehouse = Warehouse.inMemory()) {
			assertThatThrownBy(() -> warehouse.inTransaction(() -> {
				try (Statement st = warehouse.connection().createStatement()) {
					st.execute("create table t (x int)");
					// the transaction ends under the work's feet, as after DuckDB's
					// failed
					// write
					st.execute("commit");
				}
				throw new SQLException(
						"IO Error: Could not write file \"warehouse.duckdb.wal\": No space left on device");
			})).isInstanceOf(WarehouseException.class)
				.hasMessageContaining("磁盘空间不足")
				.hasMessageContaining("No space left on device");
		}
	}

}
