package org.anjian.writers.lists;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.warehouse.Warehouse;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The measurement behind writers/README.md "Loading lists": N generated hazard rows (16
 * text columns) into {@code raw_hazard_ledger} of a fresh warehouse file, by several bulk
 * paths, each committed. Not a test; run with
 * {@code java -cp <test classpath> org.anjian.writers.lists.ListLoadBenchmark 1000000}.
 */
public final class ListLoadBenchmark {

	private ListLoadBenchmark() {
	}

	/**
	 * Deterministic rows shaped like a township ledger: Chinese text, dates, codes, some
	 * nulls.
	 */
	static void generate(int n, Consumer<ListRow> sink) {
		String[] names = new String[5000];
		String[] codes = new String[5000];
		for (int e = 0; e < names.length; e++) {
			names[e] = "四川省鹤鸣县第" + e + "号化工有限公司";
			codes[e] = e % 7 == 0 ? null : "91510000MA6C" + (10000 + e) + "X";
		}
		String[] dates = new String[108];
		for (int d = 0; d < dates.length; d++) {
			dates[d] = "2024-0" + (4 + d % 6) + "-" + (10 + d % 18);
		}
		String[] funds = new String[50];
		for (int f = 0; f < funds.length; f++) {
			funds[f] = f + ".5";
		}
		String[] levels = { "general", "general", "general", "major" };
		String[] statuses = { "rectified", "in_progress", "not_started" };
		for (int i = 0; i < n; i++) {
			int e = i % 5000;
			sink.accept(new ListRow(i + 4,
					new String[] { names[e], codes[e], "桃源镇", "应急管理", "储罐区可燃气体报警装置未定期检验，第" + i + "项", levels[i % 4],
							dates[i % 108], i % 3 == 0 ? "enforcement" : "self_check", "立即停用并委托检验机构检验", "张三",
							funds[i % 50], "2024-10-31", statuses[i % 3], i % 3 == 0 ? "2024-09-30" : null, "已制定",
							null },
					List.of()));
		}
	}

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
		Path root = Files.createTempDirectory("list-bench");
		try {
			for (int round = 1; round <= rounds; round++) {
				long[] sink = new long[1];
				reportCpu = cpu();
				long t0 = System.nanoTime();
				generate(n, r -> sink[0] += r.values().length);
				report(round, "generate rows only (the 'reader')", t0, n);

				Path db = root.resolve("a" + round + ".duckdb");
				try (Warehouse w = Warehouse.open(db)) {
					reportCpu = cpu();
					t0 = System.nanoTime();
					appendInline(w, n);
					report(round, "Appender, same thread, String columns", t0, n);
				}
				db = root.resolve("b" + round + ".duckdb");
				try (Warehouse w = Warehouse.open(db)) {
					reportCpu = cpu();
					t0 = System.nanoTime();
					ListWriter writer = new ListWriter(w);
					try (ListLoad load = writer.open(new ListFile("bench", "bench.xlsx",
							LocalDateTime.of(2024, 10, 1, 9, 0), 0, "xlsx", ListKind.HAZARD_LEDGER, "T1", null))) {
						generate(n, load::row);
						load.commit();
					}
					report(round, "ListWriter: reader thread writes staging chunks, loader thread read_csv per chunk",
							t0, n);
					reportCpu = cpu();
					t0 = System.nanoTime();
					w.buildModels();
					report(round, "then Warehouse.buildModels() over those rows", t0, n);
				}
				db = root.resolve("c" + round + ".duckdb");
				try (Warehouse w = Warehouse.open(db)) {
					reportCpu = cpu();
					t0 = System.nanoTime();
					csvThenCopy(w, root.resolve("c" + round + ".csv"), n);
					report(round, "temp CSV written by Java, then COPY FROM", t0, n);
				}
				db = root.resolve("e" + round + ".duckdb");
				try (Warehouse w = Warehouse.open(db)) {
					reportCpu = cpu();
					t0 = System.nanoTime();
					packedRows(w, n);
					report(round, "Appender, one packed VARCHAR per row, split in SQL", t0, n);
				}
				db = root.resolve("f" + round + ".duckdb");
				try (Warehouse w = Warehouse.open(db)) {
					reportCpu = cpu();
					t0 = System.nanoTime();
					packedBatches(w, n, 4096);
					report(round, "Appender, one packed VARCHAR per 4096 rows, split in SQL", t0, n);
				}
				db = root.resolve("d" + round + ".duckdb");
				try (Warehouse w = Warehouse.open(db)) {
					try (Statement st = w.connection().createStatement()) {
						st.execute("drop table raw_hazard_ledger");
						st.execute(Warehouse.resource("schema/V004__lists.sql")
							.lines()
							.dropWhile(l -> !l.startsWith("create table if not exists raw_hazard_ledger"))
							.takeWhile(l -> !l.startsWith(");"))
							.reduce("", (a, b) -> a + b.replaceAll("--.*", "") + "\n")
								+ ", primary key (sha256, row_number))");
					}
					reportCpu = cpu();
					t0 = System.nanoTime();
					appendInline(w, n);
					report(round, "Appender, same thread, table with primary key", t0, n);
				}
				try (Stream<Path> files = Files.list(root)) {
					for (Path p : files.filter(p -> p.toString().endsWith(".duckdb")).toList()) {
						System.out.printf("  %s: %,d bytes%n", p.getFileName(), Files.size(p));
					}
				}
				deleteAll(root, false);
			}
		}
		finally {
			deleteAll(root, true);
		}
	}

	static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static void appendInline(Warehouse w, int n) throws Exception {
		long start = System.nanoTime();
		long cpu0 = cpu();
		Connection c = w.connection();
		c.setAutoCommit(false);
		try (Statement st = c.createStatement()) {
			st.execute("select 1");
		}
		try (DuckDBAppender a = c.unwrap(DuckDBConnection.class)
			.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw_hazard_ledger")) {
			Exception[] failure = new Exception[1];
			generate(n, row -> {
				try {
					a.beginRow().append("bench").append(row.rowNumber());
					for (String v : row.values()) {
						if (v == null) {
							a.appendNull();
						}
						else {
							a.append(v);
						}
					}
					a.endRow();
				}
				catch (Exception ex) {
					failure[0] = ex;
				}
			});
			if (failure[0] != null) {
				throw failure[0];
			}
			System.out.printf("    appended in %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
					(cpu() - cpu0) / 1e9);
		}
		System.out.printf("    flushed at %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
				(cpu() - cpu0) / 1e9);
		c.commit();
		System.out.printf("    committed at %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
				(cpu() - cpu0) / 1e9);
		c.setAutoCommit(true);
		check(w, n);
	}

	/**
	 * Each row's 16 values joined by U+001F (U+001E standing for NULL): one native call
	 * per row, not 16.
	 */
	static void packedRows(Warehouse w, int n) throws Exception {
		long start = System.nanoTime();
		long cpu0 = cpu();
		Connection c = w.connection();
		c.setAutoCommit(false);
		try (Statement st = c.createStatement()) {
			st.execute("create temp table packed (row_number integer, line varchar)");
		}
		try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("temp", "main", "packed")) {
			Exception[] failure = new Exception[1];
			StringBuilder line = new StringBuilder(512);
			generate(n, row -> {
				line.setLength(0);
				String[] values = row.values();
				for (int i = 0; i < values.length; i++) {
					if (i > 0) {
						line.append('\u001F');
					}
					line.append(values[i] == null ? "\u001E" : values[i]);
				}
				try {
					a.beginRow().append(row.rowNumber()).append(line.toString()).endRow();
				}
				catch (Exception ex) {
					failure[0] = ex;
				}
			});
			if (failure[0] != null) {
				throw failure[0];
			}
		}
		System.out.printf("    appended in %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
				(cpu() - cpu0) / 1e9);
		StringBuilder select = new StringBuilder("insert into raw_hazard_ledger select 'bench', row_number");
		for (int i = 1; i <= 16; i++) {
			select.append(", nullif(parts[").append(i).append("], chr(30))");
		}
		select.append(" from (select row_number, string_split(line, chr(31)) as parts from packed)");
		try (Statement st = c.createStatement()) {
			st.execute(select.toString());
			System.out.printf("    expanded at %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
					(cpu() - cpu0) / 1e9);
			st.execute("drop table packed");
		}
		c.commit();
		c.setAutoCommit(true);
		System.out.printf("    committed at %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
				(cpu() - cpu0) / 1e9);
		check(w, n);
	}

	/**
	 * Rows joined by U+001D, each row's row number and values by U+001F (U+001E for
	 * NULL): one native call per batch.
	 */
	static void packedBatches(Warehouse w, int n, int batch) throws Exception {
		long start = System.nanoTime();
		long cpu0 = cpu();
		Connection c = w.connection();
		c.setAutoCommit(false);
		try (Statement st = c.createStatement()) {
			st.execute("create temp table packed (lines varchar)");
		}
		try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("temp", "main", "packed")) {
			Exception[] failure = new Exception[1];
			StringBuilder lines = new StringBuilder(1 << 20);
			int[] count = new int[1];
			generate(n, row -> {
				if (count[0] > 0) {
					lines.append('\u001D');
				}
				lines.append(row.rowNumber());
				for (String v : row.values()) {
					lines.append('\u001F').append(v == null ? "\u001E" : v);
				}
				if (++count[0] == batch) {
					try {
						a.beginRow().append(lines.toString()).endRow();
					}
					catch (Exception ex) {
						failure[0] = ex;
					}
					lines.setLength(0);
					count[0] = 0;
				}
			});
			if (count[0] > 0) {
				a.beginRow().append(lines.toString()).endRow();
			}
			if (failure[0] != null) {
				throw failure[0];
			}
		}
		System.out.printf("    appended in %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
				(cpu() - cpu0) / 1e9);
		StringBuilder select = new StringBuilder(
				"insert into raw_hazard_ledger select 'bench', cast(parts[1] as integer)");
		for (int i = 2; i <= 17; i++) {
			select.append(", nullif(parts[").append(i).append("], chr(30))");
		}
		select.append(
				" from (select string_split(line, chr(31)) as parts from (select unnest(string_split(lines, chr(29))) as line from packed))");
		try (Statement st = c.createStatement()) {
			st.execute(select.toString());
			System.out.printf("    expanded at %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
					(cpu() - cpu0) / 1e9);
			st.execute("drop table packed");
		}
		c.commit();
		c.setAutoCommit(true);
		System.out.printf("    committed at %.2f s (cpu %.2f s)%n", (System.nanoTime() - start) / 1e9,
				(cpu() - cpu0) / 1e9);
		check(w, n);
	}

	static void csvThenCopy(Warehouse w, Path csv, int n) throws Exception {
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			StringBuilder line = new StringBuilder(512);
			Exception[] failure = new Exception[1];
			generate(n, row -> {
				line.setLength(0);
				line.append("bench,").append(row.rowNumber());
				for (String v : row.values()) {
					line.append(',');
					if (v != null) {
						line.append('"').append(v.replace("\"", "\"\"")).append('"');
					}
				}
				line.append('\n');
				try {
					out.append(line);
				}
				catch (Exception ex) {
					failure[0] = ex;
				}
			});
			if (failure[0] != null) {
				throw failure[0];
			}
		}
		try (Statement st = w.connection().createStatement()) {
			st.execute("copy raw_hazard_ledger from '" + csv + "' (format csv, header false, quote '\"')");
		}
		check(w, n);
	}

	static void check(Warehouse w, int n) throws Exception {
		try (Statement st = w.connection().createStatement();
				ResultSet rs = st.executeQuery("select count(*) from raw_hazard_ledger")) {
			rs.next();
			if (rs.getLong(1) != n) {
				throw new IllegalStateException("expected " + n + " rows, found " + rs.getLong(1));
			}
		}
	}

	static long reportCpu = cpu();

	static void report(int round, String what, long t0, int n) {
		double s = (System.nanoTime() - t0) / 1e9;
		long now = cpu();
		System.out.printf("round %d  %-55s %6.2f s wall  %6.2f s cpu  %,10.0f rows/s%n", round, what, s,
				(now - reportCpu) / 1e9, n / s);
		reportCpu = now;
	}

	static void deleteAll(Path root, boolean andRoot) throws Exception {
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				if (andRoot || !p.equals(root)) {
					Files.deleteIfExists(p);
				}
			}
		}
	}

}
