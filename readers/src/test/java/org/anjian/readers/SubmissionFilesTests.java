package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListFileSummary;
import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the intake job dispatches on: a summary table, which list, or neither, from the
 * first rows only.
 */
class SubmissionFilesTests {

	@TempDir
	Path dir;

	private final SubmissionFiles files = new SubmissionFiles();

	private final ListFileReader reader = new ListFileReader();

	private Path workbook(Workbook workbook, String name, List<List<String>> rows) throws Exception {
		Sheet sheet = workbook.createSheet("Sheet1");
		for (int r = 0; r < rows.size(); r++) {
			TestWorkbooks.row(sheet, r, rows.get(r).toArray());
		}
		return TestWorkbooks.write(workbook, dir.resolve(name));
	}

	@Test
	void eachListKind() throws Exception {
		assertThat(files.open(workbook(new XSSFWorkbook(), "ledger.xlsx",
				List.of(List.of("隐患台账"), List.of("企业名称", "隐患描述", "隐患等级", "发现日期")))))
			.isInstanceOfSatisfying(RecordListFile.class,
					list -> assertThat(list).extracting(RecordListFile::kind, RecordListFile::format)
						.containsExactly(ListKind.HAZARD_LEDGER, "xlsx"));
		assertThat(files.open(workbook(new HSSFWorkbook(), "f003.xls",
				List.of(List.of("序号", "受检企业(单位)名称", "检查时间", "执法人员", "安全生产违法行为(隐患)", "完成整改情况")))))
			.isInstanceOfSatisfying(RecordListFile.class,
					list -> assertThat(list).extracting(RecordListFile::kind, RecordListFile::format)
						.containsExactly(ListKind.INSPECTION_RECORD, "xls"));
		assertThat(files.open(Files.writeString(dir.resolve("dir.csv"), "重点检查企业名录库\n序号,企业名称,行业类别,主要风险\n1,甲,化工,爆炸\n")))
			.isInstanceOfSatisfying(RecordListFile.class,
					list -> assertThat(list).extracting(RecordListFile::kind, RecordListFile::format)
						.containsExactly(ListKind.ENTERPRISE_DIRECTORY, "csv"));
		assertThat(files.open(workbook(new XSSFWorkbook(), "liaison.xlsx",
				List.of(List.of("序号", "姓名", "性别", "工作单位及职务", "手机号码", "备注")))))
			.isInstanceOfSatisfying(RecordListFile.class,
					list -> assertThat(list.kind()).isEqualTo(ListKind.LIAISON_LIST));
	}

	@Test
	void aSummaryTable() throws Exception {
		Path file = TestWorkbooks.oneRowTable(dir.resolve("summary.xlsx"), "附件1", "新场镇", TestWorkbooks.F000_COLUMNS);

		SubmissionFile opened = files.open(file);

		assertThat(opened).isInstanceOf(SummaryTableFile.class);
		assertThat(((SummaryTableFile) opened).formId()).isEqualTo("F-000");
		assertThat(((SummaryTableFile) opened).sheet()).isEqualTo("附件1");
	}

	@Test
	void neitherOrNoSpreadsheet() throws Exception {
		SubmissionFile notes = files.open(workbook(new XSSFWorkbook(), "notes.xlsx", List.of(List.of("请各镇于22日前报送"))));
		assertThat(notes).isInstanceOf(UnreadableFile.class);
		assertThat(((UnreadableFile) notes).rule().rule()).isEqualTo(ListFileReader.NO_LIST);

		SubmissionFile pdf = files.open(Files.writeString(dir.resolve("x.xlsx"), "%PDF-1.7\n"));
		assertThat(pdf).isInstanceOf(UnreadableFile.class);
		assertThat(((UnreadableFile) pdf).rule().rule()).isEqualTo(SummaryTableFileReader.FILE_FORMAT);
	}

	/**
	 * A ledger whose sheet breaks off after row 100: sniffing reads only the head, so it
	 * succeeds; reading delivers the 99 rows before the break and reports the file as
	 * unreadable from there.
	 */
	@Test
	void sniffingStopsAtTheHeadWhileReadingGoesOn() throws Exception {
		StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
		sheet.append("<row r=\"1\">");
		String[] header = { "企业名称", "隐患描述", "隐患等级", "发现日期" };
		for (int c = 0; c < header.length; c++) {
			sheet.append("<c t=\"inlineStr\"><is><t>").append(header[c]).append("</t></is></c>");
		}
		sheet.append("</row>");
		for (int r = 2; r <= 100; r++) {
			sheet.append("<row r=\"")
				.append(r)
				.append("\"><c t=\"inlineStr\"><is><t>企业")
				.append(r)
				.append("</t></is></c><c t=\"inlineStr\"><is><t>通道堵塞</t></is></c><c t=\"inlineStr\"><is><t>一般</t></is></c>")
				.append("<c t=\"inlineStr\"><is><t>2024-05-03</t></is></c></row>");
		}
		sheet.append("<row r=\"101\"><c t=\"inlineStr\"><is><t>企业"); // cut off here
		Path file = dir.resolve("cut.xlsx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			put(zip, "_rels/.rels",
					"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
							+ "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
			put(zip, "xl/workbook.xml",
					"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
							+ "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
							+ "<sheet name=\"台账\" sheetId=\"1\" r:id=\"r1\"/></sheets></workbook>");
			put(zip, "xl/_rels/workbook.xml.rels",
					"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
							+ "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
			put(zip, "xl/worksheets/sheet1.xml", sheet.toString());
		}

		assertThat(((RecordListFile) files.open(file)).kind()).isEqualTo(ListKind.HAZARD_LEDGER);

		List<ListRow> rows = new ArrayList<>();
		List<Finding> findings = new ArrayList<>();
		ListFileSummary summary = reader.read(file, new ListRowSink() {
			@Override
			public void row(ListRow row) {
				rows.add(row);
			}

			@Override
			public void finding(Finding finding) {
				findings.add(finding);
			}
		});
		assertThat(rows).hasSize(99);
		assertThat(summary.rowsAccepted()).isEqualTo(99);
		assertThat(summary.fileFindings()).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo(SummaryTableFileReader.FILE_UNREADABLE);
			assertThat(f.message()).contains("已读取前 99 行");
		});
		assertThat(findings).containsExactlyElementsOf(summary.fileFindings());
	}

	private static void put(ZipOutputStream zip, String name, String text) throws Exception {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(text.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

}
