package org.anjian.jobs.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An analyst in a process of its own, as the DuckDB CLI or DBeaver would be: it opens the
 * published snapshot read-only and keeps asking the same question until its stdin closes.
 * Mode {@code held} asks on the one connection it opened at start; mode {@code fresh}
 * opens a connection for each question (the DuckDB driver shares one database instance
 * between the connections of a process, so a process that still holds a connection keeps
 * seeing the snapshot it opened). Each answer is a line
 * {@code <mode> <files> <cutoff rows>}; a failure is a line starting {@code error}.
 */
public final class AnalystSession {

	static final String QUESTION = "select (select count(*) from audit_file) || ' ' || (select count(*) from rollup_cutoff)";

	private AnalystSession() {
	}

	public static void main(String[] args) throws Exception {
		String url = "jdbc:duckdb:" + args[0];
		boolean held = "held".equals(args[1]);
		Thread stop = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// wait for the parent to close our stdin
				}
			}
			catch (IOException ex) {
				// parent gone: stop as well
			}
			System.exit(0);
		});
		stop.setDaemon(true);
		try (Connection first = DriverManager.getConnection(url, readOnly())) {
			System.out.println("ready " + ask(first));
		}
		System.out.flush();
		stop.start();
		Connection connection = held ? DriverManager.getConnection(url, readOnly()) : null;
		while (true) {
			String line;
			try {
				if (held) {
					line = "held " + ask(connection);
				}
				else {
					try (Connection fresh = DriverManager.getConnection(url, readOnly())) {
						line = "fresh " + ask(fresh);
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				line = "error " + ex.getMessage().replace('\n', ' ');
			}
			System.out.println(line);
			System.out.flush();
			Thread.sleep(20);
		}
	}

	private static Properties readOnly() {
		Properties props = new Properties();
		props.setProperty("duckdb.read_only", "true");
		return props;
	}

	private static String ask(Connection connection) throws SQLException {
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(QUESTION)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
