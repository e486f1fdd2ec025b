package org.anjian.jobs.submissions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.anjian.jobs.cli.CommandOutput;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.submissions.AuditedFile;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/** One line per file as it lands: status, path, who/what/when, counts of errors and warnings, first error. */
@Component
class IntakeProgressListener implements ItemWriteListener<AuditedFile> {

	private final CommandOutput output;

	private final Warehouse warehouse;

	IntakeProgressListener(CommandOutput output, Warehouse warehouse) {
		this.output = output;
		this.warehouse = warehouse;
	}

	@Override
	public void afterWrite(Chunk<? extends AuditedFile> items) {
		for (AuditedFile file : items) {
			String line = describe(file);
			if (line != null) {
				output.line(line);
			}
		}
	}

	private String describe(AuditedFile file) {
		String status = "?";
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("select status from audit_file where sha256 = ? and path = ?")) {
			ps.setString(1, file.sha256());
			ps.setString(2, file.path());
			try (ResultSet rs = ps.executeQuery()) {
				if (rs.next()) {
					status = rs.getString(1);
				}
			}
		}
		catch (SQLException ex) {
			status = "unknown";
		}
		if ("?".equals(status)) {
			// not recorded: the write failed and was rolled back; IntakeTally has printed it as skipped
			return null;
		}
		long errors = file.findings().stream().filter(f -> f.isError()).count();
		long warnings = file.findings().size() - errors;
		StringBuilder line = new StringBuilder(String.format("%-10s %s", status, file.path()));
		if (file.submitterCode() != null || file.period() != null) {
			line.append("  [").append(file.submitterCode()).append(' ').append(file.campaign()).append(' ')
				.append(file.period()).append(']');
		}
		line.append("  错误 ").append(errors).append("，提示 ").append(warnings);
		file.findings().stream().filter(f -> f.isError()).findFirst()
			.ifPresent(f -> line.append("  — ").append(f.message()));
		return line.toString();
	}

}
