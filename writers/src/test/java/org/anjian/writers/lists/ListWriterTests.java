package org.anjian.writers.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.warehouse.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListWriterTests {

	@TempDir
	Path dir;

	Warehouse warehouse;

	ListWriter writer;

	@BeforeEach
	void open() {
		warehouse = Warehouse.open(dir.resolve("warehouse.duckdb"));
		// small batches, so a few rows already cross the hand-off between the two threads
		// several times
		writer = new ListWriter(warehouse,
				Clock.fixed(Instant.parse("2024-06-01T02:00:00Z"), ZoneId.of("Asia/Shanghai")), 3);
	}

	@AfterEach
	void close() {
		warehouse.close();
	}

	static ListFile ledger(String sha, String path, String submitter, LocalDateTime receivedAt) {
		return new ListFile(sha, path, receivedAt, 2048, "xlsx", ListKind.HAZARD_LEDGER, submitter, "台账");
	}

	/** A hazard row: 16 values aligned with ListKind.HAZARD_LEDGER.columns(). */
	static ListRow hazard(int rowNumber, String enterprise, String level, String foundOn) {
		return new ListRow(rowNumber, new String[] { enterprise, null, "东镇", "应急管理", "隐患" + rowNumber, level, foundOn,
				"self_check", "整改措施", "张三", "1.5", "2024-06-30", "in_progress", null, "有", null }, List.of());
	}

	/** Loads a file row by row, as a streaming reader would; returns the status. */
	String load(ListFile file, List<ListRow> rows, Finding... findings) {
		try (ListLoad load = writer.open(file)) {
			if (load.wanted()) {
				rows.forEach(load::row);
				Arrays.stream(findings).forEach(load::finding);
			}
			return load.commit();
		}
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

	/**
	 * The loader's staging files beside the warehouse (none once a load has ended,
	 * whichever way).
	 */
	List<Path> stagingFilesLeft() throws IOException {
		try (var files = Files.list(dir)) {
			return files.filter(f -> f.getFileName().toString().startsWith(".anjian-list-")).toList();
		}
	}

	/** Everything a load can touch, to compare before and after a failed one. */
	List<List<String>> snapshot() throws SQLException {
		List<List<String>> out = new ArrayList<>();
		out.addAll(rows("select 'file', sha256, path, status from audit_file order by all"));
		out.addAll(rows("select 'issue', sha256, issue_no, rule from audit_issue order by all"));
		out.addAll(rows("select 'hazard', sha256, row_number, enterprise_name from raw_hazard_ledger order by all"));
		out.addAll(rows("select 'violation', sha256, row_number, item_no from raw_inspection_violation order by all"));
		return out;
	}

	@Test
	void aLedgerLandsEveryRowItsFindingsAndOneAuditFileRow() throws Exception {
		// given: 10 rows (four hand-offs of 3) and a row warning; the earliest dated row
		// is in April
		List<ListRow> hazards = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			hazards.add(hazard(5 + i, "企业" + i, i % 3 == 0 ? "major" : "general",
					i == 7 ? "2024-04-28" : "2024-05-0" + (i % 9 + 1)));
		}
		// when
		String status = load(ledger("L1", "2024-05/东镇隐患台账.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)), hazards,
				Finding.warning("DATE_AFTER_DEADLINE", "台账", 9, "整改完成日期", "第9行 整改完成日期早于发现日期"));
		// then
		assertThat(status).isEqualTo("loaded");
		assertThat(rows("""
				select sha256, path, received_at, status, submitter_code, campaign, period, error_count, warning_count,
				    list_kind, sheet, ingested_at
				from audit_file""")).containsExactly(Arrays.asList("L1", "2024-05/东镇隐患台账.xlsx", "2024-05-20 09:00:00.0",
				"loaded", "T1", null, "2024-04-01", "0", "1", "hazard_ledger", "台账", "2024-06-01 10:00:00.0"));
		assertThat(rows(
				"select count(*), min(row_number), max(row_number), count(distinct enterprise_name) from raw_hazard_ledger"))
			.containsExactly(List.of("10", "5", "14", "10"));
		assertThat(rows("select * from raw_hazard_ledger where row_number = 5"))
			.containsExactly(Arrays.asList("L1", "5", "企业0", null, "东镇", "应急管理", "隐患5", "major", "2024-05-01",
					"self_check", "整改措施", "张三", "1.5", "2024-06-30", "in_progress", null, "有", null));
		assertThat(rows("select issue_no, severity, rule, sheet, row_number, column_name from audit_issue"))
			.containsExactly(List.of("1", "warning", "DATE_AFTER_DEADLINE", "台账", "9", "整改完成日期"));
	}

	@Test
	void inspectionViolationsLandOnePerItemAndADirectoryWithoutSubmitterOrDateGetsNulls() throws Exception {
		// given
		ListFile inspections = new ListFile("I1", "执法检查.xlsx", LocalDateTime.of(2024, 5, 21, 9, 0), 100, "xlsx",
				ListKind.INSPECTION_RECORD, "D1", null);
		ListRow inspection = new ListRow(4, new String[] { "东镇化工有限公司", null, "2024-05-10", "王五、赵六", "1. 未培训 2. 未演练",
				"已整改", "（2024）001号", "1.2", "《安全生产法》", null, null }, List.of("未培训", "未演练"));
		ListFile directory = new ListFile("D1", "名录库.xlsx", LocalDateTime.of(2024, 5, 22, 9, 0), 100, "xls",
				ListKind.ENTERPRISE_DIRECTORY, null, null);
		ListRow listed = new ListRow(3, new String[] { "key", "东镇化工有限公司", null, "应急管理", "东镇", "危险化学品", null },
				List.of());
		// when
		load(inspections, List.of(inspection));
		load(directory, List.of(listed));
		// then
		assertThat(rows("select sha256, row_number, item_no, violation from raw_inspection_violation order by item_no"))
			.containsExactly(List.of("I1", "4", "1", "未培训"), List.of("I1", "4", "2", "未演练"));
		assertThat(rows("select sha256, status, submitter_code, period, list_kind from audit_file order by sha256"))
			.containsExactly(Arrays.asList("D1", "loaded", null, null, "enterprise_directory"),
					Arrays.asList("I1", "loaded", "D1", "2024-05-01", "inspection_record"));
	}

	@Test
	void aLoaderFailureHalfWayLeavesTheWarehouseAsBeforeTheFile() throws Exception {
		// given: one file already loaded; the next has a malformed row (11 values for 16
		// columns) after 7 good rows
		load(ledger("L0", "earlier.xlsx", "T2", LocalDateTime.of(2024, 5, 1, 9, 0)),
				List.of(hazard(3, "甲", "major", "2024-05-01")));
		List<List<String>> before = snapshot();
		List<ListRow> rows = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			rows.add(hazard(3 + i, "企业" + i, "general", "2024-05-02"));
		}
		rows.add(new ListRow(10, new String[11], List.of()));
		rows.add(hazard(11, "企业11", "general", "2024-05-02"));
		// when
		assertThatThrownBy(() -> load(ledger("L1", "broken.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)), rows,
				Finding.warning("W", null, 3, null, "提示")))
			.hasMessageContaining("第10行有 11 个值");
		// then
		assertThat(snapshot()).isEqualTo(before);
		assertThat(stagingFilesLeft()).isEmpty();
		// and the warehouse still takes the next file
		assertThat(load(ledger("L1", "broken.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)),
				List.of(hazard(3, "乙", "major", "2024-05-01"))))
			.isEqualTo("loaded");
	}

	@Test
	void aReaderFailureHalfWayLeavesTheWarehouseAsBeforeTheFile() throws Exception {
		// given
		List<List<String>> before = snapshot();
		// when: the reader throws after 5 rows; try-with-resources closes the load
		// without commit
		assertThatThrownBy(() -> {
			try (ListLoad load = writer.open(ledger("L1", "a.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)))) {
				for (int i = 0; i < 5; i++) {
					load.row(hazard(3 + i, "企业" + i, "general", "2024-05-02"));
				}
				load.finding(Finding.warning("W", null, 4, null, "提示"));
				throw new IllegalStateException("读取到第8行时文件损坏");
			}
		}).hasMessage("读取到第8行时文件损坏");
		// then
		assertThat(snapshot()).isEqualTo(before).isEmpty();
		assertThat(stagingFilesLeft()).isEmpty();
	}

	@Test
	void duckDbsThreadsAndRowGroupBufferingAreAsBeforeOnceALoadEndsWhicheverWayItEnds() throws Exception {
		// given: what the model build and the exports after an intake run with
		try (Statement st = warehouse.connection().createStatement()) {
			st.execute("set threads = 2");
			st.execute("set write_buffer_row_group_count = 5");
		}
		List<List<String>> settings = List.of(List.of("threads", "2"), List.of("write_buffer_row_group_count", "5"));
		String query = "select name, value from duckdb_settings()"
				+ " where name in ('threads', 'write_buffer_row_group_count') order by name";
		// when: a load commits, a loader fails, a reader fails
		load(ledger("L0", "a.xlsx", "T1", LocalDateTime.of(2024, 5, 1, 9, 0)),
				List.of(hazard(3, "甲", "major", "2024-05-01")));
		// then
		assertThat(rows(query)).isEqualTo(settings);
		assertThatThrownBy(() -> load(ledger("L1", "b.xlsx", "T1", LocalDateTime.of(2024, 5, 2, 9, 0)),
				List.of(new ListRow(3, new String[11], List.of()))))
			.hasMessageContaining("第3行有 11 个值");
		assertThat(rows(query)).isEqualTo(settings);
		assertThatThrownBy(() -> {
			try (ListLoad load = writer.open(ledger("L2", "c.xlsx", "T1", LocalDateTime.of(2024, 5, 3, 9, 0)))) {
				load.row(hazard(3, "乙", "general", "2024-05-02"));
				throw new IllegalStateException("读取到第4行时文件损坏");
			}
		}).hasMessage("读取到第4行时文件损坏");
		assertThat(rows(query)).isEqualTo(settings);
	}

	@Test
	void anErrorAboutTheWholeFileRejectsItKeepingItsFindingsButNoRows() throws Exception {
		// when
		String status = load(ledger("L1", "a.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)),
				List.of(hazard(3, "甲", "major", "2024-05-01"), hazard(4, "乙", "major", "2024-05-01")),
				Finding.error("ROW_LEVEL", "台账", 5, "隐患等级", "第5行 隐患等级“很大”无法识别"),
				Finding.error("NO_HEADER", "台账", null, null, "找不到“企业名称”列"));
		// then
		assertThat(status).isEqualTo("rejected");
		assertThat(rows("select status, error_count, warning_count, period from audit_file"))
			.containsExactly(Arrays.asList("rejected", "2", "0", null));
		assertThat(rows("select count(*) from raw_hazard_ledger")).containsExactly(List.of("0"));
		assertThat(rows("select rule from audit_issue order by issue_no")).containsExactly(List.of("ROW_LEVEL"),
				List.of("NO_HEADER"));
	}

	@Test
	void aCorrectedLedgerSupersedesTheEarlierOneWhicheverArrivesFirst() throws Exception {
		// given: the correction is written before the original; another submitter's
		// ledger is left alone
		load(ledger("fixed", "东镇台账（更正）.xlsx", "T1", LocalDateTime.of(2024, 5, 25, 9, 0)),
				List.of(hazard(3, "甲", "major", "2024-05-01")));
		load(ledger("west", "西镇台账.xlsx", "T2", LocalDateTime.of(2024, 5, 10, 9, 0)),
				List.of(hazard(3, "乙", "major", "2024-05-01")));
		// when
		String status = load(ledger("first", "东镇台账.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)),
				List.of(hazard(3, "甲", "general", "2024-05-01")));
		// then
		assertThat(status).isEqualTo("superseded");
		assertThat(rows("select sha256, status, superseded_by from audit_file order by sha256")).containsExactly(
				List.of("first", "superseded", "fixed"), Arrays.asList("fixed", "loaded", null),
				Arrays.asList("west", "loaded", null));
	}

	@Test
	void aLaterLedgerReplacesTheWholeEarlierOneWhateverMonthsItsHazardsWereFoundIn() throws Exception {
		// given: 东镇's ledger in May, then its ledger in June (the register as of June:
		// May's hazards with their new status and June's new ones)
		load(ledger("may", "5月/东镇台账.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)),
				List.of(hazard(3, "甲", "major", "2024-05-01")));
		// when
		load(ledger("june", "6月/东镇台账.xlsx", "T1", LocalDateTime.of(2024, 6, 20, 9, 0)),
				List.of(hazard(3, "甲", "major", "2024-05-01"), hazard(4, "乙", "general", "2024-06-03")));
		// then: a ledger is one running register, the later one is all of it
		assertThat(rows("select sha256, status, superseded_by, list_scope from audit_file order by sha256"))
			.containsExactly(Arrays.asList("june", "loaded", null, null),
					Arrays.asList("may", "superseded", "june", null));
	}

	@Test
	void aUnitsKeyAndGeneralDirectoriesAreTwoListsAndACorrectionSupersedesItsOwnTierOnly() throws Exception {
		// given: 东镇's 重点检查企业名录库 in May, its 一般检查企业名录库 in June
		load(directory("key-may", "东镇重点检查企业名录库.xlsx", LocalDateTime.of(2024, 5, 10, 9, 0)),
				List.of(listed(3, "key", "甲"), listed(4, "key", "乙")));
		load(directory("general-june", "东镇一般检查企业名录库.xlsx", LocalDateTime.of(2024, 6, 10, 9, 0)),
				List.of(listed(3, "general", "丙")));
		assertThat(rows("select sha256, status, list_scope from audit_file order by sha256"))
			.containsExactly(List.of("general-june", "loaded", "general"), List.of("key-may", "loaded", "key"));
		// when: a corrected 重点 directory in July
		String status = load(directory("key-july", "东镇重点检查企业名录库（更正）.xlsx", LocalDateTime.of(2024, 7, 1, 9, 0)),
				List.of(listed(3, "key", "甲")));
		// then: it replaces the May 重点 directory; the 一般 one stays
		assertThat(status).isEqualTo("loaded");
		assertThat(rows("select sha256, status, superseded_by, list_scope from audit_file order by sha256"))
			.containsExactly(Arrays.asList("general-june", "loaded", null, "general"),
					Arrays.asList("key-july", "loaded", null, "key"),
					Arrays.asList("key-may", "superseded", "key-july", "key"));
	}

	@Test
	void inspectionRecordsOfEachMonthCoexistAndACorrectedListSupersedesItsMonthOnly() throws Exception {
		// given: 应急局's records for May (one inspection of 30 April reported late in
		// it) and for June
		load(inspections("may", "5月执法检查.xlsx", LocalDateTime.of(2024, 6, 25, 9, 0)), List
			.of(inspection(4, "甲", "2024-04-30"), inspection(5, "乙", "2024-05-08"), inspection(6, "丙", "2024-05-20")));
		load(inspections("june", "6月执法检查.xlsx", LocalDateTime.of(2024, 7, 25, 9, 0)),
				List.of(inspection(4, "甲", "2024-06-03")));
		assertThat(rows("select sha256, status, period, list_scope from audit_file order by sha256")).containsExactly(
				List.of("june", "loaded", "2024-06-01", "2024-06"), List.of("may", "loaded", "2024-05-01", "2024-05"));
		// when: a corrected May list, received after June's
		String status = load(inspections("may-fixed", "5月执法检查（更正）.xlsx", LocalDateTime.of(2024, 7, 28, 9, 0)),
				List.of(inspection(4, "乙", "2024-05-08"), inspection(5, "丙", "2024-05-21")));
		// then
		assertThat(status).isEqualTo("loaded");
		assertThat(rows("select sha256, status, superseded_by, period from audit_file order by sha256"))
			.containsExactly(Arrays.asList("june", "loaded", null, "2024-06-01"),
					Arrays.asList("may", "superseded", "may-fixed", "2024-05-01"),
					Arrays.asList("may-fixed", "loaded", null, "2024-05-01"));
	}

	@Test
	void aCopyOfADirectoryUnderAnotherPathCarriesItsTier() throws Exception {
		// given
		load(directory("key", "东镇重点检查企业名录库.xlsx", LocalDateTime.of(2024, 5, 10, 9, 0)), List.of(listed(3, "key", "甲")));
		// when
		String status = load(directory("key", "转发/名录库.xlsx", LocalDateTime.of(2024, 5, 11, 9, 0)), List.of());
		// then
		assertThat(status).isEqualTo("duplicate");
		assertThat(rows("select path, status, list_scope from audit_file order by path"))
			.containsExactly(List.of("东镇重点检查企业名录库.xlsx", "loaded", "key"), List.of("转发/名录库.xlsx", "duplicate", "key"));
	}

	static ListFile directory(String sha, String path, LocalDateTime receivedAt) {
		return new ListFile(sha, path, receivedAt, 100, "xlsx", ListKind.ENTERPRISE_DIRECTORY, "T1", null);
	}

	/** A directory row: its tier (key|general) as the reader derives it, and a name. */
	static ListRow listed(int rowNumber, String tier, String enterprise) {
		return new ListRow(rowNumber, new String[] { tier, enterprise, null, "应急管理", "东镇", null, null }, List.of());
	}

	static ListFile inspections(String sha, String path, LocalDateTime receivedAt) {
		return new ListFile(sha, path, receivedAt, 100, "xlsx", ListKind.INSPECTION_RECORD, "D1", null);
	}

	static ListRow inspection(int rowNumber, String enterprise, String inspectedOn) {
		return new ListRow(rowNumber,
				new String[] { enterprise, null, inspectedOn, "王五", null, null, null, null, null, null, null },
				List.of());
	}

	@Test
	void theSameBytesUnderAnotherPathAreADuplicateAndUnderTheSamePathAreSkipped() throws Exception {
		// given
		load(ledger("same", "2024-05/东镇台账.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)),
				List.of(hazard(3, "甲", "major", "2024-05-01")));
		// when
		ListLoad copy = writer.open(ledger("same", "转发/东镇台账.xlsx", "T1", LocalDateTime.of(2024, 5, 21, 9, 0)));
		ListLoad again = writer.open(ledger("same", "2024-05/东镇台账.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)));
		// then
		assertThat(copy.wanted()).isFalse();
		assertThat(copy.commit()).isEqualTo("duplicate");
		assertThat(again.wanted()).isFalse();
		assertThat(again.commit()).isEqualTo("loaded");
		assertThat(rows("select path, status, duplicate_of, list_kind from audit_file order by path")).containsExactly(
				Arrays.asList("2024-05/东镇台账.xlsx", "loaded", null, "hazard_ledger"),
				List.of("转发/东镇台账.xlsx", "duplicate", "2024-05/东镇台账.xlsx", "hazard_ledger"));
		assertThat(rows("select count(*) from raw_hazard_ledger")).containsExactly(List.of("1"));
	}

	@Test
	void textHoldingThePackingSeparatorsLineBreaksQuotesEmptyTextAndNullsLandExactly() throws Exception {
		// given: values the staging file's plain CSV cannot carry (separators, line
		// breaks) beside ones it must carry
		// as they are (quotes, backslashes, a tab, an emoji, a NUL character)
		ListFile liaisons = new ListFile("LL", "联络员.xlsx", LocalDateTime.of(2024, 5, 22, 9, 0), 100, "xlsx",
				ListKind.LIAISON_LIST, null, null);
		List<ListRow> rows = List.of(
				new ListRow(3, new String[] { "陈七", "", "东镇\u001F安办", null, "a\u001Eb" }, List.of()),
				new ListRow(4, new String[] { "吴九", null, "", "13900000009", "备注" }, List.of()),
				new ListRow(5, new String[] { null, null, null, null, null }, List.of()),
				new ListRow(6, new String[] { "\"周\"八", "男", "安办\r\n副主任", "\\N", "第一行\n第二行" }, List.of()),
				new ListRow(7, new String[] { "郑\t十", "女", "'单引号'", "😀", "a\u0000b" }, List.of()));
		// when
		load(liaisons, rows);
		// then
		assertThat(rows(
				"select row_number, name, gender, unit_and_post, mobile, remarks from raw_liaison_list order by row_number"))
			.containsExactly(Arrays.asList("3", "陈七", "", "东镇\u001F安办", null, "a\u001Eb"),
					Arrays.asList("4", "吴九", null, "", "13900000009", "备注"),
					Arrays.asList("5", null, null, null, null, null),
					Arrays.asList("6", "\"周\"八", "男", "安办\r\n副主任", "\\N", "第一行\n第二行"),
					Arrays.asList("7", "郑\t十", "女", "'单引号'", "😀", "a\u0000b"));
		assertThat(stagingFilesLeft()).isEmpty();
	}

	@Test
	void splitItemsLandExactlyWhateverTheirTextAcrossManyHandOffs() throws Exception {
		// given: 10 inspection rows of 3 items each (hand-offs of 3 rows), one item
		// holding a line break
		List<ListRow> rows = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			rows.add(new ListRow(4 + i, new String[] { "企业" + i, null, "2024-05-10", "王五", "1. 甲 2. 乙 3. 丙", "已整改",
					null, null, null, null, null }, List.of("甲" + i, i == 5 ? "乙\n续" : "乙" + i, "丙\"" + i)));
		}
		ListFile inspections = new ListFile("I9", "执法检查.xlsx", LocalDateTime.of(2024, 5, 21, 9, 0), 100, "xlsx",
				ListKind.INSPECTION_RECORD, "D1", null);
		// when
		load(inspections, rows);
		// then
		assertThat(rows("select count(*), count(distinct row_number) from raw_inspection_violation"))
			.containsExactly(List.of("30", "10"));
		assertThat(
				rows("select item_no, violation from raw_inspection_violation where row_number = 9 order by item_no"))
			.containsExactly(List.of("1", "甲5"), List.of("2", "乙\n续"), List.of("3", "丙\"5"));
		assertThat(rows("select count(*) from raw_inspection_record")).containsExactly(List.of("10"));
		assertThat(stagingFilesLeft()).isEmpty();
	}

	@Test
	void everyFindingLandsExactlyInOrderWhateverItsTextAndHowItCrossesTheHandOffs() throws Exception {
		// given: findings between the rows and after them (hand-offs of 3 rows or 3
		// findings), texts the staging file cannot carry (separators, line breaks) beside
		// ones it must carry as they are, and nulls where audit_issue allows them
		List<Finding> findings = new ArrayList<>();
		try (ListLoad load = writer.open(ledger("L1", "a.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)))) {
			for (int i = 0; i < 8; i++) {
				load.row(hazard(3 + i, "企业" + i, "general", "2024-05-02"));
				Finding usccWarning = Finding.warning("LIST_USCC_INVALID", "台账", 3 + i, "统一社会信用代码",
						"第" + (3 + i) + "行 统一社会信用代码“91X" + i + "”校验位不符");
				load.finding(usccWarning);
				findings.add(usccWarning);
				if (i % 3 == 1) {
					Finding odd = Finding.warning("LIST_VALUE_UNKNOWN", i == 4 ? null : "台账", 3 + i,
							i == 1 ? null : "隐患来源", switch (i) {
								case 1 -> "“日常\u001F检查”不在词表内";
								case 4 -> "第一行\n第二行\r\n“引号”\\N";
								default -> "a\u001Eb\t😀\u0000";
							});
					load.finding(odd);
					findings.add(odd);
				}
			}
			Finding noRow = Finding.warning("LIST_NO_DATES", "台账", null, null, "");
			load.finding(noRow);
			findings.add(noRow);
			assertThat(load.commit()).isEqualTo("loaded");
		}
		// then: one audit_issue row per finding, numbered 1.. in the order reported,
		// each value as given
		List<List<String>> expected = new ArrayList<>();
		for (int i = 0; i < findings.size(); i++) {
			Finding f = findings.get(i);
			expected.add(Arrays.asList("L1", String.valueOf(i + 1), "warning", f.rule(), f.sheet(),
					f.rowNumber() == null ? null : f.rowNumber().toString(), f.column(), f.message()));
		}
		assertThat(rows("select * from audit_issue order by issue_no")).containsExactlyElementsOf(expected);
		assertThat(rows("select error_count, warning_count from audit_file"))
			.containsExactly(List.of("0", String.valueOf(findings.size())));
		assertThat(rows("select count(*) from raw_hazard_ledger")).containsExactly(List.of("8"));
		assertThat(stagingFilesLeft()).isEmpty();
	}

	@Test
	void aRejectedFileWithManyFindingsKeepsThemAllNumberedAndLandsNoRows() throws Exception {
		// given: findings on every row, an error about the whole file in the middle
		List<String> rules = new ArrayList<>();
		try (ListLoad load = writer.open(ledger("L1", "a.xlsx", "T1", LocalDateTime.of(2024, 5, 20, 9, 0)))) {
			for (int i = 0; i < 10; i++) {
				load.row(hazard(3 + i, "企业" + i, "general", "2024-05-02"));
				load.finding(Finding.error("ROW_" + i, "台账", 3 + i, "隐患等级", "第" + (3 + i) + "行"));
				rules.add("ROW_" + i);
				if (i == 4) {
					load.finding(Finding.error("NO_HEADER", "台账", null, null, "找不到“企业名称”列"));
					rules.add("NO_HEADER");
				}
			}
			assertThat(load.commit()).isEqualTo("rejected");
		}
		// then
		assertThat(rows("select rule from audit_issue order by issue_no").stream().map(r -> r.get(0)).toList())
			.isEqualTo(rules);
		assertThat(rows("select count(*), min(issue_no), max(issue_no), count(distinct issue_no) from audit_issue"))
			.containsExactly(List.of("11", "1", "11", "11"));
		assertThat(rows("select status, error_count, warning_count from audit_file"))
			.containsExactly(List.of("rejected", "11", "0"));
		assertThat(rows("select count(*) from raw_hazard_ledger")).containsExactly(List.of("0"));
		assertThat(stagingFilesLeft()).isEmpty();
	}

	@Test
	void everyListKindHasARawTableWithItsColumnsInOrder() throws Exception {
		for (ListKind kind : ListKind.values()) {
			List<String> expected = new ArrayList<>(List.of("sha256", "row_number"));
			expected.addAll(kind.columns());
			assertThat(rows("select column_name from information_schema.columns where table_name = '"
					+ ListWriter.rawTable(kind) + "' order by ordinal_position")
				.stream()
				.map(r -> r.get(0))
				.toList()).as(kind.code()).isEqualTo(expected);
		}
	}

}
