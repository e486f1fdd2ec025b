package org.anjian.writers.feedback;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.anjian.writers.feedback.FeedbackWorkbook.Look;
import org.apache.poi.ss.util.CellReference;

/**
 * A list's annotated workbook: an .xlsx holding only the 审核意见 sheet, its parts written as
 * XML straight into the package, row by row as {@link FeedbackWorkbook} lays them out.
 * The same parts, cells (inline strings), styles and sheet settings POI's streamed
 * workbook wrote; without POI a ledger's workbook no longer loads XSSF and its XML
 * schemas nor measures a font with AWT (SXSSF does on every new sheet), ≈ 1 CPU s of a
 * 5000-row list's ≈ 2 (issue 18).
 */
final class FindingsPackage implements FeedbackWorkbook.FindingsCells {

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

	private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

	/** Excel's limit on a cell's text, which POI enforces when a cell is set. */
	private static final int MAX_TEXT = 32767;

	private final ZipOutputStream zip;

	private final Writer xml;

	/** The row being written, −1 before the first. */
	private int row = -1;

	/** The height (points) the next row opened gets, or 0. */
	private float nextHeight;

	private final StringBuilder cells = new StringBuilder(4096);

	/**
	 * Starts the package: every part but the sheet's rows and its settings after them.
	 */
	FindingsPackage(OutputStream out) throws IOException {
		zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16));
		xml = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
		part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
				+ "<Default ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" Extension=\"rels\"/>"
				+ "<Default ContentType=\"application/xml\" Extension=\"xml\"/>"
				+ override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
				+ override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
				+ override("/xl/sharedStrings.xml",
						"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
				+ override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
				+ override("/xl/workbook.xml",
						"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
				+ override("/xl/worksheets/sheet1.xml",
						"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
				+ "</Types>");
		part("_rels/.rels",
				"<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
						+ relationship("rId1", "xl/workbook.xml", RELATIONSHIPS + "/officeDocument")
						+ relationship("rId2", "docProps/app.xml", RELATIONSHIPS + "/extended-properties")
						+ relationship("rId3", "docProps/core.xml", PACKAGE_RELATIONSHIPS + "/metadata/core-properties")
						+ "</Relationships>");
		// the properties POI gives the copies' workbooks, naming this writer as their
		// maker
		part("docProps/app.xml",
				"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
						+ "<Application>anjian</Application></Properties>");
		part("docProps/core.xml", "<cp:coreProperties"
				+ " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
				+ " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
				+ " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
				+ "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
				+ "</dcterms:created><dc:creator>anjian</dc:creator></cp:coreProperties>");
		part("xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS + "\">"
				+ "<workbookPr date1904=\"false\"/><bookViews><workbookView activeTab=\"0\" firstSheet=\"0\"/></bookViews>"
				+ "<sheets><sheet name=\"" + FeedbackWorkbook.SHEET + "\" r:id=\"rId3\" sheetId=\"1\"/></sheets>"
				// the heading row printed on every page
				+ "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">" + FeedbackWorkbook.SHEET
				+ "!$" + (FeedbackWorkbook.HEADING_ROW + 1) + ":$" + (FeedbackWorkbook.HEADING_ROW + 1)
				+ "</definedName></definedNames></workbook>");
		part("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
				+ relationship("rId1", "sharedStrings.xml", RELATIONSHIPS + "/sharedStrings")
				+ relationship("rId2", "styles.xml", RELATIONSHIPS + "/styles")
				+ relationship("rId3", "worksheets/sheet1.xml", RELATIONSHIPS + "/worksheet") + "</Relationships>");
		part("xl/sharedStrings.xml", "<sst count=\"0\" uniqueCount=\"0\" xmlns=\"" + MAIN + "\"/>");
		part("xl/styles.xml", styles());
		zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
		int frozen = FeedbackWorkbook.HEADING_ROW + 1;
		StringBuilder head = new StringBuilder(DECLARATION).append("<worksheet xmlns=\"")
			.append(MAIN)
			.append("\"><sheetPr><pageSetUpPr fitToPage=\"true\"/></sheetPr>")
			.append("<sheetViews><sheetView workbookViewId=\"0\" tabSelected=\"true\"><pane ySplit=\"")
			.append(frozen)
			.append(".0\" state=\"frozen\" topLeftCell=\"A")
			.append(frozen + 1)
			.append("\" activePane=\"bottomLeft\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>")
			.append("<sheetFormatPr defaultRowHeight=\"15.0\"/><cols>");
		for (int c = 0; c < FeedbackWorkbook.WIDTHS.length; c++) {
			head.append("<col min=\"")
				.append(c + 1)
				.append("\" max=\"")
				.append(c + 1)
				.append("\" width=\"")
				.append(FeedbackWorkbook.WIDTHS[c])
				.append(".0\" customWidth=\"true\"/>");
		}
		xml.append(head).append("</cols><sheetData>");
	}

	@Override
	public void height(int row, float points) {
		nextHeight = points;
	}

	@Override
	public void text(int row, int column, String value, Look look) throws IOException {
		String text = value == null ? "" : value;
		if (text.length() > MAX_TEXT) {
			// as POI refused such a cell: the workbook is not written, and tried again
			throw new IllegalArgumentException("The maximum length of cell contents (text) is 32767 characters");
		}
		if (row != this.row) {
			endRow();
			this.row = row;
			cells.append("<row r=\"").append(row + 1);
			if (nextHeight > 0) {
				cells.append("\" customHeight=\"true\" ht=\"").append(nextHeight);
				nextHeight = 0;
			}
			cells.append("\">");
		}
		cells.append("<c r=\"").append(CellReference.convertNumToColString(column)).append(row + 1).append('"');
		if (look != null) {
			cells.append(" s=\"").append(look.ordinal() + 1).append('"');
		}
		cells.append(" t=\"inlineStr\"><is><t");
		if (!text.isEmpty()
				&& (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)))) {
			cells.append(" xml:space=\"preserve\"");
		}
		cells.append('>');
		escaped(text);
		cells.append("</t></is></c>");
	}

	/** Ends the sheet and the package; {@code out} stays open. */
	void finish() throws IOException {
		endRow();
		int last = FeedbackWorkbook.COLUMNS.size() - 1;
		StringBuilder merges = new StringBuilder("</sheetData><mergeCells count=\"")
			.append(FeedbackWorkbook.MERGED_ROWS.length)
			.append("\">");
		for (int merged : FeedbackWorkbook.MERGED_ROWS) {
			merges.append("<mergeCell ref=\"A")
				.append(merged + 1)
				.append(':')
				.append(CellReference.convertNumToColString(last))
				.append(merged + 1)
				.append("\"/>");
		}
		xml.append(merges).append("</mergeCells>");
		// A4 landscape, one page wide
		xml.append(
				"<pageMargins bottom=\"0.75\" footer=\"0.3\" header=\"0.3\" left=\"0.7\" right=\"0.7\" top=\"0.75\"/>"
						+ "<pageSetup orientation=\"landscape\" paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>");
		xml.flush();
		zip.closeEntry();
		zip.finish();
		zip.flush();
	}

	private void endRow() throws IOException {
		if (row >= 0) {
			cells.append("</row>");
		}
		xml.append(cells);
		cells.setLength(0);
	}

	/**
	 * Text as XML character data, as POI's streamed cells wrote it: line breaks and tabs
	 * as references, control characters (which XML cannot hold) as '?'.
	 */
	private void escaped(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> cells.append("&lt;");
				case '>' -> cells.append("&gt;");
				case '&' -> cells.append("&amp;");
				case '"' -> cells.append("&quot;");
				case '\n' -> cells.append("&#xa;");
				case '\r' -> cells.append("&#xd;");
				case '\t' -> cells.append("&#x9;");
				case '\u00A0' -> cells.append("&#xa0;");
				default -> cells.append(c < ' ' || c >= '\uFFFE' ? '?' : c);
			}
		}
	}

	/**
	 * The default font and fills as POI starts a workbook with, then each {@link Look}'s
	 * font, fill and cell format (format {@code look.ordinal() + 1}).
	 */
	private static String styles() {
		StringBuilder fonts = new StringBuilder(
				"<font><sz val=\"11.0\"/><color indexed=\"8\"/><name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>");
		StringBuilder fills = new StringBuilder(
				"<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"darkGray\"/></fill>");
		StringBuilder formats = new StringBuilder(
				"<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>");
		int fontCount = 1;
		int fillCount = 2;
		for (Look look : Look.values()) {
			int font = 0;
			int fill = 0;
			if (look.boldPoints > 0) {
				fonts.append("<font><name val=\"Calibri\"/><sz val=\"")
					.append((float) look.boldPoints)
					.append("\"/><b val=\"true\"/></font>");
				font = fontCount++;
			}
			if (look.fill != null) {
				fills.append("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"")
					.append(look.fill)
					.append("\"/></patternFill></fill>");
				fill = fillCount++;
			}
			formats.append("<xf numFmtId=\"0\" fontId=\"")
				.append(font)
				.append("\" fillId=\"")
				.append(fill)
				.append("\" borderId=\"0\" xfId=\"0\"")
				.append(font > 0 ? " applyFont=\"true\"" : "")
				.append(look.wrap ? " applyAlignment=\"true\"" : "")
				.append(fill > 0 ? " applyFill=\"true\"" : "");
			if (look.wrap) {
				formats.append("><alignment wrapText=\"true\"")
					.append(look.top ? " vertical=\"top\"" : "")
					.append("/></xf>");
			}
			else {
				formats.append("/>");
			}
		}
		return "<styleSheet xmlns=\"" + MAIN + "\"><numFmts count=\"0\"/><fonts count=\"" + fontCount + "\">" + fonts
				+ "</fonts><fills count=\"" + fillCount + "\">" + fills + "</fills><borders count=\"1\"><border><left/>"
				+ "<right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\""
				+ " fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\""
				+ (Look.values().length + 1) + "\">" + formats + "</cellXfs></styleSheet>";
	}

	private void part(String name, String content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		xml.append(DECLARATION).append(content);
		xml.flush();
		zip.closeEntry();
	}

	private static String override(String part, String type) {
		return "<Override ContentType=\"" + type + "\" PartName=\"" + part + "\"/>";
	}

	private static String relationship(String id, String target, String type) {
		return "<Relationship Id=\"" + id + "\" Target=\"" + target + "\" Type=\"" + type + "\"/>";
	}

}
