package org.anjian.jobs.submissions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.anjian.writers.ledger.AuditLedger;
import org.anjian.writers.submissions.AuditedFile;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * One line per file as it lands, into the run's progress: status, path, who/what/when,
 * counts of errors and warnings, first error.
 */
class IntakeProgressListener implements ItemWriteListener<IntakeItem> {

	private final RunProgress output;

	private final Warehouse warehouse;

	private final AuditLedger ledger;

	private final IntakeTally tally;

	IntakeProgressListener(RunProgress output, Warehouse warehouse) {
		this(output, warehouse, null);
	}

	/**
	 * @param tally the run's tally: a summary table's status as its writer gave it, so
	 * its line costs no query
	 */
	IntakeProgressListener(RunProgress output, Warehouse warehouse, IntakeTally tally) {
		this.output = output;
		this.warehouse = warehouse;
		this.ledger = new AuditLedger(warehouse);
		this.tally = tally;
	}

	@Override
	public void afterWrite(Chunk<? extends IntakeItem> items) {
		for (IntakeItem item : items) {
			String line = item instanceof SummarySubmission summary ? describe(summary.audited())
					: item instanceof DocumentSubmission document ? describe(document)
							: describe((ListSubmission) item);
			if (line != null) {
				output.line(line);
			}
		}
	}

	/** A document recorded as received: which deliverables it is. */
	private String describe(DocumentSubmission document) {
		InboxFile file = document.file();
		String status = status(file.sha256(), file.path());
		if ("?".equals(status)) {
			return null;
		}
		StringBuilder line = new StringBuilder(
				String.format("%-10s %s  [%s 应报材料", status, file.path(), document.document().entry().submitterCode()));
		document.document()
			.receipts()
			.forEach(r -> line.append(' ')
				.append(r.campaign())
				.append('/')
				.append(r.deliverableCode())
				.append(' ')
				.append(r.instance()));
		line.append("]  提示 ").append(document.document().findings().size());
		return line.toString();
	}

	private String describe(ListSubmission list) {
		InboxFile file = list.file();
		String status = status(file.sha256(), file.path());
		if ("?".equals(status)) {
			return null; // rolled back or left for the next run; IntakeTally has printed
							// why
		}
		String line = String.format("%-10s %s  [%s %s]", status, file.path(), list.list().kind().label(),
				list.submitterCode() == null ? "" : list.submitterCode());
		try (PreparedStatement ps = warehouse.connection().prepareStatement("""
				select count(*) filter (where severity = 'error' and row_number is not null),
				       count(*) filter (where severity = 'warning'),
				       min(message) filter (where severity = 'error' and row_number is null)
				from audit_issue where sha256 = ?""")) {
			ps.setString(1, file.sha256());
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				line += "  退回行 " + rs.getLong(1) + "，提示 " + rs.getLong(2)
						+ (rs.getString(3) == null ? "" : "  — " + rs.getString(3));
			}
		}
		catch (SQLException ex) {
			line += "  （无法查询审核结果：" + ex.getMessage() + "）";
		}
		return line;
	}

	/**
	 * The file's status in the ledger; "?" when not recorded (rolled back or left for the
	 * next run).
	 */
	private String status(String sha256, String path) {
		try {
			return ledger.status(sha256, path).orElse("?");
		}
		catch (WarehouseException ex) {
			return "unknown";
		}
	}

	private String describe(AuditedFile file) {
		String written = tally == null ? null : tally.statusWritten(file.sha256(), file.path());
		String status = written != null ? written : status(file.sha256(), file.path());
		if ("?".equals(status)) {
			// not recorded: the write failed and was rolled back; IntakeTally has printed
			// it as skipped
			return null;
		}
		long errors = file.findings().stream().filter(f -> f.isError()).count();
		long warnings = file.findings().size() - errors;
		StringBuilder line = new StringBuilder(String.format("%-10s %s", status, file.path()));
		if (file.submitterCode() != null || file.period() != null) {
			line.append("  [")
				.append(file.submitterCode())
				.append(' ')
				.append(file.campaign())
				.append(' ')
				.append(file.period())
				.append(']');
		}
		line.append("  错误 ").append(errors).append("，提示 ").append(warnings);
		file.findings()
			.stream()
			.filter(f -> f.isError())
			.findFirst()
			.ifPresent(f -> line.append("  — ").append(f.message()));
		return line.toString();
	}

}
