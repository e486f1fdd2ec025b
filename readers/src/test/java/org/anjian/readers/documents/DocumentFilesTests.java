package org.anjian.readers.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.anjian.readers.limits.ReaderLimits;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document is what its extension says only when its content agrees; a .docx's first
 * page is read up to its first page break.
 */
class DocumentFilesTests {

	@TempDir
	Path dir;

	@Test
	void aDocxFirstPageStopsAtThePageBreak() throws Exception {
		// given a title page, a page break, then the body
		Path file = dir.resolve("方案.docx");
		try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
			doc.createParagraph().createRun().setText("鹤鸣县应急管理局");
			doc.createParagraph().createRun().setText("强安2024专项行动实施方案");
			doc.createParagraph().createRun().addBreak(BreakType.PAGE);
			doc.createParagraph().createRun().setText("一、指导思想");
			doc.write(out);
		}
		// when
		DocumentFiles.Document document = DocumentFiles.open(file, ReaderLimits.defaults()).orElseThrow();
		// then
		assertThat(document.format()).isEqualTo("docx");
		assertThat(document.firstPage()).isEqualTo("鹤鸣县应急管理局\n强安2024专项行动实施方案");
	}

	@Test
	void theContentMustAgreeWithTheExtension() throws Exception {
		Path fakePdf = Files.writeString(dir.resolve("总结.pdf"), "not a pdf", StandardCharsets.UTF_8);
		Path pdf = Files.writeString(dir.resolve("总结 (1).PDF"), "%PDF-1.7\n", StandardCharsets.UTF_8);
		Path zipWithoutBody = dir.resolve("方案.docx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipWithoutBody))) {
			zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
			zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
		}
		Path text = Files.writeString(dir.resolve("说明.txt"), "%PDF-1.7\n", StandardCharsets.UTF_8);

		assertThat(DocumentFiles.open(fakePdf, ReaderLimits.defaults())).isEmpty();
		assertThat(DocumentFiles.open(pdf, ReaderLimits.defaults())).hasValueSatisfying(d -> {
			assertThat(d.format()).isEqualTo("pdf");
			assertThat(d.firstPage()).isNull();
		});
		assertThat(DocumentFiles.open(zipWithoutBody, ReaderLimits.defaults())).isEmpty();
		assertThat(DocumentFiles.open(text, ReaderLimits.defaults())).isEmpty();
	}

	@Test
	void aLongFirstPageIsCut() throws Exception {
		Path file = dir.resolve("总结.docx");
		try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
			doc.createParagraph().createRun().setText("安".repeat(DocumentFiles.FIRST_PAGE_CHARS * 3));
			doc.write(out);
		}
		assertThat(DocumentFiles.open(file, ReaderLimits.defaults()).orElseThrow().firstPage())
			.hasSize(DocumentFiles.FIRST_PAGE_CHARS);
	}

}
