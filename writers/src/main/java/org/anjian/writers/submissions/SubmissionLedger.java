package org.anjian.writers.submissions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;

/** What {@code audit_file} already knows about an inbox file: lets ingest skip files it has recorded before. */
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
