package org.anjian.readers.limits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Small files that ask for far more than they hold: an .xlsx with a cell at A1 and one
 * far away (XFD1048576 …), a minimal package written here rather than by POI, with or
 * without a {@code <dimension>} claiming the whole sheet; the .xls counterpart; an Excel
 * 5.0/95 (BIFF5) workbook; UTF-16 text.
 */
final class FarCellFiles {

	private FarCellFiles() {
	}

	/** A1 and {@code farCell} hold a number; the sheet is ~2 KB zipped. */
	static Path xlsx(Path file, String farCell, boolean dimension) throws IOException {
		Map<String, byte[]> parts = new LinkedHashMap<>();
		parts.put("[Content_Types].xml",
				utf8("""
						<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
						<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
						<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
						<Default Extension="xml" ContentType="application/xml"/>\
						<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
						<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
						</Types>"""));
		parts.put("_rels/.rels",
				utf8("""
						<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
						<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
						<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
						</Relationships>"""));
		parts.put("xl/workbook.xml", utf8("""
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
				xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
				<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
		parts.put("xl/_rels/workbook.xml.rels",
				utf8("""
						<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
						<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
						<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
						</Relationships>"""));
		String farRow = farCell.replaceAll("[A-Z]", "");
		parts.put("xl/worksheets/sheet1.xml",
				utf8("""
						<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
						<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""
						+ (dimension ? "<dimension ref=\"A1:" + farCell + "\"/>" : "") + "<sheetData>"
						+ "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + "<row r=\"" + farRow + "\"><c r=\"" + farCell
						+ "\"><v>2</v></c></row>" + "</sheetData></worksheet>"));
		return HostileFiles.write(file, HostileFiles.zip(parts));
	}

	/** An .xls with numbers at A1 and at (row, column), 0-based. */
	static Path xls(Path file, int row, int column) throws IOException {
		try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet("Sheet1");
			sheet.createRow(0).createCell(0).setCellValue(1);
			sheet.createRow(row).createCell(column).setCellValue(2);
			workbook.write(out);
		}
		return file;
	}

	/**
	 * An Excel 5.0/95 workbook as far as its container goes: an OLE2 file with a “Book”
	 * stream (BIFF5 BOF, EOF) and no “Workbook”.
	 */
	static Path biff5(Path file) throws IOException {
		byte[] book = { 0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, // BOF
				0x0A, 0x00, 0x00, 0x00 }; // EOF
		try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
			fs.createDocument(new ByteArrayInputStream(book), "Book");
			fs.writeFilesystem(out);
		}
		return file;
	}

	/** {@code text} in UTF-16 ({@code bom}: with its byte-order mark). */
	static Path utf16(Path file, String text, boolean bigEndian, boolean bom) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		if (bom) {
			bytes.write(bigEndian ? new byte[] { (byte) 0xFE, (byte) 0xFF } : new byte[] { (byte) 0xFF, (byte) 0xFE });
		}
		bytes.write(text.getBytes(bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE));
		return HostileFiles.write(file, bytes.toByteArray());
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
