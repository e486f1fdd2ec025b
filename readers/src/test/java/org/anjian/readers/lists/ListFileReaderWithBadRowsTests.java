package org.anjian.readers.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.readers.Severity;
import org.anjian.readers.lists.ListFixtures.Collected;
import org.anjian.readers.lists.ListFixtures.DateCell;
import org.anjian.readers.lists.ListFixtures.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row-level checks: errors reject the row (reported, not passed on), warnings annotate
 * it; good rows among bad ones still reach the sink. Each check has a row that trips it
 * and the good rows that do not.
 */
class ListFileReaderWithBadRowsTests {

	@TempDir
	Path dir;

	private final ListFileReader reader = new ListFileReader();

	private static final ListKind LEDGER = ListKind.HAZARD_LEDGER;

	private static Object[] good(String name) {
		return ListFixtures.ledgerRow(name, "重大", new DateCell(LocalDate.of(2024, 5, 3)), "已整改",
				new DateCell(LocalDate.of(2024, 5, 20)));
	}

	private static Object[] with(Object[] row, String header, Object value) {
		Object[] copy = row.clone();
		copy[ListFixtures.LEDGER_HEADER.indexOf(header)] = value;
		return copy;
	}

	private Collected read(List<Object[]> dataRows) throws Exception {
		List<Object[]> rows = new ArrayList<>();
		rows.add(ListFixtures.LEDGER_HEADER.toArray());
		rows.addAll(dataRows);
		Collected sink = new Collected();
		ListFileSummary summary = reader.read(ListFixtures.write(dir, "ledger", Format.XLSX, rows), sink);
		assertThat(summary.fileFindings()).isEmpty();
		assertThat(summary.rowsAccepted()).isEqualTo(sink.rows.size());
		assertThat(summary.rowsAccepted() + summary.rowsRejected()).isEqualTo(summary.rowsRead());
		return sink;
	}

	@Test
	void goodRowsPassAndBadRowsAreReportedByRow() throws Exception {
		Collected sink = read(List.<Object[]>of(good("甲公司"), with(good("乙公司"), "隐患等级", "较大"), good("丙公司"),
				with(good("丁公司"), "发现日期", "五月三日"), good("戊公司")));

		assertThat(sink.rows).extracting(r -> r.value(LEDGER, "enterprise_name")).containsExactly("甲公司", "丙公司", "戊公司");
		assertThat(sink.rows).extracting(ListRow::rowNumber).containsExactly(2, 4, 6);
		assertThat(sink.findings).extracting(Finding::rowNumber).containsExactly(3, 5);
		assertThat(sink.findings).allMatch(Finding::isError);
		Finding level = sink.findings.get(0);
		assertThat(level.rule()).isEqualTo(ListFileReader.LIST_VALUE_UNKNOWN);
		assertThat(level.sheet()).isEqualTo("清单");
		assertThat(level.column()).isEqualTo("隐患等级");
		assertThat(level.message()).contains("第3行", "较大", "重大、一般", "该行未导入");
		assertThat(sink.findings.get(1).rule()).isEqualTo(ListFileReader.LIST_DATE_INVALID);
		assertThat(sink.findings.get(1).column()).isEqualTo("发现日期");
	}

	@Test
	void enterpriseNameMissingRejects() throws Exception {
		Collected sink = read(List.<Object[]>of(with(good(""), "企业名称", null), good("甲公司")));

		assertThat(sink.rows).hasSize(1);
		assertThat(sink.rule(ListFileReader.LIST_VALUE_MISSING)).singleElement().satisfies(f -> {
			assertThat(f.severity()).isEqualTo(Severity.ERROR);
			assertThat(f.column()).isEqualTo("企业名称");
			assertThat(f.rowNumber()).isEqualTo(2);
		});
	}

	@Test
	void foundDateMissingRejects() throws Exception {
		Collected sink = read(List.<Object[]>of(with(good("甲公司"), "发现日期", null)));

		assertThat(sink.rows).isEmpty();
		assertThat(sink.rule(ListFileReader.LIST_VALUE_MISSING)).singleElement()
			.satisfies(f -> assertThat(f.isError()).isTrue());
	}

	@Test
	void amountThatIsNoNonNegativeNumberRejects() throws Exception {
		Collected sink = read(
				List.<Object[]>of(with(good("甲公司"), "整改资金（万元）", "约3万"), with(good("乙公司"), "整改资金（万元）", -1.0),
						with(good("丙公司"), "整改资金（万元）", "1,200.5万元"), with(good("丁公司"), "整改资金（万元）", null)));

		assertThat(sink.rule(ListFileReader.LIST_AMOUNT_INVALID)).extracting(Finding::rowNumber).containsExactly(2, 3);
		assertThat(sink.rule(ListFileReader.LIST_AMOUNT_INVALID)).allMatch(Finding::isError);
		assertThat(sink.rows).extracting(r -> r.value(LEDGER, "funds_wan")).containsExactly("1200.5", null);
	}

	@Test
	void rectifiedBeforeFoundRejectsAndDeadlineBeforeFoundWarns() throws Exception {
		Collected sink = read(List.<Object[]>of(with(good("甲公司"), "整改完成日期", "2024-05-01"),
				with(good("乙公司"), "整改期限", "2024-04-30"), with(good("丙公司"), "整改完成日期", "2024-05-03")));

		List<Finding> order = sink.rule(ListFileReader.LIST_DATE_ORDER);
		assertThat(order).hasSize(2);
		assertThat(order.get(0).isError()).isTrue();
		assertThat(order.get(0).column()).isEqualTo("整改完成日期");
		assertThat(order.get(0).message()).contains("2024-05-01", "2024-05-03");
		assertThat(order.get(1).severity()).isEqualTo(Severity.WARNING);
		assertThat(order.get(1).column()).isEqualTo("整改期限");
		assertThat(sink.rows).extracting(r -> r.value(LEDGER, "enterprise_name")).containsExactly("乙公司", "丙公司");
	}

	@Test
	void malformedOrWrongCheckUsccWarnsAndIsKeptAsWritten() throws Exception {
		Collected sink = read(List.<Object[]>of(with(good("甲公司"), "统一社会信用代码", "91350100m000100y44"),
				with(good("乙公司"), "统一社会信用代码", "9135010"), with(good("丙公司"), "统一社会信用代码", "９１３５０１００Ｍ０００１００Ｙ４３")));

		assertThat(sink.rows).extracting(r -> r.value(LEDGER, "uscc"))
			.containsExactly("91350100M000100Y44", "9135010", "91350100M000100Y43");
		List<Finding> uscc = sink.rule(ListFileReader.LIST_USCC_INVALID);
		assertThat(uscc).extracting(Finding::rowNumber).containsExactly(2, 3);
		assertThat(uscc).noneMatch(Finding::isError);
		assertThat(uscc.get(0).message()).contains("校验位", "“3”");
		assertThat(uscc.get(1).message()).contains("18位");
	}

	@Test
	void statusMissingOrUnknownWarns() throws Exception {
		Collected sink = read(List.<Object[]>of(with(with(good("甲公司"), "整改状态", null), "整改完成日期", null),
				with(good("乙公司"), "整改状态", "基本完成"), good("丙公司")));

		assertThat(sink.rows).hasSize(3);
		assertThat(sink.findings).extracting(Finding::rule)
			.containsExactly(ListFileReader.LIST_VALUE_MISSING, ListFileReader.LIST_VALUE_UNKNOWN);
		assertThat(sink.findings).noneMatch(Finding::isError);
		assertThat(sink.rows.get(1).value(LEDGER, "status")).isNull();
	}

	@Test
	void anOffListTextOnManyRowsIsReportedOnEachAndANormalisedOneMapsOnEach() throws Exception {
		// given: the same unknown status on three rows, a level with a space in it on two
		Collected sink = read(List.<Object[]>of(with(good("甲公司"), "整改状态", "基本完成"), with(good("乙公司"), "隐患等级", "重 大"),
				with(good("丙公司"), "整改状态", "基本完成"), with(good("丁公司"), "隐患等级", "重 大"),
				with(good("戊公司"), "整改状态", "基本完成")));

		// then: each row its own warning, worded alike but for the row; each level mapped
		assertThat(sink.rows).hasSize(5);
		assertThat(sink.findings).extracting(Finding::rowNumber).containsExactly(2, 4, 6);
		assertThat(sink.findings).extracting(Finding::rule).containsOnly(ListFileReader.LIST_VALUE_UNKNOWN);
		assertThat(sink.findings).extracting(f -> f.message().replace("第" + f.rowNumber() + "行", "第N行"))
			.containsOnly(sink.findings.get(0).message().replace("第2行", "第N行"));
		assertThat(sink.findings.get(0).message()).contains("第2行", "基本完成", "整改状态");
		assertThat(sink.rows).extracting(r -> r.value(LEDGER, "status"))
			.containsExactly(null, "rectified", null, "rectified", null);
		assertThat(sink.rows).extracting(r -> r.value(LEDGER, "level"))
			.containsExactly("major", "major", "major", "major", "major");
	}

	@Test
	void rectifiedWithoutCompletionDateWarns() throws Exception {
		Collected sink = read(List.<Object[]>of(with(good("甲公司"), "整改完成日期", null),
				with(with(good("乙公司"), "整改状态", "整改中"), "整改完成日期", null)));

		assertThat(sink.rows).hasSize(2);
		assertThat(sink.findings).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo(ListFileReader.LIST_VALUE_MISSING);
			assertThat(f.severity()).isEqualTo(Severity.WARNING);
			assertThat(f.column()).isEqualTo("整改完成日期");
			assertThat(f.rowNumber()).isEqualTo(2);
			assertThat(f.message()).contains("已整改");
		});
	}

	@Test
	void unparseableDeadlineWarnsAndIsLeftEmpty() throws Exception {
		Collected sink = read(List.<Object[]>of(with(good("甲公司"), "整改期限", "立即整改")));

		assertThat(sink.rows).singleElement().satisfies(r -> assertThat(r.value(LEDGER, "deadline")).isNull());
		assertThat(sink.findings).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo(ListFileReader.LIST_DATE_INVALID);
			assertThat(f.isError()).isFalse();
		});
	}

	@Test
	void blankRowsFooterLinesAndRepeatedHeadersAreNotRows() throws Exception {
		List<Object[]> rows = new ArrayList<>();
		rows.add(good("甲公司"));
		rows.add(null);
		rows.add(ListFixtures.LEDGER_HEADER.toArray());
		rows.add(good("乙公司"));
		rows.add(new Object[] { "……" });
		rows.add(new Object[] { "注塑厂" }); // a name alone is a row with blanks, not a note
		rows.add(new Object[] { "注：隐患等级填重大或一般" });
		rows.add(new Object[] { "填报人：张三" });
		Collected sink = read(rows);

		assertThat(sink.rows).extracting(ListRow::rowNumber).containsExactly(2, 5);
		assertThat(sink.findings).isNotEmpty().allSatisfy(f -> assertThat(f.rowNumber()).isEqualTo(7));
	}

	@Test
	void liaisonNameMissingRejectsAndShortMobileWarns() throws Exception {
		List<Object[]> rows = List.of(new Object[] { "序号", "姓名", "性别", "工作单位及职务", "手机号码", "备注" },
				new Object[] { 1, "", "男", "安监站", "13800138000" }, new Object[] { 2, "李四", "女", "应急办", "8123456" },
				new Object[] { 3, "王五", "男", "应急办", "13900139000" });
		Collected sink = new Collected();
		reader.read(ListFixtures.write(dir, "liaison", Format.XLSX, rows), sink);

		assertThat(sink.rows).extracting(r -> r.value(ListKind.LIAISON_LIST, "name")).containsExactly("李四", "王五");
		assertThat(sink.rows.get(0).value(ListKind.LIAISON_LIST, "mobile")).isEqualTo("8123456");
		assertThat(sink.findings).extracting(Finding::rule, Finding::severity, Finding::column)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(ListFileReader.LIST_VALUE_MISSING, Severity.ERROR, "姓名"),
					org.assertj.core.groups.Tuple.tuple(ListFileReader.LIST_MOBILE_INVALID, Severity.WARNING, "手机号码"));
	}

	@Test
	void inspectionRecordWithoutDateOrNameIsRejected() throws Exception {
		List<Object[]> rows = List.of(new Object[] { "序号", "受检企业(单位)名称", "检查时间", "执法人员", "安全生产违法行为(隐患)", "罚款金额(万)" },
				new Object[] { 1, "甲公司", "", "李四", "1.无", 0.5 }, new Object[] { 2, "", "2024-05-03", "李四", "1.无", "" },
				new Object[] { 3, "乙公司", "2024-05-03", "李四", "1.无", "５" });
		Collected sink = new Collected();
		reader.read(ListFixtures.write(dir, "f003i", Format.XLSX, rows), sink);

		assertThat(sink.rows).singleElement()
			.satisfies(r -> assertThat(r.value(ListKind.INSPECTION_RECORD, "fines_wan")).isEqualTo("5"));
		assertThat(sink.findings).extracting(Finding::column).containsExactly("检查时间", "受检企业(单位)名称");
	}

	@Test
	void headerLackingARequiredColumnRejectsTheFile() throws Exception {
		List<String> header = new ArrayList<>(ListFixtures.LEDGER_HEADER);
		header.set(header.indexOf("隐患等级"), "隐患性质说明");
		List<Object[]> rows = List.of(header.toArray(), good("甲公司"));
		Collected sink = new Collected();
		ListFileSummary summary = reader.read(ListFixtures.write(dir, "ledger", Format.XLSX, rows), sink);

		assertThat(summary.kind()).isEqualTo(ListKind.HAZARD_LEDGER);
		assertThat(summary.isRead()).isFalse();
		assertThat(summary.fileFindings()).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo(ListFileReader.LIST_HEADER_MISSING);
			assertThat(f.message()).contains("隐患等级");
		});
		assertThat(sink.rows).isEmpty();
	}

}
