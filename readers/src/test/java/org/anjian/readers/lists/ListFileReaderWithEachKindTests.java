package org.anjian.readers.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.lists.ListFixtures.Collected;
import org.anjian.readers.lists.ListFixtures.DateCell;
import org.anjian.readers.lists.ListFixtures.Format;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every list kind, laid out as in the seed notices, read from xlsx, xls and CSV alike.
 */
class ListFileReaderWithEachKindTests {

	@TempDir
	Path dir;

	private final ListFileReader reader = new ListFileReader();

	@ParameterizedTest
	@EnumSource(Format.class)
	void hazardLedgerUnderTitleAndSubmitterLines(Format format) throws Exception {
		List<Object[]> rows = new ArrayList<>();
		rows.add(new Object[] { "新场镇重大事故隐患台账清单" });
		rows.add(new Object[] { "填报单位：新场镇安委办", null, null, null, null, null, null, null, null, null, null, null,
				"填报时间：2024年5月14日" });
		rows.add(ListFixtures.LEDGER_HEADER.toArray());
		rows.add(ListFixtures.ledgerRow("福州某某化工有限公司", "重大", new DateCell(LocalDate.of(2024, 5, 3)), "已整改",
				new DateCell(LocalDate.of(2024, 5, 20))));
		rows.add(ListFixtures.ledgerRow("新场五金厂", "一般隐患", "2024/5/6", "整改中", null));
		Path file = ListFixtures.write(dir, "ledger", format, rows);

		Collected sink = new Collected();
		ListFileSummary summary = reader.read(file, sink);

		assertThat(summary.fileFindings()).isEmpty();
		assertThat(summary.kind()).isEqualTo(ListKind.HAZARD_LEDGER);
		assertThat(summary.format()).isEqualTo(format.name().toLowerCase());
		assertThat(summary.headerRow()).isEqualTo(3);
		assertThat(summary.title()).isEqualTo("新场镇重大事故隐患台账清单");
		assertThat(summary.submitter()).isEqualTo("新场镇安委办");
		assertThat(summary.fields()).containsEntry("填报时间", "2024年5月14日");
		assertThat(summary.rowsRead()).isEqualTo(2);
		assertThat(summary.rowsAccepted()).isEqualTo(2);
		assertThat(sink.findings).isEmpty();
		ListKind kind = ListKind.HAZARD_LEDGER;
		ListRow first = sink.rows.get(0);
		assertThat(first.rowNumber()).isEqualTo(4);
		assertThat(first.values()).hasSize(kind.columns().size());
		assertThat(first.value(kind, "enterprise_name")).isEqualTo("福州某某化工有限公司");
		assertThat(first.value(kind, "uscc")).isEqualTo("91350100M000100Y43");
		assertThat(first.value(kind, "township")).isEqualTo("新场镇");
		assertThat(first.value(kind, "level")).isEqualTo("major");
		assertThat(first.value(kind, "found_on")).isEqualTo("2024-05-03");
		assertThat(first.value(kind, "source")).isEqualTo("self_check");
		assertThat(first.value(kind, "funds_wan")).isEqualTo("1.5");
		assertThat(first.value(kind, "deadline")).isEqualTo("2024-06-30");
		assertThat(first.value(kind, "status")).isEqualTo("rectified");
		assertThat(first.value(kind, "rectified_on")).isEqualTo("2024-05-20");
		assertThat(first.value(kind, "contingency_plan")).isEqualTo("有");
		assertThat(first.value(kind, "remarks")).isNull();
		assertThat(first.items()).isEmpty();
		ListRow second = sink.rows.get(1);
		assertThat(second.value(kind, "level")).isEqualTo("general");
		assertThat(second.value(kind, "found_on")).isEqualTo("2024-05-06");
		assertThat(second.value(kind, "status")).isEqualTo("in_progress");
		assertThat(second.value(kind, "rectified_on")).isNull();
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void inspectionRecordF003I(Format format) throws Exception {
		List<Object[]> rows = List.of(new Object[] { "“强安2024”监管执法专项行动情况统计表（一）" }, new Object[] { "填报单位（盖章）：市应急管理局" },
				new Object[] { "序号", "受检企业(单位)名称", "检查时间", "执法人员", "安全生产违法行为(隐患)", "完成整改情况", "立案案号", "罚款金额(万)",
						"处罚依据(法律条款)", "其他查处(或移送)情况", "备注" },
				new Object[] { 1, "福州某某化工有限公司", new DateCell(LocalDate.of(2024, 5, 8)), "李四、王五",
						"1. 消防通道堵塞 2. 灭火器过期 3. 未开展安全培训", "已整改2项", "榕应急罚〔2024〕12号", 2.5, "《安全生产法》第九十九条", "无", "" },
				new Object[] { 2, "新场五金厂", "2024年5月9日", "李四", "未发现违法行为", "", "", "", "", "", "" });
		Path file = ListFixtures.write(dir, "f003i", format, rows);

		Collected sink = new Collected();
		ListFileSummary summary = reader.read(file, sink);

		assertThat(summary.kind()).isEqualTo(ListKind.INSPECTION_RECORD);
		assertThat(summary.submitter()).isEqualTo("市应急管理局");
		assertThat(summary.headerRow()).isEqualTo(3);
		assertThat(sink.findings).isEmpty();
		assertThat(sink.rows).hasSize(2);
		ListKind kind = ListKind.INSPECTION_RECORD;
		ListRow first = sink.rows.get(0);
		assertThat(first.value(kind, "inspected_on")).isEqualTo("2024-05-08");
		assertThat(first.value(kind, "violations")).isEqualTo("1. 消防通道堵塞 2. 灭火器过期 3. 未开展安全培训");
		assertThat(first.items()).containsExactly("消防通道堵塞", "灭火器过期", "未开展安全培训");
		assertThat(first.value(kind, "fines_wan")).isEqualTo("2.5");
		assertThat(first.value(kind, "case_number")).isEqualTo("榕应急罚〔2024〕12号");
		assertThat(first.value(kind, "legal_basis")).isEqualTo("《安全生产法》第九十九条");
		assertThat(first.value(kind, "other_measures")).isEqualTo("无");
		assertThat(first.value(kind, "uscc")).isNull();
		assertThat(sink.rows.get(1).items()).as("nothing found is no violation").isEmpty();
		assertThat(sink.rows.get(1).value(kind, "inspected_on")).isEqualTo("2024-05-09");
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void keyEnterpriseDirectory(Format format) throws Exception {
		List<Object[]> rows = List.of(new Object[] { "新场镇安全生产重点检查企业名录库" },
				new Object[] { "序号", "企业名称", "行业类别", "主要风险" }, new Object[] { 1, "福州某某化工有限公司", "危险化学品", "火灾、爆炸、中毒" },
				new Object[] { 2, "新场建材有限公司", "工贸", "粉尘爆炸" });
		Collected sink = new Collected();
		ListFileSummary summary = reader.read(ListFixtures.write(dir, "key", format, rows), sink);

		assertThat(summary.kind()).isEqualTo(ListKind.ENTERPRISE_DIRECTORY);
		assertThat(sink.findings).isEmpty();
		ListKind kind = ListKind.ENTERPRISE_DIRECTORY;
		assertThat(sink.rows).extracting(r -> r.value(kind, "list")).containsExactly("key", "key");
		assertThat(sink.rows.get(0).value(kind, "main_risk")).isEqualTo("火灾、爆炸、中毒");
		assertThat(sink.rows.get(1).value(kind, "industry")).isEqualTo("工贸");
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void generalEnterpriseDirectory(Format format) throws Exception {
		List<Object[]> rows = List.of(new Object[] { "新场镇安全生产一般检查企业名录库" }, new Object[] { "序号", "企业名称", "行业类别", "备注" },
				new Object[] { 1, "新场五金厂", "工贸", "双随机" });
		Collected sink = new Collected();
		ListFileSummary summary = reader.read(ListFixtures.write(dir, "general", format, rows), sink);

		assertThat(summary.kind()).isEqualTo(ListKind.ENTERPRISE_DIRECTORY);
		ListKind kind = ListKind.ENTERPRISE_DIRECTORY;
		assertThat(sink.rows).singleElement().satisfies(row -> {
			assertThat(row.value(kind, "list")).isEqualTo("general");
			assertThat(row.value(kind, "remarks")).isEqualTo("双随机");
			assertThat(row.value(kind, "main_risk")).isNull();
		});
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void directoryWithoutTitleIsKeyByItsMainRiskColumn(Format format) throws Exception {
		List<Object[]> rows = List.of(new Object[] { "序号", "企业名称", "行业类别", "主要风险" },
				new Object[] { 1, "福州某某化工有限公司", "危险化学品", "火灾" });
		Collected sink = new Collected();
		reader.read(ListFixtures.write(dir, "untitled", format, rows), sink);

		assertThat(sink.rows).singleElement()
			.satisfies(row -> assertThat(row.value(ListKind.ENTERPRISE_DIRECTORY, "list")).isEqualTo("key"));
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void liaisonList(Format format) throws Exception {
		List<Object[]> rows = List.of(new Object[] { "专职联络员统计表" }, new Object[] { "填报单位：新场镇" },
				new Object[] { "序号", "姓名", "性别", "工作单位及职务", "手机号码", "备注" },
				new Object[] { 1, "张三", "男", "新场镇安监站 站长", "138 0013 8000", "" },
				new Object[] { 2, "李四", "女", "新场镇应急办 科员", 13900139000.0, "" });
		Collected sink = new Collected();
		ListFileSummary summary = reader.read(ListFixtures.write(dir, "liaison", format, rows), sink);

		assertThat(summary.kind()).isEqualTo(ListKind.LIAISON_LIST);
		assertThat(summary.submitter()).isEqualTo("新场镇");
		assertThat(sink.findings).isEmpty();
		ListKind kind = ListKind.LIAISON_LIST;
		assertThat(sink.rows).extracting(r -> r.value(kind, "mobile")).containsExactly("13800138000", "13900139000");
		assertThat(sink.rows.get(0).value(kind, "unit_and_post")).isEqualTo("新场镇安监站 站长");
		assertThat(sink.rows.get(1).value(kind, "gender")).isEqualTo("女");
	}

	@org.junit.jupiter.api.Test
	void ledgerAsGbkCsvWithAQuotedMultiLineCell() throws Exception {
		List<Object[]> rows = new ArrayList<>();
		rows.add(new Object[] { "新场镇隐患排查治理台账" });
		rows.add(ListFixtures.LEDGER_HEADER.toArray());
		Object[] multiLine = ListFixtures.ledgerRow("甲公司", "一般", "2024年5月3日", "已整改", "2024.5.9");
		multiLine[4] = "消防通道堵塞,\n灭火器过期";
		rows.add(multiLine);
		rows.add(ListFixtures.ledgerRow("乙公司", "重大", "20240506", "未整改", null));
		Path file = ListFixtures.csv(dir.resolve("gbk.csv"), rows, java.nio.charset.Charset.forName("GBK"));

		Collected sink = new Collected();
		ListFileSummary summary = reader.read(file, sink);

		assertThat(summary.format()).isEqualTo("csv");
		assertThat(summary.title()).isEqualTo("新场镇隐患排查治理台账");
		assertThat(sink.findings).isEmpty();
		ListKind kind = ListKind.HAZARD_LEDGER;
		assertThat(sink.rows).extracting(ListRow::rowNumber).containsExactly(3, 5); // the
																					// quoted
																					// break
																					// takes
																					// a
																					// line
		assertThat(sink.rows.get(0).value(kind, "description")).isEqualTo("消防通道堵塞,\n灭火器过期");
		assertThat(sink.rows.get(0).value(kind, "rectified_on")).isEqualTo("2024-05-09");
		assertThat(sink.rows.get(1).value(kind, "found_on")).isEqualTo("2024-05-06");
		assertThat(sink.rows.get(1).value(kind, "status")).isEqualTo("not_started");
	}

}
