package org.anjian.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The loading floor: the ledger's rows, made in memory from the same seed (no file read),
 * appended as 15 VARCHAR columns into a table of a DuckDB file through the Appender; the
 * clock runs until the connection is closed, so the rows are on disk.
 */
final class AppenderLoad implements BenchWorkload {

	@Override
	public String name() {
		return "appender-load";
	}

	@Override
	public String description() {
		return "内存中造同样的行，DuckDB Appender 写入 15 个 VARCHAR 列（入库下限）";
	}

	private LedgerVocabulary vocabulary;

	@Override
	public void prepare(Run run) throws Exception {
		vocabulary = new LedgerVocabulary(run.seed(), LedgerWorkbookGenerator.ENTERPRISES);
		// loading the native library (and unpacking it to the temp folder) is start-up,
		// not loading
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
			c.createStatement().close();
		}
	}

	@Override
	public long run(Run run) throws Exception {
		LedgerVocabulary v = vocabulary;
		HazardRecord record = new HazardRecord(v, run.seed() + 1);
		// dates as text, made once: 2024 plus some margin either side
		String[] dates = new String[800];
		long firstDay = LedgerDates.FIRST_FOUND.toEpochDay() - 100;
		for (int d = 0; d < dates.length; d++) {
			dates[d] = LocalDate.ofEpochDay(firstDay + d).toString();
		}
		String[] funds = new String[2_100_000 / 100 + 1];
		long loaded;
		try (DuckDBConnection connection = (DuckDBConnection) DriverManager
			.getConnection("jdbc:duckdb:" + run.scratch().resolve("appender.duckdb"))) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("create table hazard_ledger (enterprise_name varchar, uscc varchar, township varchar, "
						+ "industry varchar, description varchar, level varchar, found_on varchar, source varchar, "
						+ "measures varchar, responsible varchar, funds_wan varchar, deadline varchar, status varchar, "
						+ "rectified_on varchar, remarks varchar)");
			}
			// one transaction per ledger, as an ingest of one file would be; the Appender
			// flushes every 2048 rows
			connection.setAutoCommit(false);
			try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA,
					"hazard_ledger")) {
				for (int i = 0; i < run.rows(); i++) {
					HazardRecord r = record.next(HazardRecord.Fault.NONE);
					LedgerVocabulary.Enterprise e = r.enterprise();
					appender.beginRow();
					appender.append(v.text(e.name()));
					appender.append(v.text(e.uscc()));
					appender.append(v.text(e.township()));
					appender.append(v.text(e.industry()));
					appender.append(v.text(v.descriptions[r.description]));
					appender.append(v.text(r.level));
					appender.append(dates[(int) (r.foundOn - firstDay)]);
					appender.append(v.text(r.source));
					appender.append(v.text(r.measures));
					appender.append(v.text(r.responsible));
					appendOrNull(appender, r.fundsCents == HazardRecord.NONE ? null : fundsText(funds, r.fundsCents));
					appender.append(dates[(int) (r.deadline - firstDay)]);
					appender.append(v.text(r.status));
					appendOrNull(appender,
							r.rectifiedOn == HazardRecord.NONE ? null : dates[(int) (r.rectifiedOn - firstDay)]);
					appendOrNull(appender, r.remarks == HazardRecord.NONE ? null : v.text(r.remarks));
					appender.endRow();
				}
			}
			connection.commit();
			try (Statement count = connection.createStatement();
					ResultSet rs = count.executeQuery("select count(*) from hazard_ledger")) {
				rs.next();
				loaded = rs.getLong(1);
			}
		}
		return loaded;
	}

	private static void appendOrNull(DuckDBAppender appender, String value) throws java.sql.SQLException {
		if (value == null) {
			appender.appendNull();
		}
		else {
			appender.append(value);
		}
	}

	/**
	 * Funds as a reader would pass them on, e.g. 12.35; cached per whole 万元 step to keep
	 * formatting out of the floor.
	 */
	private static String fundsText(String[] cache, int hundredths) {
		int slot = hundredths / 100;
		String whole = cache[slot];
		if (whole == null) {
			whole = cache[slot] = Integer.toString(slot);
		}
		int cents = hundredths % 100;
		return cents == 0 ? whole : whole + (cents < 10 ? ".0" : ".") + cents;
	}

}
