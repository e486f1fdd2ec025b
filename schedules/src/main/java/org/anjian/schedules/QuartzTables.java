package org.anjian.schedules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates Quartz's job store tables when they are missing, from the scripts the Quartz
 * jar ships ({@code org/quartz/impl/jdbcjobstore/tables_h2.sql},
 * {@code tables_postgres.sql}).
 *
 * <p>
 * Those scripts start by dropping the tables, so they are run only when none of the
 * tables exists, without their {@code DROP} statements, in one transaction; on PostgreSQL
 * under an advisory lock so two nodes starting together do not both create them.
 */
final class QuartzTables {

	static final List<String> TABLES = List.of("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS",
			"QRTZ_CRON_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS",
			"QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_FIRED_TRIGGERS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS");

	/**
	 * Arbitrary, fixed key of the PostgreSQL advisory lock held while creating the
	 * tables.
	 */
	private static final long ADVISORY_LOCK = 0x616e6a69616eL;

	private QuartzTables() {
	}

	/** Creates the tables unless they exist; true when it created them. */
	static boolean ensure(String url, String user, String password) throws SQLException {
		boolean postgres = url.startsWith("jdbc:postgresql:");
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			connection.setAutoCommit(false);
			try {
				if (postgres) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("select pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
					}
				}
				int present = present(connection);
				if (present == TABLES.size()) {
					connection.rollback();
					return false;
				}
				if (present > 0) {
					throw new SQLException("Quartz 作业库只有部分表（" + present + "/" + TABLES.size() + "），请检查数据库 " + url);
				}
				try (Statement statement = connection.createStatement()) {
					for (String sql : statements(postgres ? "tables_postgres.sql" : "tables_h2.sql")) {
						statement.execute(sql);
					}
				}
				connection.commit();
				return true;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
	}

	/**
	 * For reading: true when every table exists, false when none does (nothing was ever
	 * registered); a part of them is an error, as for {@link #ensure}.
	 */
	static boolean complete(Connection connection, String url) throws SQLException {
		int present = present(connection);
		if (present > 0 && present < TABLES.size()) {
			throw new SQLException("Quartz 作业库只有部分表（" + present + "/" + TABLES.size() + "），请检查数据库 " + url);
		}
		return present == TABLES.size();
	}

	private static int present(Connection connection) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		int present = 0;
		for (String table : TABLES) {
			String name = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
			try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), name,
					new String[] { "TABLE" })) {
				if (rs.next()) {
					present++;
				}
			}
		}
		return present;
	}

	/** The script's statements without comments, DROPs and COMMIT. */
	static List<String> statements(String script) {
		String text;
		try (InputStream in = QuartzTables.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + script)) {
			if (in == null) {
				throw new IllegalStateException("Quartz jar has no " + script);
			}
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		List<String> statements = new ArrayList<>();
		for (String raw : text.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
			String sql = raw.strip();
			String head = sql.toUpperCase(Locale.ROOT);
			if (!sql.isEmpty() && !head.startsWith("DROP ") && !head.equals("COMMIT")) {
				statements.add(sql);
			}
		}
		return statements;
	}

}
