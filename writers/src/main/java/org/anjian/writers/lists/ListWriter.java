package org.anjian.writers.lists;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListKind;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.anjian.writers.ledger.AuditLedger;

/**
 * Lands every kind of record-level list the same way: each
 * {@link org.anjian.readers.lists.ListRow} appended to {@code raw_<kind code>}
 * ({@code sha256, row_number,} then the kind's columns as text), split items to
 * {@code raw_inspection_violation}; findings and the file's one row (with
 * {@code list_kind} set) go to the {@link AuditLedger}.
 *
 * <p>
 * Usage, from the thread that reads the file:
 *
 * <pre>
 * try (ListLoad load = writer.open(file)) {
 *     if (load.wanted()) {
 *         reader.read(path, load); // load is the reader's ListRowSink
 *     }
 *     String status = load.commit();
 * }
 * </pre>
 *
 * The rows are appended on a loader thread of their own while the reader parses (see
 * {@link ListLoad}), in one DuckDB transaction per file: a failure in the reader or the
 * loader, or a {@code close()} without {@code commit()}, leaves the warehouse as before
 * the file. One load at a time per {@link Warehouse}: until {@code commit()} or
 * {@code close()} returns, the loader thread is using its connection.
 *
 * <p>
 * Versions, as for summary tables, ranked by the ledger over one submitter × list kind ×
 * the list's own scope — a directory's tier, inspection records' month, none for ledgers
 * and liaison lists ({@link org.anjian.warehouse.FileVersions}); a list naming no
 * submitter supersedes nothing. The same bytes under another path are a
 * {@code duplicate}; the same bytes under the same path are skipped.
 */
public class ListWriter {

	/**
	 * Rows per hand-off from the reader to the loader thread, each one staging file
	 * loaded by one {@code read_csv}: large enough that a statement's fixed cost is lost
	 * in it, small enough that the last one, loaded after the reader is done, is quick
	 * (writers/README.md "Loading lists").
	 */
	static final int CHUNK_ROWS = 1 << 16;

	/** Where a kind's split items go; a kind not listed has none. */
	static final Map<ListKind, String> ITEM_TABLES = Map.of(ListKind.INSPECTION_RECORD, "raw_inspection_violation");

	/**
	 * The column whose earliest date gives the file's {@code audit_file.period}; a kind
	 * not listed has none, or a period its scope decides (inspection records: their
	 * month, {@link org.anjian.warehouse.FileVersions}).
	 */
	static final Map<ListKind, String> DATE_COLUMNS = Map.of(ListKind.HAZARD_LEDGER, "found_on");

	private final Warehouse warehouse;

	private final Clock clock;

	private final int batchRows;

	private final AuditLedger ledger;

	public ListWriter(Warehouse warehouse) {
		this(warehouse, Clock.system(OfficeTime.ZONE), CHUNK_ROWS);
	}

	/**
	 * @param clock source of {@code ingested_at}
	 * @param batchRows rows per hand-off from the reader to the loader thread (one
	 * staging chunk)
	 */
	public ListWriter(Warehouse warehouse, Clock clock, int batchRows) {
		this.warehouse = warehouse;
		this.clock = clock;
		this.batchRows = batchRows;
		this.ledger = new AuditLedger(warehouse);
	}

	/**
	 * Deletes staging files a killed process left beside the warehouse file (none for an
	 * in-memory warehouse); call only while no load can be running on it, e.g. under
	 * anjian's home lock. Returns how many were deleted.
	 */
	public int removeStagingLeftovers() {
		return warehouse.file() == null ? 0 : StagingChunk.removeLeftovers(warehouse.file());
	}

	/** The raw table a kind lands in. */
	public static String rawTable(ListKind kind) {
		return "raw_" + kind.code();
	}

	/**
	 * Starts loading a file. Already recorded under this path, or the same bytes as a
	 * file seen before: nothing is loaded ({@link ListLoad#wanted()} is false, the
	 * duplicate is recorded at once) and rows sent are ignored.
	 */
	public ListLoad open(ListFile file) {
		checkColumns(file.kind());
		LocalDateTime ingestedAt = OfficeTime.now(clock).withNano(0);
		// a duplicate is recorded in a transaction of its own; a new file's rows go in
		// the loader's
		String[] known = new String[1];
		warehouse.inTransaction(() -> known[0] = ledger.admit(file.entry(null), ingestedAt).orElse(null));
		if (known[0] != null) {
			return ListLoad.unwanted(known[0]);
		}
		return ListLoad.start(warehouse, file, ingestedAt, batchRows);
	}

	/**
	 * Records the file as rejected for {@code reason} (a finding about the whole file),
	 * without any of its rows.
	 */
	public String reject(ListFile file, Finding reason) {
		try (ListLoad load = open(file)) {
			if (load.wanted()) {
				load.finding(reason);
			}
			return load.commit();
		}
	}

	/**
	 * The raw table must be the kind's columns, in order, after sha256 and row_number:
	 * the reader contract.
	 */
	private void checkColumns(ListKind kind) {
		List<String> expected = new ArrayList<>(List.of("sha256", "row_number"));
		expected.addAll(kind.columns());
		List<String> actual = new ArrayList<>();
		try (PreparedStatement ps = warehouse.connection().prepareStatement("""
				select column_name from information_schema.columns
				where table_schema = current_schema() and table_name = ? order by ordinal_position""")) {
			ps.setString(1, rawTable(kind));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					actual.add(rs.getString(1));
				}
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询表结构失败：" + ex.getMessage(), ex);
		}
		if (!actual.equals(expected)) {
			throw new IllegalStateException(
					rawTable(kind) + " 的列 " + actual + " 与" + kind.label() + "的列 " + expected + " 不一致");
		}
	}

}
