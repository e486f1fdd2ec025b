package org.anjian.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a 隐患台账 (.xlsx) of any number of rows quickly and in constant memory by writing
 * the OOXML parts straight into a zip: no POI user model, no row kept. Text goes through
 * the shared-strings table as Excel and WPS write it, in first-use order and after the
 * sheet in the zip (Excel's order), so a reader is not flattered by a table it meets
 * before the cells. The layout is a county's: a merged title row, a 填报单位 row, the
 * 15-column header, then the rows.
 */
public final class LedgerWorkbookGenerator {

	public static final List<String> HEADER = List.of("企业名称", "统一社会信用代码", "所属乡镇（街道）", "行业类别", "隐患描述", "隐患等级", "发现日期",
			"隐患来源", "整改措施", "责任人", "整改资金（万元）", "整改期限", "整改状态", "整改完成日期", "备注");

	public static final String TITLE = LedgerVocabulary.COUNTY + "重大事故隐患排查治理台账";

	/**
	 * Title, 填报单位 and header rows come before the first data row (row 4 as Excel numbers
	 * it).
	 */
	public static final int ROWS_BEFORE_DATA = 3;

	/**
	 * Bumped whenever the output changes, so {@code bench --keep} does not reuse a ledger
	 * of another make.
	 */
	public static final int VERSION = 1;

	public static final long DEFAULT_SEED = 20240401L;

	static final int ENTERPRISES = 3000;

	// cellXfs indices in styles.xml
	private static final int STYLE_DATE = 1;

	private static final int STYLE_FUNDS = 2;

	private static final int STYLE_TITLE = 3;

	private static final int STYLE_HEADER = 4;

	private final long seed;

	public LedgerWorkbookGenerator(long seed) {
		this.seed = seed;
	}

	public LedgerWorkbookGenerator() {
		this(DEFAULT_SEED);
	}

	/**
	 * What was written.
	 *
	 * @param rows data rows, bad ones included
	 * @param badRowNumbers the planted bad rows as a spreadsheet program numbers them
	 * @param distinctStrings entries of the shared-strings table
	 * @param stringCells cells that refer to it
	 */
	public record Ledger(Path file, int rows, List<Integer> badRowNumbers, int distinctStrings, long stringCells,
			long bytes) {
	}

	/**
	 * Writes {@code rows} data rows to {@code file} (replaced atomically, so an
	 * interrupted run leaves no half ledger for {@code --keep} to reuse), {@code badRows}
	 * of them spread evenly and each wrong in one way: a 发现日期 that is no date, an unknown
	 * 隐患等级, or 整改完成日期 before 发现日期.
	 */
	public Ledger write(Path file, int rows, int badRows) throws IOException {
		if (rows < 0 || badRows < 0 || badRows > rows) {
			throw new IllegalArgumentException("rows " + rows + ", bad rows " + badRows);
		}
		LedgerVocabulary vocabulary = new LedgerVocabulary(seed, ENTERPRISES);
		SharedStrings shared = new SharedStrings(vocabulary);
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path partial = file.resolveSibling(file.getFileName() + ".part");
		List<Integer> bad = new ArrayList<>();
		try {
			try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
				// deflate level 6 took two thirds of the time for 1M rows; level 1 makes
				// the file ~1.3x larger, and
				// inflating costs about the same either way (it scales with the XML it
				// yields)
				zip.setLevel(Deflater.BEST_SPEED);
				XmlOut out = new XmlOut(zip);
				part(zip, "[Content_Types].xml", out, CONTENT_TYPES);
				part(zip, "_rels/.rels", out, ROOT_RELS);
				part(zip, "xl/workbook.xml", out, WORKBOOK);
				part(zip, "xl/_rels/workbook.xml.rels", out, WORKBOOK_RELS);
				part(zip, "xl/styles.xml", out, STYLES);
				zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
				writeSheet(out, vocabulary, shared, rows, badRows, bad);
				out.flush();
				zip.closeEntry();
				zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
				shared.write(out);
				out.flush();
				zip.closeEntry();
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(partial);
		}
		return new Ledger(file, rows, List.copyOf(bad), shared.distinct, shared.references, Files.size(file));
	}

	private void writeSheet(XmlOut out, LedgerVocabulary v, SharedStrings shared, int rows, int badRows,
			List<Integer> bad) throws IOException {
		int lastRow = ROWS_BEFORE_DATA + rows;
		out.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
				+ "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
				+ "<dimension ref=\"A1:O" + lastRow + "\"/>"
				+ "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"3\" topLeftCell=\"A4\" activePane=\"bottomLeft\" "
				+ "state=\"frozen\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
				+ "<cols><col min=\"1\" max=\"1\" width=\"32\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"22\" customWidth=\"1\"/>"
				+ "<col min=\"3\" max=\"4\" width=\"12\" customWidth=\"1\"/><col min=\"5\" max=\"5\" width=\"40\" customWidth=\"1\"/>"
				+ "<col min=\"6\" max=\"8\" width=\"11\" customWidth=\"1\"/><col min=\"9\" max=\"9\" width=\"40\" customWidth=\"1\"/>"
				+ "<col min=\"10\" max=\"15\" width=\"12\" customWidth=\"1\"/></cols><sheetData>");
		out.ascii("<row r=\"1\" ht=\"24\" customHeight=\"1\">");
		out.stringCell(0, 1, shared.index(v.id(TITLE)), STYLE_TITLE);
		out.ascii("</row><row r=\"2\">");
		out.stringCell(0, 2, shared.index(v.id("填报单位（盖章）：" + LedgerVocabulary.COUNTY + "应急管理局")), 0);
		out.stringCell(11, 2, shared.index(v.id("填报日期：2024年11月5日")), 0);
		out.ascii("</row><row r=\"3\">");
		for (int c = 0; c < HEADER.size(); c++) {
			out.stringCell(c, 3, shared.index(v.id(HEADER.get(c))), STYLE_HEADER);
		}
		out.ascii("</row>");
		HazardRecord record = new HazardRecord(v, seed + 1);
		HazardRecord.Fault[] faults = HazardRecord.Fault.values();
		int plantEvery = badRows == 0 ? 0 : rows / badRows;
		int planted = 0;
		for (int i = 0; i < rows; i++) {
			int rowNumber = ROWS_BEFORE_DATA + 1 + i;
			HazardRecord.Fault fault = HazardRecord.Fault.NONE;
			// the middle row of each stretch of rows/badRows rows is the bad one
			if (planted < badRows && i % plantEvery == plantEvery / 2) {
				fault = faults[1 + planted % (faults.length - 1)];
				planted++;
				bad.add(rowNumber);
			}
			HazardRecord r = record.next(fault);
			LedgerVocabulary.Enterprise e = r.enterprise();
			out.rowStart(rowNumber);
			out.stringCell(0, rowNumber, shared.index(e.name()), 0);
			out.stringCell(1, rowNumber, shared.index(e.uscc()), 0);
			out.stringCell(2, rowNumber, shared.index(e.township()), 0);
			out.stringCell(3, rowNumber, shared.index(e.industry()), 0);
			out.stringCell(4, rowNumber, shared.index(v.descriptions[r.description]), 0);
			out.stringCell(5, rowNumber, shared.index(r.level), 0);
			if (r.foundText == HazardRecord.NONE) {
				out.numberCell(6, rowNumber, LedgerDates.excelSerial(r.foundOn), STYLE_DATE);
			}
			else {
				out.stringCell(6, rowNumber, shared.index(r.foundText), 0);
			}
			out.stringCell(7, rowNumber, shared.index(r.source), 0);
			out.stringCell(8, rowNumber, shared.index(r.measures), 0);
			out.stringCell(9, rowNumber, shared.index(r.responsible), 0);
			if (r.fundsCents != HazardRecord.NONE) {
				out.decimalCell(10, rowNumber, r.fundsCents, STYLE_FUNDS);
			}
			out.numberCell(11, rowNumber, LedgerDates.excelSerial(r.deadline), STYLE_DATE);
			out.stringCell(12, rowNumber, shared.index(r.status), 0);
			if (r.rectifiedOn != HazardRecord.NONE) {
				out.numberCell(13, rowNumber, LedgerDates.excelSerial(r.rectifiedOn), STYLE_DATE);
			}
			if (r.remarks != HazardRecord.NONE) {
				out.stringCell(14, rowNumber, shared.index(r.remarks), 0);
			}
			out.ascii("</row>");
		}
		out.ascii("</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:O1\"/></mergeCells>"
				+ "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
				+ "<pageSetup paperSize=\"9\" orientation=\"landscape\"/></worksheet>");
	}

	private static void part(ZipOutputStream zip, String name, XmlOut out, String xml) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		out.utf8(xml);
		out.flush();
		zip.closeEntry();
	}

	/**
	 * The shared-strings table in first-use order; vocabulary ids map to table indices
	 * through one int array.
	 */
	private static final class SharedStrings {

		private final LedgerVocabulary vocabulary;

		private int[] indexOfId;

		private int[] idAt = new int[1024];

		int distinct;

		long references;

		SharedStrings(LedgerVocabulary vocabulary) {
			this.vocabulary = vocabulary;
			this.indexOfId = new int[vocabulary.size() + 16];
			Arrays.fill(indexOfId, -1);
		}

		int index(int id) {
			references++;
			if (id >= indexOfId.length) {
				// the title rows add a few ids after the vocabulary was built
				int old = indexOfId.length;
				indexOfId = Arrays.copyOf(indexOfId, id + 16);
				Arrays.fill(indexOfId, old, indexOfId.length, -1);
			}
			int index = indexOfId[id];
			if (index < 0) {
				if (distinct == idAt.length) {
					idAt = Arrays.copyOf(idAt, distinct * 2);
				}
				index = distinct++;
				idAt[index] = id;
				indexOfId[id] = index;
			}
			return index;
		}

		void write(XmlOut out) throws IOException {
			out.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
					+ "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + references
					+ "\" uniqueCount=\"" + distinct + "\">");
			for (int i = 0; i < distinct; i++) {
				out.ascii("<si><t>");
				out.escaped(vocabulary.text(idAt[i]));
				out.ascii("</t></si>");
			}
			out.ascii("</sst>");
		}

	}

	/**
	 * A byte buffer in front of the zip: cell markup is ASCII written byte by byte, text
	 * is UTF-8 encoded once.
	 */
	private static final class XmlOut {

		private static final byte[][] COLUMN = new byte[15][];

		static {
			for (int c = 0; c < COLUMN.length; c++) {
				COLUMN[c] = String.valueOf((char) ('A' + c)).getBytes(StandardCharsets.US_ASCII);
			}
		}

		private final OutputStream target;

		private final byte[] buffer = new byte[1 << 16];

		private int size;

		XmlOut(OutputStream target) {
			this.target = target;
		}

		void rowStart(int rowNumber) throws IOException {
			ascii("<row r=\"");
			number(rowNumber);
			ascii("\">");
		}

		void stringCell(int column, int row, int sharedIndex, int style) throws IOException {
			cellStart(column, row, style);
			ascii(" t=\"s\"><v>");
			number(sharedIndex);
			ascii("</v></c>");
		}

		void numberCell(int column, int row, long value, int style) throws IOException {
			cellStart(column, row, style);
			ascii("><v>");
			number(value);
			ascii("</v></c>");
		}

		/**
		 * A number with two decimals given in hundredths, written as Excel does: 12.5 not
		 * 12.50, 3 not 3.00.
		 */
		void decimalCell(int column, int row, int hundredths, int style) throws IOException {
			cellStart(column, row, style);
			ascii("><v>");
			number(hundredths / 100);
			int cents = hundredths % 100;
			if (cents != 0) {
				put((byte) '.');
				put((byte) ('0' + cents / 10));
				if (cents % 10 != 0) {
					put((byte) ('0' + cents % 10));
				}
			}
			ascii("</v></c>");
		}

		private void cellStart(int column, int row, int style) throws IOException {
			ascii("<c r=\"");
			byte[] letter = COLUMN[column];
			ensure(letter.length);
			System.arraycopy(letter, 0, buffer, size, letter.length);
			size += letter.length;
			number(row);
			put((byte) '"');
			if (style != 0) {
				ascii(" s=\"");
				number(style);
				put((byte) '"');
			}
		}

		void number(long value) throws IOException {
			ensure(20);
			if (value < 0) {
				buffer[size++] = '-';
				value = -value;
			}
			int start = size;
			do {
				buffer[size++] = (byte) ('0' + value % 10);
				value /= 10;
			}
			while (value > 0);
			for (int i = start, j = size - 1; i < j; i++, j--) {
				byte b = buffer[i];
				buffer[i] = buffer[j];
				buffer[j] = b;
			}
		}

		void ascii(String text) throws IOException {
			int n = text.length();
			if (n > buffer.length) {
				utf8(text);
				return;
			}
			ensure(n);
			for (int i = 0; i < n; i++) {
				buffer[size++] = (byte) text.charAt(i);
			}
		}

		void utf8(String text) throws IOException {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			flush();
			target.write(bytes);
		}

		void escaped(String text) throws IOException {
			String xml = text;
			if (text.indexOf('&') >= 0 || text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
				xml = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
			}
			byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
			ensure(bytes.length);
			if (bytes.length > buffer.length) {
				target.write(bytes);
				return;
			}
			System.arraycopy(bytes, 0, buffer, size, bytes.length);
			size += bytes.length;
		}

		private void put(byte b) throws IOException {
			ensure(1);
			buffer[size++] = b;
		}

		private void ensure(int n) throws IOException {
			if (size + n > buffer.length) {
				flush();
			}
		}

		void flush() throws IOException {
			target.write(buffer, 0, size);
			size = 0;
		}

	}

	private static final String CONTENT_TYPES = """
			<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
			<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
			<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
			<Default Extension="xml" ContentType="application/xml"/>\
			<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
			<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
			<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
			<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
			</Types>""";

	private static final String ROOT_RELS = """
			<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
			<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
			<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
			</Relationships>""";

	private static final String WORKBOOK = """
			<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
			<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
			xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
			<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>\
			<sheets><sheet name="隐患台账" sheetId="1" r:id="rId1"/></sheets>\
			<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">隐患台账!$3:$3</definedName></definedNames>\
			</workbook>""";

	private static final String WORKBOOK_RELS = """
			<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
			<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
			<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
			<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
			<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
			</Relationships>""";

	/**
	 * cellXfs: 0 default, 1 date yyyy-mm-dd, 2 funds 0.00, 3 title (bold 16, centred), 4
	 * header (bold, centred, wrapped).
	 */
	private static final String STYLES = """
			<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
			<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
			<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
			<fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
			<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
			<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>\
			<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
			<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
			<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
			<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
			<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
			<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
			<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>\
			<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
			</cellXfs>\
			<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>\
			</styleSheet>""";

}
