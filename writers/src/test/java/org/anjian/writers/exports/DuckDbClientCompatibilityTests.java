package org.anjian.writers.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.anjian.writers.analyst.AnalystSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients anjian does not ship read what it writes: an older DuckDB release (the JDBC jar
 * of {@code duckdb.client-compat.version} in writers/pom.xml, copied to
 * {@code target/old-duckdb/} by maven-dependency-plugin and loaded in a class loader of
 * its own, so its native library and classes never meet the shipped 2.x driver's) opens
 * the analysts' snapshot read-only and queries tables and views, and reads the Parquet
 * exports through its Hive reader, where {@code period} comes back as a DATE a DATE
 * filter selects.
 */
class DuckDbClientCompatibilityTests {

	static final Path OLD_JAR = Path.of("target/old-duckdb/duckdb_jdbc-old.jar");

	static URLClassLoader loader;

	static Driver oldDriver;

	@TempDir
	Path home;

	@BeforeAll
	static void loadOldDriver() throws Exception {
		assertThat(OLD_JAR).as("run through Maven: generate-test-resources copies the older DuckDB jar").exists();
		loader = new URLClassLoader(new URL[] { OLD_JAR.toUri().toURL() }, ClassLoader.getPlatformClassLoader());
		oldDriver = (Driver) Class.forName("org.duckdb.DuckDBDriver", true, loader)
			.getDeclaredConstructor()
			.newInstance();
	}

	@AfterAll
	static void close() throws Exception {
		loader.close();
	}

	static Connection old(Path file, boolean readOnly) throws SQLException {
		Properties p = new Properties();
		if (readOnly) {
			p.setProperty("duckdb.read_only", "true");
		}
		return oldDriver.connect("jdbc:duckdb:" + (file == null ? "" : file.toString()), p);
	}

	@Test
	void theOlderClientIsReallyOlder() throws Exception {
		try (Connection c = old(null, false)) {
			assertThat(strings(c, "select version()")).singleElement().asString().startsWith("v1.");
		}
	}

	@Test
	void anOlderDuckDbOpensTheSnapshotAndQueriesItsTablesAndViews() throws Exception {
		try (Connection warehouse = WarehouseExporterTests.county()) {
			// when published, then published again from the first (the rows changed)
			AnalystSnapshot.publish(warehouse, home, null);
			try (Statement st = warehouse.createStatement()) {
				st.execute("update rollup_month_end set fines_wan_cum = fines_wan_cum + 1");
			}
			AnalystSnapshot.Published republished = AnalystSnapshot.publishing(warehouse, home, null);
			assertThat(republished.incremental()).isTrue();
			Path snapshot = republished.file();
			// then
			try (Connection c = old(snapshot, true)) {
				assertThat(strings(c, "select count(*) from rollup_month_end"))
					.containsExactly(strings(warehouse, "select count(*) from rollup_month_end").get(0));
				assertThat(strings(c, "select sum(fines_wan_cum) from rollup_month_end"))
					.containsExactly(strings(warehouse, "select sum(fines_wan_cum) from rollup_month_end").get(0));
				for (String view : AnalystSnapshot.views()) {
					String name = view.substring(0, view.length() - ".sql".length());
					assertThat(strings(c, "select count(*) from " + name)).as(name).hasSize(1);
				}
				assertThat(strings(c, "select count(*) from v_by_industry")).isNotEqualTo(List.of("0"));
			}
		}
	}

	@Test
	void anOlderDuckDbOpensASnapshotThatIsAByteCopyOfTheWarehouseFile() throws Exception {
		Path file = home.resolve("warehouse.duckdb");
		// given a warehouse file created by anjian, closed, and written again by a later
		// run (the shipped driver opening a file of the older format)
		try (Connection warehouse = WarehouseFixture.openFile(file, null)) {
			WarehouseFixture.referenceData(warehouse);
			WarehouseFixture.starSchema(warehouse);
		}
		try (Connection warehouse = WarehouseFixture.openFile(file, null)) {
			WarehouseFixture.rollups(warehouse);
			try (Statement st = warehouse.createStatement()) {
				st.execute("create table raw_big_ledger as select range as id, '隐患' || (range * 7919)"
						+ " || '：消防通道堆放杂物' as description, (range / 3.0)::decimal(12, 2) as fine from range(50000)");
			}
			// when published whole: a byte copy of that file
			AnalystSnapshot.Published published = AnalystSnapshot.publishing(warehouse, home, null);
			assertThat(published.warehouseFileCopied()).isTrue();
			// then the older client opens it and reads the warehouse's rows and views
			try (Connection c = old(published.file(), true)) {
				for (String sql : List.of("select count(*) from rollup_month_end",
						"select sum(fines_wan_cum) from rollup_month_end",
						"select count(distinct description) || ' ' || sum(fine) from raw_big_ledger")) {
					assertThat(strings(c, sql)).as(sql).containsExactly(strings(warehouse, sql).get(0));
				}
				for (String view : AnalystSnapshot.views()) {
					String name = view.substring(0, view.length() - ".sql".length());
					assertThat(strings(c, "select count(*) from " + name)).as(name).hasSize(1);
				}
				assertThat(strings(c, "select count(*) from v_by_industry")).isNotEqualTo(List.of("0"));
			}
		}
	}

	@Test
	void theDriversOwnNewestFormatIsWhatOlderClientsRefuse() throws Exception {
		try (Connection warehouse = WarehouseExporterTests.county()) {
			// when the setting asks for the shipped driver's own format
			Path snapshot = AnalystSnapshot.publish(warehouse, home, "latest");
			// then the older client cannot open it: the default is what makes it
			// readable
			assertThatThrownBy(() -> old(snapshot, true).close()).isInstanceOf(SQLException.class)
				.hasMessageContaining("version");
		}
	}

	@Test
	void anOlderDuckDbReadsTheExportsWithTheHiveReaderAndADateFilterOnPeriod() throws Exception {
		try (Connection warehouse = WarehouseExporterTests.county()) {
			// given an empty fact table beside the filled ones
			try (Statement st = warehouse.createStatement()) {
				st.execute("create table fact_empty (period date, region_code varchar, hazards_total bigint)");
			}
			Path exports = home.resolve("exports");
			new WarehouseExporter(warehouse).exportAll(exports);
			try (Connection c = old(null, false)) {
				// then period is a DATE, from the folder, and a DATE filter selects the
				// month's rows
				for (String table : List.of("fact_submission_line", "rollup_cutoff", "rollup_month_end")) {
					String scan = "read_parquet('" + exports.resolve(table)
							+ "/*/*.parquet', hive_partitioning = true)";
					assertThat(strings(c, "select distinct typeof(period) from " + scan)).as(table)
						.containsExactly("DATE");
					assertThat(strings(c, "select count(*) from " + scan + " where period = DATE '2024-05-01'"))
						.as(table)
						.containsExactly(strings(warehouse,
								"select count(*) from " + table + " where period = DATE '2024-05-01'")
							.get(0));
					assertThat(strings(c,
							"select count(*) from " + scan
									+ " where period >= DATE '2024-05-01' and period < DATE '2024-06-01'"))
						.as(table)
						.containsExactly(strings(warehouse,
								"select count(*) from " + table + " where period = DATE '2024-05-01'")
							.get(0));
					// the whole table, every month
					assertThat(strings(c, "select count(*) from " + scan)).as(table)
						.containsExactly(strings(warehouse, "select count(*) from " + table).get(0));
				}
				// one period column, from the folder: the files do not repeat it
				assertThat(strings(c,
						"select count(*) from (describe select * from read_parquet('"
								+ exports.resolve("fact_submission_line") + "/*/*.parquet', hive_partitioning = true)) "
								+ "where column_name like 'period%'"))
					.containsExactly("1");
				// an empty fact table is a file with its columns, period a DATE
				assertThat(strings(c,
						"select column_name || ' ' || column_type from (describe select * from " + "read_parquet('"
								+ exports.resolve("fact_empty") + "/**/*.parquet', hive_partitioning = true))"))
					.containsExactly("period DATE", "region_code VARCHAR", "hazards_total BIGINT");
			}
			assertThat(Files.list(exports.resolve("fact_empty")).map(p -> p.getFileName().toString()))
				.containsExactly("data.parquet");
		}
	}

	static List<String> strings(Connection c, String sql) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return out;
	}

}
