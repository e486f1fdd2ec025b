package org.anjian.writers.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListKind;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.ledger.AuditLedger.Entry;
import org.anjian.writers.ledger.AuditLedger.Key;
import org.anjian.warehouse.FileVersions.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLedgerTests {

	static final YearMonth MAY = YearMonth.of(2024, 5);

	static final LocalDateTime INGESTED = LocalDateTime.of(2024, 6, 1, 10, 0);

	Warehouse warehouse;

	AuditLedger ledger;

	@BeforeEach
	void open() {
		warehouse = Warehouse.inMemory();
		ledger = new AuditLedger(warehouse);
	}

	@AfterEach
	void close() {
		warehouse.close();
	}

	static Entry table(String sha, String path, int day) {
		return new Entry(sha, path, LocalDateTime.of(2024, 5, day, 9, 0), 100, "xlsx", "HM03", "QA2024", MAY, "Sheet1",
				"F-000", null);
	}

	static Entry ledgerList(String sha, String path, int day) {
		return new Entry(sha, path, LocalDateTime.of(2024, 5, day, 9, 0), 100, "xlsx", "HM03", null, MAY, "台账", null,
				ListKind.HAZARD_LEDGER.code());
	}

	@Test
	void admitsNewFilesAndRecordsCopiesUnderAnotherPathAsDuplicatesOfTheOriginal() throws Exception {
		// given
		assertThat(ledger.admit(ledgerList("aaa", "5月/台账.xlsx", 3), INGESTED)).isEmpty();
		ledger.record(ledgerList("aaa", "5月/台账.xlsx", 3), AuditLedger.LOADED, 0, 1, INGESTED);
		// when
		var again = ledger.admit(ledgerList("aaa", "5月/台账.xlsx", 3), INGESTED);
		var copy = ledger.admit(new Entry("aaa", "copy.xlsx", LocalDateTime.of(2024, 5, 9, 9, 0), 100, "xlsx", null,
				null, null, null, null, null), INGESTED);
		// then
		assertThat(again).contains("loaded");
		assertThat(copy).contains("duplicate");
		assertThat(rows("""
				select path, status, submitter_code, period, sheet, list_kind, duplicate_of, error_count, warning_count
				from audit_file order by path""")).containsExactly(
				List.of("5月/台账.xlsx", "loaded", "HM03", "2024-05-01", "台账", "hazard_ledger", "-", "0", "1"),
				List.of("copy.xlsx", "duplicate", "HM03", "2024-05-01", "台账", "hazard_ledger", "5月/台账.xlsx", "0", "0"));
		assertThat(ledger.firstPathOf("aaa")).contains("5月/台账.xlsx");
	}

	@Test
	void ranksVersionsWithinOneScopeOnly() throws Exception {
		// given: two tables and two ledgers of one submitter and month, recorded out of
		// order
		ledger.record(table("t2", "表-更正.xlsx", 20), AuditLedger.LOADED, List.of(), INGESTED);
		ledger.record(table("t1", "表.xlsx", 10), AuditLedger.LOADED, List.of(), INGESTED);
		ledger.record(ledgerList("l1", "台账.xlsx", 25), AuditLedger.LOADED, 0, 0, INGESTED);
		ledger.record(ledgerList("l2", "台账2.xlsx", 5), AuditLedger.LOADED, 0, 0, INGESTED);
		// when
		ledger.rankVersions(Scope.summary("HM03", "QA2024", MAY));
		ledger.rankVersions(Scope.list("HM03", ListKind.HAZARD_LEDGER.code(), null));
		// then: the latest received of each scope is loaded, whatever was recorded last
		assertThat(rows("select sha256, status, superseded_by from audit_file order by sha256")).containsExactly(
				List.of("l1", "loaded", "-"), List.of("l2", "superseded", "l1"), List.of("t1", "superseded", "t2"),
				List.of("t2", "loaded", "-"));
	}

	@Test
	void recordsFindingsNumberedAndCounted() throws Exception {
		// when
		ledger.record(table("t1", "表.xlsx", 10), AuditLedger.REJECTED, List
			.of(Finding.error("SUM_TOTAL", "Sheet1", 15, "F", "合计不符"), Finding.warning("LATE", null, null, null, "逾期")),
				INGESTED);
		// then
		assertThat(rows("select status, error_count, warning_count from audit_file"))
			.containsExactly(List.of("rejected", "1", "1"));
		assertThat(rows("select issue_no, severity, rule, row_number from audit_issue order by issue_no"))
			.containsExactly(List.of("1", "error", "SUM_TOTAL", "15"), List.of("2", "warning", "LATE", "-"));
	}

	@Test
	void countsTheStatusesOfTheGivenFilesInSummaryOrder() throws Exception {
		// given
		ledger.record(table("t1", "表.xlsx", 10), AuditLedger.LOADED, List.of(), INGESTED);
		ledger.record(table("t2", "表2.xlsx", 11), AuditLedger.REJECTED, List.of(), INGESTED);
		ledger.record(table("t3", "表3.xlsx", 12), AuditLedger.REJECTED, List.of(), INGESTED);
		// when
		Map<String, Long> counts = ledger.statusCounts(List.of(new Key("t1", "表.xlsx"), new Key("t2", "表2.xlsx"),
				new Key("t3", "表3.xlsx"), new Key("t9", "never.xlsx")));
		// then
		assertThat(counts).containsExactly(Map.entry("loaded", 1L), Map.entry("superseded", 0L),
				Map.entry("duplicate", 0L), Map.entry("rejected", 2L));
		assertThat(ledger.seen("t1", "表.xlsx")).isTrue();
		assertThat(ledger.status("t9", "never.xlsx")).isEmpty();
	}

	List<List<String>> rows(String sql) throws SQLException {
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
			List<List<String>> out = new ArrayList<>();
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= n; i++) {
					Object v = rs.getObject(i);
					row.add(v == null ? "-" : v.toString());
				}
				out.add(row);
			}
			return out;
		}
	}

}
