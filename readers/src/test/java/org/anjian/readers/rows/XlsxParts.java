package org.anjian.readers.rows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an .xlsx from hand-written parts, for the quirks POI never writes (no r
 * attributes, rich text, x: prefixes).
 */
final class XlsxParts {

	static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	private final Map<String, String> parts = new LinkedHashMap<>();

	private final StringBuilder sheets = new StringBuilder();

	private final StringBuilder sheetRels = new StringBuilder();

	private int sheetCount;

	XlsxParts() {
		parts.put("_rels/.rels",
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
						+ REL + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
	}

	/**
	 * Adds a worksheet whose part holds {@code sheetXml} verbatim; state is null, hidden
	 * or veryHidden.
	 */
	XlsxParts sheet(String name, String state, String sheetXml) {
		sheetCount++;
		sheets.append("<sheet name=\"")
			.append(name)
			.append("\" sheetId=\"")
			.append(sheetCount)
			.append("\" r:id=\"rId")
			.append(sheetCount)
			.append('"')
			.append(state == null ? "" : " state=\"" + state + "\"")
			.append("/>");
		sheetRels.append("<Relationship Id=\"rId")
			.append(sheetCount)
			.append("\" Type=\"")
			.append(REL)
			.append("/worksheet\" Target=\"worksheets/sheet")
			.append(sheetCount)
			.append(".xml\"/>");
		parts.put("xl/worksheets/sheet" + sheetCount + ".xml", sheetXml);
		return this;
	}

	/**
	 * A worksheet of the usual namespace around {@code sheetDataContent} and
	 * {@code after} (mergeCells …).
	 */
	static String worksheet(String before, String sheetDataContent, String after) {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"" + MAIN
				+ "\" xmlns:r=\"" + REL + "\">" + before + "<sheetData>" + sheetDataContent + "</sheetData>" + after
				+ "</worksheet>";
	}

	XlsxParts sharedStrings(String siElements) {
		parts.put("xl/sharedStrings.xml",
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\">" + siElements + "</sst>");
		return this;
	}

	XlsxParts styles(String numFmts, String cellXfs) {
		parts.put("xl/styles.xml",
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + MAIN + "\">"
						+ (numFmts.isEmpty() ? "" : "<numFmts>" + numFmts + "</numFmts>")
						+ "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>" + cellXfs
						+ "</cellXfs></styleSheet>");
		return this;
	}

	Path write(Path file) throws IOException {
		Map<String, String> all = new LinkedHashMap<>(parts);
		all.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN
				+ "\" xmlns:r=\"" + REL + "\"><sheets>" + sheets + "</sheets></workbook>");
		StringBuilder rels = new StringBuilder(sheetRels);
		if (parts.containsKey("xl/sharedStrings.xml")) {
			rels.append("<Relationship Id=\"rIdS\" Type=\"" + REL + "/sharedStrings\" Target=\"sharedStrings.xml\"/>");
		}
		if (parts.containsKey("xl/styles.xml")) {
			rels.append("<Relationship Id=\"rIdT\" Type=\"" + REL + "/styles\" Target=\"/xl/styles.xml\"/>");
		}
		all.put("xl/_rels/workbook.xml.rels",
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
						+ rels + "</Relationships>");
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, String> part : all.entrySet()) {
				zip.putNextEntry(new ZipEntry(part.getKey()));
				zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return file;
	}

}
