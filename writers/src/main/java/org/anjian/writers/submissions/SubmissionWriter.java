package org.anjian.writers.submissions;

import org.anjian.writers.feedback.AuditExplanations;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.MeasureCatalog;
import org.anjian.warehouse.MeasureCatalog.Measure;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.ledger.AuditLedger;
import org.anjian.warehouse.FileVersions;
import org.anjian.warehouse.FileVersions.Scope;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Lands accepted tables in {@code land_submission_line} and records every audited inbox
 * file in the {@link AuditLedger}, one DuckDB transaction per file, so a crash never
 * leaves half a file behind.
 *
 * <p>
 * Versions (CONTRACT.md "A later accepted table … supersedes the earlier one"): after
 * landing, the ledger re-ranks every accepted table of the same submitter × campaign ×
 * month ({@link Scope#summary}). A file already recorded under the same path is skipped,
 * which makes re-ingesting an inbox a no-op.
 */
public class SubmissionWriter implements ItemWriter<AuditedFile> {

	/**
	 * Columns of land_submission_line (and land_submission_month_line) before the
	 * measures, in table order.
	 */
	private static final List<String> LINE_KEYS = List.of("sha256", "sheet", "row_number", "submitter_code", "campaign",
			"period", "region_code", "industry_code", "received_at");

	private final Warehouse warehouse;

	private final Clock clock;

	private final MeasureCatalog measures = MeasureCatalog.standard();

	/**
	 * The landing tables' columns, looked up once: the schema is set when the warehouse
	 * opens.
	 */
	private final Map<String, List<String>> columns = new ConcurrentHashMap<>();

	private final AuditLedger ledger;

	private final AuditExplanations explanations;

	/** Told of every table landed, when a run remembers its history; else null. */
	private final SubmissionHistory history;

	/**
	 * While {@link #writeTogether} records files with a remembering history: what they
	 * share; else null.
	 */
	private Together together;

	public SubmissionWriter(Warehouse warehouse) {
		this(warehouse, Clock.system(OfficeTime.ZONE));
	}

	/**
	 * @param clock source of {@code ingested_at} (not a contract column; injectable for
	 * tests)
	 */
	public SubmissionWriter(Warehouse warehouse, Clock clock) {
		this(warehouse, clock, null);
	}

	/**
	 * @param history the run's {@link SubmissionHistory#remembering remembering} history,
	 * told of each table once its transaction has committed
	 */
	public SubmissionWriter(Warehouse warehouse, SubmissionHistory history) {
		this(warehouse, Clock.system(OfficeTime.ZONE), history);
	}

	private SubmissionWriter(Warehouse warehouse, Clock clock, SubmissionHistory history) {
		this.warehouse = warehouse;
		this.clock = clock;
		this.ledger = new AuditLedger(warehouse);
		this.explanations = new AuditExplanations(warehouse);
		this.history = history;
	}

	/**
	 * The accepted table's header, for comparing the submitter's next table of the form
	 * with it, through the Appender (a statement per cell was most of a small form's
	 * write, issue 18 part 5). Only bytes recorded for the first time get here (the same
	 * bytes again are the same path, or a duplicate), so its rows are new.
	 */
	private void recordHeader(AuditedFile file) throws SQLException {
		if (file.header().isEmpty() || file.form() == null) {
			return;
		}
		try (Appending appending = appending("audit_header")) {
			DuckDBAppender a = appending.appender();
			for (AuditedFile.HeaderCell cell : file.header()) {
				a.beginRow()
					.append(file.sha256())
					.append(file.submitterCode())
					.append(file.form())
					.append(cell.measure())
					.append(cell.cell())
					.append(cell.text())
					.endRow();
			}
		}
	}

	/**
	 * Writes the chunk's files in received order (ties: path), so that of two copies of
	 * the same bytes in one chunk the one received first is the original and the other
	 * the duplicate.
	 */
	@Override
	public void write(Chunk<? extends AuditedFile> chunk) {
		List<AuditedFile> items = new ArrayList<>(chunk.getItems());
		items.sort(Comparator.comparing(AuditedFile::receivedAt).thenComparing(AuditedFile::path));
		for (AuditedFile item : items) {
			write(item);
		}
	}

	/**
	 * Records one file in its own transaction; returns the status it got (or already
	 * had).
	 */
	public String write(AuditedFile file) {
		String[] status = new String[1];
		boolean[] landed = new boolean[1];
		warehouse.inTransaction(() -> {
			landed[0] = false;
			status[0] = record(file, landed);
		});
		if (history != null && landed[0]) {
			history.landed(file, status[0]);
		}
		return status[0];
	}

	/**
	 * Records files one after another in one transaction (a commit and its fsync were a
	 * fifth of a small form's write, issue 18 part 5): all of them or, when one fails,
	 * none. Each file is taken from its supplier only once the files before it are
	 * recorded, and the run's history is told of each as it is recorded, so checks run in
	 * a supplier see the files before it exactly as if each had been committed alone. On
	 * a failure the transaction is rolled back, the history forgets what it was told
	 * (read again from the warehouse when next asked), and the failure is thrown: the
	 * caller writes the files again one by one ({@link #write(AuditedFile)}), so one bad
	 * file is skipped alone.
	 * @param files in the order to record them (received time, then path)
	 * @return the status each got (or already had), in that order
	 */
	public List<String> writeTogether(List<Pending> files) {
		List<String> statuses = new ArrayList<>(files.size());
		try {
			warehouse.inTransaction(() -> {
				statuses.clear();
				// with a remembering history nothing in the transaction reads the lines,
				// headers or statuses these files change (the history holds them), so
				// the Appenders stay open and the ranking waits for the last file
				together = history == null ? null
						: new Together(ledger.together(files.stream().map(Pending::sha256).toList()));
				try {
					for (Pending pending : files) {
						AuditedFile file = pending.audit().get();
						boolean[] landed = { false };
						String status = record(file, landed);
						if (history != null && landed[0]) {
							history.landed(file, status);
						}
						statuses.add(status);
					}
					if (together != null) {
						together.finish();
					}
				}
				finally {
					if (together != null) {
						together.close();
						together = null;
					}
				}
			});
		}
		catch (RuntimeException ex) {
			if (history != null) {
				history.forget();
			}
			throw ex;
		}
		return statuses;
	}

	/**
	 * A file to write with others ({@link #writeTogether}): the hash of its bytes, known
	 * before it is checked, and its checks, run when the files before it are recorded.
	 */
	public record Pending(String sha256, java.util.function.Supplier<AuditedFile> audit) {
	}

	/**
	 * What files written together share: the ledger's rows of their bytes and its
	 * findings Appender, an Appender per landing table, flushed once, and the version
	 * scopes to rank once all are recorded.
	 */
	private final class Together {

		private final AuditLedger.Together recorded;

		Together(AuditLedger.Together recorded) {
			this.recorded = recorded;
		}

		private final Map<String, DuckDBAppender> appenders = new java.util.LinkedHashMap<>();

		private final java.util.Set<Scope> scopes = new java.util.LinkedHashSet<>();

		DuckDBAppender appender(String table) throws SQLException {
			DuckDBAppender open = appenders.get(table);
			if (open == null) {
				open = SubmissionWriter.this.appender(table);
				appenders.put(table, open);
			}
			return open;
		}

		/**
		 * The rows appended flushed, then every scope a file landed in ranked, as ranking
		 * after each file would have left them: the ranking is set-based (the latest
		 * received of a scope loaded, the rest superseded by it), so once over the
		 * scope's versions gives what ranking after each gave.
		 */
		void finish() throws SQLException {
			close();
			ledger.rankVersions(scopes);
		}

		/**
		 * Flushes and closes the Appenders (before the commit or the rollback: an
		 * Appender flushed after the transaction would write in a new one).
		 */
		void close() throws SQLException {
			SQLException failed = null;
			List<AutoCloseable> open = new ArrayList<>(appenders.values());
			open.add(recorded);
			for (AutoCloseable a : open) {
				try {
					a.close();
				}
				catch (Exception ex) {
					if (failed == null) {
						failed = ex instanceof SQLException sql ? sql : new SQLException(ex.getMessage(), ex);
					}
					else {
						failed.addSuppressed(ex);
					}
				}
			}
			appenders.clear();
			if (failed != null) {
				throw failed;
			}
		}

	}

	/**
	 * @param landed set when the file is recorded now (not before, nor as a duplicate)
	 */
	private String record(AuditedFile file, boolean[] landed) throws SQLException {
		LocalDateTime ingestedAt = OfficeTime.now(clock).withNano(0);
		AuditLedger.Entry entry = file.entry();
		Optional<String> known = ledger.admit(entry, ingestedAt, together == null ? null : together.recorded);
		if (known.isPresent()) {
			return known.get();
		}
		landed[0] = true;
		if (!file.accepted()) {
			recordInLedger(entry, AuditLedger.REJECTED, file, ingestedAt);
			explanations.fromWorkbook(file.sha256(), file.submitterCode(), file.explanation(), file.findings());
			return AuditLedger.REJECTED;
		}
		if (file.submitterCode() == null || file.campaign() == null || file.period() == null
				|| file.regionCode() == null) {
			throw new IllegalArgumentException("文件 " + file.path() + " 被接受但缺少填报单位、专项行动、月份或地区，不能入库");
		}
		// the month's first accepted table is its only version: loaded as recorded
		boolean onlyVersion = history != null
				&& history.noTableOf(file.submitterCode(), file.campaign(), file.period());
		recordInLedger(entry, AuditLedger.LOADED, file, ingestedAt);
		explanations.fromWorkbook(file.sha256(), file.submitterCode(), file.explanation(), file.findings());
		recordHeader(file);
		appendLines(file, "land_submission_line", file.lines());
		if (!file.monthLines().isEmpty()) {
			appendLines(file, "land_submission_month_line", file.monthLines());
		}
		if (onlyVersion) {
			org.anjian.warehouse.CrashPoints.reach("summary-before-commit");
			return AuditLedger.LOADED;
		}
		Scope scope = Scope.summary(file.submitterCode(), file.campaign(), file.period());
		if (together != null) {
			// ranked once the files written together are all recorded (Together#finish);
			// its status now, as the ranking will leave it:
			together.scopes.add(scope);
			org.anjian.warehouse.CrashPoints.reach("summary-before-commit");
			// the remembering history knows each month's latest accepted version, those
			// recorded in this transaction included (a query per file was a tenth of a
			// small form's write)
			return history.laterVersionRecorded(file.submitterCode(), file.campaign(), file.period(), file.receivedAt(),
					file.path()) ? AuditLedger.SUPERSEDED : AuditLedger.LOADED;
		}
		ledger.rankVersions(scope);
		org.anjian.warehouse.CrashPoints.reach("summary-before-commit");
		// a later version recorded before this one leaves it superseded at once
		return ledger.status(file.sha256(), file.path()).orElseThrow();
	}

	/**
	 * The file's {@code audit_file} row and its findings; files written together share
	 * one {@code audit_issue} Appender.
	 */
	private void recordInLedger(AuditLedger.Entry entry, String status, AuditedFile file, LocalDateTime ingestedAt)
			throws SQLException {
		if (together != null) {
			ledger.record(entry, status, file.findings(), ingestedAt, together.recorded);
		}
		else {
			ledger.record(entry, status, file.findings(), ingestedAt);
		}
	}

	/**
	 * Lands the industry rows (or a unit's 本月数 rows, in land_submission_month_line)
	 * through the Appender. Each row's values are converted before {@code beginRow}, so a
	 * bad value fails between rows; the enclosing transaction then discards the rows
	 * already appended.
	 */
	private void appendLines(AuditedFile file, String table, List<AuditedFile.FactLine> lines) throws SQLException {
		List<String> columns = columnsOf(table);
		try (Appending appending = appending(table)) {
			DuckDBAppender a = appending.appender();
			for (AuditedFile.FactLine line : lines) {
				List<Object> measureValues = new ArrayList<>();
				for (String column : columns.subList(LINE_KEYS.size(), columns.size())) {
					measureValues.add(convert(file, line, column));
				}
				a.beginRow()
					.append(file.sha256())
					.append(file.sheet() == null ? "" : file.sheet())
					.append(line.rowNumber())
					.append(file.submitterCode())
					.append(file.campaign());
				appendMonth(a, file.period());
				a.append(file.regionCode()).append(line.industryCode()).append(file.receivedAt());
				for (Object value : measureValues) {
					if (value == null) {
						a.appendNull();
					}
					else if (value instanceof BigDecimal d) {
						a.append(d);
					}
					else {
						a.append((Long) value);
					}
				}
				a.endRow();
			}
		}
	}

	/**
	 * A measure value as the column wants it: long for counts, scale-4 decimal for
	 * fines_wan, null when absent.
	 */
	private Object convert(AuditedFile file, AuditedFile.FactLine line, String column) {
		Map<String, BigDecimal> values = line.measures();
		BigDecimal value = values.get(column);
		if (value == null) {
			return null;
		}
		Measure measure = measures.get(column);
		if (measure.isDecimal()) {
			return value.setScale(4, RoundingMode.HALF_UP);
		}
		try {
			return value.longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("文件 " + file.path() + " 第" + line.rowNumber() + "行 " + measure.labelZh()
					+ "（" + column + "）：“" + value.toPlainString() + "”不是整数，不能入库", ex);
		}
	}

	private static void appendMonth(DuckDBAppender a, YearMonth period) throws SQLException {
		if (period == null) {
			a.appendNull();
		}
		else {
			a.append(period.atDay(1));
		}
	}

	private List<String> columnsOf(String table) throws SQLException {
		List<String> known = columns.get(table);
		if (known != null) {
			return known;
		}
		List<String> out = new ArrayList<>();
		try (PreparedStatement ps = connection().prepareStatement(
				"select column_name from information_schema.columns where table_name = ? order by ordinal_position")) {
			ps.setString(1, table);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(rs.getString(1));
				}
			}
		}
		if (!out.subList(0, LINE_KEYS.size()).equals(LINE_KEYS)) {
			throw new IllegalStateException(table + " 的列与预期不符：" + out);
		}
		columns.put(table, List.copyOf(out));
		return out;
	}

	/**
	 * An Appender on {@code table}: the one the files written together share (left open
	 * at close), or one of this file's own (flushed and closed at close).
	 */
	private record Appending(DuckDBAppender appender, boolean own) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			if (own) {
				appender.close();
			}
		}

	}

	private Appending appending(String table) throws SQLException {
		return together != null ? new Appending(together.appender(table), false) : new Appending(appender(table), true);
	}

	private DuckDBAppender appender(String table) throws SQLException {
		return connection().unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
	}

	private Connection connection() {
		return warehouse.connection();
	}

}
