package org.anjian.writers.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.anjian.writers.exports.WarehouseFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalystSnapshotTests {

	@TempDir
	Path home;

	@Test
	void anAnalystsReadOnlyConnectionKeepsQueryingWhileSnapshotsArePublished() throws Exception {
		try (Connection warehouse = county()) {
			// given a published snapshot and an analyst connected to it read-only
			Path snapshot = AnalystSnapshot.publish(warehouse, home);
			assertThat(snapshot).isEqualTo(home.toAbsolutePath().resolve("analyst/anjian.duckdb"));
			try (Connection analyst = readOnly(snapshot)) {
				long before = count(analyst, "select count(*) from rollup_cutoff");
				// when the warehouse changes and the snapshot is published twice while
				// the analyst is connected
				try (Statement st = warehouse.createStatement()) {
					st.execute("delete from rollup_cutoff where period = date '2024-04-01'");
				}
				AnalystSnapshot.publish(warehouse, home);
				long during = count(analyst, "select count(*) from rollup_cutoff");
				AnalystSnapshot.publish(warehouse, home);
				// then the analyst's connection keeps its consistent old copy and still
				// answers
				assertThat(during).isEqualTo(before);
				assertThat(count(analyst, "select count(*) from rollup_cutoff")).isEqualTo(before);
				// and cannot write through it
				assertThatThrownBy(() -> {
					try (Statement st = analyst.createStatement()) {
						st.execute("delete from rollup_cutoff");
					}
				}).isInstanceOf(SQLException.class);
			}
			// a new analyst connection sees the new snapshot
			try (Connection analyst = readOnly(snapshot)) {
				assertThat(count(analyst, "select count(*) from rollup_cutoff where period = date '2024-04-01'"))
					.isZero();
				assertThat(count(analyst, "select count(*) from rollup_cutoff")).isEqualTo(10);
			}
			// and nothing but the snapshot and its dictionary is left in the folder
			try (Stream<Path> files = Files.list(snapshot.getParent())) {
				assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("anjian.duckdb",
						"data_dictionary.md", "data_dictionary.csv", ".anjian.duckdb.state");
			}
		}
	}

	@Test
	void thePublishedSnapshotFileCarriesNoWritePermission() throws Exception {
		try (Connection warehouse = county()) {
			Path snapshot = AnalystSnapshot.publish(warehouse, home);
			// published twice: the rename onto a read-only file must still work
			snapshot = AnalystSnapshot.publish(warehouse, home);

			assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot)))
				.isEqualTo("r--r--r--");
			try (Connection analyst = readOnly(snapshot); Statement st = analyst.createStatement()) {
				assertThatThrownBy(() -> st.execute("create table notes (x integer)")).isInstanceOf(SQLException.class);
				assertThatThrownBy(() -> st.execute("insert into rollup_cutoff select * from rollup_cutoff"))
					.isInstanceOf(SQLException.class);
			}
		}
	}

	@Test
	void theDocumentedViewsAnswerFromTheSnapshotAlone() throws Exception {
		try (Connection warehouse = county()) {
			// given
			Path snapshot = AnalystSnapshot.publish(warehouse, home);
			// when the analyst opens the snapshot on its own
			try (Connection analyst = readOnly(snapshot)) {
				// then every view is there
				for (String view : AnalystSnapshot.views()) {
					assertThat(count(analyst, "select count(*) from " + AnalystSnapshot.viewName(view))).as(view)
						.isPositive();
				}
				// by township: the township's 合计 row with its name
				assertThat(strings(analyst,
						"select region_name || ' ' || period || ' ' || hazards_total_cum "
								+ "from v_by_township order by period"))
					.containsExactly("桃源镇 2024-04-01 116816", "桃源镇 2024-05-01 120816");
				// by industry: names from the reference data, 合计 last
				assertThat(strings(analyst, "select industry_name from v_by_industry where period = date '2024-05-01'"))
					.containsExactly("交通运输", "市场监管", "应急管理", "住建", "合计");
				// month trends: one county row per month, with the change against the
				// month before
				assertThat(
						strings(analyst, "select period || ' ' || coalesce(cast(hazards_total_change as varchar), '-') "
								+ "from v_month_trends"))
					.containsExactly("2024-04-01 -", "2024-05-01 4000");
				// ranking: one rank per township and month
				assertThat(
						strings(analyst, "select rectification_rank || ' ' || region_name from v_rectification_ranking "
								+ "where period = date '2024-05-01'"))
					.containsExactly("1 桃源镇");
				// who is late: the roster's late and missing submitters with whom to call
				assertThat(strings(analyst,
						"select kind || ' ' || submitter_name || ' ' || status || ' ' || liaison "
								+ "from v_late_submitters where period = date '2024-05-01'"))
					.containsExactly("cutoff 新场镇 missing 曾德明", "month-end 新场镇 late 曾德明");
				// a missing submitter has no received time of its own (not that of the
				// table carried forward from April); its rejected table's rules are named
				assertThat(strings(analyst,
						"select kind || ' ' || coalesce(strftime(received_at, '%m-%d %H:%M'), '-') || ' '"
								+ " || coalesce(rejected_rules, '-') from v_late_submitters"
								+ " where period = date '2024-05-01'"))
					.containsExactly("cutoff - NEGATIVE", "month-end 05-25 16:00 -");
			}
		}
	}

	@Test
	void aRepublishCopiesOnlyTheLargeTablesWhoseRowsChanged() throws Exception {
		try (Connection warehouse = county()) {
			// given two large tables beside the county's, and a published snapshot
			try (Statement st = warehouse.createStatement()) {
				st.execute("create table raw_big_ledger as select range as id, '隐患 ' || range as description"
						+ " from range(30000)");
				st.execute("create table fact_big as select range as id, range % 7 as figure from range(20000)");
			}
			Path snapshot = AnalystSnapshot.publish(warehouse, home);
			try (Connection analyst = readOnly(snapshot)) {
				long before = count(analyst, "select sum(figure) from fact_big");
				// when one large table and one small one change
				try (Statement st = warehouse.createStatement()) {
					st.execute("update fact_big set figure = figure + 1 where id < 10");
					st.execute("delete from rollup_cutoff where period = date '2024-04-01'");
				}
				AnalystSnapshot.Published second = AnalystSnapshot.publishing(warehouse, home, null);
				// then the new snapshot is made from the old one: the changed tables
				// and the small ones copied again, the unchanged large one not
				assertThat(second.incremental()).isTrue();
				assertThat(second.copied()).contains(table("fact_big"), table("rollup_cutoff"))
					.doesNotContain(table("raw_big_ledger"));
				// and the analyst who has the old one open still reads the old rows
				assertThat(count(analyst, "select sum(figure) from fact_big")).isEqualTo(before);
			}
			// and the new snapshot holds exactly the warehouse's rows, views working
			assertThat(differences(warehouse, snapshot)).isEmpty();
			try (Connection analyst = readOnly(snapshot)) {
				assertThat(count(analyst, "select count(*) from rollup_cutoff where period = date '2024-04-01'"))
					.isZero();
				assertThat(count(analyst, "select count(*) from v_by_township")).isPositive();
			}
			// when nothing changed, no large table is copied
			AnalystSnapshot.Published third = AnalystSnapshot.publishing(warehouse, home, null);
			assertThat(third.incremental()).isTrue();
			assertThat(third.copied()).doesNotContain(table("fact_big"), table("raw_big_ledger"));
			assertThat(differences(warehouse, snapshot)).isEmpty();
			// when the catalogue changes, or the snapshot in place is not the one the
			// state describes, the whole warehouse is copied
			try (Statement st = warehouse.createStatement()) {
				st.execute("alter table fact_big add column note varchar");
			}
			AnalystSnapshot.Published fourth = AnalystSnapshot.publishing(warehouse, home, null);
			assertThat(fourth.incremental()).isFalse();
			assertThat(fourth.copied()).contains(table("fact_big"), table("raw_big_ledger"));
			assertThat(differences(warehouse, snapshot)).isEmpty();
			Path restored = home.resolve("restored.duckdb");
			Files.copy(snapshot, restored);
			Files.move(restored, snapshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			// a byte-for-byte copy (a restore) is still the snapshot the state describes
			assertThat(AnalystSnapshot.publishing(warehouse, home, null).incremental()).isTrue();
			Path other = home.resolve("other");
			Files.createDirectories(other);
			try (Statement st = warehouse.createStatement()) {
				st.execute("update fact_big set figure = 0 where id = 1");
			}
			AnalystSnapshot.publish(warehouse, other);
			Files.move(other.resolve("analyst/anjian.duckdb"), snapshot,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			assertThat(AnalystSnapshot.publishing(warehouse, home, null).incremental()).isFalse();
			assertThat(AnalystSnapshot.publishing(warehouse, home, null).incremental()).isTrue();
			assertThat(differences(warehouse, snapshot)).isEmpty();
			// a comment would be lost by a table created again from its DDL: whole copies
			try (Statement st = warehouse.createStatement()) {
				st.execute("comment on table raw_big_ledger is '隐患台账原始行'");
			}
			assertThat(AnalystSnapshot.publishing(warehouse, home, null).incremental()).isFalse();
			assertThat(AnalystSnapshot.publishing(warehouse, home, null).incremental()).isFalse();
			try (Connection analyst = readOnly(snapshot)) {
				assertThat(strings(analyst, "select comment from duckdb_tables() where table_name = 'raw_big_ledger'"))
					.containsExactly("隐患台账原始行");
			}
		}
	}

	@Test
	void longUniqueTextsCopiedTableByTableAreStoredPlainAndTheWarehouseKeepsItsOwnCompression() throws Exception {
		// (a byte copy of the warehouse file keeps the warehouse's blocks as they are:
		// aWholePublishOfAWarehouseFileInTheSnapshotsStorageFormatIsAByteCopyOfIt; a
		// warehouse in that format stores such texts plain too,
		// WarehouseStorageVersionTests)
		try (Connection warehouse = county()) {
			// given a ledger of long texts, each one different (a hazard's description)
			try (Statement st = warehouse.createStatement()) {
				st.execute(BIG_LEDGER);
			}
			String setting = "select current_setting('disabled_compression_methods')";
			List<String> before = strings(warehouse, setting);
			// when it is published whole, then again after a change
			Path snapshot = AnalystSnapshot.publish(warehouse, home);
			assertThat(strings(warehouse, setting)).isEqualTo(before);
			try (Statement st = warehouse.createStatement()) {
				st.execute("update raw_big_ledger set description = description || '（复查）' where id % 10 = 0");
			}
			assertThat(AnalystSnapshot.publishing(warehouse, home, null).incremental()).isTrue();
			// then the warehouse's own setting is as it was (what it writes later keeps
			// DuckDB's full compression), the snapshot holds exactly its rows, and the
			// texts are stored without FSST, whose encoding was a third of a whole copy
			assertThat(strings(warehouse, setting)).isEqualTo(before);
			assertThat(differences(warehouse, snapshot)).isEmpty();
			try (Connection analyst = readOnly(snapshot)) {
				assertThat(strings(analyst,
						"select distinct compression from pragma_storage_info('raw_big_ledger')"
								+ " where column_name = 'description' and segment_type = 'VARCHAR'"))
					.isNotEmpty()
					.doesNotContain("FSST");
			}
		}
	}

	@Test
	void aWholePublishOfAWarehouseFileInTheSnapshotsStorageFormatIsAByteCopyOfIt() throws Exception {
		// given a warehouse file created as anjian creates one (in the snapshot's storage
		// version), holding a ledger of long unique texts that DuckDB compresses with
		// FSST
		try (Connection warehouse = countyFile(home.resolve("warehouse.duckdb"), null)) {
			try (Statement st = warehouse.createStatement()) {
				st.execute(BIG_LEDGER);
			}
			// when published whole
			AnalystSnapshot.Published first = AnalystSnapshot.publishing(warehouse, home, null);
			// then the snapshot is a copy of the warehouse file, not one made table by
			// table: every table is there with exactly the warehouse's rows, in the very
			// blocks the warehouse keeps them in, and the analysts' views answer
			assertThat(first.warehouseFileCopied()).isTrue();
			assertThat(first.incremental()).isFalse();
			assertThat(first.copied()).contains(table("raw_big_ledger"), table("rollup_month_end"));
			assertThat(differences(warehouse, first.file())).isEmpty();
			String storage = "select column_name, segment_id, block_id, block_offset, compression"
					+ " from pragma_storage_info('raw_big_ledger') order by all";
			try (Connection analyst = readOnly(first.file())) {
				assertThat(rows(analyst, storage)).isNotEmpty().isEqualTo(rows(warehouse, storage));
				assertThat(count(analyst, "select count(*) from v_by_township")).isPositive();
				assertThat(strings(analyst, "select tags['storage_version'] from duckdb_databases()"
						+ " where database_name = current_database()"))
					.containsExactly("v1.0.0+");
			}
			assertThat(Files.list(home.resolve("analyst")).map(f -> f.getFileName().toString()))
				.noneMatch(name -> name.endsWith(".tmp") || name.endsWith(".probe") || name.endsWith(".wal"));
			// when rows change, the next publish is a copy of the file again (cheaper
			// than
			// refreshing the previous snapshot) and holds the changed rows
			try (Statement st = warehouse.createStatement()) {
				st.execute("update raw_big_ledger set description = description || '（复查）' where id % 10 = 0");
			}
			AnalystSnapshot.Published second = AnalystSnapshot.publishing(warehouse, home, null);
			assertThat(second.warehouseFileCopied()).isTrue();
			assertThat(second.incremental()).isFalse();
			assertThat(differences(warehouse, second.file())).isEmpty();
			// when most of the warehouse file is free blocks (a large table dropped, one
			// written after it keeping the file from being cut short), table by table
			try (Statement st = warehouse.createStatement()) {
				st.execute("create table raw_dropped as select range as id, md5(range::varchar) as digest"
						+ " from range(1000000)");
				st.execute("checkpoint");
				st.execute("create table fact_after_the_ledger as select range as id from range(1000)");
				st.execute("checkpoint");
				st.execute("drop table raw_dropped");
				st.execute("checkpoint");
			}
			assertThat(count(warehouse, "select (free_blocks * 2 > total_blocks)::int from pragma_database_size()"
					+ " where database_name = current_database()"))
				.isOne();
			AnalystSnapshot.Published third = AnalystSnapshot.publishing(warehouse, home, null);
			assertThat(third.warehouseFileCopied()).isFalse();
			assertThat(differences(warehouse, third.file())).isEmpty();
		}
	}

	@Test
	void aWarehouseInAnotherStorageFormatIsStillCopiedTableByTableIntoTheSnapshotsFormat() throws Exception {
		// given a warehouse file in the shipped driver's own format (a home created
		// before warehouses were created in the snapshot's)
		try (Connection warehouse = countyFile(home.resolve("warehouse.duckdb"), "latest")) {
			// when published whole in the default storage version
			AnalystSnapshot.Published published = AnalystSnapshot.publishing(warehouse, home, null);
			// then it was copied table by table into a file of that version
			assertThat(published.warehouseFileCopied()).isFalse();
			assertThat(differences(warehouse, published.file())).isEmpty();
			String format = "select tags['storage_version'] from duckdb_databases()"
					+ " where database_name = current_database()";
			try (Connection analyst = readOnly(published.file())) {
				assertThat(strings(analyst, format)).containsExactly("v1.0.0+")
					.isNotEqualTo(strings(warehouse, format));
			}
		}
	}

	@Test
	void aWriteNotYetCommittedKeepsTheWarehouseFileFromBeingCopiedAndIsNotInTheSnapshot() throws Exception {
		try (Connection warehouse = countyFile(home.resolve("warehouse.duckdb"), null);
				Connection writer = warehouse.unwrap(org.duckdb.DuckDBConnection.class).duplicate()) {
			// given another connection of the same process inside a transaction that has
			// deleted rows and added a large table, and not committed
			long committed = count(warehouse, "select count(*) from rollup_cutoff");
			try (Statement st = writer.createStatement()) {
				st.execute("begin transaction");
				st.execute("delete from rollup_cutoff");
				st.execute(BIG_LEDGER);
			}
			// when published whole
			AnalystSnapshot.Published published = AnalystSnapshot.publishing(warehouse, home, null);
			// then DuckDB refuses the checkpoint, so the file is not copied, and the
			// snapshot holds what was committed, and only that
			assertThat(published.warehouseFileCopied()).isFalse();
			try (Connection analyst = readOnly(published.file())) {
				assertThat(count(analyst, "select count(*) from rollup_cutoff")).isEqualTo(committed).isPositive();
				assertThat(count(analyst, "select count(*) from duckdb_tables() where table_name = 'raw_big_ledger'"))
					.isZero();
			}
			try (Statement st = writer.createStatement()) {
				st.execute("rollback");
			}
		}
	}

	/** A ledger of long texts, each one different (a hazard's description). */
	private static final String BIG_LEDGER = "create table raw_big_ledger as select range as id, '企业' || range"
			+ " || '：配电箱未接地，消防通道堆放杂物，应急照明损坏，限期整改并复查' || (range * 7919) as description" + " from range(60000)";

	private static String table(String name) {
		return "\"main\".\"" + name + "\"";
	}

	/**
	 * The tables whose rows differ between the warehouse and the snapshot (either way),
	 * or that the snapshot lacks.
	 */
	private static List<String> differences(Connection warehouse, Path snapshot) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Statement st = warehouse.createStatement()) {
			st.execute("attach '" + snapshot + "' as published (read_only)");
			try {
				for (String table : strings(warehouse, "select table_name from duckdb_tables()"
						+ " where database_name = current_database() order by all")) {
					if (count(warehouse, "select count(*) from duckdb_tables() where database_name = 'published'"
							+ " and table_name = '" + table + "'") == 0) {
						out.add(table + " missing");
						continue;
					}
					String ours = "select * from \"" + table + "\"";
					String theirs = "select * from published.\"" + table + "\"";
					if (count(warehouse, "select count(*) from (" + ours + " except all " + theirs + ")") > 0
							|| count(warehouse, "select count(*) from (" + theirs + " except all " + ours + ")") > 0) {
						out.add(table);
					}
				}
			}
			finally {
				st.execute("detach published");
			}
		}
		return out;
	}

	static Connection county() throws SQLException {
		return county(WarehouseFixture.open());
	}

	/**
	 * The county's warehouse in a new file opened as anjian opens it, created in
	 * {@code storageVersion} (null: the default).
	 */
	static Connection countyFile(Path file, String storageVersion) throws SQLException {
		return county(WarehouseFixture.openFile(file, storageVersion));
	}

	private static Connection county(Connection c) throws SQLException {
		WarehouseFixture.referenceData(c);
		WarehouseFixture.starSchema(c);
		WarehouseFixture.rollups(c);
		return c;
	}

	static Connection readOnly(Path file) throws SQLException {
		Properties p = new Properties();
		p.setProperty("duckdb.read_only", "true");
		return DriverManager.getConnection("jdbc:duckdb:" + file, p);
	}

	static long count(Connection c, String sql) throws SQLException {
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Every row of {@code sql}, its columns joined by tabs. */
	static List<String> rows(Connection c, String sql) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append(i > 1 ? "\t" : "").append(rs.getString(i));
				}
				out.add(row.toString());
			}
		}
		return out;
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
