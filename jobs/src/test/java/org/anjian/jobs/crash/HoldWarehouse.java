package org.anjian.jobs.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/**
 * Another process holding {@code warehouse.duckdb} open for writing (as a running job
 * does, or an analyst's DuckDB session opened on the warehouse by mistake) until its
 * stdin closes. {@link #start} returns once the file is held.
 */
public final class HoldWarehouse {

	private HoldWarehouse() {
	}

	public static void main(String[] args) throws Exception {
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
			c.createStatement().execute("create table if not exists held (x int)");
			System.out.println("held");
			System.out.flush();
			while (System.in.read() >= 0) {
				// until the parent closes our stdin
			}
		}
	}

	/** A child JVM holding {@code file}; close it (destroy) when done. */
	static Process start(Path file) {
		try {
			Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
					HoldWarehouse.class.getName(), file.toString()))
				.redirectErrorStream(true)
				.start();
			String line = new java.io.BufferedReader(
					new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
			if (!"held".equals(line)) {
				p.destroyForcibly();
				throw new IllegalStateException("holder did not start: " + line);
			}
			return p;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
