package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.List;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's 4月15日 deliverables on the sample county (强安2024): every department owes its
 * 专职联络员统计表 (as a liaison list or a document) and its 实施方案 (a document) by 15 April. 应急局
 * sends its liaison list on time and its plan late as a PDF, 住建局 sends its liaison table
 * late as a Word file and no plan, 市场监管局 sends no liaison list and its plan on time in a
 * Word file named only by its first page. Two documents are not deliverables and are
 * rejected saying why. {@code ingest} records what was received, {@code rollup} of April
 * keeps and prints the roster with the liaison to call.
 */
class DeliverablesFunctionalTests {

	static final String DELIVERABLES = """
			campaign,code,name,name_keywords,kind,due,who,satisfied_by
			QA2024,LIAISON,专职联络员统计表,联络员,once,2024-04-15,departments,liaison_list|document
			QA2024,PLAN,专项行动实施方案,实施方案|工作方案,once,2024-04-15,departments,document
			QA2024,SUMMARY,专项行动总结,总结,once,2024-10-25,all,document
			""";

	@TempDir
	Path tmp;

	SampleCounty samples;

	Path inbox;

	Path home;

	Path reference;

	@BeforeEach
	void inboxOfDeliverables() throws Exception {
		samples = SampleCounty.load();
		home = tmp.resolve("home");
		inbox = Files.createDirectories(tmp.resolve("inbox"));
		reference = samples.copyReference(tmp.resolve("reference"));
		Files.writeString(reference.resolve("deliverables.csv"), DELIVERABLES);

		// 应急局's liaison list, on time
		received(write("联络员/联络员名单-应急局.csv", """
				专职联络员统计表
				填表单位：鹤鸣县应急管理局
				序号,姓名,性别,工作单位及职务,手机号码,备注
				1,刘洋,男,鹤鸣县应急管理局 安全股长,13911112222,
				"""), "2024-04-12T10:00:00");
		// 住建局's liaison table as a Word file, three days late
		received(docx("住建局/鹤鸣县住房和城乡建设局专职联络员统计表.docx", "专职联络员统计表", "填表单位：住建局"), "2024-04-18T09:30:00");
		// 市场监管局's plan: the file name says nothing, its first page says who and what
		received(docx("材料/情况报告.docx", "鹤鸣县市场监督管理局", "关于印发强安2024专项行动实施方案的通知", "各股室："), "2024-04-14T16:00:00");
		// 应急局's plan as a PDF, recognised by its name alone, one day late
		received(write("应急局/强安2024工作方案.pdf", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
				"2024-04-16T08:00:00");
		// not deliverables: a meeting notice from 应急局, and a Word 97 file nobody can be
		// recognised as having sent
		received(docx("应急局/会议通知.docx", "关于召开安全生产会议的通知"), "2024-04-11T08:00:00");
		received(doc("其他/说明.doc"), "2024-04-11T08:00:00");
	}

	@Test
	void theRosterHasTheOnTimeTheLateAndTheMissing() throws Exception {
		// when
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString());

		// then the documents that are deliverables are received, the others rejected with
		// the reason
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(ingest.out()).contains("入库完成：处理文件 6 个（入库 4，已被更正版本取代 0，重复 0，拒收 2）");
		assertThat(ingest.out()).contains(
				"loaded     住建局/鹤鸣县住房和城乡建设局专职联络员统计表.docx  [HM07 应报材料 QA2024/LIAISON once]  提示 0",
				"loaded     材料/情况报告.docx  [HM08 应报材料 QA2024/PLAN once]  提示 0");
		assertThat(column(
				"select status || ' ' || path || ' ' || coalesce(submitter_code, '-') || ' ' || coalesce(format, '-') as f "
						+ "from audit_file order by path"))
			.containsExactly("loaded 住建局/鹤鸣县住房和城乡建设局专职联络员统计表.docx HM07 docx", "rejected 其他/说明.doc - doc",
					"rejected 应急局/会议通知.docx HM06 docx", "loaded 应急局/强安2024工作方案.pdf HM06 pdf",
					"loaded 材料/情况报告.docx HM08 docx", "loaded 联络员/联络员名单-应急局.csv HM06 csv");
		assertThat(column("select rule || ' ' || message as m from audit_issue where severity = 'error' order by 1"))
			.containsExactly(
					"NOT_A_DELIVERABLE 文档“会议通知.docx”不是“鹤鸣县应急管理局”应报的材料：文件名、文件夹名和首页中没有 deliverables.csv "
							+ "所列材料的关键词（联络员、实施方案、工作方案、总结）；统计汇总表和明细清单请用 Excel（.xlsx、.xls）或 CSV 报送",
					"UNKNOWN_SUBMITTER 无法识别文档“说明.doc”的报送单位：文件名和文件夹名中没有本县填报单位（submitters.csv）的名称");
		assertThat(column("select path || ' ' || deliverable_code || ' ' || matched_by || ' ' || keyword as d "
				+ "from land_deliverable_document order by path"))
			.containsExactly("住建局/鹤鸣县住房和城乡建设局专职联络员统计表.docx LIAISON file_name 联络员",
					"应急局/强安2024工作方案.pdf PLAN file_name 工作方案", "材料/情况报告.docx PLAN first_page 实施方案");

		// when April is rolled up (month-end: as of 30 April)
		CliRun rollup = CliRun.of("rollup", "--home", home.toString(), "--reference", reference.toString(),
				"--campaign", "QA2024", "--period", "2024-04", "--kind", "month-end");

		// then the roster of the deliverables due in April
		assertThat(rollup.exitCode()).as(rollup.toString()).isZero();
		assertThat(column("""
				select deliverable_code || ' ' || submitter_code || ' ' || status || ' ' || coalesce(received_as, '-')
				    || ' ' || coalesce(cast(received_at as varchar), '-') || ' ' || coalesce(liaison, '-') || ' '
				    || coalesce(phone, '-') as r
				from rollup_deliverables where period = date '2024-04-01' and kind = 'month-end'
				order by deliverable_code, submitter_code""")).containsExactly(
				"LIAISON HM06 on_time liaison_list 2024-04-12 10:00:00 刘洋 13911112222",
				"LIAISON HM07 late document 2024-04-18 09:30:00 袁小兵 15196284437",
				"LIAISON HM08 missing - - 蒋红 13678004152", "PLAN HM06 late document 2024-04-16 08:00:00 刘洋 13911112222",
				"PLAN HM07 missing - - 袁小兵 15196284437",
				"PLAN HM08 on_time document 2024-04-14 16:00:00 蒋红 13678004152");
		assertThat(rollup.out()).contains("""
				应报材料（2024-04 到期）：
				  LIAISON 专职联络员统计表（截止 2024-04-15）
				    HM08   鹤鸣县市场监督管理局     未报  联络员 蒋红 13678004152
				    HM07   鹤鸣县住房和城乡建设局    逾期报送 2024-04-18 09:30（文档）  联络员 袁小兵 15196284437
				    HM06   鹤鸣县应急管理局       按时报送 2024-04-12 10:00（联络员名单）
				  PLAN 专项行动实施方案（截止 2024-04-15）
				    HM07   鹤鸣县住房和城乡建设局    未报  联络员 袁小兵 15196284437
				    HM06   鹤鸣县应急管理局       逾期报送 2024-04-16 08:00（文档）  联络员 刘洋 13911112222
				    HM08   鹤鸣县市场监督管理局     按时报送 2024-04-14 16:00（文档）
				""");
		// the summary is due in October: not in April's roster
		assertThat(rollup.out()).doesNotContain("SUMMARY");

		// when May is rolled up, the still missing are chased again; the received are
		// not repeated
		CliRun may = CliRun.of("rollup", "--home", home.toString(), "--reference", reference.toString(), "--campaign",
				"QA2024", "--period", "2024-05", "--kind", "cutoff");
		assertThat(may.exitCode()).as(may.toString()).isZero();
		assertThat(may.out()).contains("""
				此前到期仍未报送的材料：
				  LIAISON 专职联络员统计表（截止 2024-04-15）
				    HM08   鹤鸣县市场监督管理局     未报  联络员 蒋红 13678004152
				  PLAN 专项行动实施方案（截止 2024-04-15）
				    HM07   鹤鸣县住房和城乡建设局    未报  联络员 袁小兵 15196284437
				""").doesNotContain("应报材料（2024-05 到期）").doesNotContain("按时报送 2024-04-12");

		// and the roster is exported like the other rollups
		CliRun export = CliRun.of("export", "--home", home.toString(), "--reference", reference.toString());
		assertThat(export.exitCode()).as(export.toString()).isZero();
		// (phones masked, liaisons reduced to the surname, as in every export)
		assertThat(Files.readString(home.resolve("exports/csv/rollup_deliverables.csv")))
			.contains("LIAISON", "蒋*", "136****4152")
			.doesNotContain("13678004152");
		assertThat(home.resolve("exports/rollup_deliverables/period=2024-04-01")).isDirectory();
	}

	@Test
	void withoutDeliverablesCsvDocumentsStayRejectedUntilItNamesThem() throws Exception {
		// given the same inbox, no deliverables.csv
		Files.delete(reference.resolve("deliverables.csv"));
		// when
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString());
		// then every document is rejected as a file that is no spreadsheet; the liaison
		// list still loads
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(column("select status || ' ' || path as f from audit_file order by path")).containsExactly(
				"rejected 住建局/鹤鸣县住房和城乡建设局专职联络员统计表.docx", "rejected 其他/说明.doc", "rejected 应急局/会议通知.docx",
				"rejected 应急局/强安2024工作方案.pdf", "rejected 材料/情况报告.docx", "loaded 联络员/联络员名单-应急局.csv");
		assertThat(column("select distinct rule as r from audit_issue where severity = 'error'"))
			.doesNotContain("NOT_A_DELIVERABLE", "UNKNOWN_SUBMITTER");
		assertThat(WarehouseQueries.query(home, "select * from land_deliverable_document")).isEmpty();

		// when deliverables.csv is added afterwards
		Files.writeString(reference.resolve("deliverables.csv"), DELIVERABLES);
		CliRun again = CliRun.of("ingest", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString());
		// then the documents it names are received, the others stay rejected
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(column("select status || ' ' || path as f from audit_file order by path")).containsExactly(
				"loaded 住建局/鹤鸣县住房和城乡建设局专职联络员统计表.docx", "rejected 其他/说明.doc", "rejected 应急局/会议通知.docx",
				"loaded 应急局/强安2024工作方案.pdf", "loaded 材料/情况报告.docx", "loaded 联络员/联络员名单-应急局.csv");
		assertThat(column("select count(*) as n from land_deliverable_document")).containsExactly(3L);
		assertThat(column("select count(*) as n from audit_issue where severity = 'error' and sha256 in "
				+ "(select sha256 from audit_file where status = 'loaded')"))
			.containsExactly(0L);
	}

	@Test
	void aBadDeliverablesCsvStopsTheCommandNamingRowAndColumn() throws Exception {
		// given
		Files.writeString(reference.resolve("deliverables.csv"),
				DELIVERABLES + "QA2024,CASES,典型案例,典型案例,quarterly,1|Q4=13-20,departments,document\n");
		// when
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString());
		// then
		assertThat(ingest.exitCode()).as(ingest.toString()).isEqualTo(65);
		assertThat(ingest.err()).contains("deliverables.csv 第5行 due 列：例外 Q4=13-20 不是有效日期");
	}

	private List<Object> column(String sql) {
		return WarehouseQueries.query(home, sql).stream().map(r -> r.values().iterator().next()).toList();
	}

	private Path write(String relative, String content) throws Exception {
		Path file = inbox.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	/** A Word document whose paragraphs are {@code paragraphs}. */
	private Path docx(String relative, String... paragraphs) throws Exception {
		Path file = inbox.resolve(relative);
		Files.createDirectories(file.getParent());
		try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
			for (String p : paragraphs) {
				doc.createParagraph().createRun().setText(p);
			}
			doc.write(out);
		}
		return file;
	}

	/** A Word 97 (OLE2) file: a compound file with a WordDocument stream. */
	private Path doc(String relative) throws Exception {
		Path file = inbox.resolve(relative);
		Files.createDirectories(file.getParent());
		try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
			fs.createDocument(new java.io.ByteArrayInputStream(new byte[4096]), "WordDocument");
			fs.writeFilesystem(out);
		}
		return file;
	}

	private static void received(Path file, String at) throws Exception {
		Files.setLastModifiedTime(file,
				FileTime.from(LocalDateTime.parse(at).atZone(SampleCounty.SHANGHAI).toInstant()));
	}

}
