package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.cli.CommandOutput;
import org.anjian.readers.Finding;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.submissions.AuditedFile;
import org.anjian.writers.submissions.AuditedFile.FactLine;
import org.anjian.writers.submissions.SubmissionHistory;
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

	/**
	 * Summary tables of one chunk share a DuckDB transaction; one that fails takes it
	 * down, and the chunk is written again file by file: the bad file is skipped alone,
	 * every other lands once, and the files after it are checked again against what has
	 * landed then (here: July's previous month is May, not the June that failed).
	 */
	@Test
	void aFileFailingInAChunkIsSkippedAloneAndItsChunkMatesLandCheckedWithoutIt() throws Exception {
		SubmissionHistory history = SubmissionHistory.remembering(warehouse);
		var writer = new IntakeWriter(new SubmissionWriter(warehouse, history), null, tally);
		writer.write(Chunk.of(file("april", "2024-04/石门镇.xlsx", "SM", YearMonth.of(2024, 4), BigDecimal.ONE)));
		List<YearMonth> julyChecksSaw = new ArrayList<>();
		SummarySubmission may = file("may", "2024-05/石门镇.xlsx", "SM", YearMonth.of(2024, 5), BigDecimal.ONE);
		SummarySubmission june = file("june", "2024-06/石门镇.xlsx", "SM", YearMonth.of(2024, 6), new BigDecimal("2.5"));
		AuditedFile julyTable = file("july", "2024-07/石门镇.xlsx", "SM", YearMonth.of(2024, 7), BigDecimal.TEN).audited();
		SummarySubmission july = new SummarySubmission(inboxFile(julyTable), () -> {
			julyChecksSaw.add(history.previousTable("SM", "QA2024", YearMonth.of(2024, 7)).period());
			return julyTable;
		});
		SummarySubmission other = file("other", "2024-06/桃源镇.xlsx", "TY", YearMonth.of(2024, 6), BigDecimal.ONE);

		writer.write(Chunk.of(other, july, june, may));

		assertThat(tally.skipped()).containsOnlyKeys("2024-06/石门镇.xlsx");
		assertThat(tally.skipped().get("2024-06/石门镇.xlsx")).contains("写入数据仓库失败").contains("不是整数").contains("撤回");
		assertThat(tally.written()).extracting(w -> w[1])
			.containsExactly("2024-04/石门镇.xlsx", "2024-05/石门镇.xlsx", "2024-06/桃源镇.xlsx", "2024-07/石门镇.xlsx");
		// June failed before July was taken; written alone, July was checked once,
		// against May
		assertThat(julyChecksSaw).containsExactly(YearMonth.of(2024, 5));
		assertThat(counts()).containsExactly(4L, 4L, 16L);
		assertThat(history.previousTable("SM", "QA2024", YearMonth.of(2024, 7)).period())
			.isEqualTo(YearMonth.of(2024, 5));
		assertThat(statuses()).containsExactly("2024-04/石门镇.xlsx loaded", "2024-05/石门镇.xlsx loaded",
				"2024-06/桃源镇.xlsx loaded", "2024-07/石门镇.xlsx loaded");
	}

	private List<String> statuses() throws SQLException {
		List<String> out = new ArrayList<>();
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("select path || ' ' || status from audit_file order by path")) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return out;
	}

	/**
	 * An accepted table of a submitter's month received the month after, four industry
	 * rows, the last with {@code value} as its inspectors count.
	 */
	private static SummarySubmission file(String sha, String path, String submitter, YearMonth period,
			BigDecimal value) {
		List<FactLine> lines = new ArrayList<>();
		for (int row = 7; row <= 10; row++) {
			lines.add(new FactLine(row, "i" + row, Map.of("inspectors", row == 10 ? value : BigDecimal.ONE)));
		}
		AuditedFile audited = new AuditedFile(sha, path, period.plusMonths(1).atDay(3).atTime(10, 5), 1000, "xlsx",
				true, submitter, "QA2024", period, "519902102", "Sheet1", "F-000",
				List.of(Finding.warning("LATE", null, null, null, "晚了")), lines);
		return new SummarySubmission(inboxFile(audited), audited);
	}

	private static InboxFile inboxFile(AuditedFile audited) {
		return new InboxFile(null, audited.path(), audited.sha256(), audited.receivedAt(), audited.sizeBytes());
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
		List<FactLine> lines = new ArrayList<>();
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
