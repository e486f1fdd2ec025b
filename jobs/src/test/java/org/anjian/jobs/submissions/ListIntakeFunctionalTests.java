package org.anjian.jobs.submissions;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.readers.lists.Uscc;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record-level lists arriving in the inbox beside the sample county's summary tables: a
 * township's hazard ledger with a few bad rows, a department's inspection records
 * (F-003-I) as GBK CSV, a key-enterprise directory and a liaison list. {@code ingest}
 * loads the good rows, reports the bad ones by row, reconciles the ledger with the
 * township's summary table (表间审核), and the 催报 roster calls the liaison the list names.
 */
class ListIntakeFunctionalTests {

	@TempDir
	Path tmp;

	SampleCounty samples;

	Path inbox;

	Path home;

	@BeforeEach
	void inboxWithListsBesideTheSummaryTables() throws Exception {
		samples = SampleCounty.load();
		inbox = samples.copyInbox(tmp.resolve("inbox"));
		home = tmp.resolve("home");
		Path lists = Files.createDirectories(inbox.resolve("2024-05/清单"));

		// 桃源镇 (HM02): 40 hazards in May, 4 of them major (its May table reports 5 − 3 =
		// 2), then 3 bad rows
		List<Object[]> hazards = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			boolean major = i <= 4;
			boolean done = i % 2 == 0;
			hazards.add(new Object[] { "桃源镇" + (i % 5) + "号建材有限公司", uscc(i % 5), "桃源镇", "应急管理", "配电箱未接地第" + i + "处",
					major ? "重大" : "一般", "2024-05-" + (10 + i % 15), "执法检查", "立即整改", "张三", "0.5", "2024-06-30",
					done ? "已整改" : "整改中", done ? "2024-05-28" : "", "" });
		}
		hazards.add(new Object[] { "桃源镇9号厂", "", "桃源镇", "应急管理", "安全出口锁闭", "一般", "五月中旬", "自查", "", "", "", "", "整改中", "",
				"" });
		hazards.add(new Object[] { "桃源镇9号厂", "", "桃源镇", "应急管理", "消防栓无水", "较大", "2024-05-12", "自查", "", "", "", "",
				"整改中", "", "" });
		hazards.add(new Object[] { "桃源镇9号厂", "", "桃源镇", "应急管理", "叉车无证驾驶", "一般", "2024-05-20", "自查", "", "", "", "",
				"已整改", "2024-05-01", "" });
		workbook(lists.resolve("桃源镇隐患台账（5月）.xlsx"), "桃源镇重大事故隐患排查治理台账", "填报单位：桃源镇人民政府",
				new String[] { "企业名称", "统一社会信用代码", "所属乡镇（街道）", "行业类别", "隐患描述", "隐患等级", "发现日期", "隐患来源", "整改措施", "责任人",
						"整改资金（万元）", "整改期限", "整改状态", "整改完成日期", "备注" },
				hazards);

		// the key-enterprise directory names two of the five enterprises
		workbook(lists.resolve("重点检查企业名录库.xlsx"), "应急管理行业领域（鹤鸣县）重点检查企业名录库", "填报单位：应急管理局",
				new String[] { "序号", "企业名称", "行业类别", "主要风险" },
				List.of(new Object[] { "01", "桃源镇0号建材有限公司", "应急管理", "粉尘涉爆" },
						new Object[] { "02", "桃源镇1号建材有限责任公司", "应急管理", "有限空间" }));

		// 应急局's inspections: two directory enterprises (one written 有限公司 for 有限责任公司) and
		// one not listed
		String csv = """
				鹤鸣县2024年安全生产执法提升专项行动情况统计表（一）
				填报单位：应急管理局
				序号,受检企业(单位)名称,检查时间,执法人员,安全生产违法行为(隐患),完成整改情况,立案案号,罚款金额(万),处罚依据(法律条款),其他查处(或移送)情况,备注
				1,桃源镇0号建材有限公司,2024/5/8,李四、王五,"1. 未设置安全警示标志 2. 消防通道堵塞",已整改,,,,,
				2,桃源镇1号建材有限公司,2024/5/9,李四,无,,,,,,
				3,鹤鸣县某某化工厂,2024年5月10日,王五,1、未建立隐患排查台账；2、特种作业人员无证上岗；3、应急预案未备案,整改中,鹤应急罚〔2024〕12号,1.5,安全生产法第九十七条,,
				""";
		Files.write(lists.resolve("执法检查明细-应急局.csv"), csv.getBytes(Charset.forName("GBK")));

		// 桃源镇 names a new liaison
		String liaisons = """
				专职联络员统计表
				填表单位：桃源镇人民政府
				序号,姓名,性别,工作单位及职务,手机号码,备注
				1,王小明,男,桃源镇人民政府 安办主任,13812345678,
				""";
		Files.writeString(lists.resolve("联络员名单-桃源镇.csv"), liaisons);

		FileTime received = FileTime
			.from(LocalDateTime.parse("2024-05-21T10:00:00").atZone(SampleCounty.SHANGHAI).toInstant());
		try (var files = Files.list(lists)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Files.setLastModifiedTime(f, received);
			}
		}
	}

	@Test
	void listsLoadTheirGoodRowsReportBadRowsAndAreReconciledWithTheSummaryTables() throws Exception {
		// given a staging file a killed run left beside the warehouse
		Path leftover = Files.writeString(Files.createDirectories(home).resolve(".anjian-list-4242.rows"),
				"3\u001F甲\n");
		// `status` runs without the home lock, possibly beside a load whose staging file
		// this could be: it leaves it
		CliRun status = CliRun.of("status", "--home", home.toString(), "--reference", samples.reference().toString());
		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(leftover).exists();
		// when
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());

		// then every list is recorded as loaded, with its kind and submitter
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(leftover).as("a killed run's staging file is cleared").doesNotExist();
		try (var files = Files.list(home)) {
			assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith(".anjian-list-"));
		}
		assertThat(WarehouseQueries.query(home,
				"select list_kind || ' ' || status || ' ' || coalesce(submitter_code, '-') as f from audit_file where list_kind is not null order by 1")
			.stream()
			.map(r -> r.get("f"))
			.toList()).containsExactly("enterprise_directory loaded HM06", "hazard_ledger loaded HM02",
					"inspection_record loaded HM06", "liaison_list loaded HM02");

		// the ledger's 40 good rows are facts keyed to May, 桃源镇 and 应急管理; the 3 bad rows
		// are reported by row
		assertThat(WarehouseQueries.query(home, """
				select count(*) as n, count(*) filter (where level = 'major') as major, min(period) as p,
				       min(region_code) as region, min(industry_code) as industry from fact_hazard""").get(0))
			.containsEntry("n", 40L)
			.containsEntry("major", 4L)
			.containsEntry("p", java.time.LocalDate.parse("2024-05-01"))
			.containsEntry("region", "519902101")
			.containsEntry("industry", "yjgl");
		List<Map<String, Object>> rejectedRows = WarehouseQueries.query(home, """
				select i.row_number, i.rule, i.column_name from audit_issue i join audit_file f using (sha256)
				where f.list_kind = 'hazard_ledger' and i.severity = 'error' order by i.row_number""");
		assertThat(rejectedRows).extracting(r -> r.get("row_number") + " " + r.get("rule"))
			.containsExactly("44 LIST_DATE_INVALID", "45 LIST_VALUE_UNKNOWN", "46 LIST_DATE_ORDER");
		assertThat(ingest.out()).contains("桃源镇隐患台账（5月）.xlsx").contains("退回行 3");

		// inspections: the violations cell split one per row
		assertThat(WarehouseQueries.query(home, "select count(*) as n from fact_inspection").get(0)).containsEntry("n",
				3L);
		assertThat(WarehouseQueries.query(home, "select count(*) as n from fact_violation").get(0)).containsEntry("n",
				5L);

		// 表间审核: the ledger's 4 major hazards against the 2 桃源镇 reported for May; the
		// unlisted plant
		Map<String, Object> mismatch = WarehouseQueries.query(home,
				"select * from audit_reconciliation where rule = 'LEDGER_MAJOR_MISMATCH' and submitter_code = 'HM02'")
			.get(0);
		assertThat(mismatch).containsEntry("list_count", 4L)
			.containsEntry("period", java.time.LocalDate.parse("2024-05-01"));
		assertThat(((Number) mismatch.get("reported_count")).longValue()).isEqualTo(2L);
		assertThat(WarehouseQueries.query(home,
				"select * from audit_reconciliation where rule = 'LEDGER_MAJOR_MISMATCH' and period <> date '2024-05-01'"))
			.as("April is not covered by a May ledger")
			.isEmpty();
		assertThat(WarehouseQueries.query(home,
				"select enterprise_name from audit_reconciliation where rule = 'INSPECTED_NOT_IN_DIRECTORY' and enterprise_name like '%化工厂'"))
			.hasSize(1);
		assertThat(WarehouseQueries.query(home,
				"select * from audit_reconciliation where rule = 'INSPECTED_NOT_IN_DIRECTORY' and enterprise_name like '桃源镇1号%'"))
			.as("有限公司 and 有限责任公司 are the same enterprise")
			.isEmpty();
		assertThat(ingest.out()).contains("表间审核提示 LEDGER_MAJOR_MISMATCH");

		// and the 催报 roster calls the liaison the list names
		CliRun rollup = CliRun.of("rollup", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff");
		assertThat(rollup.exitCode()).as(rollup.toString()).isZero();
		assertThat(WarehouseQueries.query(home,
				"select liaison, phone from rollup_roster where submitter_code = 'HM02' and period = date '2024-05-01'")
			.get(0)).containsEntry("liaison", "王小明").containsEntry("phone", "13812345678");
	}

	@Test
	void aUnitsDirectoriesOfBothTiersAndItsInspectionRecordsOfEachMonthCountTogether() throws Exception {
		// given the May intake (应急局's 重点检查企业名录库 and May inspections, 桃源镇's May ledger)
		CliRun may = CliRun.of("ingest", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());
		assertThat(may.exitCode()).as(may.toString()).isZero();
		// and in June: 应急局's 一般检查企业名录库, its June inspections, a corrected May list (the
		// visit to 桃源镇1号 was entered by mistake), and 桃源镇's June ledger
		Path june = Files.createDirectories(inbox.resolve("2024-06/清单"));
		workbook(june.resolve("一般检查企业名录库.xlsx"), "应急管理行业领域（鹤鸣县）一般检查企业名录库", "填报单位：应急管理局",
				new String[] { "序号", "企业名称", "行业类别", "备注" },
				List.of(new Object[] { "01", "桃源镇2号建材有限公司", "应急管理", "" },
						new Object[] { "02", "桃源镇3号建材有限公司", "应急管理", "" },
						new Object[] { "03", "桃源镇4号建材有限公司", "应急管理", "" }));
		inspections(june.resolve("执法检查明细-应急局-6月.csv"), """
				1,桃源镇2号建材有限公司,2024/6/5,李四,无,,,,,,
				2,桃源镇3号建材有限公司,2024/6/12,王五,1. 未培训,已整改,,,,,
				""");
		inspections(june.resolve("执法检查明细-应急局-5月（更正）.csv"), """
				1,桃源镇0号建材有限公司,2024/5/8,李四、王五,"1. 未设置安全警示标志 2. 消防通道堵塞",已整改,,,,,
				2,鹤鸣县某某化工厂,2024年5月10日,王五,1、未建立隐患排查台账,整改中,鹤应急罚〔2024〕12号,1.5,安全生产法第九十七条,,
				""");
		workbook(june.resolve("桃源镇隐患台账（6月）.xlsx"), "桃源镇重大事故隐患排查治理台账", "填报单位：桃源镇人民政府",
				new String[] { "企业名称", "隐患描述", "隐患等级", "发现日期", "整改状态" },
				List.of(new Object[] { "桃源镇0号建材有限公司", "配电箱未接地", "重大", "2024-05-11", "已整改" },
						new Object[] { "桃源镇2号建材有限公司", "安全出口锁闭", "一般", "2024-06-04", "整改中" }));
		try (var files = Files.list(june)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Files.setLastModifiedTime(f, FileTime
					.from(LocalDateTime.parse("2024-06-25T10:00:00").atZone(SampleCounty.SHANGHAI).toInstant()));
			}
		}

		// when
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());

		// then the 重点 and the 一般 directory are both current, as are May's and June's
		// records; the corrected May list replaces the first, the June ledger the May one
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(WarehouseQueries.query(home, """
				select path || ' ' || status || ' ' || coalesce(list_scope, '-') as f from audit_file
				where list_kind in ('enterprise_directory', 'inspection_record', 'hazard_ledger') order by path""")
			.stream()
			.map(r -> r.get("f"))
			.toList()).containsExactly("2024-05/清单/执法检查明细-应急局.csv superseded 2024-05",
					"2024-05/清单/桃源镇隐患台账（5月）.xlsx superseded -", "2024-05/清单/重点检查企业名录库.xlsx loaded key",
					"2024-06/清单/一般检查企业名录库.xlsx loaded general", "2024-06/清单/执法检查明细-应急局-5月（更正）.csv loaded 2024-05",
					"2024-06/清单/执法检查明细-应急局-6月.csv loaded 2024-06", "2024-06/清单/桃源镇隐患台账（6月）.xlsx loaded -");
		assertThat(WarehouseQueries.query(home,
				"""
						select strftime(period, '%Y-%m') || ': ' || count(*) as f from fact_inspection group by period order by period""")
			.stream()
			.map(r -> r.get("f"))
			.toList()).containsExactly("2024-05: 2", "2024-06: 2");
		assertThat(WarehouseQueries.query(home, "select count(*) as n from fact_hazard").get(0)).containsEntry("n", 2L);

		// and the 通报's coverage figures: the 重点 directory's two enterprises, one
		// inspected
		// in the campaign (0号; the visit to 1号 was corrected away), and the 双随机 pool of
		// the
		// 一般 directory, two of three inspected in June
		Map<String, Object> figures = WarehouseQueries
			.query(home, resource("workbench/bulletin_targets.sql"), "QA2024", java.time.LocalDate.parse("2024-06-01"))
			.stream()
			.filter(r -> "HM06".equals(r.get("submitter_code")))
			.findFirst()
			.orElseThrow();
		assertThat(figures).containsEntry("key_listed", 2L)
			.containsEntry("key_inspected", 1L)
			.containsEntry("general_listed", 3L)
			.containsEntry("general_inspected", 2L)
			.containsEntry("listed_month", 2L);
	}

	/** 应急局's inspection records (统计表（一）) as GBK CSV, with these rows. */
	private static void inspections(Path file, String rows) throws Exception {
		String csv = """
				鹤鸣县2024年安全生产执法提升专项行动情况统计表（一）
				填报单位：应急管理局
				序号,受检企业(单位)名称,检查时间,执法人员,安全生产违法行为(隐患),完成整改情况,立案案号,罚款金额(万),处罚依据(法律条款),其他查处(或移送)情况,备注
				""" + rows;
		Files.write(file, csv.getBytes(Charset.forName("GBK")));
	}

	private static String resource(String path) throws Exception {
		try (var in = ListIntakeFunctionalTests.class.getClassLoader().getResourceAsStream(path)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	@Test
	void aLedgerWhoseSenderCannotBeRecognisedIsRejectedWithTheReason() throws Exception {
		// given a ledger naming no known unit, in a folder that names none either
		Path stray = Files.createDirectories(inbox.resolve("未知"));
		workbook(stray.resolve("台账.xlsx"), "隐患排查治理台账", "填报单位：某某公司",
				new String[] { "企业名称", "隐患描述", "隐患等级", "发现日期", "整改状态" },
				List.<Object[]>of(new Object[] { "甲公司", "漏电", "一般", "2024-05-03", "整改中" }));
		Files.setLastModifiedTime(stray.resolve("台账.xlsx"),
				FileTime.from(LocalDateTime.parse("2024-05-21T11:00:00").atZone(SampleCounty.SHANGHAI).toInstant()));

		// when
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());

		// then
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(WarehouseQueries.query(home, "select status from audit_file where path = '未知/台账.xlsx'").get(0))
			.containsEntry("status", "rejected");
		assertThat(WarehouseQueries.query(home, """
				select i.message from audit_issue i join audit_file f using (sha256)
				where f.path = '未知/台账.xlsx' and i.rule = 'UNKNOWN_SUBMITTER'""").get(0).get("message").toString())
			.contains("某某公司");
	}

	@Test
	void theListSizeLimitIsASettingOfItsOwn() throws Exception {
		// given a 2 MB ledger (as CSV), far under the list default of 200 MB
		StringBuilder csv = new StringBuilder("隐患排查治理台账\n填报单位：桃源镇人民政府\n企业名称,隐患描述,隐患等级,发现日期,整改状态\n");
		for (int i = 0; csv.length() < 1_000_000; i++) {
			csv.append("桃源镇").append(i % 50).append("号建材有限公司,配电箱未接地第").append(i).append("处,一般,2024-05-03,整改中\n");
		}
		Path big = inbox.resolve("2024-05/清单/桃源镇隐患台账（大）.csv");
		Files.writeString(big, csv);
		assertThat(Files.size(big)).isGreaterThan(1024 * 1024);

		// when the office allows lists of 1 MB only
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString(), "--list-max-file-mb", "1");

		// then that ledger alone is rejected, naming the limit; the small lists load
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(WarehouseQueries.query(home, """
				select f.status, i.rule, i.message from audit_file f join audit_issue i using (sha256)
				where f.path like '%桃源镇隐患台账（大）.csv'""")).singleElement().satisfies(r -> {
			assertThat(r).containsEntry("status", "rejected").containsEntry("rule", "FILE_TOO_LARGE");
			assertThat(r.get("message").toString()).contains("1 MB", "明细清单");
		});
		assertThat(WarehouseQueries.query(home, "select status from audit_file where path like '%桃源镇隐患台账（5月）.xlsx'"))
			.singleElement()
			.isEqualTo(Map.of("status", "loaded"));
	}

	private static String uscc(int n) {
		String first17 = "91510100MA6C" + String.format("%05d", 40000 + n);
		return first17 + Uscc.checkCharacter(first17);
	}

	private static void workbook(Path file, String title, String unit, String[] header, List<Object[]> rows)
			throws Exception {
		try (Workbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = wb.createSheet("Sheet1");
			sheet.createRow(0).createCell(0).setCellValue(title);
			sheet.createRow(1).createCell(0).setCellValue(unit);
			Row h = sheet.createRow(2);
			for (int c = 0; c < header.length; c++) {
				h.createCell(c).setCellValue(header[c]);
			}
			int r = 3;
			for (Object[] values : rows) {
				Row row = sheet.createRow(r++);
				for (int c = 0; c < values.length; c++) {
					if (values[c] != null && !values[c].toString().isEmpty()) {
						row.createCell(c).setCellValue(values[c].toString());
					}
				}
			}
			wb.write(out);
		}
	}

}
