package org.anjian.writers.analyst;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.anjian.warehouse.Warehouse;
import org.anjian.writers.exports.AtomicFiles;
import org.anjian.writers.exports.ProcessCpu;

/**
 * Publishes {@code <home>/analyst/anjian.duckdb}: a consistent, read-only copy of the
 * warehouse for analysts' SQL while jobs keep writing the warehouse (DuckDB allows one
 * writing process per file, so analysts never open the warehouse itself).
 *
 * <p>
 * How: {@code ATTACH} a new temp file beside the snapshot, {@code COPY FROM DATABASE}
 * (one transaction, so one consistent point in time), create the documented views
 * ({@code analyst/*.sql}), {@code CHECKPOINT}, {@code DETACH}, fsync, then rename the
 * temp file over {@code anjian.duckdb}. The publisher never opens the published file, it
 * only renames onto it, so an analyst's lock on it never blocks a publish; an analyst who
 * has the old file open keeps reading the old inode (Linux) until reconnecting. The data
 * dictionary, the snapshot's tables and views, is written beside it.
 *
 * <p>
 * When the warehouse is a file written in the snapshot's storage format (new warehouses
 * are created in it, {@code Warehouse.open}), the temp file is a byte copy of it after
 * {@code CHECKPOINT}, every time: nothing is decompressed, compressed or hashed, so its
 * tables are stored exactly as the warehouse's (which, in a 1.x format, are written
 * without FSST too). Not when the warehouse is in another format (created before, or with
 * another setting) or in memory, more than half its blocks are free, or the copy cannot
 * be shown to hold every commit ({@link #copyWarehouseFile}); then only what changed is
 * copied again: when the snapshot in place was published by this code from a warehouse
 * with the same catalogue and storage version ({@link SnapshotState},
 * {@code analyst/.anjian.duckdb.state}), the new temp file is a byte copy of it, and in
 * it only the tables whose rows changed (by row count and order-independent hash; tables
 * under {@value #COMPARED_ROWS} rows always) are dropped and filled again from the
 * warehouse, in one transaction, so the rows of a million-row ledger that did not change
 * are hashed, not compressed and written again (a whole copy computes no hashes: the next
 * publish hashes its tables in the copy instead of the recorded keys). Otherwise, and
 * when more than half the copied file's blocks are free, {@code COPY FROM DATABASE} as
 * above. Either way the new snapshot is a new file renamed over the old one.
 *
 * <p>
 * Storage version: the file is attached with {@code STORAGE_VERSION} (setting
 * {@value #STORAGE_VERSION_ENV}, default {@value #DEFAULT_STORAGE_VERSION}), so that the
 * DuckDB releases analysts have installed (CLIs, DBeaver's driver, the Node and Python
 * packages of the 1.x line) can open it; the shipped 2.x driver would otherwise write a
 * format only 2.x reads. {@code DuckDbClientCompatibilityTests} opens it with an older
 * DuckDB JDBC jar.
 */
public final class AnalystSnapshot {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AnalystSnapshot.class);

	public static final String FILE_NAME = "anjian.duckdb";

	static final String VIEWS = "analyst/";

	/** The environment variable naming the snapshot's DuckDB storage version. */
	public static final String STORAGE_VERSION_ENV = Warehouse.STORAGE_VERSION_ENV;

	/**
	 * The storage format of DuckDB 1.0.0 (storage number 64), which every DuckDB from
	 * 1.0.0 (June 2024) reads, and which keeps every type and view the snapshot uses.
	 */
	public static final String DEFAULT_STORAGE_VERSION = Warehouse.DEFAULT_STORAGE_VERSION;

	private AnalystSnapshot() {
	}

	/**
	 * Publishes a new snapshot of the warehouse behind {@code warehouse} under
	 * {@code home/analyst/}.
	 * @return the published snapshot file
	 */
	public static Path publish(Connection warehouse, Path home) throws IOException, SQLException {
		return publish(warehouse, home, storageVersion(System.getenv(STORAGE_VERSION_ENV)));
	}

	/**
	 * The storage version to write: {@code setting} when given ({@code v1.2.0}, or
	 * {@code latest} for the driver's own newest format), else the default.
	 * @throws IllegalArgumentException for anything else, naming the setting
	 */
	public static String storageVersion(String setting) {
		return Warehouse.storageVersion(setting);
	}

	/**
	 * Publishes a new snapshot written in DuckDB storage version {@code storageVersion}
	 * ({@code latest}: the running driver's own format).
	 * @return the published snapshot file
	 */
	public static Path publish(Connection warehouse, Path home, String storageVersion)
			throws IOException, SQLException {
		return publishing(warehouse, home, storageVersion).file();
	}

	/**
	 * What a publish did.
	 *
	 * @param file the published snapshot file
	 * @param incremental whether it was made from a copy of the previous snapshot
	 * @param copied the tables copied from the warehouse (all of them when not
	 * incremental), schema-qualified and quoted
	 * @param warehouseFileCopied whether it was made from a byte copy of the warehouse
	 * file (a whole publish of a warehouse in the snapshot's storage format) rather than
	 * by {@code COPY FROM DATABASE}
	 */
	public record Published(Path file, boolean incremental, List<String> copied, boolean warehouseFileCopied) {
	}

	/** {@link #publish(Connection, Path, String)}, saying which tables it copied. */
	public static Published publishing(Connection warehouse, Path home, String storageVersion)
			throws IOException, SQLException {
		String storage = storageVersion(storageVersion);
		List<DataDictionary.Entry> dictionary;
		Path dir = Files.createDirectories(home.toAbsolutePath().resolve("analyst"));
		Path target = dir.resolve(FILE_NAME);
		String id = UUID.randomUUID().toString().replace("-", "");
		Path tmp = dir.resolve("." + FILE_NAME + "." + id + ".tmp");
		String alias = "analyst_snapshot_" + id;
		String identity;
		List<String> copied;
		boolean incremental;
		String notFileCopied = null;
		java.util.Map<String, String> keys = new java.util.TreeMap<>();
		try (Statement st = warehouse.createStatement()) {
			String source = currentDatabase(st);
			long start = System.nanoTime();
			long cpu = ProcessCpu.millis();
			Catalog catalog = catalog(warehouse, source, storage);
			long compared = System.nanoTime();
			// a copy of the warehouse file costs less than refreshing the previous
			// snapshot, which copies a file as large and hashes the large tables besides
			notFileCopied = copyWarehouseFile(warehouse, source, storage, tmp);
			SnapshotState before = notFileCopied == null || catalog.how() == null ? null : SnapshotState.read(target);
			incremental = before != null && before.how().equals(catalog.how());
			if (incremental) {
				// a new file all the same: analysts keep reading the old one, untouched
				Files.copy(target, tmp);
				st.execute("attach " + Warehouse.literal(tmp.toString()) + " as " + alias);
				if (mostlyFree(st, alias)) {
					// replaced tables leave free blocks behind: past half the file, start
					// afresh
					st.execute("detach " + alias);
					Files.delete(tmp);
					incremental = false;
				}
			}
			if (!incremental) {
				// the storage version is given even for "latest": the warehouse may have
				// been opened with another as the default for new files
				st.execute("attach " + Warehouse.literal(tmp.toString()) + " as " + alias
						+ (notFileCopied == null ? "" : " (storage_version '" + storage + "')"));
			}
			boolean attached = true;
			String compression = setting(st, COMPRESSION_SETTING);
			try {
				st.execute("set " + COMPRESSION_SETTING + " = " + Warehouse.literal(DISABLED_COMPRESSION));
				if (incremental) {
					copied = refresh(st, source, alias, catalog, before, keys);
				}
				else {
					if (notFileCopied != null) {
						st.execute("copy from database " + ident(source) + " to " + alias);
					}
					copied = catalog.tables();
				}
				// Views are created from inside the snapshot so their names resolve in
				// the snapshot file on its own.
				st.execute("use " + alias);
				try {
					for (String view : views()) {
						st.execute("create or replace view " + ident(viewName(view)) + " as\n" + resource(view));
					}
				}
				finally {
					st.execute("use " + ident(source));
				}
				long filled = System.nanoTime();
				dictionary = DataDictionary.entries(warehouse, alias);
				st.execute("checkpoint " + alias);
				st.execute("detach " + alias);
				attached = false;
				log.info("analyst snapshot: {}, {} of {} tables copied in {} ms (catalogue {} ms, file copy,"
						+ " hashes and table copies {} ms, views, dictionary and checkpoint {} ms; process CPU {} ms)",
						incremental ? "from the previous snapshot"
								: notFileCopied == null ? "whole, a byte copy of the warehouse file"
										: "whole, COPY FROM DATABASE (" + notFileCopied + ")",
						copied.size(), catalog.tables().size(), (System.nanoTime() - start) / 1_000_000,
						(compared - start) / 1_000_000, (filled - compared) / 1_000_000,
						(System.nanoTime() - filled) / 1_000_000, ProcessCpu.millis() - cpu);
			}
			finally {
				st.execute("set " + COMPRESSION_SETTING + " = " + Warehouse.literal(compression));
				if (attached) {
					st.execute("detach database if exists " + alias);
				}
			}
			AtomicFiles.fsync(tmp);
			readOnly(tmp);
			org.anjian.warehouse.CrashPoints.reach("snapshot-rename");
			identity = SnapshotState.identity(tmp);
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			AtomicFiles.fsync(dir);
			if (catalog.how() != null) {
				new SnapshotState(identity, catalog.how(), keys).write(target);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
			Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
		}
		DataDictionary.write(dictionary, dir);
		return new Published(target, incremental, copied, notFileCopied == null);
	}

	/**
	 * Copies the checkpointed warehouse file to {@code tmp} byte for byte when that copy
	 * is a snapshot: the warehouse is a file in the storage format the snapshot must be
	 * in (as DuckDB names it: the warehouse's {@code duckdb_databases()} tag against that
	 * of a probe file attached with {@code storageVersion}), at most half its blocks
	 * free, and every commit is in the file: this connection is not inside a transaction,
	 * {@code CHECKPOINT} succeeds (DuckDB refuses it while another transaction has
	 * uncommitted writes), no write-ahead log is left, and the file's headers are the
	 * same after the copy as before it (no checkpoint ran meanwhile). Other processes
	 * cannot write the warehouse at all: this process holds DuckDB's file lock, and jobs
	 * hold the home's lock besides.
	 * @return null when copied, else why not (and {@code tmp} does not exist)
	 */
	private static String copyWarehouseFile(Connection warehouse, String source, String storageVersion, Path tmp)
			throws SQLException, IOException {
		Path file;
		String format;
		try (Statement st = warehouse.createStatement()) {
			try (ResultSet rs = st.executeQuery("select path, tags['storage_version'] from duckdb_databases()"
					+ " where database_name = " + Warehouse.literal(source))) {
				if (!rs.next() || rs.getString(1) == null) {
					return "the warehouse is in memory";
				}
				file = Path.of(rs.getString(1));
				format = rs.getString(2);
			}
			String wanted = storageFormat(st, storageVersion, tmp.resolveSibling(tmp.getFileName() + ".probe"));
			if (format == null || !format.equals(wanted)) {
				return "the warehouse is in storage " + format + ", the snapshot in " + wanted;
			}
			if (mostlyFree(st, source)) {
				return "more than half the warehouse file's blocks are free";
			}
			if (!warehouse.getAutoCommit()) {
				return "the warehouse connection is inside a transaction";
			}
			try {
				st.execute("checkpoint " + ident(source));
			}
			catch (SQLException ex) {
				return "no checkpoint: " + ex.getMessage();
			}
			Path wal = file.resolveSibling(file.getFileName() + ".wal");
			byte[] headers = headers(file);
			if (Files.exists(wal) && Files.size(wal) > 0) {
				return "a write-ahead log is left after the checkpoint";
			}
			Files.copy(file, tmp);
			if (Files.exists(wal) && Files.size(wal) > 0 || !java.util.Arrays.equals(headers, headers(file))) {
				Files.delete(tmp);
				return "the warehouse was written during the copy";
			}
			return null;
		}
	}

	/**
	 * A DuckDB file's main header and its two database headers, the latter rewritten by
	 * every checkpoint.
	 */
	private static byte[] headers(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(3 * 4096);
		}
	}

	/**
	 * Storage version → the format {@link #storageFormat} found: the driver's answer does
	 * not change within a process, so a publish need not create a probe file each time.
	 */
	private static final java.util.Map<String, String> STORAGE_FORMATS = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * The storage format DuckDB writes for {@code storageVersion}, as
	 * {@code duckdb_databases()} names it ({@code v1.0.0+}): that of a new empty file
	 * attached with it, deleted after; once per process and version.
	 */
	private static String storageFormat(Statement st, String storageVersion, Path probe)
			throws SQLException, IOException {
		String known = STORAGE_FORMATS.get(storageVersion);
		if (known != null) {
			return known;
		}
		String alias = "storage_probe_" + UUID.randomUUID().toString().replace("-", "");
		try {
			st.execute("attach " + Warehouse.literal(probe.toString()) + " as " + alias + " (storage_version '"
					+ storageVersion + "')");
			try (ResultSet rs = st.executeQuery("select tags['storage_version'] from duckdb_databases()"
					+ " where database_name = " + Warehouse.literal(alias))) {
				rs.next();
				String format = rs.getString(1);
				if (format != null) {
					STORAGE_FORMATS.put(storageVersion, format);
				}
				return format;
			}
		}
		finally {
			st.execute("detach database if exists " + alias);
			Files.deleteIfExists(probe);
			Files.deleteIfExists(probe.resolveSibling(probe.getFileName() + ".wal"));
		}
	}

	/** DuckDB's setting naming the compression methods it must not use. */
	private static final String COMPRESSION_SETTING = "disabled_compression_methods";

	/**
	 * Not used in the snapshot: FSST, the compression of long unique texts (a ledger's
	 * 隐患描述), whose analysis and encoding were about a third of a whole copy's CPU time in
	 * storage version v1.0.0; such columns are stored as plain strings instead (a
	 * million-row ledger's snapshot 89 → 123 MB), texts that repeat keep DuckDB's
	 * dictionary compression. Set for the publish only: the warehouse keeps its own.
	 */
	static final String DISABLED_COMPRESSION = "fsst";

	private static String setting(Statement st, String name) throws SQLException {
		try (ResultSet rs = st.executeQuery("select current_setting(" + Warehouse.literal(name) + ")")) {
			rs.next();
			return rs.getString(1);
		}
	}

	/**
	 * Tables at least this large are compared by content; smaller ones are always copied.
	 */
	static final long COMPARED_ROWS = 10_000;

	/**
	 * The warehouse's catalogue as the snapshot copies it.
	 *
	 * @param how storage version, DuckDB version and a digest of every table's DDL, view,
	 * macro, sequence, type, index and schema; null when the warehouse has foreign keys
	 * or comments (a table cannot then be replaced alone) and is always copied whole
	 * @param tables every table, schema-qualified and quoted
	 * @param large the tables of {@link #COMPARED_ROWS} or more rows (by DuckDB's
	 * estimate), compared by content before being copied
	 */
	record Catalog(String how, List<String> tables, java.util.Set<String> large) {
	}

	static Catalog catalog(Connection warehouse, String source, String storage) throws SQLException {
		StringBuilder text = new StringBuilder(storage).append('\n')
			.append(warehouse.unwrap(org.duckdb.DuckDBConnection.class).getMetaData().getDatabaseProductVersion())
			.append('\n');
		String db = Warehouse.literal(source);
		for (String query : List.of(
				"select schema_name, table_name, sql from duckdb_tables() where database_name = " + db,
				"select schema_name, view_name, sql from duckdb_views() where database_name = " + db
						+ " and not internal",
				"select schema_name, function_name, function_type, parameters::varchar, macro_definition"
						+ " from duckdb_functions() where database_name = " + db + " and not internal",
				"select schema_name, sequence_name, sql, last_value from duckdb_sequences() where database_name = "
						+ db,
				"select schema_name, type_name, logical_type from duckdb_types() where database_name = " + db
						+ " and not internal",
				"select schema_name, index_name, sql from duckdb_indexes() where database_name = " + db,
				"select schema_name from duckdb_schemas() where database_name = " + db + " and not internal")) {
			text.append(rows(warehouse, query + " order by all")).append('\n');
		}
		List<String> tables = new ArrayList<>();
		java.util.Set<String> large = new java.util.HashSet<>();
		try (Statement st = warehouse.createStatement();
				ResultSet rs = st.executeQuery("select schema_name, table_name, estimated_size from duckdb_tables()"
						+ " where database_name = " + db + " order by all")) {
			while (rs.next()) {
				String table = ident(rs.getString(1)) + "." + ident(rs.getString(2));
				tables.add(table);
				if (rs.getLong(3) >= COMPARED_ROWS) {
					large.add(table);
				}
			}
		}
		// a table replaced alone would break a foreign key, and its DDL does not carry
		// comments: such warehouses are always copied whole
		boolean wholeOnly = !rows(warehouse, "select 1 from duckdb_constraints() where database_name = " + db
				+ " and constraint_type = 'FOREIGN KEY' union all select 1 from duckdb_tables() where database_name = "
				+ db + " and comment is not null union all select 1 from duckdb_columns() where database_name = " + db
				+ " and comment is not null limit 1")
			.isEmpty();
		return new Catalog(wholeOnly ? null : SnapshotState.digest(text.toString()), tables, large);
	}

	/**
	 * Brings a copy of the previous snapshot up to date, in one transaction: a large
	 * table whose content key (row count and order-independent hash) in the warehouse
	 * differs from that of its copy, and every small table, is dropped and created again
	 * from the warehouse; the others keep the blocks they have. The copy's key is the one
	 * recorded when it was written, or, for a table copied whole last time (whose key was
	 * not computed then, so a first publish pays no hashing), hashed from the copy
	 * itself. The catalogue is the same (else the copy is not used), so views, macros and
	 * the set of tables already match.
	 * @param keys receives the warehouse's key of every large table, for the state
	 */
	private static List<String> refresh(Statement st, String source, String alias, Catalog catalog,
			SnapshotState before, java.util.Map<String, String> keys) throws SQLException {
		List<String> copied = new ArrayList<>();
		java.util.Map<String, String> ddl = new java.util.HashMap<>();
		try (ResultSet rs = st.executeQuery("select schema_name, table_name, sql from duckdb_tables()"
				+ " where database_name = " + Warehouse.literal(source))) {
			while (rs.next()) {
				ddl.put(ident(rs.getString(1)) + "." + ident(rs.getString(2)), rs.getString(3));
			}
		}
		st.execute("begin transaction");
		boolean done = false;
		try {
			for (String table : catalog.tables()) {
				if (catalog.large().contains(table)) {
					String key = key(st, ident(source) + "." + table);
					keys.put(table, key);
					String copy = before.tables().get(table);
					if (key.equals(copy != null ? copy : key(st, alias + "." + table))) {
						continue;
					}
				}
				st.execute("use " + alias);
				st.execute("drop table " + alias + "." + table);
				st.execute(ddl.get(table));
				st.execute("insert into " + alias + "." + table + " select * from " + ident(source) + "." + table);
				st.execute("use " + ident(source));
				copied.add(table);
			}
			st.execute("commit");
			done = true;
		}
		finally {
			if (!done) {
				st.execute("rollback");
			}
			st.execute("use " + ident(source));
		}
		return copied;
	}

	/** A table's content key: row count and order-independent hash of its rows. */
	private static String key(Statement st, String table) throws SQLException {
		try (ResultSet rs = st
			.executeQuery("select count(*) || ':' || coalesce(sum(hash(t)), 0) from " + table + " as t")) {
			rs.next();
			return rs.getString(1);
		}
	}

	/** Whether more than half the attached file's blocks are free. */
	private static boolean mostlyFree(Statement st, String alias) throws SQLException {
		try (ResultSet rs = st.executeQuery("select free_blocks, total_blocks from pragma_database_size()"
				+ " where database_name = " + Warehouse.literal(alias))) {
			return rs.next() && rs.getLong(1) * 2 > rs.getLong(2);
		}
	}

	private static String rows(Connection connection, String query) throws SQLException {
		StringBuilder out = new StringBuilder();
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				for (int i = 1; i <= columns; i++) {
					out.append(rs.getString(i)).append(i < columns ? '\t' : '\n');
				}
			}
		}
		return out.toString();
	}

	/**
	 * Takes the write permission off the snapshot file, so that an analyst's tool opening
	 * it read-write by mistake fails instead of changing what others query (the publisher
	 * only renames onto it, which needs the folder's permission, not the file's). No-op
	 * on file systems without POSIX permissions.
	 */
	static void readOnly(Path file) throws IOException {
		if (Files.getFileStore(file).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
			Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
		}
	}

	/** The view files, in index order ({@code analyst/views.index}). */
	public static List<String> views() {
		List<String> out = new ArrayList<>();
		for (String line : resource("views.index").split("\n")) {
			String entry = line.strip();
			if (!entry.isEmpty() && !entry.startsWith("#")) {
				out.add(entry);
			}
		}
		return out;
	}

	static String viewName(String file) {
		return file.substring(0, file.length() - ".sql".length());
	}

	static String resource(String name) {
		try (InputStream in = AnalystSnapshot.class.getClassLoader().getResourceAsStream(VIEWS + name)) {
			if (in == null) {
				throw new IllegalStateException("缺少资源文件 " + VIEWS + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String currentDatabase(Statement st) throws SQLException {
		try (ResultSet rs = st.executeQuery("select current_database()")) {
			rs.next();
			return rs.getString(1);
		}
	}

	static String ident(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
