package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.cli.CommandOutput;
import org.anjian.readers.Finding;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.submissions.AuditedFile;
import org.anjian.writers.submissions.AuditedFile.FactLine;
import org.anjian.writers.submissions.SubmissionWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * A failure while one file lands (here: a value the warehouse refuses, found on the third
 * row, after audit_file, audit_issue and two lines were appended) leaves the warehouse
 * exactly as before that file, reports the file as skipped, and the next file still
 * loads.
 */
class OneFileFailureTests {

	private final Warehouse warehouse = Warehouse.inMemory();

	private final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();

	private final IntakeTally tally = new IntakeTally(new CommandOutput(
			new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8), System.err));

	@AfterEach
	void close() {
		warehouse.close();
	}

	@Test
	void aFileFailingMidWriteIsRolledBackAndSkippedAndTheNextFileLoads() throws Exception {
		var writer = new IntakeWriter(new SubmissionWriter(warehouse), null, tally);
		writer.write(Chunk.of(file("first", "2024-05/桃源镇.xlsx", 7, BigDecimal.valueOf(4))));
		List<Long> before = counts();

		writer.write(Chunk.of(file("broken", "2024-05/石门镇.xlsx", 9, new BigDecimal("2.5"))));
		List<Long> afterFailure = counts();
		writer.write(Chunk.of(file("next", "2024-05/新场镇.xlsx", 7, BigDecimal.valueOf(5))));

		assertThat(afterFailure).isEqualTo(before);
		assertThat(tally.skipped()).containsOnlyKeys("2024-05/石门镇.xlsx");
		assertThat(tally.skipped().get("2024-05/石门镇.xlsx")).contains("写入数据仓库失败").contains("撤回");
		assertThat(tally.written()).extracting(w -> w[1]).containsExactly("2024-05/桃源镇.xlsx", "2024-05/新场镇.xlsx");
		assertThat(counts()).containsExactly(2L, 2L, 8L);
		assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("skipped", "石门镇");
	}

	/** audit_file, audit_issue and land_submission_line row counts. */
	private List<Long> counts() throws SQLException {
		return List.of(count("audit_file"), count("audit_issue"), count("land_submission_line"));
	}

	private long count(String table) throws SQLException {
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("select count(*) from " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * Four industry rows; the row numbered {@code badRow} carries {@code value} as its
	 * inspectors count.
	 */
	private static SummarySubmission file(String sha, String path, int badRow, BigDecimal value) {
		List<FactLine> lines = new java.util.ArrayList<>();
		for (int row = 7; row <= 10; row++) {
			lines.add(new FactLine(row, "i" + row, Map.of("inspectors", row == badRow ? value : BigDecimal.ONE)));
		}
		AuditedFile audited = new AuditedFile(sha, path, LocalDateTime.of(2024, 5, 16, 10, 5), 1000, "xlsx", true,
				"S-" + sha, "QA2024", YearMonth.of(2024, 5), "519902102", "Sheet1", "F-000",
				List.of(Finding.warning("LATE", null, null, null, "晚了")), lines);
		return new SummarySubmission(new InboxFile(null, path, sha, audited.receivedAt(), audited.sizeBytes()),
				audited);
	}

}
