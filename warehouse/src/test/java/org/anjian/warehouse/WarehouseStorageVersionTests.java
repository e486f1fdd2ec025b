package org.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new warehouse file is created in the analysts' snapshot's storage version, so that
 * publishing the snapshot can copy the file as it is; an existing file keeps the version
 * it was created in.
 */
class WarehouseStorageVersionTests {

	@TempDir
	Path dir;

	@Test
	void aNewWarehouseIsCreatedInTheSnapshotsStorageVersionUnlessTheSettingSaysOtherwise() throws Exception {
		// when created with no setting, and with the driver's own newest format
		try (Warehouse standard = Warehouse.open(dir.resolve("standard.duckdb"), null);
				Warehouse latest = Warehouse.open(dir.resolve("latest.duckdb"), "latest")) {
			// then the first is in DuckDB 1.0.0's format, which DuckDB 1.x reads, the
			// second in the driver's own
			assertThat(Warehouse.DEFAULT_STORAGE_VERSION).isEqualTo("v1.0.0");
			assertThat(storageVersion(standard)).isEqualTo("v1.0.0+");
			assertThat(storageVersion(latest)).startsWith("v2.");
		}
	}

	@Test
	void longUniqueTextsAreStoredPlainInTheOlderFormatAndWithFsstInTheDriversOwn() throws Exception {
		// given a ledger of long texts, each one different (a hazard's description),
		// in a warehouse of each format
		for (String version : new String[] { null, "latest" }) {
			try (Warehouse warehouse = Warehouse.open(dir.resolve(version + ".duckdb"), version);
					Statement st = warehouse.connection().createStatement()) {
				st.execute("create table raw_big_ledger as select range as id, '企业' || range"
						+ " || '：配电箱未接地，消防通道堆放杂物，应急照明损坏，限期整改并复查' || (range * 7919) as description"
						+ " from range(60000)");
				st.execute("checkpoint");
				// then FSST, whose encoding made writing in the older format dearer, is
				// used only in the driver's own
				java.util.List<String> compression = new java.util.ArrayList<>();
				try (ResultSet rs = st.executeQuery("select distinct compression from pragma_storage_info("
						+ "'raw_big_ledger') where column_name = 'description' and segment_type = 'VARCHAR'")) {
					while (rs.next()) {
						compression.add(rs.getString(1));
					}
				}
				if (version == null) {
					assertThat(compression).as("v1.0.0").isNotEmpty().doesNotContain("FSST");
				}
				else {
					assertThat(compression).as("latest").anyMatch(c -> c.contains("FSST"));
				}
			}
		}
	}

	@Test
	void anExistingWarehouseKeepsItsStorageVersionAndItsRows() throws Exception {
		Path file = dir.resolve("warehouse.duckdb");
		// given a warehouse created in the driver's own format, holding a row
		try (Warehouse warehouse = Warehouse.open(file, "latest");
				Statement st = warehouse.connection().createStatement()) {
			st.execute("create table kept (x int)");
			st.execute("insert into kept values (42)");
		}
		// when opened again with the default setting and written
		try (Warehouse warehouse = Warehouse.open(file, null);
				Statement st = warehouse.connection().createStatement()) {
			st.execute("insert into kept values (43)");
		}
		// then it is still in its own format, with both rows
		try (Warehouse warehouse = Warehouse.open(file, null);
				Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("select string_agg(x::varchar, ',' order by x) from kept")) {
			rs.next();
			assertThat(rs.getString(1)).isEqualTo("42,43");
			assertThat(storageVersion(warehouse)).startsWith("v2.");
		}
	}

	@Test
	void aStorageVersionThatIsNotOneIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> Warehouse.open(dir.resolve("w.duckdb"), "1.0"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(Warehouse.STORAGE_VERSION_ENV + "=1.0");
	}

	private static String storageVersion(Warehouse warehouse) throws SQLException {
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("select tags['storage_version'] from duckdb_databases()"
						+ " where database_name = current_database()")) {
			rs.next();
			return rs.getString(1);
		}
	}

}
