package org.anjian.jobs.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.anjian.warehouse.CrashPoints;

/**
 * Opens the job repository's database so that no kill leaves it unusable.
 *
 * <ul>
 * <li>Embedded H2 ({@code <home>/batch/jobs.mv.db}): a new store is created aside, in
 * {@code batch/.jobs-new-<uuid>.mv.db}, with Spring Batch's whole schema, checked, shut
 * down and then renamed into place; {@code jobs.mv.db} therefore exists only with the
 * whole schema. A kill during creation leaves only an aside file, removed by the next
 * run. {@code WRITE_DELAY=0}: each commit is written to the file before the commit
 * returns (H2 otherwise writes up to 500 ms later, so a kill -9 lost the last commits,
 * e.g. a new execution of an instance already recorded).</li>
 * <li>PostgreSQL: the missing objects are created in one transaction.</li>
 * <li>Either way the schema is checked whole at start-up; a store left incomplete by an
 * older version (a kill between two of its statements) is completed: the statements
 * creating the missing tables and sequences are run.</li>
 * <li>{@code status} ({@link #forReading}) never creates or repairs: with no store yet,
 * or an incomplete one, it lists no jobs; on a home it cannot write, H2 opens the file
 * read-only (no lock file, no {@code AUTO_SERVER}).</li>
 * </ul>
 */
public final class JobRepositoryStore {

	/** Leftovers of a creation that was killed; removed at the next start. */
	static final String ASIDE_PREFIX = ".jobs-new-";

	private static final Pattern CREATE = Pattern
		.compile("(?is)^\\s*CREATE\\s+(TABLE|SEQUENCE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");

	private JobRepositoryStore() {
	}

	/**
	 * The job repository a job runs against: {@code url} blank, the embedded store under
	 * {@code batchDir}; else the external one ({@code ANJIAN_BATCH_URL}). Created or
	 * completed as needed. The Spring context's {@code batchDataSource} and the
	 * {@code rollup} command without a context both open it here.
	 */
	public static HikariDataSource open(Path batchDir, String url, String user, String password) throws SQLException {
		return url.isBlank() ? embedded(batchDir) : external(url, user, password, false);
	}

	static HikariDataSource embedded(Path batchDir) throws SQLException {
		Path base = batchDir.resolve("jobs").toAbsolutePath();
		Path file = batchDir.resolve("jobs.mv.db");
		try {
			Files.createDirectories(batchDir);
			removeAsideLeftovers(batchDir);
			if (!Files.exists(file)) {
				createAside(batchDir, file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法建立作业库 " + file + "：" + ex.getMessage(), ex);
		}
		HikariDataSource ds = pool("jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", null);
		complete(ds, "schema-h2.sql");
		return ds;
	}

	/**
	 * A plain connection for {@code status}, which starts no pool and no Spring Batch:
	 * the embedded store as {@link #embedded} opens it for reading (through the running
	 * job's {@code AUTO_SERVER}, or read-only on a home it cannot write), or the external
	 * one. Null when there is no store yet or its schema is incomplete: status then lists
	 * no jobs and creates or repairs nothing.
	 */
	public static Connection forReading(Path batchDir, String url, String user, String password) throws SQLException {
		Connection c;
		if (url.isBlank()) {
			Path file = batchDir.resolve("jobs.mv.db");
			if (!Files.exists(file)) {
				return null;
			}
			boolean writable = Files.isWritable(batchDir) && Files.isWritable(file);
			c = DriverManager.getConnection("jdbc:h2:file:" + batchDir.resolve("jobs").toAbsolutePath()
					+ (writable ? ";AUTO_SERVER=TRUE" : ";ACCESS_MODE_DATA=r"), "sa", "");
		}
		else {
			java.util.Properties login = new java.util.Properties();
			if (!user.isBlank()) {
				login.setProperty("user", user);
			}
			if (!password.isBlank()) {
				login.setProperty("password", password);
			}
			c = DriverManager.getConnection(url, login);
		}
		if (!missing(c).isEmpty()) {
			c.close();
			return null;
		}
		return c;
	}

	public static HikariDataSource external(String url, String user, String password, boolean readOnly)
			throws SQLException {
		HikariDataSource ds = pool(url, user.isBlank() ? null : user, password.isBlank() ? null : password);
		String script;
		try (Connection c = ds.getConnection()) {
			script = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
					? "schema-postgresql.sql" : "schema-h2.sql";
		}
		if (!readOnly) {
			complete(ds, script);
		}
		return ds;
	}

	private static HikariDataSource pool(String url, String user, String password) {
		HikariDataSource ds = new HikariDataSource();
		ds.setPoolName("anjian-batch");
		ds.setMaximumPoolSize(4);
		ds.setJdbcUrl(url);
		ds.setUsername(user);
		ds.setPassword(password);
		return ds;
	}

	/**
	 * Creates the whole schema in {@code batch/.jobs-new-<uuid>}, then renames it to
	 * {@code jobs.mv.db}.
	 */
	private static void createAside(Path batchDir, Path target) throws IOException, SQLException {
		Path aside = batchDir.resolve(ASIDE_PREFIX + UUID.randomUUID()).toAbsolutePath();
		try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + aside + ";WRITE_DELAY=0", "sa", "");
				Statement st = c.createStatement()) {
			for (String statement : statements("schema-h2.sql")) {
				st.execute(statement);
				CrashPoints.reach("batch-schema");
			}
			Set<String> missing = missing(c);
			if (!missing.isEmpty()) {
				throw new SQLException("作业库建表不完整，缺少 " + missing);
			}
			st.execute("SHUTDOWN");
		}
		Path created = aside.resolveSibling(aside.getFileName() + ".mv.db");
		Files.move(created, target, StandardCopyOption.ATOMIC_MOVE);
		org.anjian.writers.exports.AtomicFiles.fsync(batchDir);
	}

	private static void removeAsideLeftovers(Path batchDir) throws IOException {
		try (Stream<Path> files = Files.list(batchDir)) {
			for (Path f : files.filter(f -> f.getFileName().toString().startsWith(ASIDE_PREFIX)).toList()) {
				Files.deleteIfExists(f);
			}
		}
	}

	/** PostgreSQL advisory lock key held while the job repository's schema is created. */
	private static final long SCHEMA_LOCK = 0x616e6a69616eL;

	/**
	 * Checks the schema whole and creates what is missing, in one transaction (an older
	 * version's kill between two statements left a part).
	 */
	private static void complete(DataSource ds, String script) throws SQLException {
		try (Connection c = ds.getConnection()) {
			if (missing(c).isEmpty()) {
				return;
			}
			boolean auto = c.getAutoCommit();
			c.setAutoCommit(false);
			try (Statement st = c.createStatement()) {
				if (script.equals("schema-postgresql.sql")) {
					// Processes starting together (remote workers) would race in
					// PostgreSQL's
					// catalog creating the same tables: one waits here, then finds them
					// made.
					st.execute("select pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
				}
				Set<String> missing = missing(c);
				for (Map.Entry<String, String> e : objects(script).entrySet()) {
					if (missing.contains(e.getKey())) {
						st.execute(e.getValue());
						CrashPoints.reach("batch-schema");
					}
				}
				c.commit();
			}
			catch (SQLException ex) {
				c.rollback();
				throw ex;
			}
			finally {
				c.setAutoCommit(auto);
			}
			Set<String> still = missing(c);
			if (!still.isEmpty()) {
				throw new SQLException("作业库表结构不完整，无法补建：缺少 " + still);
			}
		}
	}

	private static Set<String> missing(DataSource ds) throws SQLException {
		try (Connection c = ds.getConnection()) {
			return missing(c);
		}
	}

	/** The schema's tables and sequences that the database lacks (upper case). */
	static Set<String> missing(Connection c) throws SQLException {
		Set<String> expected = new TreeSet<>(objects("schema-h2.sql").keySet());
		try (Statement st = c.createStatement()) {
			for (String sql : List.of(
					"select upper(table_name) from information_schema.tables where upper(table_schema) = upper(current_schema)",
					"select upper(sequence_name) from information_schema.sequences where upper(sequence_schema) = upper(current_schema)")) {
				try (ResultSet rs = st.executeQuery(sql)) {
					while (rs.next()) {
						expected.remove(rs.getString(1));
					}
				}
			}
		}
		return expected;
	}

	/** Each table or sequence the script creates (upper case), with its statement. */
	static Map<String, String> objects(String script) {
		Map<String, String> out = new LinkedHashMap<>();
		for (String statement : statements(script)) {
			Matcher m = CREATE.matcher(statement);
			if (!m.find()) {
				throw new IllegalStateException("作业库建表脚本 " + script + " 含有无法识别的语句：" + statement);
			}
			out.put(m.group(2).toUpperCase(Locale.ROOT), statement);
		}
		return out;
	}

	static List<String> statements(String script) {
		String text;
		try (InputStream in = JobRepositoryStore.class.getClassLoader()
			.getResourceAsStream("org/springframework/batch/core/" + script)) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		StringBuilder code = new StringBuilder();
		for (String line : text.split("\n")) {
			if (!line.strip().startsWith("--")) {
				code.append(line).append('\n');
			}
		}
		List<String> out = new ArrayList<>();
		for (String s : code.toString().split(";")) {
			if (!s.isBlank()) {
				out.add(s.strip());
			}
		}
		return out;
	}

}
