package org.anjian.jobs.crash;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * What a home holds that a crash must not change, in comparable form: every warehouse
 * table (rows in order, the columns that say when the run happened left out), every
 * export file (Parquet read back row by row, CSV as text), every outbox file (workbooks
 * read back cell by cell, manifests without {@code generated_at}), and the home's files
 * that are neither (temp files left behind would show here).
 */
final class HomeContents {

	private HomeContents() {
	}

	/** Relative path (or {@code table:<name>}) → its content as text. */
	static Map<String, String> of(Path home) {
		Map<String, String> out = new TreeMap<>();
		try {
			warehouse(home, out);
			try (Stream<Path> walk = Files.walk(home)) {
				for (Path f : walk.filter(Files::isRegularFile).toList()) {
					String rel = home.relativize(f).toString().replace('\\', '/');
					if (rel.startsWith("exports/") || rel.startsWith("outbox/")) {
						out.put(rel, content(f));
					}
					else if (!rel.startsWith("batch/") && !rel.equals(".lock")) {
						// warehouse.duckdb, analyst/…: present or not (bytes differ by
						// nature)
						out.put(rel, "(file)");
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return out;
	}

	/**
	 * The entries that differ: missing, extra or changed (with the first differing line),
	 * empty when equal.
	 */
	static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
		List<String> out = new ArrayList<>();
		for (String key : new java.util.TreeSet<>(expected.keySet())) {
			if (!actual.containsKey(key)) {
				out.add("missing " + key);
			}
			else if (!actual.get(key).equals(expected.get(key))) {
				String[] a = expected.get(key).split("\n");
				String[] b = actual.get(key).split("\n");
				int i = 0;
				while (i < Math.min(a.length, b.length) && a[i].equals(b[i])) {
					i++;
				}
				out.add("changed " + key + " at line " + i + ": expected " + (i < a.length ? a[i] : "(end)")
						+ " but was " + (i < b.length ? b[i] : "(end)"));
			}
		}
		for (String key : actual.keySet()) {
			if (!expected.containsKey(key)) {
				out.add("extra " + key);
			}
		}
		return out;
	}

	private static void warehouse(Path home, Map<String, String> out) throws SQLException {
		Properties ro = new Properties();
		ro.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"), ro);
				Statement st = c.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = st.executeQuery(
					"select table_name from information_schema.tables where table_type = 'BASE TABLE' order by 1")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			for (String table : tables) {
				out.put("table:" + table, rows(st, "select * from \"" + table + "\""));
			}
		}
	}

	/**
	 * Columns that say when a run happened, not what it did: {@code ingested_at}, the
	 * annotated workbooks' {@code written_at}, the model build's {@code built_at} and its
	 * copy of each audit_file row's hash ({@code row_hash}, which covers ingested_at).
	 */
	private static final java.util.Set<String> WHEN_THE_RUN_HAPPENED = java.util.Set.of("ingested_at", "written_at",
			"built_at", "row_hash");

	/**
	 * The rows of a query, the columns of {@link #WHEN_THE_RUN_HAPPENED} left out,
	 * sorted.
	 */
	private static String rows(Statement st, String query) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (ResultSet rs = st.executeQuery(query)) {
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= n; i++) {
					String column = rs.getMetaData().getColumnLabel(i);
					if (!WHEN_THE_RUN_HAPPENED.contains(column.toLowerCase(java.util.Locale.ROOT))) {
						row.append(rs.getString(i)).append('|');
					}
				}
				rows.add(row.toString());
			}
		}
		rows.sort(null);
		return rows.size() + " rows\n" + String.join("\n", rows);
	}

	private static String content(Path f) throws IOException, SQLException {
		String name = f.getFileName().toString();
		if (name.endsWith(".parquet")) {
			try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
				return rows(st, "select * from read_parquet('" + f.toString().replace("'", "''") + "')");
			}
		}
		if (name.endsWith(".xlsx")) {
			StringBuilder text = new StringBuilder();
			DataFormatter format = new DataFormatter();
			try (InputStream in = Files.newInputStream(f); Workbook wb = WorkbookFactory.create(in)) {
				for (Sheet sheet : wb) {
					text.append("## ").append(sheet.getSheetName()).append('\n');
					for (Row row : sheet) {
						for (Cell cell : row) {
							text.append(cell.getAddress()).append('=').append(format.formatCellValue(cell)).append(' ');
						}
						text.append('\n');
					}
				}
			}
			return text.toString();
		}
		String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
		if (name.equals("manifest.json")) {
			// when it was written, and the workbook's checksum (its zip entries carry
			// their write time): compared by content above
			text = text.replaceAll("\"generated_at\"\\s*:\\s*\"[^\"]*\"", "\"generated_at\": \"-\"")
				.replaceAll("\"sha256\"\\s*:\\s*\"[^\"]*\"", "\"sha256\": \"-\"");
		}
		return text;
	}

}
