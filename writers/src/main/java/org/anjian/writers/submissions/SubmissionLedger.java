package org.anjian.writers.submissions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;

import org.anjian.readers.Finding;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.duckdb.DuckDBAppender;

/**
 * What {@code audit_file} already knows about an inbox file (lets ingest skip files it has recorded before), and the
 * audit rows every writer records the same way: duplicates and issues.
 */
public class SubmissionLedger {

	private final Warehouse warehouse;

	public SubmissionLedger(Warehouse warehouse) {
		this.warehouse = warehouse;
	}

	/** True when these bytes under this path are already recorded: re-ingesting them changes nothing. */
	public boolean seen(String sha256, String path) {
		return query("select path from audit_file where sha256 = ? and path = ?", sha256, path).isPresent();
	}

	/**
	 * The path under which these bytes were first recorded (the original of any duplicate): the earliest received
	 * non-duplicate row, ties broken by path.
	 */
	public Optional<String> firstPathOf(String sha256) {
		return query("""
				select path from audit_file
				where sha256 = ? and status <> 'duplicate'
				order by received_at, path
				limit 1""", sha256);
	}

	/**
	 * Records the same bytes as a file seen before, under another path: a {@code duplicate} row carrying the
	 * original's identity (submitter, campaign, period, list kind), nothing landed. Summary tables and lists alike.
	 */
	public void recordDuplicate(String sha256, String path, LocalDateTime receivedAt, long sizeBytes, String format,
			String firstPath, LocalDateTime ingestedAt) throws SQLException {
		try (PreparedStatement ps = warehouse.connection().prepareStatement("""
				insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
				    error_count, warning_count, size_bytes, format, sheet, form, duplicate_of, superseded_by, ingested_at,
				    list_kind)
				select sha256, ?, ?, 'duplicate', submitter_code, campaign, period, 0, 0, ?, ?, sheet, form, path, null, ?,
				    list_kind
				from audit_file where sha256 = ? and path = ?""")) {
			ps.setString(1, path);
			ps.setObject(2, receivedAt);
			ps.setLong(3, sizeBytes);
			ps.setString(4, format);
			ps.setObject(5, ingestedAt);
			ps.setString(6, sha256);
			ps.setString(7, firstPath);
			ps.executeUpdate();
		}
	}

	/** One {@code audit_issue} row through an Appender on that table; {@code issueNo} counts from 1 per file. */
	public static void appendIssue(DuckDBAppender issues, String sha256, int issueNo, Finding f) throws SQLException {
		issues.beginRow()
			.append(sha256)
			.append(issueNo)
			.append(f.severity().code())
			.append(f.rule())
			.append(f.sheet())
			.append(f.rowNumber())
			.append(f.column())
			.append(f.message())
			.endRow();
	}

	private Optional<String> query(String sql, String... params) {
		try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setString(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询入库记录失败：" + ex.getMessage(), ex);
		}
	}

}
