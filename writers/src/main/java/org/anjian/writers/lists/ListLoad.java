package org.anjian.writers.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListDates;
import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;
import org.anjian.readers.work.HandOff;
import org.anjian.readers.work.Worker;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.ledger.AuditLedger;
import org.anjian.warehouse.WarehouseException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One list file being loaded: the reader's {@link ListRowSink} on one side, a loader
 * thread on the other.
 *
 * <p>
 * The reader's thread packs each row into one line ({@link PackedLine}) and writes it to
 * a staging file, and each finding, numbered as it comes, to a third; every
 * {@code chunkRows} rows (or findings) it hands the finished {@link StagingChunk} (with
 * the rare rows and findings that cannot be packed) over a bounded queue (at most
 * {@value #QUEUE_CHUNKS} hand-offs in flight, so a fast reader waits rather than filling
 * the disk). The loader thread owns the DuckDB work: it opens the transaction, loads each
 * chunk with one {@code insert … select … from read_csv(…)} per table (rows, items,
 * {@code audit_issue}: a ledger can carry a finding or two on every row, and one Appender
 * row per finding was the largest cost of such a file's load), appends the rest with
 * Appenders (they are confined to the thread that created them), and at {@link #commit()}
 * records the file in the {@link AuditLedger} and commits. Parsing and loading thus
 * overlap on two cores. A failure on either side rolls the whole file back; the first
 * loader failure is rethrown to the reader at its next {@link #row} or at
 * {@link #commit()}. While the file loads DuckDB runs with {@code threads = 1} and writes
 * each row group as soon as it is full (see {@link #loadSettings}).
 */
public final class ListLoad implements ListRowSink, AutoCloseable {

	static final int QUEUE_CHUNKS = 4;

	/** Marks the end of the file on the queue: commit. */
	private static final Batch END = new Batch();

	/** Marks an abandoned file on the queue: roll back. */
	private static final Batch ABORT = new Batch();

	private final Warehouse warehouse;

	private final ListFile file;

	private final LocalDateTime ingestedAt;

	private final int chunkRows;

	/** The list kind's column count (values per row). */
	private final int width;

	/** Where the kind's split items go, or null: it has none. */
	private final String itemTable;

	/** The column whose earliest date gives the file's period, or -1. */
	private final int dateIndex;

	/** Packs rows on the reader's thread. */
	private final PackedLine line = new PackedLine();

	/**
	 * Closed by the loader when it ends, however it ends: the reader's next hand-off then
	 * fails.
	 */
	private final HandOff<Batch> queue;

	/** Started by {@link #start}; null for an unwanted file. */
	private Worker loader;

	/**
	 * Every staging chunk not yet loaded and deleted, whichever thread holds it: deleted
	 * when the load ends.
	 */
	private final Set<StagingChunk> staged = ConcurrentHashMap.newKeySet();

	private Batch current;

	/** The chunk the reader is writing, or null before the first row after a hand-off. */
	private StagingChunk chunk;

	/**
	 * Earliest ISO date in {@link #dateIndex}, kept by the reader's thread; the loader
	 * reads it after {@link #END}.
	 */
	private String earliest;

	private String status;

	/**
	 * The last finding's number and the counts so far, kept by the reader's thread; the
	 * loader reads them after {@link #END}.
	 */
	private int issueNo;

	private int errors;

	private int warnings;

	/**
	 * Set by {@link #commit()} or {@link #close()}; volatile because an abandoned reader
	 * (a list read past its time limit) may still be sending rows from its own thread
	 * after the load was closed: it must stop making chunks.
	 */
	private volatile boolean finished;

	/**
	 * One hand-off: a staging chunk (or none), the rows and items that could not be
	 * packed, findings.
	 */
	private static final class Batch {

		StagingChunk chunk;

		final List<ListRow> rows = new ArrayList<>();

		final List<Item> items = new ArrayList<>();

		/** Findings that could not be packed, with their numbers. */
		final List<Numbered> findings = new ArrayList<>();

		/**
		 * An error about no row (about the whole file) came with this hand-off: no rows
		 * load from here on.
		 */
		boolean fileError;

		boolean isEmpty() {
			return chunk == null && rows.isEmpty() && items.isEmpty() && findings.isEmpty();
		}

	}

	private record Item(int rowNumber, int itemNo, String text) {
	}

	private record Numbered(int issueNo, Finding finding) {
	}

	private ListLoad(Warehouse warehouse, ListFile file, LocalDateTime ingestedAt, int chunkRows, String status) {
		this.warehouse = warehouse;
		this.file = file;
		this.ingestedAt = ingestedAt;
		this.chunkRows = chunkRows;
		this.status = status;
		this.width = file == null ? 0 : file.kind().columns().size();
		this.itemTable = file == null ? null : ListWriter.ITEM_TABLES.get(file.kind());
		this.dateIndex = file != null && ListWriter.DATE_COLUMNS.containsKey(file.kind())
				? file.kind().indexOf(ListWriter.DATE_COLUMNS.get(file.kind())) : -1;
		if (status != null) {
			this.queue = null;
			this.finished = true;
			return;
		}
		this.queue = new HandOff<>(QUEUE_CHUNKS);
		this.current = new Batch();
	}

	static ListLoad start(Warehouse warehouse, ListFile file, LocalDateTime ingestedAt, int chunkRows) {
		ListLoad load = new ListLoad(warehouse, file, ingestedAt, chunkRows, null);
		load.loader = Worker.draining("list-loader-" + file.sha256().substring(0, Math.min(8, file.sha256().length())),
				load.queue, load::load);
		return load;
	}

	static ListLoad unwanted(String status) {
		return new ListLoad(null, null, null, 0, status);
	}

	/**
	 * False when the file is already recorded (same path) or a duplicate: the reader need
	 * not read it.
	 */
	public boolean wanted() {
		return !finished;
	}

	@Override
	public void row(ListRow row) {
		if (finished) {
			return;
		}
		String[] values = row.values();
		if (values == null || values.length != width) {
			throw new IllegalArgumentException("文件 " + file.path() + " 第" + row.rowNumber() + "行有 "
					+ (values == null ? 0 : values.length) + " 个值，" + file.kind().label() + "应为 " + width + " 个，不能入库");
		}
		if (!ensureChunk()) {
			return;
		}
		if (line.row(row.rowNumber(), values)) {
			chunk.row(line);
		}
		else {
			// a value holding a separator character or a line break: this row goes in
			// column by column
			current.rows.add(row);
		}
		if (!row.items().isEmpty()) {
			if (itemTable == null) {
				throw new IllegalArgumentException(
						file.kind().label() + "没有分项明细，文件 " + file.path() + " 第" + row.rowNumber() + "行却带有分项");
			}
			int no = 0;
			for (String item : row.items()) {
				if (line.item(row.rowNumber(), ++no, item)) {
					chunk.item(line);
				}
				else {
					current.items.add(new Item(row.rowNumber(), no, item));
				}
			}
		}
		if (dateIndex >= 0) {
			String date = values[dateIndex];
			if (date != null && ListDates.isIsoDate(date) && (earliest == null || date.compareTo(earliest) < 0)) {
				earliest = date;
			}
		}
		if (chunk.rowCount() + current.rows.size() >= chunkRows) {
			handOver();
		}
	}

	@Override
	public void finding(Finding finding) {
		if (finished) {
			return;
		}
		// numbered in the order the reader reports them, as audit_issue.issue_no always
		// was
		int no = ++issueNo;
		if (finding.isError()) {
			errors++;
			// an error about no row is about the whole file
			current.fileError |= finding.rowNumber() == null;
		}
		else {
			warnings++;
		}
		if (!ensureChunk()) {
			return;
		}
		if (line.finding(no, finding)) {
			chunk.finding(line);
		}
		else {
			// a message holding a separator character or a line break
			current.findings.add(new Numbered(no, finding));
		}
		if (chunk.findingCount() + current.findings.size() >= chunkRows) {
			// a file of many bad rows: its findings go over in hand-offs too, not all
			// held at once
			handOver();
		}
	}

	/**
	 * The chunk the reader writes to, made at the first row or finding after a hand-off;
	 * false when the load was closed meanwhile.
	 */
	private boolean ensureChunk() {
		if (chunk == null) {
			chunk = StagingChunk.create(warehouse.file(), itemTable != null);
			staged.add(chunk);
			if (finished) {
				// closed meanwhile from another thread: this chunk would outlive the load
				discardStaged();
				return false;
			}
		}
		return true;
	}

	/**
	 * Waits for the loader to load the rest, records the file and commits. Returns the
	 * file's status: loaded (or superseded by a later version already recorded), rejected
	 * (an error about the whole file), duplicate.
	 */
	public String commit() {
		if (finished) {
			rethrowFailure();
			return status;
		}
		try {
			handOver();
			put(END);
			join();
		}
		finally {
			finished = true;
			discardStaged();
		}
		rethrowFailure();
		return status;
	}

	/**
	 * Without a {@link #commit()} before it: abandons the file, the warehouse stays as it
	 * was.
	 */
	@Override
	public void close() {
		if (finished) {
			return;
		}
		finished = true;
		try {
			// behind the hand-offs already queued (at most QUEUE_CHUNKS): they are
			// loaded, then rolled back
			put(ABORT);
		}
		catch (RuntimeException ex) {
			// the loader already failed and is rolling back
		}
		join();
		discardStaged();
	}

	private void handOver() {
		if (chunk != null) {
			chunk.finish();
			current.chunk = chunk;
			chunk = null;
		}
		if (!current.isEmpty()) {
			put(current);
		}
		current = new Batch();
	}

	/**
	 * Deletes the staging files the loader did not get to (a failure, an abandoned file).
	 */
	private void discardStaged() {
		for (StagingChunk c : staged) {
			c.close();
		}
		staged.clear();
	}

	private void put(Batch batch) {
		boolean taken;
		try {
			taken = queue.put(batch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("入库被中断：" + file.path(), ex);
		}
		rethrowFailure();
		if (!taken) {
			throw new IllegalStateException("入库线程已停止");
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
		if (loader != null) {
			loader.rethrowFailure(WarehouseException.class,
					f -> new WarehouseException("清单入库失败：" + file.path() + "：" + f.getMessage(), f));
		}
	}

	// ---- the loader thread ----

	private static final class Abort extends RuntimeException {

		Abort() {
			super("清单入库已放弃", null, false, false);
		}

	}

	/**
	 * The loader's task: its failure is the worker's, its end closes the queue (dropped
	 * chunks: see discardStaged).
	 */
	private void load() throws SQLException {
		Map<String, String> before = new LinkedHashMap<>();
		try {
			loadSettings(before);
			warehouse.inTransaction(this::appendAll);
		}
		catch (Abort ex) {
			// rolled back on request
		}
		finally {
			restore(before);
		}
	}

	/**
	 * Settings of the database, not the transaction, while the file loads; the values
	 * they replaced go into {@code before}, put back by {@link #restore} when the load
	 * ends, whichever way it ends.
	 * <ul>
	 * <li>{@code threads = 1}: DuckDB works on the loader thread alone. Each chunk's
	 * {@code read_csv} is a few megabytes; with its own worker threads as well DuckDB
	 * spent more CPU (the workers wake for every statement) and took those cores from the
	 * reader's inflater, parser and checks (writers/README.md "Loading lists").</li>
	 * <li>{@code write_buffer_row_group_count = 1}: each full row group (122 880 rows) is
	 * compressed and written as soon as it is full. DuckDB's default buffers five to
	 * flush them together on several threads; on one thread that only left the last three
	 * of a million-row ledger's eight, about 0.5 CPU s of compression, to the commit,
	 * after the reader's last row, when its core has nothing left to do.</li>
	 * </ul>
	 */
	private void loadSettings(Map<String, String> before) throws SQLException {
		try (var st = warehouse.connection().createStatement()) {
			String threads = setting(st, "threads");
			if (threads != null && Long.parseLong(threads) > 1) {
				st.execute("set threads = 1");
				before.put("threads", threads);
			}
			// not a setting of every DuckDB: one without it keeps its own buffering
			String buffered = setting(st, "write_buffer_row_group_count");
			if (buffered != null && Long.parseLong(buffered) > 1) {
				st.execute("set write_buffer_row_group_count = 1");
				before.put("write_buffer_row_group_count", buffered);
			}
		}
	}

	/** A numeric setting's value, or null: this DuckDB has no such setting. */
	private static String setting(Statement st, String name) throws SQLException {
		try (var rs = st.executeQuery("select value from duckdb_settings() where name = '" + name + "'")) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	private void restore(Map<String, String> before) {
		try (var st = warehouse.connection().createStatement()) {
			for (Map.Entry<String, String> setting : before.entrySet()) {
				st.execute("set " + setting.getKey() + " = " + setting.getValue());
			}
		}
		catch (SQLException | RuntimeException ex) {
			// the load itself is over; a connection that cannot take a setting fails its
			// next statement anyway
		}
	}

	private void appendAll() throws SQLException {
		ListKind kind = file.kind();
		AuditLedger ledger = new AuditLedger(warehouse);
		boolean fileError = false;
		int errors;
		int warnings;
		DuckDBConnection connection = warehouse.connection().unwrap(DuckDBConnection.class);
		// The JDBC driver opens the transaction lazily, at the first statement after
		// setAutoCommit(false); an Appender
		// is no statement, and rows appended before any statement are committed on their
		// own (ListWriterTests caught
		// it). So a statement comes first.
		try (var st = connection.createStatement()) {
			st.execute("select 1");
		}
		try (DuckDBAppender raw = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, ListWriter.rawTable(kind));
				DuckDBAppender items = itemTable == null ? null
						: connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, itemTable);
				AuditLedger.Issues issues = ledger.issues(file.sha256())) {
			while (true) {
				Batch batch = take();
				if (batch == ABORT) {
					throw new Abort();
				}
				if (batch == END) {
					break;
				}
				for (ListRow row : batch.rows) {
					raw.beginRow().append(file.sha256()).append(row.rowNumber());
					for (String value : row.values()) {
						raw.append(value);
					}
					raw.endRow();
				}
				for (Item item : batch.items) {
					items.beginRow()
						.append(file.sha256())
						.append(item.rowNumber())
						.append(item.itemNo())
						.append(item.text())
						.endRow();
				}
				for (Numbered n : batch.findings) {
					issues.add(n.issueNo(), n.finding());
				}
				fileError |= batch.fileError;
				if (batch.chunk != null) {
					try (StagingChunk loaded = batch.chunk) {
						// a rejected file's rows are deleted at the end anyway: not
						// worth loading; its findings are kept
						loaded.loadInto(connection, kind, itemTable, file.sha256(), !fileError);
					}
					staged.remove(batch.chunk);
				}
				org.anjian.warehouse.CrashPoints.reach("list-chunk");
			}
			// counted by the reader's thread, which numbered them; read after END
			errors = this.errors;
			warnings = this.warnings;
		}
		Connection c = warehouse.connection();
		if (fileError) {
			// a finding about the whole file rejects it: keep its findings, land no rows
			deleteLanded(c, ListWriter.rawTable(kind));
			if (itemTable != null) {
				deleteLanded(c, itemTable);
			}
		}
		YearMonth period = fileError || earliest == null ? null : YearMonth.from(LocalDate.parse(earliest));
		ledger.record(file.entry(period), fileError ? AuditLedger.REJECTED : AuditLedger.LOADED, errors, warnings,
				ingestedAt);
		if (!fileError) {
			// a directory's tier or the records' month, from the rows just landed
			ledger.rankVersions(ledger.scopeOfList(file.sha256(), file.path()));
		}
		status = ledger.status(file.sha256(), file.path()).orElseThrow();
	}

	private Batch take() {
		try {
			Batch batch = queue.take();
			if (batch == null) {
				throw new Abort(); // closed: only the loader closes it, so not reached
			}
			return batch;
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

}
