package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not spreadsheets at all, whatever their names say: rejected with
 * FILE_FORMAT, never a crash.
 */
class SummaryTableFileReaderWithNonSpreadsheetFilesTests {

	@TempDir
	Path dir;

	private final SummaryTableFileReader reader = new SummaryTableFileReader();

	@Test
	void rejectsPdfBytes() throws IOException {
		// given
		Path file = dir.resolve("统计表.pdf");
		byte[] pdf = ("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		byte[] bytes = new byte[pdf.length + 64];
		System.arraycopy(pdf, 0, bytes, 0, pdf.length);
		new Random(7).nextBytes(java.nio.ByteBuffer.wrap(bytes, pdf.length, 64).slice().array());
		Files.write(file, bytes);

		// when
		SubmissionRead read = reader.read(file);

		// then
		assertFileFormat(read, "统计表.pdf");
	}

	@Test
	void rejectsRandomBytes() throws IOException {
		// given
		Path file = dir.resolve("新场镇.xls");
		byte[] bytes = new byte[4096];
		new Random(42).nextBytes(bytes);
		Files.write(file, bytes);

		// when
		SubmissionRead read = reader.read(file);

		// then
		assertFileFormat(read, "新场镇.xls");
	}

	@Test
	void rejectsATextFileNamedXlsx() throws IOException {
		// given
		Path file = dir.resolve("玉带街道5月报表.xlsx");
		Files.writeString(file, "各位领导：\n本月报表稍后补报，谢谢。\n", StandardCharsets.UTF_8);

		// when
		SubmissionRead read = reader.read(file);

		// then
		assertFileFormat(read, "玉带街道5月报表.xlsx");
	}

	@Test
	void rejectsAZipThatHoldsNoWorkbook() throws IOException {
		// given: a .docx is a zip too
		Path file = dir.resolve("情况说明.xlsx");
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}

		// when
		SubmissionRead read = reader.read(file);

		// then
		assertFileFormat(read, "情况说明.xlsx");
	}

	@Test
	void rejectsAnEmptyFile() throws IOException {
		// given
		Path file = Files.createFile(dir.resolve("空.csv"));

		// when
		SubmissionRead read = reader.read(file);

		// then
		assertFileFormat(read, "空.csv");
	}

	@Test
	void reportsATruncatedWorkbookAsUnreadable() throws IOException {
		// given: an .xlsx cut off in transit
		org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
		TestWorkbooks.header(workbook.createSheet("Sheet1"), 0, "行业部门", TestWorkbooks.F000_COLUMNS);
		Path whole = TestWorkbooks.write(workbook, dir.resolve("whole.xlsx"));
		byte[] bytes = Files.readAllBytes(whole);
		Path file = dir.resolve("截断.xlsx");
		Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

		// when
		SubmissionRead read = reader.read(file);

		// then
		assertThat(read.hasTable()).isFalse();
		assertThat(read.findings()).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("FILE_UNREADABLE");
			assertThat(finding.isError()).isTrue();
			assertThat(finding.message()).contains("文件已损坏").contains("截断.xlsx");
		});
	}

	private static void assertFileFormat(SubmissionRead read, String fileName) {
		assertThat(read.format()).isEqualTo("unknown");
		assertThat(read.hasTable()).isFalse();
		assertThat(read.findings()).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("FILE_FORMAT");
			assertThat(finding.isError()).isTrue();
			assertThat(finding.sheet()).isNull();
			assertThat(finding.message()).startsWith("无法识别的文件格式：该文件不是 Excel（.xlsx/.xls）或 CSV 表格").contains(fileName);
		});
	}

}
