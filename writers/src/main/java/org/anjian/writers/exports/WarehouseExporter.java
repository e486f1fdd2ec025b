package org.anjian.writers.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.anjian.warehouse.Warehouse;

/**
 * Refreshes {@code <home>/exports/} (CONTRACT.md "Exports"): Parquet for every
 * {@code dim_*}, {@code fact_*} and {@code rollup_*} table, tables with a {@code period}
 * DATE column Hive-partitioned as {@code TABLE/period=YYYY-MM-DD/data.parquet} (the first
 * day of the month, so Hive-aware readers infer a DATE; the files do not repeat the
 * {@code period} column, which the folder value would override anyway), and CSV copies of
 * the rollups under {@code csv/} (UTF-8 with BOM), each with a sibling
 * {@code TABLE.zh.csv} whose header row holds the Chinese column labels of the data
 * dictionary. A table with no rows still gets {@code TABLE/data.parquet} carrying all its
 * columns ({@code period} included, as no folder supplies it).
 *
 * <p>
 * Written with DuckDB's {@code COPY … TO … (format parquet)}: DuckDB keeps DATE,
 * DECIMAL(p,s) and UTF-8 string logical types, and measured faster than the parquet-java
 * writer (writers/README.md). Only what changed is written: a Parquet file whose query
 * and rows (count and order-independent hash, one {@code group by period} per table) are
 * those the export it replaces wrote is hard-linked from it instead ({@link ExportState},
 * {@code exports/.export-state.tsv}); an unchanged month of a million-row fact costs its
 * hash, not a re-copy. The changed months of a table are written by one
 * {@code COPY … (partition_by (period))}, one scan of the table. Rows are in the table's
 * own order, not sorted: a file's content, not its row order, decides whether it is
 * rewritten, and sorting a million-row fact by every column cost more than writing it
 * (the CSV copies, which people open in Excel, stay sorted).
 *
 * <p>
 * Protections applied to every export: personal data of liaisons is for the office's 催报
 * outputs only, so phone numbers — columns named {@code phone} or {@code mobile} (a
 * liaison list's 手机号码), or ending in {@code _phone} / {@code _mobile} — are masked
 * (138****4152) and liaison names ({@code liaison}, {@code liaison_name}) reduced to the
 * surname (邓*), unless disabled; inspectors' names are officials acting in office and
 * stay; in the CSV copies, text starting with = + - @ tab or CR gets a leading single
 * quote (OWASP CSV injection), since CSV has no cell types and a spreadsheet would
 * evaluate it. Parquet keeps text as is: it is typed data.
 *
 * <p>
 * The swap: everything is written into a sibling temp folder {@code .exports.tmp-<uuid>}
 * and fsynced; then the old {@code exports} is renamed aside and the new one renamed into
 * place (two same-file-system renames), and the old one deleted. A reader therefore sees
 * the complete old export, the complete new one, or (for the microseconds between the
 * renames) no {@code exports} folder, never a half-written one; files it already has open
 * stay readable. POSIX rename cannot replace a non-empty directory in one step, hence two
 * renames rather than one.
 */
public final class WarehouseExporter {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WarehouseExporter.class);

	/** Time spent hashing rows, writing files and linking them, for the log. */
	private long hashNanos;

	private long writeNanos;

	private int filesWritten;

	private int filesLinked;

	static final String PARTITION_COLUMN = "period";

	private final Connection connection;

	private final boolean maskPhones;

	/** The Parquet files of the export being replaced, by content; empty on the first. */
	private ExportState previous = new ExportState();

	/** The Parquet files of the export being written. */
	private ExportState written = new ExportState();

	/**
	 * DuckDB's version, part of every file's key: another version may write other bytes.
	 */
	private String duckdbVersion;

	/** An exporter that masks phone numbers. */
	public WarehouseExporter(Connection warehouseConnection) {
		this(warehouseConnection, true);
	}

	/**
	 * {@code maskPhones = false} exports phone numbers in clear (for an internal,
	 * access-controlled copy).
	 */
	public WarehouseExporter(Connection warehouseConnection, boolean maskPhones) {
		this.connection = warehouseConnection;
		this.maskPhones = maskPhones;
	}

	/** Writes the whole export and swaps it in place of {@code exportsDir}. */
	public ExportResult exportAll(Path exportsDir) throws IOException, SQLException {
		Path target = exportsDir.toAbsolutePath().normalize();
		Path parent = target.getParent();
		Files.createDirectories(parent);
		String name = target.getFileName().toString();
		Path tmp = parent.resolve("." + name + ".tmp-" + UUID.randomUUID());
		Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
		try {
			Files.createDirectories(tmp);
			previous = ExportState.read(target);
			written = new ExportState();
			duckdbVersion = connection.unwrap(org.duckdb.DuckDBConnection.class)
				.getMetaData()
				.getDatabaseProductVersion();
			List<ExportResult.TableExport> tables = new ArrayList<>();
			long start = System.nanoTime();
			long cpu = ProcessCpu.millis();
			for (String table : tables()) {
				tables.add(export(table, tmp));
				org.anjian.warehouse.CrashPoints.reach("export-table");
			}
			written.write(tmp);
			fsyncTree(tmp);
			if (Files.exists(target)) {
				Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
			}
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			AtomicFiles.fsync(parent);
			log.info(
					"export: {} Parquet files written, {} kept from the previous export, {} tables in {} ms"
							+ " (hashing rows {} ms, writing {} ms; process CPU {} ms)",
					filesWritten, filesLinked, tables.size(), (System.nanoTime() - start) / 1_000_000,
					hashNanos / 1_000_000, writeNanos / 1_000_000, ProcessCpu.millis() - cpu);
			return new ExportResult(target, tables);
		}
		finally {
			AtomicFiles.deleteTree(tmp);
			AtomicFiles.deleteTree(old);
		}
	}

	/** Every dim_, fact_ and rollup_ table or view of the warehouse, by name. */
	List<String> tables() throws SQLException {
		List<String> out = new ArrayList<>();
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
				select table_name from information_schema.tables
				where table_catalog = current_database() and table_schema = current_schema()
				  and (starts_with(table_name, 'dim_') or starts_with(table_name, 'fact_')
				       or starts_with(table_name, 'rollup_'))
				order by table_name""")) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return out;
	}

	private record Column(String name, String type) {
	}

	private List<Column> columns(String table) throws SQLException {
		List<Column> out = new ArrayList<>();
		try (PreparedStatement ps = connection.prepareStatement("""
				select column_name, data_type from information_schema.columns
				where table_catalog = current_database() and table_schema = current_schema() and table_name = ?
				order by ordinal_position""")) {
			ps.setString(1, table);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(new Column(rs.getString(1), rs.getString(2)));
				}
			}
		}
		return out;
	}

	private ExportResult.TableExport export(String table, Path root) throws IOException, SQLException {
		List<Column> columns = columns(table);
		Path dir = Files.createDirectories(root.resolve(table));
		List<String> partitions = new ArrayList<>();
		long rows = 0;
		List<Date> periods = columns.stream().anyMatch(c -> c.name.equals(PARTITION_COLUMN) && c.type.equals("DATE"))
				? periods(table) : List.of();
		if (!periods.isEmpty()) {
			// the folder carries period; the file does not repeat it (CONTRACT.md
			// "Partition folders that type-check")
			String parquetSelect = select(columns.stream().filter(c -> !c.name.equals(PARTITION_COLUMN)).toList(),
					false);
			java.util.Map<String, String> contents = contents(table, true);
			java.util.Map<Date, String> changed = new java.util.LinkedHashMap<>();
			for (Date period : periods) {
				String folder = partitionFolder(period);
				String relative = table + "/" + folder + "/data.parquet";
				String query = "select " + parquetSelect + " from " + ident(table) + " where " + periodIs(period);
				String content = contents.get(String.valueOf(period));
				Long linked = link(root, relative, query, content);
				if (linked != null) {
					rows += linked;
				}
				else {
					changed.put(period, content);
				}
				partitions.add(folder);
			}
			rows += writePartitions(root, table, parquetSelect, changed, changed.size() == periods.size());
		}
		else {
			// unpartitioned, or a partitioned table with no rows: one file with every
			// column, so a BI tool sees an empty table rather than an error
			String relative = table + "/data.parquet";
			String query = "select " + select(columns, false) + " from " + ident(table);
			String content = contents(table, false).get("null");
			Long linked = link(root, relative, query, content);
			rows = linked != null ? linked : write(root, relative, query, content);
		}
		String csv = null;
		if (table.startsWith("rollup_")) {
			Path csvDir = Files.createDirectories(root.resolve("csv"));
			String body = " from " + ident(table) + " order by all";
			writeCsvWithBom(csvDir, table + ".csv", "select " + select(columns, true) + body);
			writeCsvWithBom(csvDir, table + CHINESE_HEADER_SUFFIX,
					"select " + select(columns, true, labels(table, columns)) + body);
			csv = "csv/" + table + ".csv";
		}
		return new ExportResult.TableExport(table, rows, partitions, csv);
	}

	/** The partition's condition on {@code period}. */
	private static String periodIs(Date period) {
		return period == null ? "period is null" : "period = date '" + period + "'";
	}

	/** The key of a Parquet file: its query, DuckDB's version and its rows' content. */
	private String key(String query, String content) {
		return ExportState.key(query + "\u0000" + duckdbVersion, content);
	}

	/**
	 * Hard-links the file the export being replaced wrote at {@code relative} when the
	 * same query over the same rows wrote it (no re-copy of what did not change).
	 * @return its rows, or null when it must be written
	 */
	private Long link(Path root, String relative, String query, String content) throws IOException {
		String key = key(query, content);
		ExportState.Entry before = previous.get(relative);
		if (before != null && before.key().equals(key)) {
			Path file = Files.createDirectories(root.resolve(relative).getParent()).resolve("data.parquet");
			if (previous.link(relative, file)) {
				filesLinked++;
				written.put(relative, key, before.rows());
				return before.rows();
			}
		}
		return null;
	}

	/** Writes one Parquet file with DuckDB. */
	private long write(Path root, String relative, String query, String content) throws IOException, SQLException {
		Path file = Files.createDirectories(root.resolve(relative).getParent()).resolve("data.parquet");
		long start = System.nanoTime();
		long rows = copy(query, file, "format parquet");
		writeNanos += System.nanoTime() - start;
		filesWritten++;
		written.put(relative, key(query, content), rows);
		return rows;
	}

	/**
	 * Writes the changed partitions of {@code table}: one partition by its own
	 * {@code COPY}, several by one {@code COPY … (partition_by (period))} into a scratch
	 * folder — one scan of the table instead of one per month — whose one file per folder
	 * is then moved into place as {@code data.parquet}. DuckDB leaves the partition
	 * column out of the files and names the NULL partition
	 * {@code __HIVE_DEFAULT_PARTITION__}, as {@link #partitionFolder} does; a folder that
	 * does not come out as expected is written by its own {@code COPY}.
	 * @param changed the partitions to write, with their content (count:hash)
	 * @param all whether they are every partition of the table (then no filter is needed)
	 * @return the rows written
	 */
	private long writePartitions(Path root, String table, String parquetSelect, java.util.Map<Date, String> changed,
			boolean all) throws IOException, SQLException {
		if (changed.isEmpty()) {
			return 0;
		}
		java.util.function.Function<Date, String> query = period -> "select " + parquetSelect + " from " + ident(table)
				+ " where " + periodIs(period);
		java.util.function.Function<Date, String> relative = period -> table + "/" + partitionFolder(period)
				+ "/data.parquet";
		long rows = 0;
		if (changed.size() == 1) {
			for (var entry : changed.entrySet()) {
				rows += write(root, relative.apply(entry.getKey()), query.apply(entry.getKey()), entry.getValue());
			}
			return rows;
		}
		Path scratch = root.resolve(".partitioned-" + UUID.randomUUID());
		try {
			long start = System.nanoTime();
			List<String> conditions = changed.keySet().stream().map(WarehouseExporter::periodIs).toList();
			String flushThreshold = setting(FLUSH_THRESHOLD_SETTING);
			try {
				set(FLUSH_THRESHOLD_SETTING, String.valueOf(PARTITION_FLUSH_ROWS));
				copy("select " + parquetSelect + ", " + ident(PARTITION_COLUMN) + " from " + ident(table)
						+ (all ? "" : " where " + String.join(" or ", conditions)), scratch,
						"format parquet, partition_by (" + ident(PARTITION_COLUMN) + "), filename_pattern 'data_{i}'");
			}
			finally {
				set(FLUSH_THRESHOLD_SETTING, flushThreshold);
			}
			writeNanos += System.nanoTime() - start;
			for (var entry : changed.entrySet()) {
				Date period = entry.getKey();
				Path file = root.resolve(relative.apply(period));
				List<Path> made = parquetFiles(scratch.resolve(partitionFolder(period)));
				if (made.size() == 1) {
					Files.createDirectories(file.getParent());
					Files.move(made.get(0), file);
					long count = Long.parseLong(entry.getValue().substring(0, entry.getValue().indexOf(':')));
					written.put(relative.apply(period), key(query.apply(period), entry.getValue()), count);
					filesWritten++;
					rows += count;
				}
				else {
					rows += write(root, relative.apply(period), query.apply(period), entry.getValue());
				}
			}
		}
		finally {
			AtomicFiles.deleteTree(scratch);
		}
		return rows;
	}

	/**
	 * DuckDB's setting for how many rows of one partition a partitioned {@code COPY}
	 * holds in memory before writing them out.
	 */
	static final String FLUSH_THRESHOLD_SETTING = "partitioned_write_flush_threshold";

	/**
	 * The rows of one partition a partitioned {@code COPY} holds before writing: DuckDB's
	 * default (524,288 rows a partition and thread) holds a whole million-row fact in
	 * memory, all of it freshly allocated, and that partitioned copy took about four
	 * times the CPU of writing the same rows to one file. Flushing every 30,000 rows cut
	 * its CPU by about a quarter (README.md, issue 18); the files hold the same rows, in
	 * row groups of about 60,000 rows instead of 122,880.
	 */
	static final int PARTITION_FLUSH_ROWS = 30_000;

	private String setting(String name) throws SQLException {
		try (Statement st = connection.createStatement();
				ResultSet rs = st.executeQuery("select current_setting(" + Warehouse.literal(name) + ")")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private void set(String name, String value) throws SQLException {
		try (Statement st = connection.createStatement()) {
			st.execute("set " + name + " = " + Warehouse.literal(value));
		}
	}

	private static List<Path> parquetFiles(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
		}
	}

	/**
	 * Row count and order-independent hash of every row, per period (partitioned) or of
	 * the whole table, in one pass: what a Parquet file's content depends on besides its
	 * query.
	 */
	private java.util.Map<String, String> contents(String table, boolean byPeriod) throws SQLException {
		java.util.Map<String, String> out = new java.util.HashMap<>();
		long start = System.nanoTime();
		String group = byPeriod ? "cast(period as varchar)" : "null";
		try (Statement st = connection.createStatement();
				ResultSet rs = st.executeQuery("select " + group + ", count(*), coalesce(sum(hash(t)), 0) from "
						+ ident(table) + " as t group by all")) {
			while (rs.next()) {
				out.put(String.valueOf(rs.getString(1)), rs.getString(2) + ":" + rs.getString(3));
			}
		}
		hashNanos += System.nanoTime() - start;
		return out;
	}

	/** The suffix of the CSV copy whose header row holds the Chinese column labels. */
	public static final String CHINESE_HEADER_SUFFIX = ".zh.csv";

	/**
	 * The Hive folder of one month: {@code period=2024-05-01}, or DuckDB's and Hive's
	 * default partition for NULL.
	 */
	static String partitionFolder(Date period) {
		return "period=" + (period == null ? "__HIVE_DEFAULT_PARTITION__" : period.toLocalDate().toString());
	}

	/**
	 * Chinese header names: the data dictionary's 中文名称, the column code where it has
	 * none, the code added in brackets when two columns would get the same label.
	 */
	private static List<String> labels(String table, List<Column> columns) {
		List<String> out = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (Column c : columns) {
			String label = org.anjian.writers.analyst.DataDictionary.labelZh(table, c.name);
			if (label == null || label.isBlank()) {
				label = c.name;
			}
			if (!seen.add(label)) {
				label = label + "（" + c.name + "）";
				seen.add(label);
			}
			out.add(label);
		}
		return out;
	}

	private void writeCsvWithBom(Path csvDir, String name, String query) throws IOException, SQLException {
		Path plain = csvDir.resolve("." + name + ".nobom");
		copy(query, plain, "format csv, header true");
		try (OutputStream out = Files.newOutputStream(csvDir.resolve(name))) {
			// Excel decides a CSV's encoding by the BOM: without it the Chinese text
			// opens as mojibake.
			out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
			Files.copy(plain, out);
		}
		Files.delete(plain);
	}

	private List<Date> periods(String table) throws SQLException {
		List<Date> out = new ArrayList<>();
		try (Statement st = connection.createStatement();
				ResultSet rs = st
					.executeQuery("select distinct period from " + ident(table) + " order by period nulls last")) {
			while (rs.next()) {
				out.add(rs.getDate(1));
			}
		}
		return out;
	}

	/**
	 * The select list: phone masked; for CSV also text neutralised against formula
	 * injection.
	 */
	private String select(List<Column> columns, boolean csv) {
		return select(columns, csv, columns.stream().map(Column::name).toList());
	}

	private String select(List<Column> columns, boolean csv, List<String> names) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			Column c = columns.get(i);
			String expr = ident(c.name);
			if (maskPhones && isPhone(c.name)) {
				expr = maskPhone(expr);
			}
			else if (maskPhones && isPersonName(c.name)) {
				expr = maskName(expr);
			}
			if (csv && c.type.equals("VARCHAR")) {
				expr = neutralise(expr);
			}
			items.add(expr.equals(ident(names.get(i))) ? expr : expr + " as " + ident(names.get(i)));
		}
		return String.join(", ", items);
	}

	/** A column holding phone numbers, by name: phone, mobile, *_phone, *_mobile. */
	static boolean isPhone(String column) {
		String name = column.toLowerCase(java.util.Locale.ROOT);
		return name.equals("phone") || name.equals("mobile") || name.endsWith("_phone") || name.endsWith("_mobile");
	}

	/** A column holding a liaison's name, by name: liaison, liaison_name. */
	static boolean isPersonName(String column) {
		String name = column.toLowerCase(java.util.Locale.ROOT);
		return name.equals("liaison") || name.equals("liaison_name");
	}

	/**
	 * 邓佳 → 邓*, 欧阳小明 → 欧***: the surname is enough to tell liaisons apart in a chart, not
	 * to identify one.
	 */
	static String maskName(String expr) {
		return "case when " + expr + " is null then null else left(" + expr + ", 1) || repeat('*', length(" + expr
				+ ") - 1) end";
	}

	/** 13881950316 → 138****0316; shorter values are starred out whole. */
	static String maskPhone(String expr) {
		return "case when " + expr + " is null then null when length(" + expr + ") >= 8 then left(" + expr
				+ ", 3) || '****' || right(" + expr + ", 4) else repeat('*', length(" + expr + ")) end";
	}

	/**
	 * OWASP CSV injection: a leading ' makes a spreadsheet show the text instead of
	 * evaluating it.
	 */
	static String neutralise(String expr) {
		return "case when regexp_matches(" + expr + ", '^[=+\\-@\\t\\r]') then '''' || " + expr + " else " + expr
				+ " end";
	}

	private long copy(String query, Path file, String options) throws SQLException {
		try (Statement st = connection.createStatement()) {
			// COPY answers with the number of rows written, as a result set or as an
			// update count
			if (st.execute("copy (" + query + ") to " + Warehouse.literal(file.toString()) + " (" + options + ")")) {
				try (ResultSet rs = st.getResultSet()) {
					return rs.next() ? rs.getLong(1) : 0;
				}
			}
			return Math.max(0, st.getUpdateCount());
		}
	}

	static String ident(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static void fsyncTree(Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.toList()) {
				AtomicFiles.fsync(p);
			}
		}
	}

}
