package org.anjian.writers.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.anjian.readers.Finding;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.ledger.AuditLedger;
import org.anjian.writers.submissions.AuditedFile.FactLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

class SubmissionWriterTests {

	static final YearMonth MAY = YearMonth.of(2024, 5);

	Warehouse warehouse;

	SubmissionWriter writer;

	@BeforeEach
	void open() {
		warehouse = Warehouse.inMemory();
		writer = new SubmissionWriter(warehouse,
				Clock.fixed(Instant.parse("2024-06-01T02:00:00Z"), ZoneId.of("Asia/Shanghai")));
	}

	@AfterEach
	void close() {
		warehouse.close();
	}

	static AuditedFile accepted(String sha, String path, LocalDateTime receivedAt, long hazards, Finding... findings) {
		List<FactLine> lines = List.of(
				new FactLine(7, "yjgl",
						Map.of("inspection_teams", BigDecimal.valueOf(3), "hazards_total", BigDecimal.valueOf(hazards),
								"hazards_major", BigDecimal.ZERO, "hazards_general", BigDecimal.valueOf(hazards),
								"fines_wan", new BigDecimal("1.25"))),
				new FactLine(8, "zj", Map.of("inspection_teams", BigDecimal.ONE, "hazards_total", BigDecimal.ONE)));
		return new AuditedFile(sha, path, receivedAt, 1000, "xlsx", true, "HM03", "QA2024", MAY, "519902102", "Sheet1",
				"F-000", List.of(findings), lines);
	}

	List<List<String>> rows(String sql) throws SQLException {
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
			List<List<String>> out = new ArrayList<>();
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= n; i++) {
					Object v = rs.getObject(i);
					row.add(v == null ? null : v.toString());
				}
				out.add(row);
			}
			return out;
		}
	}

	@Test
	void acceptedTableLandsItsLinesAndFindings() throws Exception {
		// given
		AuditedFile file = accepted("aaa", "2024-05/石门镇.xlsx", LocalDateTime.of(2024, 5, 16, 10, 5), 4,
				Finding.warning("LATE", null, null, null, "石门镇.xlsx 在截止日之后收到"));
		// when
		String status = writer.write(file);
		// then
		assertThat(status).isEqualTo("loaded");
		assertThat(rows("""
				select sha256, path, received_at, status, submitter_code, campaign, period, error_count, warning_count,
				    ingested_at
				from audit_file order by path""")).containsExactly(List.of("aaa", "2024-05/石门镇.xlsx",
				"2024-05-16 10:05:00.0", "loaded", "HM03", "QA2024", "2024-05-01", "0", "1", "2024-06-01 10:00:00.0"));
		assertThat(rows("""
				select row_number, industry_code, region_code, inspection_teams, hazards_total, hazards_major,
				    fines_wan, exposures
				from land_submission_line order by row_number""")).containsExactly(
				Arrays.asList("7", "yjgl", "519902102", "3", "4", "0", "1.2500", null),
				Arrays.asList("8", "zj", "519902102", "1", "1", null, null, null));
		assertThat(rows("select issue_no, severity, rule, message from audit_issue order by issue_no"))
			.containsExactly(List.of("1", "warning", "LATE", "石门镇.xlsx 在截止日之后收到"));
	}

	@Test
	void laterReceivedTableSupersedesTheEarlierWhicheverArrivesFirst() throws Exception {
		// given: the correction is written before the original
		AuditedFile original = accepted("first", "2024-05/石门镇5月统计表.xlsx", LocalDateTime.of(2024, 5, 16, 10, 5), 4);
		AuditedFile correction = accepted("fixed", "2024-05/石门镇5月统计表（更正）.xlsx", LocalDateTime.of(2024, 5, 21, 15, 30),
				5);
		// when
		writer.write(correction);
		writer.write(original);
		// then
		assertThat(rows("select sha256, status, superseded_by from audit_file order by sha256"))
			.containsExactly(List.of("first", "superseded", "fixed"), Arrays.asList("fixed", "loaded", null));
		assertThat(rows("select count(*) from land_submission_line")).containsExactly(List.of("4"));
	}

	@Test
	void sameBytesUnderAnotherPathAreADuplicateOfTheFirst() throws Exception {
		// given
		AuditedFile first = accepted("same", "2024-04/玉带街道.xlsx", LocalDateTime.of(2024, 4, 17, 18, 52), 4);
		AuditedFile copy = accepted("same", "2024-05/转发/玉带街道4月表.xlsx", LocalDateTime.of(2024, 5, 8, 9, 0), 4);
		// when: one chunk, copy listed first; the writer orders by received time
		writer.write(new Chunk<>(copy, first));
		// then
		assertThat(rows("""
				select path, status, duplicate_of, submitter_code, campaign, period, error_count
				from audit_file order by path""")).containsExactly(
				Arrays.asList("2024-04/玉带街道.xlsx", "loaded", null, "HM03", "QA2024", "2024-05-01", "0"),
				List.of("2024-05/转发/玉带街道4月表.xlsx", "duplicate", "2024-04/玉带街道.xlsx", "HM03", "QA2024", "2024-05-01",
						"0"));
		assertThat(rows("select count(*) from land_submission_line")).containsExactly(List.of("2"));
	}

	@Test
	void rejectedFileKeepsItsFindingsAndLandsNothing() throws Exception {
		// given
		AuditedFile rejected = new AuditedFile("bad", "2024-05/新场镇5月统计表.xlsx", LocalDateTime.of(2024, 5, 14, 20, 35),
				900, "xlsx", false, "HM04", "QA2024", MAY, "519902103", "Sheet1", "F-000",
				List.of(Finding.error("SUM_TOTAL", "Sheet1", 15, "F", "合计行 F15 为 10，各行之和为 9"),
						Finding.warning("INSPECTORS_LT_TEAMS", "Sheet1", 9, "D", "出动执法人员少于派出检查小组")),
				List.of());
		// when
		String status = writer.write(rejected);
		// then
		assertThat(status).isEqualTo("rejected");
		assertThat(rows("select status, error_count, warning_count from audit_file"))
			.containsExactly(List.of("rejected", "1", "1"));
		assertThat(rows(
				"select issue_no, severity, rule, sheet, row_number, column_name from audit_issue order by issue_no"))
			.containsExactly(List.of("1", "error", "SUM_TOTAL", "Sheet1", "15", "F"),
					List.of("2", "warning", "INSPECTORS_LT_TEAMS", "Sheet1", "9", "D"));
		assertThat(rows("select count(*) from land_submission_line")).containsExactly(List.of("0"));
	}

	@Test
	void writingTheSameFileAgainChangesNothing() throws Exception {
		// given
		AuditedFile file = accepted("aaa", "2024-05/石门镇.xlsx", LocalDateTime.of(2024, 5, 16, 10, 5), 4);
		writer.write(file);
		List<List<String>> before = rows("select * from audit_file order by all");
		// when
		String status = writer.write(file);
		// then
		assertThat(status).isEqualTo("loaded");
		assertThat(rows("select * from audit_file order by all")).isEqualTo(before);
		assertThat(rows("select count(*) from land_submission_line")).containsExactly(List.of("2"));
		assertThat(new AuditLedger(warehouse).seen("aaa", "2024-05/石门镇.xlsx")).isTrue();
		assertThat(new AuditLedger(warehouse).seen("aaa", "elsewhere.xlsx")).isFalse();
		assertThat(new AuditLedger(warehouse).firstPathOf("aaa")).contains("2024-05/石门镇.xlsx");
	}

	@Test
	void failureHalfWayThroughAFileRollsBackEverythingAppended() throws Exception {
		// given: the third of four rows carries a fraction in a count column, found only
		// when it is appended
		List<FactLine> lines = new ArrayList<>();
		for (int row = 7; row <= 10; row++) {
			lines.add(new FactLine(row, "i" + row,
					Map.of("inspectors", row == 9 ? new BigDecimal("2.5") : BigDecimal.valueOf(row))));
		}
		AuditedFile broken = new AuditedFile("half", "2024-05/半截.xlsx", LocalDateTime.of(2024, 5, 16, 10, 5), 1000,
				"xlsx", true, "HM03", "QA2024", MAY, "519902102", "Sheet1", "F-000",
				List.of(Finding.warning("LATE", null, null, null, "晚了")), lines);
		// when / then
		assertThatThrownBy(() -> writer.write(broken)).hasMessageContaining("第9行").hasMessageContaining("2.5");
		assertThat(rows("select count(*) from audit_file")).containsExactly(List.of("0"));
		assertThat(rows("select count(*) from audit_issue")).containsExactly(List.of("0"));
		assertThat(rows("select count(*) from land_submission_line")).containsExactly(List.of("0"));
		// and the connection is still usable
		writer.write(accepted("aaa", "2024-05/石门镇.xlsx", LocalDateTime.of(2024, 5, 16, 10, 5), 4));
		assertThat(rows("select count(*) from land_submission_line")).containsExactly(List.of("2"));
	}

	@Test
	void historyGivesTheLatestEarlierCurrentTable() throws Exception {
		// given: April (current) and March tables, and May itself
		AuditedFile march = accepted("mar", "2024-03/石门镇.xlsx", LocalDateTime.of(2024, 3, 20, 9, 0), 2);
		AuditedFile april = accepted("apr", "2024-04/石门镇.xlsx", LocalDateTime.of(2024, 4, 20, 9, 0), 3);
		writer.write(new AuditedFile(march.sha256(), march.path(), march.receivedAt(), 1, "xlsx", true, "HM03",
				"QA2024", YearMonth.of(2024, 3), "519902102", "Sheet1", "F-000", List.of(), march.lines()));
		writer.write(new AuditedFile(april.sha256(), april.path(), april.receivedAt(), 1, "xlsx", true, "HM03",
				"QA2024", YearMonth.of(2024, 4), "519902102", "Sheet1", "F-000", List.of(), april.lines()));
		writer.write(accepted("may", "2024-05/石门镇.xlsx", LocalDateTime.of(2024, 5, 20, 9, 0), 9));
		SubmissionHistory history = new SubmissionHistory(warehouse);
		// when
		Map<String, Map<String, BigDecimal>> previous = history.previousCumulative("HM03", "QA2024", MAY);
		// then
		assertThat(previous).containsOnlyKeys("yjgl", "zj");
		assertThat(previous.get("yjgl")).containsEntry("hazards_total", BigDecimal.valueOf(3))
			.containsEntry("fines_wan", new BigDecimal("1.2500"))
			.doesNotContainKey("exposures");
		assertThat(history.previousCumulative("HM03", "QA2024", YearMonth.of(2024, 3))).isEmpty();
	}

}
