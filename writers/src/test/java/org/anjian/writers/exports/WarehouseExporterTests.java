package org.anjian.writers.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseExporterTests {

	@TempDir
	Path home;

	@Test
	void everyDimFactAndRollupRowReadsBackIdenticallyWithAnIndependentReader() throws Exception {
		try (Connection c = county()) {
			// when
			ExportResult result = new WarehouseExporter(c).exportAll(home.resolve("exports"));
			// then every table is there, and parquet-java reads back exactly the
			// warehouse's rows (phones masked)
			assertThat(result.tables()).extracting(ExportResult.TableExport::table)
				.containsExactly("dim_industry", "dim_period", "dim_region", "dim_submitter", "fact_submission_line",
						"rollup_cutoff", "rollup_deliverables", "rollup_month_end", "rollup_roster");
			for (ExportResult.TableExport table : result.tables()) {
				List<String> expected = warehouseRows(c, table.table());
				List<String> actual = parquetRows(home.resolve("exports").resolve(table.table()));
				assertThat(actual).as(table.table())
					.hasSize(expected.size())
					.containsExactlyInAnyOrderElementsOf(expected);
				assertThat(table.rows()).isEqualTo(expected.size());
			}
		}
	}

	@Test
	void periodTablesArePartitionedByTheFirstDayOfTheMonthAndTheFilesDoNotRepeatPeriod() throws Exception {
		try (Connection c = county()) {
			// when
			ExportResult result = new WarehouseExporter(c).exportAll(home.resolve("exports"));
			// then
			Path fact = home.resolve("exports/fact_submission_line");
			assertThat(result.table("fact_submission_line").partitions()).containsExactly("period=2024-04-01",
					"period=2024-05-01");
			try (Stream<Path> files = Files.walk(fact)) {
				assertThat(files.filter(Files::isRegularFile).map(p -> fact.relativize(p).toString()))
					.containsExactlyInAnyOrder("period=2024-04-01/data.parquet", "period=2024-05-01/data.parquet");
			}
			// the folder carries period (a DATE to Hive-aware readers); the file does not
			// repeat it (DuckDbClientCompatibilityTests reads them back with a DATE
			// filter)
			assertThat(ParquetFiles.rows(fact.resolve("period=2024-05-01/data.parquet"))).hasSize(2)
				.allSatisfy(r -> assertThat(r).doesNotContainKey("period"));
			assertThat(home.resolve("exports/rollup_month_end/period=2024-04-01/data.parquet")).isRegularFile();
			assertThat(home.resolve("exports/dim_region/data.parquet")).isRegularFile();
			// dim_period has a DATE period column too: one folder per month, as the
			// contract's rule is by column
			assertThat(result.table("dim_period").partitions()).hasSize(7);
		}
	}

	@Test
	void aMonthLargerThanOnePartitionFlushReadsBackWholeAndTheConnectionKeepsItsSetting() throws Exception {
		try (Connection c = county(); Statement st = c.createStatement()) {
			// given two months of 45,000 rows each, more than one flush of the
			// partitioned COPY, and a flush threshold of the connection's own
			int rows = 3 * WarehouseExporter.PARTITION_FLUSH_ROWS;
			st.execute("create table fact_flushed as select case when i % 2 = 0 then date '2024-04-01'"
					+ " else date '2024-05-01' end as period, i as n, 'row ' || i as label from range(" + rows
					+ ") t(i)");
			st.execute("set " + WarehouseExporter.FLUSH_THRESHOLD_SETTING + " = 1234567");
			// when
			ExportResult result = new WarehouseExporter(c).exportAll(home.resolve("exports"));
			// then each month's file holds exactly that month's rows
			assertThat(result.table("fact_flushed").partitions()).containsExactly("period=2024-04-01",
					"period=2024-05-01");
			for (String month : List.of("2024-04-01", "2024-05-01")) {
				// the file alone, without the folder's period
				String file = WarehouseExporter
					.ident(home.resolve("exports/fact_flushed/period=" + month + "/data.parquet").toString())
					.replace('"', '\'') + ", hive_partitioning = false";
				String warehouse = "select n, label from fact_flushed where period = date '" + month + "'";
				try (ResultSet rs = st.executeQuery("select (select count(*) from read_parquet(" + file + ")),"
						+ " (select count(*) from (" + warehouse + " except all select * from read_parquet(" + file
						+ ")))" + ", (select count(*) from (select * from read_parquet(" + file + ") except all "
						+ warehouse + "))")) {
					rs.next();
					assertThat(rs.getLong(1)).as(month).isEqualTo(rows / 2);
					assertThat(rs.getLong(2)).as(month).isZero();
					assertThat(rs.getLong(3)).as(month).isZero();
				}
			}
			try (ResultSet rs = st
				.executeQuery("select current_setting('" + WarehouseExporter.FLUSH_THRESHOLD_SETTING + "')")) {
				rs.next();
				assertThat(rs.getLong(1)).isEqualTo(1234567);
			}
		}
	}

	@Test
	void anEmptyPeriodTableIsOneFileCarryingAllItsColumns() throws Exception {
		try (Connection c = county()) {
			// given
			try (Statement st = c.createStatement()) {
				st.execute("create table fact_empty (period date, region_code varchar, fines_wan decimal(18,4))");
			}
			// when
			ExportResult result = new WarehouseExporter(c).exportAll(home.resolve("exports"));
			// then
			assertThat(result.table("fact_empty").partitions()).isEmpty();
			assertThat(result.table("fact_empty").rows()).isZero();
			MessageType schema = ParquetFiles.schema(home.resolve("exports/fact_empty/data.parquet"));
			assertThat(schema.getFields()).extracting(f -> f.getName())
				.containsExactly("period", "region_code", "fines_wan");
			assertThat(schema.getType("period").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
		}
	}

	@Test
	void everyDimFactAndRollupTableOfAnEmptyWarehouseIsAParquetFileWithItsColumns() throws Exception {
		// given the warehouse as anjian builds it before any file came in: every table
		// empty
		try (org.anjian.warehouse.Warehouse warehouse = org.anjian.warehouse.Warehouse.inMemory()) {
			warehouse.buildModels();
			Connection c = warehouse.connection();
			Map<String, List<String>> columns = new TreeMap<>();
			try (Statement st = c.createStatement();
					ResultSet rs = st.executeQuery(
							"""
									select table_name, column_name from information_schema.columns
									where table_schema = 'main' and regexp_matches(table_name, '^(dim|fact|rollup)_')
									    and table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE')
									order by table_name, ordinal_position""")) {
				while (rs.next()) {
					columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
				}
			}
			assertThat(columns).containsKeys("dim_region", "fact_submission_line", "fact_hazard", "fact_inspection",
					"rollup_cutoff", "rollup_month_end", "rollup_roster");
			// when
			new WarehouseExporter(c).exportAll(home.resolve("exports"));
			// then each is one data.parquet that DuckDB reads back as an empty table with
			// all its columns
			for (Map.Entry<String, List<String>> table : columns.entrySet()) {
				Path file = home.resolve("exports").resolve(table.getKey()).resolve("data.parquet");
				assertThat(file).as(table.getKey()).isRegularFile();
				try (Statement st = c.createStatement();
						ResultSet rs = st.executeQuery("select * from read_parquet('" + file + "')")) {
					assertThat(rs.next()).as(table.getKey() + " has no rows").isFalse();
					List<String> read = new ArrayList<>();
					for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
						read.add(rs.getMetaData().getColumnName(i));
					}
					assertThat(read).as(table.getKey()).isEqualTo(table.getValue());
				}
			}
		}
	}

	@Test
	void logicalTypesArePreserved() throws Exception {
		try (Connection c = county()) {
			// when
			new WarehouseExporter(c).exportAll(home.resolve("exports"));
			// then
			MessageType fact = ParquetFiles
				.schema(home.resolve("exports/fact_submission_line/period=2024-04-01/data.parquet"));
			assertThat(ParquetFiles.schema(home.resolve("exports/dim_region/data.parquet")).getFields()).isNotEmpty();
			assertThat(fact.getType("fines_wan").getLogicalTypeAnnotation())
				.isEqualTo(LogicalTypeAnnotation.decimalType(4, 18));
			assertThat(fact.getType("note").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
			MessageType cutoff = ParquetFiles
				.schema(home.resolve("exports/rollup_cutoff/period=2024-05-01/data.parquet"));
			assertThat(cutoff.getType("fines_wan").getLogicalTypeAnnotation())
				.isEqualTo(LogicalTypeAnnotation.decimalType(4, 18));
			assertThat(cutoff.getType("as_of").getLogicalTypeAnnotation())
				.isInstanceOf(LogicalTypeAnnotation.TimestampLogicalTypeAnnotation.class);
		}
	}

	@Test
	void csvCopiesOfRollupsHaveABomMaskedPhonesAndNeutralisedFormulas() throws Exception {
		try (Connection c = county()) {
			// given text a spreadsheet would evaluate
			try (Statement st = c.createStatement()) {
				st.execute(
						"update rollup_roster set submitter_name = '=HYPERLINK(\"http://x\")' where submitter_code = 'HM02'");
				st.execute("update rollup_roster set status = '@SUM(A1)' where submitter_code = 'HM04'");
				st.execute("update rollup_roster set submitter_name = '-2+3' where submitter_code = 'HM08'");
			}
			// when
			ExportResult result = new WarehouseExporter(c).exportAll(home.resolve("exports"));
			// then
			assertThat(result.table("rollup_roster").csv()).isEqualTo("csv/rollup_roster.csv");
			assertThat(result.table("dim_region").csv()).isNull();
			byte[] bytes = Files.readAllBytes(home.resolve("exports/csv/rollup_roster.csv"));
			assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
			String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
			assertThat(csv).contains("'=HYPERLINK(", "'@SUM(A1)", "'-2+3", "新场镇", "150****7714")
				.doesNotContain("15082637714", ",=", ",@", ",-2");
			try (Stream<Path> files = Files.list(home.resolve("exports/csv"))) {
				assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("rollup_cutoff.csv",
						"rollup_month_end.csv", "rollup_roster.csv", "rollup_cutoff.zh.csv", "rollup_month_end.zh.csv",
						"rollup_roster.zh.csv", "rollup_deliverables.csv", "rollup_deliverables.zh.csv");
			}
			// the .zh.csv sibling: the same rows, the data dictionary's Chinese labels as
			// the header
			byte[] zh = Files.readAllBytes(home.resolve("exports/csv/rollup_month_end.zh.csv"));
			assertThat(zh).startsWith(0xEF, 0xBB, 0xBF);
			List<String> zhLines = new String(zh, 3, zh.length - 3, StandardCharsets.UTF_8).lines().toList();
			List<String> plainLines = Files.readString(home.resolve("exports/csv/rollup_month_end.csv"))
				.substring(1)
				.lines()
				.toList();
			assertThat(zhLines.get(0)).startsWith("专项行动,月份,行政区划代码,")
				.contains(",发现隐患数量/总计（本月数）,", ",行政处罚/罚款（累计数）,")
				.doesNotContain("hazards_total");
			assertThat(zhLines.get(0).split(",")).hasSameSizeAs(plainLines.get(0).split(",")).doesNotHaveDuplicates();
			assertThat(zhLines.subList(1, zhLines.size())).isEqualTo(plainLines.subList(1, plainLines.size()));
			// Parquet keeps the text as it is: it is typed, nobody evaluates it
			assertThat(parquetRows(home.resolve("exports/rollup_roster"))).anyMatch(r -> r.contains("=HYPERLINK("));
		}
	}

	@Test
	void phonesAreMaskedInEveryExportUnlessDisabled() throws Exception {
		try (Connection c = county()) {
			// when
			new WarehouseExporter(c).exportAll(home.resolve("masked"));
			new WarehouseExporter(c, false).exportAll(home.resolve("clear"));
			// then
			assertThat(ParquetFiles.rows(home.resolve("masked/dim_submitter/data.parquet")))
				.extracting(r -> r.get("phone"))
				.containsExactlyInAnyOrder("150****7714", "187****0092", "136****4152");
			assertThat(ParquetFiles.rows(home.resolve("clear/dim_submitter/data.parquet")))
				.extracting(r -> r.get("phone"))
				.containsExactlyInAnyOrder("15082637714", "18728350092", "13678004152");
			// and liaison names: only the surname leaves the office, unless disabled
			assertThat(ParquetFiles.rows(home.resolve("masked/dim_submitter/data.parquet")))
				.extracting(r -> r.get("liaison"))
				.allSatisfy(name -> assertThat((String) name).matches("\\S\\*+"));
			assertThat(ParquetFiles.rows(home.resolve("clear/dim_submitter/data.parquet")))
				.extracting(r -> r.get("liaison"))
				.noneSatisfy(name -> assertThat((String) name).contains("*"));
		}
	}

	@Test
	void aRerunReplacesTheWholeExportAndLeavesNoTempFolders() throws Exception {
		try (Connection c = county()) {
			// given a first export, and a reader holding one of its files open
			Path exports = home.resolve("exports");
			new WarehouseExporter(c).exportAll(exports);
			Path oldFile = exports.resolve("fact_submission_line/period=2024-04-01/data.parquet");
			try (InputStream reader = Files.newInputStream(oldFile)) {
				// when the data changes and the export runs again
				try (Statement st = c.createStatement()) {
					st.execute("delete from fact_submission_line where period = date '2024-04-01'");
				}
				new WarehouseExporter(c).exportAll(exports);
				// then the old partition is gone, the reader still reads its complete old
				// file
				assertThat(reader.readAllBytes()).startsWith('P', 'A', 'R', '1').endsWith('P', 'A', 'R', '1');
			}
			assertThat(exports.resolve("fact_submission_line/period=2024-04-01")).doesNotExist();
			assertThat(exports.resolve("fact_submission_line/period=2024-05-01/data.parquet")).isRegularFile();
			try (Stream<Path> siblings = Files.list(home)) {
				assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("exports");
			}
		}
	}

	@Test
	void aRerunWritesOnlyThePartitionsThatChangedAndLinksTheRest() throws Exception {
		try (Connection c = county()) {
			// given a first export
			Path exports = home.resolve("exports");
			new WarehouseExporter(c).exportAll(exports);
			Path april = exports.resolve("fact_submission_line/period=2024-04-01/data.parquet");
			Path may = exports.resolve("fact_submission_line/period=2024-05-01/data.parquet");
			Path submitters = exports.resolve("dim_submitter/data.parquet");
			Object aprilInode = Files.getAttribute(april, "unix:ino");
			Object mayInode = Files.getAttribute(may, "unix:ino");
			Object submittersInode = Files.getAttribute(submitters, "unix:ino");
			// when April's rows change and the export runs again
			try (Statement st = c.createStatement()) {
				st.execute(
						"update fact_submission_line set fines_wan = fines_wan + 1 where period = date '2024-04-01'");
			}
			ExportResult result = new WarehouseExporter(c).exportAll(exports);
			// then April is written anew, May and the dimensions are the same files
			assertThat(Files.getAttribute(april, "unix:ino")).isNotEqualTo(aprilInode);
			assertThat(Files.getAttribute(may, "unix:ino")).isEqualTo(mayInode);
			assertThat(Files.getAttribute(submitters, "unix:ino")).isEqualTo(submittersInode);
			// and every table still reads back exactly the warehouse's rows
			for (ExportResult.TableExport table : result.tables()) {
				List<String> expected = warehouseRows(c, table.table());
				assertThat(parquetRows(exports.resolve(table.table()))).as(table.table())
					.containsExactlyInAnyOrderElementsOf(expected);
				assertThat(table.rows()).isEqualTo(expected.size());
			}
			// an export written another way (phones in clear) shares no file with it
			new WarehouseExporter(c, false).exportAll(exports);
			assertThat(Files.getAttribute(submitters, "unix:ino")).isNotEqualTo(submittersInode);
			assertThat(ParquetFiles.rows(submitters)).extracting(r -> r.get("phone")).contains("13678004152");
		}
	}

	@Test
	void severalChangedMonthsAreWrittenAnewTogetherAndTheUnchangedOneIsKept() throws Exception {
		try (Connection c = county()) {
			// given a fact with four months (one of them without a period) and a first
			// export of it
			try (Statement st = c.createStatement()) {
				st.execute("insert into fact_submission_line select * replace (date '2024-06-01' as period)"
						+ " from fact_submission_line where period = date '2024-05-01'");
				st.execute("insert into fact_submission_line select * replace (null as period)"
						+ " from fact_submission_line where period = date '2024-04-01'");
			}
			Path exports = home.resolve("exports");
			new WarehouseExporter(c).exportAll(exports);
			Path table = exports.resolve("fact_submission_line");
			List<String> folders = List.of("period=2024-04-01", "period=2024-05-01", "period=2024-06-01",
					"period=__HIVE_DEFAULT_PARTITION__");
			Map<String, Object> inodes = new LinkedHashMap<>();
			for (String folder : folders) {
				inodes.put(folder, Files.getAttribute(table.resolve(folder).resolve("data.parquet"), "unix:ino"));
			}
			// when April, June and the period-less rows change, and May does not
			try (Statement st = c.createStatement()) {
				st.execute("update fact_submission_line set hazards_total = hazards_total + 7"
						+ " where period is null or period <> date '2024-05-01'");
			}
			ExportResult result = new WarehouseExporter(c).exportAll(exports);
			// then each changed month is a new file, May the same file
			for (String folder : folders) {
				Object inode = Files.getAttribute(table.resolve(folder).resolve("data.parquet"), "unix:ino");
				if (folder.equals("period=2024-05-01")) {
					assertThat(inode).as(folder).isEqualTo(inodes.get(folder));
				}
				else {
					assertThat(inode).as(folder).isNotEqualTo(inodes.get(folder));
				}
				try (Stream<Path> files = Files.list(table.resolve(folder))) {
					assertThat(files.map(p -> p.getFileName().toString())).as(folder).containsExactly("data.parquet");
				}
			}
			// and every month reads back exactly the warehouse's rows, the new figures
			// included
			for (String folder : folders) {
				String value = folder.substring("period=".length());
				String where = value.startsWith("__") ? "period is null" : "period = date '" + value + "'";
				List<String> expected = new ArrayList<>();
				for (String row : warehouseRows(c, "(select * from fact_submission_line where " + where + ")")) {
					expected.add(row);
				}
				assertThat(parquetRows(table.resolve(folder))).as(folder).containsExactlyInAnyOrderElementsOf(expected);
			}
			assertThat(result.table("fact_submission_line").partitions()).containsExactlyElementsOf(folders);
			assertThat(result.table("fact_submission_line").rows())
				.isEqualTo(warehouseRows(c, "fact_submission_line").size());
			try (Stream<Path> entries = Files.list(exports)) {
				assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".partitioned"));
			}
		}
	}

	@Test
	void aFailedExportLeavesThePreviousOneIntact() throws Exception {
		try (Connection c = county()) {
			// given a good export
			Path exports = home.resolve("exports");
			new WarehouseExporter(c).exportAll(exports);
			List<String> before = parquetRows(exports.resolve("rollup_cutoff"));
			// when a table cannot be read halfway through the next export
			try (Statement st = c.createStatement()) {
				st.execute("create view fact_zz_broken as select cast('x' || range as integer) as v from range(3)");
			}
			assertThatThrownBy(() -> new WarehouseExporter(c).exportAll(exports)).isInstanceOf(SQLException.class);
			// then the previous export is untouched and no temp folder is left
			assertThat(parquetRows(exports.resolve("rollup_cutoff"))).containsExactlyInAnyOrderElementsOf(before);
			assertThat(exports.resolve("fact_zz_broken")).doesNotExist();
			try (Stream<Path> siblings = Files.list(home)) {
				assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("exports");
			}
		}
	}

	static Connection county() throws SQLException {
		Connection c = WarehouseFixture.open();
		WarehouseFixture.referenceData(c);
		WarehouseFixture.starSchema(c);
		WarehouseFixture.rollups(c);
		return c;
	}

	/** The warehouse's rows as text, phones masked as the export masks them. */
	static List<String> warehouseRows(Connection c, String table) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select * from " + table)) {
			ResultSetMetaData md = rs.getMetaData();
			while (rs.next()) {
				Map<String, String> row = new LinkedHashMap<>();
				for (int i = 1; i <= md.getColumnCount(); i++) {
					String v = ParquetFiles.text(rs.getObject(i));
					if (md.getColumnName(i).equals("phone") && v != null) {
						v = v.substring(0, 3) + "****" + v.substring(v.length() - 4);
					}
					if (md.getColumnName(i).equals("liaison") && v != null) {
						v = v.substring(0, 1) + "*".repeat(v.length() - 1);
					}
					row.put(md.getColumnName(i), v);
				}
				out.add(new TreeMap<>(row).toString());
			}
		}
		return out;
	}

	/**
	 * Every row of every Parquet file under a table's folder, as text, with the value of
	 * a Hive {@code period=YYYY-MM-DD} folder as its period, as a Hive-aware reader sees
	 * it.
	 */
	static List<String> parquetRows(Path dir) throws Exception {
		List<String> out = new ArrayList<>();
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList()) {
				String folder = f.getParent().getFileName().toString();
				for (Map<String, String> r : ParquetFiles.rows(f)) {
					Map<String, String> row = new TreeMap<>(r);
					if (folder.startsWith("period=")) {
						assertThat(r).doesNotContainKey("period");
						String value = folder.substring("period=".length());
						row.put("period", value.equals("__HIVE_DEFAULT_PARTITION__") ? null : value);
					}
					out.add(row.toString());
				}
			}
		}
		return out;
	}

}
