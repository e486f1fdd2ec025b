package org.anjian.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.sql.PreparedStatement;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB warehouse: one file, one writer process. Opening it applies the idempotent
 * schema ({@code warehouse/schema/*.sql}); {@link #buildModels()} brings the staging
 * views and mart tables listed in {@code warehouse/models.index} up to date, in that
 * order, in one transaction.
 */
public final class Warehouse implements AutoCloseable {

	static final String RESOURCE_ROOT = "warehouse/";

	private final Connection connection;

	private final Path file;

	/** {@link #prepared} statements by SQL text, on {@link #connection}. */
	private final Map<String, PreparedStatement> statements = new ConcurrentHashMap<>();

	private Warehouse(Connection connection, Path file) {
		this.connection = connection;
		this.file = file;
	}

	/**
	 * The environment variable naming the DuckDB storage version of the analysts'
	 * snapshot, and of a warehouse file created anew.
	 */
	public static final String STORAGE_VERSION_ENV = "ANJIAN_SNAPSHOT_STORAGE_VERSION";

	/**
	 * The storage format of DuckDB 1.0.0 (storage number 64), which every DuckDB from
	 * 1.0.0 (June 2024) reads, and which keeps every type and view the snapshot uses.
	 */
	public static final String DEFAULT_STORAGE_VERSION = "v1.0.0";

	/**
	 * The storage version to write: {@code setting} when given ({@code v1.2.0}, or
	 * {@code latest} for the driver's own newest format), else the default.
	 * @throws IllegalArgumentException for anything else, naming the setting
	 */
	public static String storageVersion(String setting) {
		if (setting == null || setting.isBlank()) {
			return DEFAULT_STORAGE_VERSION;
		}
		String v = setting.strip();
		if (!v.matches("latest|v\\d+\\.\\d+\\.\\d+")) {
			throw new IllegalArgumentException(
					STORAGE_VERSION_ENV + "=" + setting + "：应为 DuckDB 版本号（如 v1.0.0、v1.4.0）或 latest");
		}
		return v;
	}

	/**
	 * Opens (creating if needed) the warehouse file and brings its schema up to date. A
	 * new file is created in the snapshot's storage version
	 * ({@value #STORAGE_VERSION_ENV}, default {@value #DEFAULT_STORAGE_VERSION}), so that
	 * publishing the analysts' snapshot can copy the file as it is.
	 */
	public static Warehouse open(Path file) {
		return open(file, storageVersion(System.getenv(STORAGE_VERSION_ENV)));
	}

	/**
	 * Opens (creating if needed) the warehouse file; a new file is created in DuckDB
	 * storage version {@code storageVersion} ({@code latest}: the driver's own). An
	 * existing file keeps the version it was created in.
	 */
	public static Warehouse open(Path file, String storageVersion) {
		String storage = storageVersion(storageVersion);
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Properties settings = settings();
			if (!storage.equals("latest")) {
				// the version a file is created in; DuckDB reads an existing file's from
				// its header
				settings.setProperty("storage_compatibility_version", storage);
			}
			Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), settings);
			try {
				withoutFsstInAnOlderFormat(connection);
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
			return init(connection, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("Could not set lock on file")) {
				String holder = ex.getMessage().contains("Conflicting lock is held in") ? "（" + ex.getMessage()
					.substring(ex.getMessage().indexOf("Conflicting lock is held in")
							+ "Conflicting lock is held in".length())
					.strip()
					.split("\\.", 2)[0] + "）" : "";
				throw new WarehouseLockedException("数据仓库 " + file + " 正被另一个进程占用" + holder
						+ "：请待其结束（或关闭打开它的 DuckDB 会话）后再试；分析请用 analyst/anjian.duckdb", ex);
			}
			throw new WarehouseException("无法打开数据仓库 " + file + "：" + diskFullOr(ex), ex);
		}
	}

	/**
	 * The operator's words for a failure caused by a full disk (or a file-size or quota
	 * limit) anywhere in its causes or suppressed exceptions, else its message: DuckDB
	 * reports the full disk once, and the statements after it fail with messages about a
	 * closed statement or a lost transaction.
	 */
	/** How {@link #diskFullOr} begins when the disk is full. */
	public static final String DISK_FULL = "磁盘空间不足";

	public static String diskFullOr(Throwable failure) {
		String full = diskFull(failure, new java.util.HashSet<>());
		return full != null ? full : String.valueOf(failure.getMessage());
	}

	private static String diskFull(Throwable t, java.util.Set<Throwable> seen) {
		if (t == null || !seen.add(t)) {
			return null;
		}
		String m = t.getMessage() == null ? "" : t.getMessage();
		for (String sign : List.of("No space left on device", "Disk quota exceeded", "File too large",
				"not enough space", "out of disk space")) {
			if (m.contains(sign)) {
				return DISK_FULL + "（" + sign + "）：请腾出磁盘空间后重新运行，已提交的部分不受影响。原始错误：" + m;
			}
		}
		for (Throwable s : t.getSuppressed()) {
			String found = diskFull(s, seen);
			if (found != null) {
				return found;
			}
		}
		return diskFull(t.getCause(), seen);
	}

	/** A private in-memory warehouse with the full schema, for tests and dry runs. */
	public static Warehouse inMemory() {
		try {
			return init(DriverManager.getConnection("jdbc:duckdb:", settings()), null);
		}
		catch (SQLException ex) {
			throw new WarehouseException("无法创建内存数据仓库：" + ex.getMessage(), ex);
		}
	}

	private static Properties settings() {
		// Timestamps are Asia/Shanghai wall-clock values stored as TIMESTAMP (no zone)
		// and bound as LocalDateTime, so
		// DuckDB never converts them. Setting "TimeZone" would need the icu extension,
		// which the JDBC jar does not bundle
		// and an offline deployment cannot download.
		return new Properties();
	}

	/**
	 * In a file of the 1.x line's storage formats, texts are not compressed with FSST
	 * (long unique texts, a ledger's 隐患描述, stored plain; texts that repeat keep
	 * dictionary compression): FSST's analysis and encoding in those formats made writing
	 * a million-row ledger's three large tables ≈ 1.5 CPU s (≈ 40 %) dearer than in the
	 * driver's own format, without it ≈ 0.4 CPU s; the file is larger (those tables 78 →
	 * 112 MB). Files in the driver's own format keep DuckDB's full compression.
	 */
	private static void withoutFsstInAnOlderFormat(Connection connection) throws SQLException {
		try (Statement st = connection.createStatement();
				ResultSet rs = st.executeQuery("select tags['storage_version'] like 'v1.%' from duckdb_databases()"
						+ " where database_name = current_database()")) {
			if (rs.next() && rs.getBoolean(1)) {
				st.execute("set disabled_compression_methods = 'fsst'");
			}
		}
	}

	private static Warehouse init(Connection connection, Path file) throws SQLException {
		Warehouse warehouse = new Warehouse(connection, file);
		warehouse.applySchema();
		return warehouse;
	}

	public Connection connection() {
		return connection;
	}

	/**
	 * Another connection to the same database, for work on another thread beside this
	 * connection's: its own transactions (DuckDB's, settled per row). Closing it leaves
	 * this one open.
	 */
	public Warehouse session() {
		try {
			return new Warehouse(connection.unwrap(DuckDBConnection.class).duplicate(), file);
		}
		catch (SQLException ex) {
			throw new WarehouseException("无法打开数据仓库的第二个连接：" + ex.getMessage(), ex);
		}
	}

	/** The warehouse file, or null for an in-memory warehouse. */
	public Path file() {
		return file;
	}

	/**
	 * Runs every {@code schema/*.sql} file listed in the index; the DDL is idempotent.
	 */
	public void applySchema() throws SQLException {
		if (FileVersions.listsUnscoped(connection)) {
			// written before lists had a scope: scoped and re-ranked whole, or not at all
			inTransaction(() -> FileVersions.scopeRecordedLists(this));
		}
		for (String script : index("schema/")) {
			executeScript(resource(script));
		}
	}

	/**
	 * Brings every staging view and mart table up to date, atomically: for what changed
	 * since the last build when the models and reference data are as then, else whole
	 * ({@link ModelBuild}).
	 */
	public Build buildModels() {
		Build[] done = new Build[1];
		inTransaction(() -> done[0] = new ModelBuild(this).upToDate());
		return done[0];
	}

	/** How {@link #buildModels()} brought the marts up to date. */
	public enum Build {

		/** every model rebuilt: first build, or the models or reference data changed */
		WHOLE,
		/** only the rows the intakes since the last build can have changed */
		INCREMENTAL,
		/** nothing changed since the last build */
		NOTHING_NEW

	}

	/** Rebuilds every staging view and mart table from the landing tables, atomically. */
	public void rebuildModels() {
		inTransaction(() -> new ModelBuild(this).rebuild());
	}

	/**
	 * Recreates only the staging views (cheap; they read the landing tables live), for
	 * steps that need no marts.
	 */
	public void buildStaging() {
		inTransaction(() -> {
			for (String model : index("staging/")) {
				materialize(model, "view");
			}
		});
	}

	void materialize(String model, String kind) throws SQLException {
		String name = modelName(model);
		try (Statement st = connection.createStatement()) {
			// A relation may change kind between versions: drop the other kind first.
			// DuckDB refuses
			// "drop table if exists" on a view (and vice versa), so look the relation up.
			String other = "view".equals(kind) ? "table" : "view";
			try (ResultSet rs = st.executeQuery("select count(*) from duckdb_" + other + "s() where " + other
					+ "_name = '" + name + "' and schema_name = 'main' and not temporary")) {
				rs.next();
				if (rs.getLong(1) > 0) {
					st.execute("drop " + other + " " + name);
				}
			}
			st.execute("create or replace " + kind + " " + name + " as\n" + resource(model));
		}
		catch (SQLException ex) {
			throw new WarehouseException("模型 " + model + " 构建失败：" + ex.getMessage(), ex);
		}
	}

	/** The relation name of a model file: its file name without {@code .sql}. */
	public static String modelName(String model) {
		String base = model.substring(model.lastIndexOf('/') + 1);
		return base.substring(0, base.length() - ".sql".length());
	}

	/** Entries of {@code warehouse/models.index} under a folder, in order. */
	public static List<String> index(String folder) {
		List<String> out = new ArrayList<>();
		for (String line : resource("models.index").split("\n")) {
			String entry = line.strip();
			if (!entry.isEmpty() && !entry.startsWith("#") && entry.startsWith(folder)) {
				out.add(entry);
			}
		}
		return out;
	}

	/** The text of a resource under {@code warehouse/}. */
	public static String resource(String path) {
		try (InputStream in = Warehouse.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + path)) {
			if (in == null) {
				throw new WarehouseException("缺少资源文件 " + RESOURCE_ROOT + path, null);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code text} as a SQL string literal, quotes doubled: for what DuckDB takes only as
	 * a constant (file paths of {@code copy}, {@code attach} and {@code read_csv},
	 * {@code set variable}), where no parameter can be bound.
	 */
	public static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	/**
	 * Executes a script of {@code ;}-terminated statements (no {@code ;} inside literals
	 * or comments).
	 */
	public void executeScript(String script) throws SQLException {
		// a script may drop and recreate what a kept statement was planned against
		forgetStatements();
		try (Statement st = connection.createStatement()) {
			for (String statement : statements(script)) {
				st.execute(statement);
			}
		}
	}

	static List<String> statements(String script) {
		List<String> out = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : script.split("\n")) {
			String code = line.contains("--") ? line.substring(0, line.indexOf("--")) : line;
			current.append(code).append('\n');
			if (code.strip().endsWith(";")) {
				String s = current.toString().strip();
				out.add(s.substring(0, s.length() - 1));
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			out.add(current.toString().strip());
		}
		return out;
	}

	/** Work that must be all-or-nothing. */
	@FunctionalInterface
	public interface SqlWork {

		void run() throws SQLException;

	}

	/**
	 * Runs {@code work} in one DuckDB transaction: a failure or a crash leaves the
	 * warehouse as before.
	 */
	public void inTransaction(SqlWork work) {
		try {
			boolean auto = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				work.run();
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				// after a failed write (a full disk) DuckDB may have ended the
				// transaction
				// already: the rollback's own failure must not hide the cause
				try {
					connection.rollback();
				}
				catch (SQLException rollback) {
					ex.addSuppressed(rollback);
				}
				throw ex;
			}
			finally {
				try {
					connection.setAutoCommit(auto);
				}
				catch (SQLException ignored) {
					// the connection is unusable; the failure above says why
				}
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("数据仓库事务失败：" + diskFullOr(ex), ex);
		}
	}

	/**
	 * A statement on {@link #connection} prepared once and kept for the next call with
	 * the same SQL: DuckDB's prepare (parse, bind, plan) costs more than a small query on
	 * a few rows, and the intake runs the same few statements for every file. Its
	 * parameters are cleared; the caller sets them, runs it and closes its result sets,
	 * but does not close the statement. Same threading as {@link #connection}.
	 */
	public PreparedStatement prepared(String sql) throws SQLException {
		PreparedStatement kept = statements.get(sql);
		if (kept != null && !kept.isClosed()) {
			kept.clearParameters();
			return kept;
		}
		PreparedStatement fresh = connection.prepareStatement(sql);
		statements.put(sql, fresh);
		return fresh;
	}

	private void forgetStatements() {
		for (PreparedStatement kept : statements.values()) {
			try {
				kept.close();
			}
			catch (SQLException ignored) {
				// prepared again when next asked for
			}
		}
		statements.clear();
	}

	@Override
	public void close() {
		forgetStatements();
		try {
			connection.close();
		}
		catch (SQLException ex) {
			throw new WarehouseException("关闭数据仓库失败：" + ex.getMessage(), ex);
		}
	}

}
