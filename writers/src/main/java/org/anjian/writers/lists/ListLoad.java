package org.anjian.writers.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.submissions.SubmissionLedger;
import org.anjian.warehouse.WarehouseException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One list file being loaded: the reader's {@link ListRowSink} on one side, a loader thread on the other.
 *
 * <p>
 * The reader's thread only packs each row (below) and fills batches of rows and findings, handing each over through a
 * bounded queue (at most {@value #QUEUE_BATCHES} batches in flight, so a fast reader waits rather than filling the
 * heap); the loader thread
 * owns the DuckDB work: it opens the transaction, creates the Appenders (they are confined to the thread that
 * created them), appends, and at {@link #commit()} records {@code audit_file} and commits. Parsing and appending thus
 * overlap on two cores. A failure on either side rolls the whole file back; the first loader failure is rethrown to
 * the reader at its next {@link #row} or at {@link #commit()}.
 *
 * <p>
 * Rows are not appended column by column. The DuckDB Java Appender copies a string shorter than 12 bytes into its
 * own buffer but hands every longer one (a Chinese name, a USCC, a hazard description) to the native library in a
 * call of its own; at 16 columns that dominated the load. So each row's values are joined into one UTF-8 string
 * ({@link #UNIT} between values, {@link #NULL} for a missing one; {@link PackedLine}) appended to a temp table, and
 * every {@value #UNPACK_ROWS} rows (and once more at commit) one {@code insert … select string_split(…)} spreads them
 * over the raw table's columns: one native call per row instead of about seven, about a third less CPU
 * (writers/README.md "Loading lists"). A row whose text holds either control character is appended column by column
 * instead. While the file loads DuckDB runs with {@code threads = 1} (see {@link #oneThread()}).
 */
public final class ListLoad implements ListRowSink, AutoCloseable {

	static final int QUEUE_BATCHES = 4;

	/** Packed rows staged before they are spread over the raw table (see {@link Unpacker}). */
	static final int UNPACK_ROWS = 1 << 16;


	/** Per-connection staging of packed rows; DuckDB keeps temp tables out of the database file and its WAL. */
	static final String PACKED = "list_load_packed";

	static final String TEMP_CATALOG = "temp";

	/** Separates a packed row's values (ASCII unit separator). */
	static final char UNIT = '\u001F';

	/** Stands for a missing value in a packed row (ASCII record separator). */
	static final char NULL = '\u001E';

	/** Marks the end of the file on the queue: commit. */
	private static final Batch END = new Batch(0);

	/** Marks an abandoned file on the queue: roll back. */
	private static final Batch ABORT = new Batch(0);

	private final Warehouse warehouse;

	private final ListFile file;

	private final LocalDateTime ingestedAt;

	private final int batchRows;

	/** The list kind's column count (values per row). */
	private final int width;

	/** Packs rows on the reader's thread. */
	private final PackedLine line = new PackedLine();

	private final BlockingQueue<Batch> queue;

	private final Thread loader;

	private Batch current;

	private volatile Throwable failure;

	private String status;

	private boolean finished;

	private static final class Batch {

		final List<ListRow> rows;

		/** Per row, its values packed as UTF-8 on the reader's thread, or null: append it column by column. */
		final List<byte[]> lines;

		final List<Finding> findings = new ArrayList<>();

		Batch(int capacity) {
			this.rows = new ArrayList<>(capacity);
			this.lines = new ArrayList<>(capacity);
		}

	}

	private ListLoad(Warehouse warehouse, ListFile file, LocalDateTime ingestedAt, int batchRows, String status) {
		this.warehouse = warehouse;
		this.file = file;
		this.ingestedAt = ingestedAt;
		this.batchRows = batchRows;
		this.status = status;
		this.width = file == null ? 0 : file.kind().columns().size();
		if (status != null) {
			this.queue = null;
			this.loader = null;
			this.finished = true;
			return;
		}
		this.queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
		this.current = new Batch(batchRows);
		this.loader = new Thread(this::load, "list-loader-" + file.sha256().substring(0, Math.min(8, file.sha256().length())));
		this.loader.setDaemon(true);
	}

	static ListLoad start(Warehouse warehouse, ListFile file, LocalDateTime ingestedAt, int batchRows) {
		ListLoad load = new ListLoad(warehouse, file, ingestedAt, batchRows, null);
		load.loader.start();
		return load;
	}

	static ListLoad unwanted(String status) {
		return new ListLoad(null, null, null, 0, status);
	}

	/** False when the file is already recorded (same path) or a duplicate: the reader need not read it. */
	public boolean wanted() {
		return !finished;
	}

	@Override
	public void row(ListRow row) {
		if (finished) {
			return;
		}
		current.rows.add(row);
		// packed here rather than on the loader thread, which has DuckDB's share of the work
		String[] values = row.values();
		current.lines.add(values != null && values.length == width && line.pack(values) ? line.bytes() : null);
		if (current.rows.size() >= batchRows) {
			handOver();
		}
	}

	@Override
	public void finding(Finding finding) {
		if (finished) {
			return;
		}
		current.findings.add(finding);
	}

	/**
	 * Waits for the loader to append the rest, records the file and commits. Returns the file's status: loaded (or
	 * superseded by a later version already recorded), rejected (an error about the whole file), duplicate.
	 */
	public String commit() {
		if (finished) {
			rethrowFailure();
			return status;
		}
		if (!current.rows.isEmpty() || !current.findings.isEmpty()) {
			handOver();
		}
		put(END);
		join();
		finished = true;
		rethrowFailure();
		return status;
	}

	/** Without a {@link #commit()} before it: abandons the file, the warehouse stays as it was. */
	@Override
	public void close() {
		if (finished) {
			return;
		}
		finished = true;
		try {
			// behind the batches already handed over (at most QUEUE_BATCHES): they are appended, then rolled back
			put(ABORT);
		}
		catch (RuntimeException ex) {
			// the loader already failed and is rolling back
		}
		join();
	}

	private void handOver() {
		put(current);
		current = new Batch(batchRows);
	}

	private void put(Batch batch) {
		try {
			while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
				if (failure != null || !loader.isAlive()) {
					rethrowFailure();
					throw new IllegalStateException("入库线程已停止");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("入库被中断：" + file.path(), ex);
		}
		if (failure != null) {
			rethrowFailure();
		}
	}

	private void join() {
		try {
			loader.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("等待入库线程时被中断：" + file.path(), ex);
		}
	}

	private void rethrowFailure() {
		Throwable f = failure;
		if (f instanceof RuntimeException r) {
			throw r;
		}
		if (f instanceof Error e) {
			throw e;
		}
		if (f != null) {
			throw new WarehouseException("清单入库失败：" + file.path() + "：" + f.getMessage(), f);
		}
	}

	// ---- the loader thread ----

	private static final class Abort extends RuntimeException {

		Abort() {
			super("清单入库已放弃", null, false, false);
		}

	}

	private void load() {
		Long threads = null;
		try {
			threads = oneThread();
			warehouse.inTransaction(this::appendAll);
		}
		catch (Abort ex) {
			// rolled back on request
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			restoreThreads(threads);
			// unblock a reader waiting on a full queue
			queue.clear();
		}
	}

	/**
	 * Lets DuckDB work on the loader thread alone while the file loads, and returns its thread count before. The
	 * statements it runs here touch a few row groups at a time; with its own worker threads as well DuckDB spent about
	 * 3 s more CPU on a 1,000,000-row ledger (the workers wake for every statement) and took those cores from the
	 * reader's parser and checks (writers/README.md "Loading lists"). A setting of the database, not the transaction:
	 * put back when the load ends, whichever way it ends.
	 */
	private Long oneThread() throws SQLException {
		try (var st = warehouse.connection().createStatement()) {
			long threads;
			try (var rs = st.executeQuery("select current_setting('threads')")) {
				rs.next();
				threads = rs.getLong(1);
			}
			if (threads > 1) {
				st.execute("set threads = 1");
				return threads;
			}
			return null;
		}
	}

	private void restoreThreads(Long threads) {
		if (threads == null) {
			return;
		}
		try (var st = warehouse.connection().createStatement()) {
			st.execute("set threads = " + threads);
		}
		catch (SQLException | RuntimeException ex) {
			// the load itself is over; a connection that cannot take a setting fails its next statement anyway
		}
	}

	private void appendAll() throws SQLException {
		ListKind kind = file.kind();
		int width = kind.columns().size();
		String itemTable = ListWriter.ITEM_TABLES.get(kind);
		int dateIndex = ListWriter.DATE_COLUMNS.containsKey(kind) ? kind.indexOf(ListWriter.DATE_COLUMNS.get(kind)) : -1;
		String earliest = null;
		int errors = 0;
		int warnings = 0;
		boolean fileError = false;
		int issueNo = 0;
		DuckDBConnection connection = warehouse.connection().unwrap(DuckDBConnection.class);
		// The JDBC driver opens the transaction lazily, at the first statement after setAutoCommit(false); an Appender
		// is no statement, and rows appended before any statement are committed on their own (ListWriterTests caught
		// it). The first statement here is the packed table's DDL.
		try (var st = connection.createStatement()) {
			st.execute("create or replace temp table " + PACKED + " (row_number integer, line varchar)");
		}
		int pending = 0;
		Unpacker unpack = new Unpacker(warehouse.connection(), kind);
		try (unpack; DuckDBAppender packed = connection.createAppender(TEMP_CATALOG, DuckDBConnection.DEFAULT_SCHEMA, PACKED);
				DuckDBAppender raw = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, ListWriter.rawTable(kind));
				DuckDBAppender items = itemTable == null ? null
						: connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, itemTable);
				DuckDBAppender issues = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "audit_issue")) {
			while (true) {
				Batch batch = take();
				if (batch == ABORT) {
					throw new Abort();
				}
				if (batch == END) {
					break;
				}
				for (int k = 0; k < batch.rows.size(); k++) {
					ListRow row = batch.rows.get(k);
					String[] values = row.values();
					if (values == null || values.length != width) {
						throw new IllegalArgumentException("文件 " + file.path() + " 第" + row.rowNumber() + "行有 "
								+ (values == null ? 0 : values.length) + " 个值，" + kind.label() + "应为 " + width + " 个，不能入库");
					}
					byte[] packedLine = batch.lines.get(k);
					if (packedLine != null) {
						packed.beginRow().append(row.rowNumber()).append(packedLine).endRow();
						if (++pending >= UNPACK_ROWS) {
							// spread what is packed over the raw table now, while the reader still parses
							packed.flush();
							unpack.run();
							pending = 0;
						}
					}
					else {
						// a value holding a separator character: this row goes in column by column
						raw.beginRow().append(file.sha256()).append(row.rowNumber());
						for (String value : values) {
							raw.append(value);
						}
						raw.endRow();
					}
					if (!row.items().isEmpty()) {
						if (items == null) {
							throw new IllegalArgumentException(kind.label() + "没有分项明细，文件 " + file.path() + " 第"
									+ row.rowNumber() + "行却带有分项");
						}
						int no = 0;
						for (String item : row.items()) {
							items.beginRow().append(file.sha256()).append(row.rowNumber()).append(++no).append(item).endRow();
						}
					}
					if (dateIndex >= 0) {
						String date = values[dateIndex];
						if (date != null && isIsoDate(date)
								&& (earliest == null || date.compareTo(earliest) < 0)) {
							earliest = date;
						}
					}
				}
				for (Finding f : batch.findings) {
					SubmissionLedger.appendIssue(issues, file.sha256(), ++issueNo, f);
					if (f.isError()) {
						errors++;
						fileError |= f.rowNumber() == null;
					}
					else {
						warnings++;
					}
				}
			}
		}
		Connection c = warehouse.connection();
		if (fileError) {
			// a finding about the whole file rejects it: keep its findings, land no rows
			deleteLanded(c, ListWriter.rawTable(kind));
			if (itemTable != null) {
				deleteLanded(c, itemTable);
			}
		}
		else {
			try (Unpacker rest = new Unpacker(c, kind)) {
				rest.run();
			}
		}
		try (var st = c.createStatement()) {
			st.execute("drop table " + TEMP_CATALOG + "." + PACKED);
		}
		recordFile(c, fileError ? "rejected" : "loaded", errors, warnings,
				fileError || earliest == null ? null : LocalDate.parse(earliest).withDayOfMonth(1));
		if (!fileError && file.submitterCode() != null) {
			rankVersions(c);
		}
		status = statusOf(c);
	}

	/**
	 * A row's values joined as by {@link #pack(String[], StringBuilder)}, encoded straight to UTF-8 (what the Appender
	 * would make of the joined String, without the StringBuilder, the String and its UTF-8 copy in between): the
	 * Appender takes a VARCHAR's bytes as they are.
	 */
	static final class PackedLine {

		private byte[] buffer = new byte[1024];

		private int length;

		/** False when a value holds {@link #UNIT} or {@link #NULL}: the row must be appended column by column. */
		boolean pack(String[] values) {
			length = 0;
			for (int i = 0; i < values.length; i++) {
				String value = values[i];
				int room = 2 + (value == null ? 0 : 3 * value.length());
				if (length + room > buffer.length) {
					buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + room));
				}
				byte[] out = buffer;
				int at = length;
				if (i > 0) {
					out[at++] = (byte) UNIT;
				}
				if (value == null) {
					out[at++] = (byte) NULL;
					length = at;
					continue;
				}
				for (int k = 0, n = value.length(); k < n; k++) {
					char ch = value.charAt(k);
					if (ch < 0x80) {
						if (ch == UNIT || ch == NULL) {
							return false;
						}
						out[at++] = (byte) ch;
					}
					else if (ch < 0x800) {
						out[at++] = (byte) (0xC0 | ch >> 6);
						out[at++] = (byte) (0x80 | ch & 0x3F);
					}
					else if (Character.isSurrogate(ch)) {
						// a pair is one code point in four bytes; a lone surrogate becomes '?', as String.getBytes does
						if (Character.isHighSurrogate(ch) && k + 1 < n && Character.isLowSurrogate(value.charAt(k + 1))) {
							int cp = Character.toCodePoint(ch, value.charAt(++k));
							out[at++] = (byte) (0xF0 | cp >> 18);
							out[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
							out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
							out[at++] = (byte) (0x80 | cp & 0x3F);
						}
						else {
							out[at++] = '?';
						}
					}
					else {
						out[at++] = (byte) (0xE0 | ch >> 12);
						out[at++] = (byte) (0x80 | ch >> 6 & 0x3F);
						out[at++] = (byte) (0x80 | ch & 0x3F);
					}
				}
				length = at;
			}
			return true;
		}

		byte[] bytes() {
			return Arrays.copyOf(buffer, length);
		}

	}

	/**
	 * Joins a row's values with {@link #UNIT} ({@link #NULL} for a missing one) into {@code line}; false when a value
	 * holds either character and the row must be appended column by column.
	 */
	static boolean pack(String[] values, StringBuilder line) {
		line.setLength(0);
		for (int i = 0; i < values.length; i++) {
			String value = values[i];
			if (i > 0) {
				line.append(UNIT);
			}
			if (value == null) {
				line.append(NULL);
			}
			else if (value.indexOf(UNIT) >= 0 || value.indexOf(NULL) >= 0) {
				return false;
			}
			else {
				line.append(value);
			}
		}
		return true;
	}

	/**
	 * Splits the packed lines staged so far into the raw table's columns, in one vectorised statement, and empties
	 * the staging table: run every {@value #UNPACK_ROWS} rows on the loader thread, so that DuckDB's share of the
	 * work overlaps the reader's instead of all coming after it, and once more at commit for the rest.
	 */
	private final class Unpacker implements AutoCloseable {

		private final PreparedStatement insert;

		private final PreparedStatement clear;

		Unpacker(Connection c, ListKind kind) throws SQLException {
			StringBuilder sql = new StringBuilder("insert into ").append(ListWriter.rawTable(kind))
				.append(" (sha256, row_number");
			kind.columns().forEach(column -> sql.append(", ").append(column));
			sql.append(")\nselect ?, row_number");
			for (int i = 1; i <= kind.columns().size(); i++) {
				sql.append(", nullif(parts[").append(i).append("], chr(").append((int) NULL).append("))");
			}
			sql.append("\nfrom (select row_number, string_split(line, chr(")
				.append((int) UNIT)
				.append(")) as parts from ")
				.append(TEMP_CATALOG)
				.append('.')
				.append(PACKED)
				.append(')');
			this.insert = c.prepareStatement(sql.toString());
			this.insert.setString(1, file.sha256());
			this.clear = c.prepareStatement("delete from " + TEMP_CATALOG + "." + PACKED);
		}

		void run() throws SQLException {
			insert.executeUpdate();
			clear.executeUpdate();
		}

		@Override
		public void close() throws SQLException {
			try {
				insert.close();
			}
			finally {
				clear.close();
			}
		}

	}

	/** yyyy-MM-dd in ASCII digits. */
	static boolean isIsoDate(String text) {
		if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
			return false;
		}
		for (int i = 0; i < 10; i++) {
			char ch = text.charAt(i);
			if (i != 4 && i != 7 && (ch < '0' || ch > '9')) {
				return false;
			}
		}
		return true;
	}

	private Batch take() {
		try {
			return queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Abort();
		}
	}

	private void deleteLanded(Connection c, String table) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where sha256 = ?")) {
			ps.setString(1, file.sha256());
			ps.executeUpdate();
		}
	}

	private void recordFile(Connection c, String fileStatus, int errors, int warnings, LocalDate period)
			throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("""
				insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
				    error_count, warning_count, size_bytes, format, sheet, form, duplicate_of, superseded_by, ingested_at,
				    list_kind)
				values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, null, null, null, ?, ?)""")) {
			ps.setString(1, file.sha256());
			ps.setString(2, file.path());
			ps.setObject(3, file.receivedAt());
			ps.setString(4, fileStatus);
			ps.setString(5, file.submitterCode());
			ps.setObject(6, period);
			ps.setInt(7, errors);
			ps.setInt(8, warnings);
			ps.setLong(9, file.sizeBytes());
			ps.setString(10, file.format());
			ps.setString(11, file.sheet());
			ps.setObject(12, ingestedAt);
			ps.setString(13, file.kind().code());
			ps.executeUpdate();
		}
	}

	/** Latest received (ties: later path) accepted list of this (submitter, list kind) is loaded, the rest superseded. */
	private void rankVersions(Connection c) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("""
				with versions as (
				    select sha256, path,
				        row_number() over (order by received_at desc, path desc) as version_rank,
				        first_value(sha256) over (order by received_at desc, path desc) as current_sha256
				    from audit_file
				    where submitter_code = ? and list_kind = ? and status in ('loaded', 'superseded')
				)
				update audit_file
				set status = case when versions.version_rank = 1 then 'loaded' else 'superseded' end,
				    superseded_by = case when versions.version_rank = 1 then null else versions.current_sha256 end
				from versions
				where audit_file.sha256 = versions.sha256 and audit_file.path = versions.path""")) {
			ps.setString(1, file.submitterCode());
			ps.setString(2, file.kind().code());
			ps.executeUpdate();
		}
	}

	private String statusOf(Connection c) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("select status from audit_file where sha256 = ? and path = ?")) {
			ps.setString(1, file.sha256());
			ps.setString(2, file.path());
			try (var rs = ps.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

}
