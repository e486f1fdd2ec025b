package org.anjian.writers.lists;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListKind;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.anjian.writers.submissions.SubmissionLedger;

/**
 * Lands every kind of record-level list the same way: each {@link org.anjian.readers.lists.ListRow} appended to
 * {@code raw_<kind code>} ({@code sha256, row_number,} then the kind's columns as text), split items to
 * {@code raw_inspection_violation}, findings to {@code audit_issue}, and one {@code audit_file} row with
 * {@code list_kind} set.
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
 * The rows are appended on a loader thread of their own while the reader parses (see {@link ListLoad}), in one
 * DuckDB transaction per file: a failure in the reader or the loader, or a {@code close()} without {@code commit()},
 * leaves the warehouse as before the file. One load at a time per {@link Warehouse}: until {@code commit()} or
 * {@code close()} returns, the loader thread is using its connection.
 *
 * <p>
 * Versions, as for summary tables: among the accepted lists of one (submitter, list kind) the latest received (ties:
 * the later path) is {@code loaded} and the others {@code superseded}; a list naming no submitter supersedes nothing.
 * The same bytes under another path are a {@code duplicate}; the same bytes under the same path are skipped.
 */
public class ListWriter {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/**
	 * Rows per hand-off from the reader to the loader thread, each one staging file loaded by one {@code read_csv}:
	 * large enough that a statement's fixed cost is lost in it, small enough that the last one, loaded after the
	 * reader is done, is quick (writers/README.md "Loading lists").
	 */
	static final int CHUNK_ROWS = 1 << 16;

	/** Where a kind's split items go; a kind not listed has none. */
	static final Map<ListKind, String> ITEM_TABLES = Map.of(ListKind.INSPECTION_RECORD, "raw_inspection_violation");

	/** The column whose earliest date gives the file's {@code audit_file.period}; a kind not listed has none. */
	static final Map<ListKind, String> DATE_COLUMNS = Map.of(ListKind.HAZARD_LEDGER, "found_on",
			ListKind.INSPECTION_RECORD, "inspected_on");

	private final Warehouse warehouse;

	private final Clock clock;

	private final int batchRows;

	private final SubmissionLedger ledger;

	public ListWriter(Warehouse warehouse) {
		this(warehouse, Clock.system(SHANGHAI), CHUNK_ROWS);
	}

	/**
	 * @param clock source of {@code ingested_at}
	 * @param batchRows rows per hand-off from the reader to the loader thread (one staging chunk)
	 */
	public ListWriter(Warehouse warehouse, Clock clock, int batchRows) {
		this.warehouse = warehouse;
		this.clock = clock;
		this.batchRows = batchRows;
		this.ledger = new SubmissionLedger(warehouse);
	}

	/**
	 * Deletes staging files a killed process left beside the warehouse file (none for an in-memory warehouse); call
	 * only while no load can be running on it, e.g. under anjian's home lock. Returns how many were deleted.
	 */
	public int removeStagingLeftovers() {
		return warehouse.file() == null ? 0 : StagingChunk.removeLeftovers(warehouse.file());
	}

	/** The raw table a kind lands in. */
	public static String rawTable(ListKind kind) {
		return "raw_" + kind.code();
	}

	/**
	 * Starts loading a file. Already recorded under this path, or the same bytes as a file seen before: nothing is
	 * loaded ({@link ListLoad#wanted()} is false, the duplicate is recorded at once) and rows sent are ignored.
	 */
	public ListLoad open(ListFile file) {
		checkColumns(file.kind());
		LocalDateTime ingestedAt = LocalDateTime.now(clock.withZone(SHANGHAI)).withNano(0);
		Optional<String> existing = statusOf(file.sha256(), file.path());
		if (existing.isPresent()) {
			return ListLoad.unwanted(existing.get());
		}
		Optional<String> firstPath = ledger.firstPathOf(file.sha256());
		if (firstPath.isPresent()) {
			warehouse.inTransaction(() -> ledger.recordDuplicate(file.sha256(), file.path(), file.receivedAt(),
					file.sizeBytes(), file.format(), firstPath.get(), ingestedAt));
			return ListLoad.unwanted("duplicate");
		}
		return ListLoad.start(warehouse, file, ingestedAt, batchRows);
	}

	/** Records the file as rejected for {@code reason} (a finding about the whole file), without any of its rows. */
	public String reject(ListFile file, Finding reason) {
		try (ListLoad load = open(file)) {
			if (load.wanted()) {
				load.finding(reason);
			}
			return load.commit();
		}
	}

	private Optional<String> statusOf(String sha256, String path) {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("select status from audit_file where sha256 = ? and path = ?")) {
			ps.setString(1, sha256);
			ps.setString(2, path);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询入库记录失败：" + ex.getMessage(), ex);
		}
	}


	/** The raw table must be the kind's columns, in order, after sha256 and row_number: the reader contract. */
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
			throw new IllegalStateException(rawTable(kind) + " 的列 " + actual + " 与" + kind.label() + "的列 " + expected
					+ " 不一致");
		}
	}

}
