package org.anjian.writers.submissions;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.anjian.readers.Finding;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.writers.ledger.AuditLedger;

/**
 * Records a document received for one or more deliverables (deliverables.csv): its
 * {@code audit_file} row ({@code loaded}, period NULL so it never joins a table's
 * versions) and one {@code land_deliverable_document} row per deliverable it is, in one
 * transaction. Nothing of the document is parsed or stored. A document an earlier run
 * rejected (before deliverables.csv named it) is recorded as received instead, its old
 * row and reasons replaced.
 */
public final class DocumentWriter {

	/**
	 * What the document is for.
	 *
	 * @param campaign campaign code
	 * @param deliverableCode the deliverables.csv code
	 * @param instance once, or the quarter (2024Q1)
	 * @param matchedBy file_name (file or folder names) or first_page
	 * @param keyword the name keyword found
	 */
	public record Receipt(String campaign, String deliverableCode, String instance, String matchedBy, String keyword) {
	}

	/**
	 * A recognised document: its ledger entry (submitter set, period NULL), what it is
	 * for, and its warnings.
	 */
	public record ReceivedDocument(AuditLedger.Entry entry, List<Receipt> receipts, List<Finding> findings) {
	}

	private final Warehouse warehouse;

	private final Clock clock;

	private final AuditLedger ledger;

	public DocumentWriter(Warehouse warehouse) {
		this(warehouse, Clock.system(OfficeTime.ZONE));
	}

	public DocumentWriter(Warehouse warehouse, Clock clock) {
		this.warehouse = warehouse;
		this.clock = clock;
		this.ledger = new AuditLedger(warehouse);
	}

	/**
	 * Records one document in its own transaction; returns its status (new or as before).
	 */
	public String write(ReceivedDocument document) {
		if (document.receipts().isEmpty() || document.entry().submitterCode() == null
				|| document.entry().period() != null) {
			throw new IllegalArgumentException("文档 " + document.entry().path() + " 缺少报送单位或应报材料，不能记为已收");
		}
		String[] status = new String[1];
		warehouse.inTransaction(() -> status[0] = record(document));
		return status[0];
	}

	private String record(ReceivedDocument document) throws SQLException {
		LocalDateTime ingestedAt = OfficeTime.now(clock).withNano(0);
		AuditLedger.Entry entry = document.entry();
		Optional<String> known = ledger.admit(entry, ingestedAt);
		if (known.isPresent() && !AuditLedger.REJECTED.equals(known.get())) {
			return known.get();
		}
		if (known.isPresent()) {
			// rejected by an earlier run, before deliverables.csv named it: received now,
			// its row and reasons replaced
			for (String sql : List.of("delete from audit_issue where sha256 = ?",
					"delete from audit_file where sha256 = ? and path = ?")) {
				try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
					ps.setString(1, entry.sha256());
					if (sql.contains("path")) {
						ps.setString(2, entry.path());
					}
					ps.executeUpdate();
				}
			}
		}
		ledger.record(entry, AuditLedger.LOADED, document.findings(), ingestedAt);
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("insert into land_deliverable_document (sha256, path, submitter_code, campaign, "
					+ "deliverable_code, instance, received_at, matched_by, keyword) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			for (Receipt r : document.receipts()) {
				ps.setString(1, entry.sha256());
				ps.setString(2, entry.path());
				ps.setString(3, entry.submitterCode());
				ps.setString(4, r.campaign());
				ps.setString(5, r.deliverableCode());
				ps.setString(6, r.instance());
				ps.setObject(7, entry.receivedAt());
				ps.setString(8, r.matchedBy());
				ps.setString(9, r.keyword());
				ps.executeUpdate();
			}
		}
		return AuditLedger.LOADED;
	}

}
