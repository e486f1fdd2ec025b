package org.anjian.writers.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anjian.readers.Finding;
import org.anjian.warehouse.FileVersions;
import org.anjian.warehouse.FileVersions.Scope;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The audit ledger (入库台账): the one owner of {@code audit_file} and {@code audit_issue}.
 * Whether a file is new, recorded before, a duplicate, loaded, superseded or rejected is
 * decided and read back here, for summary tables and lists alike; writers land their
 * rows, the ledger records the file. Which files are versions of one another, and which
 * is current, is the warehouse's {@link FileVersions} (so tests below the writers rank
 * with it too); the ledger runs it in the file's transaction ({@link #rankVersions}).
 *
 * <p>
 * Writes run in the caller's transaction (one per file, opened by the writer) and throw
 * {@link SQLException}, so a failure rolls back the whole file. Lookups outside a
 * transaction ({@link #seen}, {@link #status}, {@link #statusCounts}) throw
 * {@link WarehouseException}.
 */
public final class AuditLedger {

	public static final String LOADED = "loaded";

	public static final String SUPERSEDED = "superseded";

	public static final String DUPLICATE = "duplicate";

	public static final String REJECTED = "rejected";

	/** Every status a file can end with, in the order the run summary prints them. */
	public static final List<String> STATUSES = List.of(LOADED, SUPERSEDED, DUPLICATE, REJECTED);

	/**
	 * {@code audit_issue}'s columns after sha256 with their types, in the order a list's
	 * staged finding lines carry them (writers.lists: findings go to the warehouse the
	 * way rows go, through a staging file and {@code read_csv}).
	 */
	public static final List<Map.Entry<String, String>> STAGED_ISSUE_COLUMNS = List.of(Map.entry("issue_no", "INTEGER"),
			Map.entry("severity", "VARCHAR"), Map.entry("rule", "VARCHAR"), Map.entry("sheet", "VARCHAR"),
			Map.entry("row_number", "INTEGER"), Map.entry("column_name", "VARCHAR"), Map.entry("message", "VARCHAR"));

	private static final String STATUS = "select status from audit_file where sha256 = ? and path = ?";

	private final Warehouse warehouse;

	public AuditLedger(Warehouse warehouse) {
		this.warehouse = warehouse;
	}

	/** A recorded file: the same bytes may be recorded under several paths. */
	public record Key(String sha256, String path) {
	}

	/**
	 * A file as {@code audit_file} records it besides status and counts.
	 *
	 * @param sha256 hex SHA-256 of the file's bytes
	 * @param path path relative to the inbox, with '/' separators
	 * @param receivedAt the file's mtime as Asia/Shanghai wall-clock time
	 * @param sizeBytes file size
	 * @param format xlsx, xls, csv or unknown
	 * @param submitterCode recognised submitter, or null
	 * @param campaign campaign code, or null (always for lists)
	 * @param period the month, or null
	 * @param sheet sheet read, or null
	 * @param form form variant of a summary table, or null
	 * @param listKind list kind code, or null for a summary table
	 */
	public record Entry(String sha256, String path, LocalDateTime receivedAt, long sizeBytes, String format,
			String submitterCode, String campaign, YearMonth period, String sheet, String form, String listKind) {
	}

	// ---- lookups

	/**
	 * True when these bytes under this path are already recorded: re-ingesting them
	 * changes nothing.
	 */
	public boolean seen(String sha256, String path) {
		return status(sha256, path).isPresent();
	}

	/** The status of a recorded file, or empty: not recorded (or rolled back). */
	public Optional<String> status(String sha256, String path) {
		try {
			return statusOf(sha256, path);
		}
		catch (SQLException ex) {
			throw lookupFailed(ex);
		}
	}

	/**
	 * Every recorded file's status, read in one query: an intake asks about each file of
	 * its inbox, and one query per file cost more than reading them all.
	 */
	public Map<Key, String> statuses() {
		Map<Key, String> out = new java.util.HashMap<>();
		try (PreparedStatement ps = connection().prepareStatement("select sha256, path, status from audit_file");
				ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				out.put(new Key(rs.getString(1), rs.getString(2)), rs.getString(3));
			}
		}
		catch (SQLException ex) {
			throw lookupFailed(ex);
		}
		return out;
	}

	/**
	 * How many of these files have each status now (a later file of the run may have
	 * superseded an earlier one): every status of {@link #STATUSES}, zero or not, in that
	 * order; files not recorded are not counted.
	 */
	public Map<String, Long> statusCounts(Collection<Key> files) {
		Map<String, Long> counts = new LinkedHashMap<>();
		STATUSES.forEach(s -> counts.put(s, 0L));
		try (PreparedStatement ps = connection().prepareStatement(STATUS)) {
			for (Key file : files) {
				statusOf(ps, file.sha256(), file.path()).ifPresent(s -> counts.merge(s, 1L, Long::sum));
			}
		}
		catch (SQLException ex) {
			throw lookupFailed(ex);
		}
		return counts;
	}

	/**
	 * How many accepted summary tables (loaded or superseded) of a campaign month were
	 * received at or before {@code by}: zero means a rollup as of {@code by} has nothing
	 * of that month to add up.
	 */
	public long acceptedTables(String campaign, YearMonth period, LocalDateTime by) {
		try (PreparedStatement ps = connection().prepareStatement("""
				select count(*) from audit_file
				where campaign = ? and period = ? and status in (?, ?) and list_kind is null and received_at <= ?""")) {
			ps.setString(1, campaign);
			ps.setObject(2, period.atDay(1));
			ps.setString(3, LOADED);
			ps.setString(4, SUPERSEDED);
			ps.setObject(5, by);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw lookupFailed(ex);
		}
	}

	/**
	 * The path under which these bytes were first recorded (the original of any
	 * duplicate): the earliest received non-duplicate row, ties broken by path.
	 */
	public Optional<String> firstPathOf(String sha256) {
		try {
			return duplicateOf(sha256);
		}
		catch (SQLException ex) {
			throw lookupFailed(ex);
		}
	}

	// ---- writes, in the caller's transaction

	/**
	 * Admits a file to the ledger. Recorded before under this path: its status, nothing
	 * written (re-ingesting is a no-op). The same bytes recorded under another path:
	 * recorded now as a {@code duplicate} carrying the original's identity (submitter,
	 * campaign, period, sheet, form, list kind), nothing landed. Empty: a new file, for
	 * the writer to land and {@link #record}.
	 */
	public Optional<String> admit(Entry file, LocalDateTime ingestedAt) throws SQLException {
		return admit(file, ingestedAt, null);
	}

	/**
	 * As {@link #admit(Entry, LocalDateTime)}, within {@code together} (null: none): a
	 * file whose bytes it read ahead is admitted without a query.
	 */
	public Optional<String> admit(Entry file, LocalDateTime ingestedAt, Together together) throws SQLException {
		List<Recorded> rows = together != null && together.recorded.containsKey(file.sha256())
				? together.recorded.get(file.sha256()) : recorded(List.of(file.sha256())).get(file.sha256());
		// this path's row, and the original of these bytes (the earliest received
		// non-duplicate row, ties broken by path as DuckDB orders it)
		Recorded original = null;
		for (Recorded row : rows) {
			if (row.path().equals(file.path())) {
				return Optional.of(row.status());
			}
			if (!DUPLICATE.equals(row.status()) && (original == null || earlier(row, original))) {
				original = row;
			}
		}
		if (original == null) {
			return Optional.empty();
		}
		Entry copy = new Entry(file.sha256(), file.path(), file.receivedAt(), file.sizeBytes(), file.format(),
				original.submitterCode(), original.campaign(), original.period(), original.sheet(), original.form(),
				original.listKind());
		insert(copy, DUPLICATE, 0, 0, original.path(), ingestedAt, together);
		if (copy.listKind() != null) {
			copyListScope(file.sha256(), original.path(), file.path());
		}
		return Optional.of(DUPLICATE);
	}

	/** An {@code audit_file} row as {@link #admit} needs it. */
	private record Recorded(String path, String status, String submitterCode, String campaign, YearMonth period,
			String sheet, String form, String listKind, LocalDateTime receivedAt) {
	}

	/**
	 * The rows recorded for these bytes, by sha256 (an empty list for each not recorded).
	 */
	private Map<String, List<Recorded>> recorded(Collection<String> sha256s) throws SQLException {
		Map<String, List<Recorded>> out = new java.util.HashMap<>();
		sha256s.forEach(sha -> out.put(sha, new java.util.ArrayList<>()));
		if (out.isEmpty()) {
			return out;
		}
		PreparedStatement ps = warehouse.prepared("""
				select sha256, path, status, submitter_code, campaign, period, sheet, form, list_kind, received_at
				from audit_file where sha256 in (%s)"""
			.formatted(String.join(", ", java.util.Collections.nCopies(out.size(), "?"))));
		int i = 0;
		for (String sha : out.keySet()) {
			ps.setString(++i, sha);
		}
		try (ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				LocalDate period = rs.getObject(6, LocalDate.class);
				out.get(rs.getString(1))
					.add(new Recorded(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
							period == null ? null : YearMonth.from(period), rs.getString(7), rs.getString(8),
							rs.getString(9), rs.getObject(10, LocalDateTime.class)));
			}
		}
		return out;
	}

	/**
	 * Received before {@code other} (ties: the path first in DuckDB's order, by bytes).
	 */
	private static boolean earlier(Recorded row, Recorded other) {
		return FileVersions.compare(row.receivedAt(), row.path(), other.receivedAt(), other.path()) < 0;
	}

	/**
	 * Records a file with its findings: one {@code audit_file} row, its errors and
	 * warnings counted, and its issues.
	 */
	public void record(Entry file, String status, List<Finding> findings, LocalDateTime ingestedAt)
			throws SQLException {
		int errors = (int) findings.stream().filter(Finding::isError).count();
		insert(file, status, errors, findings.size() - errors, null, ingestedAt, null);
		try (Issues issues = issues(file.sha256())) {
			for (Finding f : findings) {
				issues.add(f);
			}
		}
	}

	/**
	 * As {@link #record(Entry, String, List, LocalDateTime)}, within {@code together}:
	 * the findings go through its one Appender.
	 */
	public void record(Entry file, String status, List<Finding> findings, LocalDateTime ingestedAt, Together together)
			throws SQLException {
		int errors = (int) findings.stream().filter(Finding::isError).count();
		insert(file, status, errors, findings.size() - errors, null, ingestedAt, together);
		if (findings.isEmpty()) {
			return;
		}
		Issues issues = new Issues(file.sha256(), together.issues(), false);
		for (Finding f : findings) {
			issues.add(f);
		}
	}

	/**
	 * Files one transaction records one after another (issue 18 part 5: a query and an
	 * Appender flush per small form were a quarter of its write): what {@code audit_file}
	 * holds for their bytes, read in one query and kept up to date with the rows recorded
	 * through it, so {@link #admit(Entry, LocalDateTime, Together)} answers as the table
	 * would while nothing else writes those rows; and one Appender for their findings.
	 * {@code close()} flushes it: before the commit (flushed after it, the rows would go
	 * into a transaction of their own). Confined to the opening thread.
	 * @param sha256s the bytes of the files to be recorded (others are looked up as
	 * usual)
	 */
	public Together together(Collection<String> sha256s) throws SQLException {
		return new Together(recorded(sha256s));
	}

	/**
	 * {@code audit_file}'s columns in table order, as {@link Together} appends them (the
	 * schema's create and its migrations' added columns).
	 */
	private static final List<String> AUDIT_FILE_COLUMNS = List.of("sha256", "path", "received_at", "status",
			"submitter_code", "campaign", "period", "error_count", "warning_count", "size_bytes", "format", "sheet",
			"form", "duplicate_of", "superseded_by", "ingested_at", "list_kind", "list_scope");

	/**
	 * Whether {@code audit_file}'s columns were found to be {@link #AUDIT_FILE_COLUMNS}.
	 */
	private boolean auditFileColumnsChecked;

	/**
	 * Fails unless {@code audit_file}'s columns are {@link #AUDIT_FILE_COLUMNS} in that
	 * order (an Appender fills them by position); asked once per ledger, since a running
	 * process does not migrate its warehouse.
	 */
	private void checkAuditFileColumns() throws SQLException {
		if (auditFileColumnsChecked) {
			return;
		}
		List<String> columns = new java.util.ArrayList<>();
		try (PreparedStatement ps = connection().prepareStatement(
				"select column_name from information_schema.columns where table_name = 'audit_file' order by ordinal_position");
				ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				columns.add(rs.getString(1));
			}
		}
		if (!columns.equals(AUDIT_FILE_COLUMNS)) {
			throw new IllegalStateException("audit_file 的列与预期不符：" + columns);
		}
		auditFileColumnsChecked = true;
	}

	/** See {@link #together(Collection)}. */
	public final class Together implements AutoCloseable {

		private final Map<String, List<Recorded>> recorded;

		private DuckDBAppender issues;

		/**
		 * The files' {@code audit_file} rows: nothing in the transaction reads them
		 * before they are flushed (admit asks {@link #recorded}; the history's queries
		 * select loaded and superseded tables of submitters it has not read yet, and
		 * files land only in those it has).
		 */
		private DuckDBAppender files;

		private Together(Map<String, List<Recorded>> recorded) {
			this.recorded = recorded;
		}

		/** A row recorded for bytes read ahead, for the next admit of those bytes. */
		private void remember(Entry file, String status) {
			if (recorded.containsKey(file.sha256())) {
				recorded.get(file.sha256())
					.add(new Recorded(file.path(), status, file.submitterCode(), file.campaign(), file.period(),
							file.sheet(), file.form(), file.listKind(), file.receivedAt()));
			}
		}

		private void append(Entry file, String status, int errors, int warnings, String duplicateOf,
				LocalDateTime ingestedAt) throws SQLException {
			if (files == null) {
				checkAuditFileColumns();
				files = connection().unwrap(DuckDBConnection.class)
					.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "audit_file");
			}
			files.beginRow()
				.append(file.sha256())
				.append(file.path())
				.append(file.receivedAt())
				.append(status)
				.append(file.submitterCode())
				.append(file.campaign());
			if (file.period() == null) {
				files.appendNull();
			}
			else {
				files.append(file.period().atDay(1));
			}
			files.append(errors)
				.append(warnings)
				.append(file.sizeBytes())
				.append(file.format())
				.append(file.sheet())
				.append(file.form())
				.append(duplicateOf)
				.appendNull()
				.append(ingestedAt)
				.append(file.listKind())
				.appendNull()
				.endRow();
		}

		private DuckDBAppender issues() throws SQLException {
			if (issues == null) {
				issues = connection().unwrap(DuckDBConnection.class)
					.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "audit_issue");
			}
			return issues;
		}

		/** Flushes the rows: the files' first, then their findings. */
		@Override
		public void close() throws SQLException {
			DuckDBAppender openFiles = files;
			DuckDBAppender openIssues = issues;
			files = null;
			issues = null;
			try {
				if (openFiles != null) {
					openFiles.close();
				}
			}
			finally {
				if (openIssues != null) {
					openIssues.close();
				}
			}
		}

	}

	/** Records a file whose findings went to {@link #issues} already, as they came. */
	public void record(Entry file, String status, int errors, int warnings, LocalDateTime ingestedAt)
			throws SQLException {
		insert(file, status, errors, warnings, null, ingestedAt, null);
	}

	/**
	 * Findings of one file as they come, numbered from 1, through an Appender on
	 * {@code audit_issue}: confined to the thread that opens it (a list's loader thread),
	 * flushed at {@code close()}.
	 */
	public Issues issues(String sha256) throws SQLException {
		return new Issues(sha256, connection().unwrap(DuckDBConnection.class)
			.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "audit_issue"), true);
	}

	/**
	 * Re-ranks the accepted versions in one scope (warehouse {@link FileVersions}: the
	 * latest received of a scope is loaded, the rest superseded by it), so the outcome
	 * does not depend on the order files arrive in; set-based, one statement.
	 */
	public void rankVersions(Scope scope) throws SQLException {
		FileVersions.rank(warehouse, scope);
	}

	/**
	 * As {@link #rankVersions(Scope)} for several scopes, in one statement
	 * ({@link FileVersions#rank(Warehouse, java.util.Collection)}).
	 */
	public void rankVersions(Collection<? extends Scope> scopes) throws SQLException {
		FileVersions.rank(warehouse, scopes);
	}

	/**
	 * The scope a landed list file is a version in, recorded from its rows
	 * ({@code audit_file.list_scope}: a directory's tier, inspection records' month);
	 * call after {@link #record}, before {@link #rankVersions}.
	 */
	public Scope scopeOfList(String sha256, String path) throws SQLException {
		return FileVersions.scopeList(warehouse, sha256, path);
	}

	/** The findings of one file, appended and counted as they come. */
	public static final class Issues implements AutoCloseable {

		private final String sha256;

		private final DuckDBAppender appender;

		private int issueNo;

		private int errors;

		private int warnings;

		/**
		 * Whether {@code close()} flushes and closes the Appender (else its owner does).
		 */
		private final boolean own;

		private Issues(String sha256, DuckDBAppender appender, boolean own) {
			this.sha256 = sha256;
			this.appender = appender;
			this.own = own;
		}

		public void add(Finding f) throws SQLException {
			add(++issueNo, f);
		}

		/**
		 * A finding numbered by the caller (a list's reader thread numbers them all, and
		 * stages most: {@link #STAGED_ISSUE_COLUMNS}); counted here all the same.
		 */
		public void add(int issueNo, Finding f) throws SQLException {
			appender.beginRow()
				.append(sha256)
				.append(issueNo)
				.append(f.severity().code())
				.append(f.rule())
				.append(f.sheet())
				.append(f.rowNumber())
				.append(f.column())
				.append(f.message())
				.endRow();
			if (f.isError()) {
				errors++;
			}
			else {
				warnings++;
			}
		}

		public int errors() {
			return errors;
		}

		public int warnings() {
			return warnings;
		}

		@Override
		public void close() throws SQLException {
			if (own) {
				appender.close();
			}
		}

	}

	// ---- the SQL

	/**
	 * The one {@code audit_file} insert: a new file, or a duplicate pointing to its
	 * original.
	 */
	private void insert(Entry file, String status, int errors, int warnings, String duplicateOf,
			LocalDateTime ingestedAt, Together together) throws SQLException {
		if (together != null) {
			together.remember(file, status);
			// a list's row is updated next (its scope), so it must be in the table
			if (file.listKind() == null) {
				together.append(file, status, errors, warnings, duplicateOf, ingestedAt);
				return;
			}
		}
		PreparedStatement ps = warehouse.prepared(
				"""
						insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
						    error_count, warning_count, size_bytes, format, sheet, form, duplicate_of, superseded_by, ingested_at,
						    list_kind)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)""");
		ps.setString(1, file.sha256());
		ps.setString(2, file.path());
		ps.setObject(3, file.receivedAt());
		ps.setString(4, status);
		ps.setString(5, file.submitterCode());
		ps.setString(6, file.campaign());
		ps.setObject(7, file.period() == null ? null : file.period().atDay(1));
		ps.setInt(8, errors);
		ps.setInt(9, warnings);
		ps.setLong(10, file.sizeBytes());
		ps.setString(11, file.format());
		ps.setString(12, file.sheet());
		ps.setString(13, file.form());
		ps.setString(14, duplicateOf);
		ps.setObject(15, ingestedAt);
		ps.setString(16, file.listKind());
		ps.executeUpdate();
	}

	/** The one status query. */
	private Optional<String> statusOf(String sha256, String path) throws SQLException {
		PreparedStatement ps = warehouse.prepared(STATUS);
		return statusOf(ps, sha256, path);
	}

	private static Optional<String> statusOf(PreparedStatement status, String sha256, String path) throws SQLException {
		status.setString(1, sha256);
		status.setString(2, path);
		try (ResultSet rs = status.executeQuery()) {
			return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
		}
	}

	/**
	 * A list's duplicate carries the original's scope too, which the original's rows
	 * decided.
	 */
	private void copyListScope(String sha256, String originalPath, String path) throws SQLException {
		PreparedStatement ps = warehouse.prepared("""
				update audit_file set list_scope = (select list_scope from audit_file where sha256 = ? and path = ?)
				where sha256 = ? and path = ?""");
		ps.setString(1, sha256);
		ps.setString(2, originalPath);
		ps.setString(3, sha256);
		ps.setString(4, path);
		ps.executeUpdate();
	}

	private Optional<String> duplicateOf(String sha256) throws SQLException {
		PreparedStatement ps = warehouse.prepared("""
				select path from audit_file
				where sha256 = ? and status <> 'duplicate'
				order by received_at, path
				limit 1""");
		ps.setString(1, sha256);
		try (ResultSet rs = ps.executeQuery()) {
			return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
		}
	}

	private static WarehouseException lookupFailed(SQLException ex) {
		return new WarehouseException("查询入库记录失败：" + ex.getMessage(), ex);
	}

	private Connection connection() {
		return warehouse.connection();
	}

}
