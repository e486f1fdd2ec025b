package org.anjian.readers.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worksheet byte scanner on what producers other than Excel write (WPS, LibreOffice,
 * hand-made, Strict OOXML) and on broken and hostile parts, each as a real .xlsx read
 * through {@link SpreadsheetSources}.
 */
class SheetXmlScannerTests {

	@TempDir
	Path dir;

	private Path xlsx(String sheetData) throws IOException {
		return new XlsxParts().sharedStrings("<si><t>共享0</t></si><si><t>共享1</t></si>")
			.sheet("表", null, XlsxParts.worksheet("", sheetData, ""))
			.write(dir.resolve("sheet.xlsx"));
	}

	private Path xlsxWithPart(String sheetXml) throws IOException {
		return new XlsxParts().sheet("表", null, sheetXml).write(dir.resolve("part.xlsx"));
	}

	private static List<String> rows(Path file) throws Exception {
		return XlsxWorkbookTests.rows(file, 0);
	}

	/** The rows read before the part fails, and the failure. */
	private static IOException failure(Path file, List<String> read) throws Exception {
		try (SpreadsheetSource source = SpreadsheetSources.open(file);
				RowSource rows = source.open(source.sheets().get(0))) {
			while (rows.next()) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < rows.width(); c++) {
					cells.add(rows.text(c));
				}
				read.add((rows.rowIndex() + 1) + ":" + String.join("|", cells));
			}
		}
		catch (IOException ex) {
			return ex;
		}
		throw new AssertionError("read without failing: " + read);
	}

	@Test
	void prefixedElementsAndStrictOoxmlAreMatchedByLocalName() throws Exception {
		String strict = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\">"
				+ "<x:cols><x:col min=\"2\" max=\"2\" hidden=\"1\"/></x:cols><x:sheetData>"
				+ "<x:row x:r=\"1\"><x:c x:r=\"A1\" x:t=\"inlineStr\"><x:is><x:t>隐患描述</x:t></x:is></x:c><x:c r=\"C1\"><x:v>3</x:v></x:c></x:row>"
				+ "<x:row r=\"2\"><x:c r=\"B2\" t=\"b\"><x:v>1</x:v></x:c></x:row>"
				+ "</x:sheetData><x:mergeCells><x:mergeCell ref=\"A1:C1\"/></x:mergeCells></x:worksheet>";
		Path file = xlsxWithPart(strict);

		assertThat(rows(file)).containsExactly("1:隐患描述||3", "2:|TRUE");
		try (SpreadsheetSource source = SpreadsheetSources.open(file);
				RowSource rows = source.open(source.sheets().get(0))) {
			while (rows.next()) {
				// through to the merges after the data
			}
			assertThat(rows.hiddenColumns()).containsExactly(1);
			assertThat(rows.mergedRegions()).hasSize(1);
		}
	}

	@Test
	void attributesInAnyOrderWithEitherQuoteAndWhiteSpaceAroundTheEqualsSign() throws Exception {
		Path file = xlsx(
				"<row hidden = 'true'\n\tr\t=\r\n\"3\"><c t='inlineStr' s=\"0\" r='B3'><is><t xml:space = \"preserve\"> 甲 </t></is></c>"
						// xmlns:r declares a prefix, it is not the cell's r (that would
						// put the cell in a column far right)
						+ "<c xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r=\"C3\"><v>7</v></c>"
						+ "<c\nr=\"D3\"\nt=\"s\"\n><v>1</v></c><c r=\"E3\" t=\"s\" /></row>");

		assertThat(rows(file)).containsExactly("3h:| 甲 |7|共享1");
	}

	@Test
	void entitiesAndCharacterReferencesIncludingSupplementaryCharacters() throws Exception {
		Path file = xlsx(
				"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&amp;&lt;&gt;&quot;&apos;|&#65;&#x4E2D;&#x20000;&#131072;|𠀀</t></is></c>"
						// a reference in an attribute: r="B1"
						+ "<c r=\"&#66;1\" t=\"str\"><f>A1&amp;\"x\"</f><v>R&amp;D_x000D_部</v></c></row>");

		assertThat(rows(file)).containsExactly("1:&<>\"'|A中𠀀𠀀|𠀀|R&D\r部");
	}

	@Test
	void cdataSectionsCommentsAndProcessingInstructionsAnywhere() throws Exception {
		Path file = xlsx("<!-- 开始 --><row r=\"1\"><?mso-application progid=\"Excel\"?>"
				+ "<c r=\"A1\" t=\"inlineStr\"><is><t><![CDATA[a &amp; <b> ]] ]>]]>尾</t></is></c><!-- <c r=\"B1\"><v>9</v></c> -->"
				+ "<c r=\"C1\"><v>1<!-- 注 -->2<?pi?>3</v></c></row><?end?>");

		assertThat(rows(file)).containsExactly("1:a &amp; <b> ]] ]>尾||123");
	}

	@Test
	void richTextInlineStringsJoinTheirRunsAndLeaveOutPhoneticGuides() throws Exception {
		Path file = xlsx(
				"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><rPr><b/><sz val=\"11\"/><rFont val=\"宋体\"/></rPr>"
						+ "<t xml:space=\"preserve\">新场 </t></r><r><t>五金厂</t></r><rPh sb=\"0\" eb=\"2\"><t>しんば</t></rPh>"
						+ "<phoneticPr fontId=\"1\" type=\"noConversion\"/></is></c></row>");

		assertThat(rows(file)).containsExactly("1:新场 五金厂");
	}

	@Test
	void selfClosingCellsRowsAndEmptyValues() throws Exception {
		Path file = xlsx(
				"<row r=\"1\"><c r=\"A1\" s=\"1\"/><c r=\"B1\"><v/></c><c r=\"C1\" t=\"inlineStr\"><is><t/></is></c>"
						+ "<c r=\"D1\"><v>4</v></c></row><row r=\"3\"/><row><c><v>5</v></c></row>");

		assertThat(rows(file)).containsExactly("1:|||4", "3:", "4:5");
	}

	@Test
	void lineEndsInTextAreNormalisedAsXmlDoes() throws Exception {
		Path file = xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>一\r\n二\r三\n四</t></is></c></row>");

		assertThat(rows(file)).containsExactly("1:一\n二\n三\n四");
	}

	/**
	 * The scanner reads {@link SheetXmlScanner#BUFFER_BYTES} at a time; each sheet here
	 * puts one token exactly across the first refill: a three-byte and a four-byte
	 * character, a tag, a reference, a CR LF.
	 */
	@Test
	void tokensAcrossTheScannersBufferRefillReadWhole() throws Exception {
		int boundary = SheetXmlScanner.BUFFER_BYTES;
		String[][] cases = {
				// the token, how many of its bytes before the boundary, the cell as read
				{ "<t>隐患</t>", "4", "隐患" }, // 隐 is E9 9A 90: its first byte is the last
											// before the refill
				{ "<t>a𠀀b</t>", "6", "a𠀀b" }, // 𠀀 is F0 A0 80 80: two bytes on each
												// side
				{ "<t>&amp;x</t>", "5", "&x" }, { "<t>a\r\nb</t>", "5", "a\nb" }, };
		XlsxParts parts = new XlsxParts();
		List<byte[]> sheets = new ArrayList<>();
		for (String[] c : cases) {
			byte[] sheet = straddling("<c r=\"B2\" t=\"inlineStr\"><is>" + c[0] + "</is></c>", c[0],
					Integer.parseInt(c[1]), boundary);
			sheets.add(sheet);
			parts.sheet("s" + sheets.size(), null, new String(sheet, StandardCharsets.UTF_8));
		}
		// a cell's start tag across the boundary: <c r="B2" t="s"> with 7 of its bytes
		// before it
		byte[] tag = straddling("<c r=\"B2\" t=\"s\"><v>1</v></c>", "<c r=\"B2\"", 7, boundary);
		sheets.add(tag);
		parts.sheet("tag", null, new String(tag, StandardCharsets.UTF_8));
		parts.sharedStrings("<si><t>零</t></si><si><t>一</t></si>");
		Path file = parts.write(dir.resolve("boundary.xlsx"));

		for (int i = 0; i < cases.length; i++) {
			assertThat(XlsxWorkbookTests.rows(file, i)).as(cases[i][0]).endsWith("2:2|" + cases[i][2]);
		}
		assertThat(XlsxWorkbookTests.rows(file, cases.length)).endsWith("2:2|一");
	}

	/**
	 * A sheet whose row 2 holds {@code cell}, padded by a text cell in row 1 so that
	 * {@code marker} (inside the cell) starts {@code before} bytes ahead of
	 * {@code boundary}.
	 */
	private static byte[] straddling(String cell, String marker, int before, int boundary) {
		String head = XlsxParts.worksheet("", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>", "");
		head = head.substring(0, head.indexOf("</sheetData>"));
		String afterPad = "</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c>";
		String tail = "</row></sheetData></worksheet>";
		int markerAt = utf8(head).length + utf8(afterPad).length + utf8(cell.substring(0, cell.indexOf(marker))).length;
		int pad = boundary - before - markerAt;
		byte[] sheet = utf8(head + "x".repeat(pad) + afterPad + cell + tail);
		byte[] markerBytes = utf8(marker);
		assertThat(java.util.Arrays.equals(sheet, boundary - before, boundary - before + markerBytes.length,
				markerBytes, 0, markerBytes.length))
			.as("the marker straddles the boundary")
			.isTrue();
		return sheet;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Every buffer size from one byte up puts every token of this part across a refill
	 * somewhere.
	 */
	@Test
	void everyBufferSizeReadsTheSameAsAalto() throws Exception {
		// a short root tag, so that the buffer need not grow past the sizes tried
		String sheet = "\uFEFF<?xml version='1.0' encoding='utf-8'?>\r\n<!-- 注 --><worksheet xmlns:x=\"u\"><cols><col min=\"2\" max=\"3\" hidden=\"true\"/></cols><sheetData>\n"
				+ "<row r=\"1\" hidden=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>隐患&amp;𠀀&#x20000;&#26681;</t></is></c><c r='B1' s = \"1\"><v>45415</v></c></row>\n"
				+ "<row><c t=\"inlineStr\"><is><r><t>a\r\nb</t></r><rPh><t>x</t></rPh><r><t><![CDATA[<&]]]]><![CDATA[>]]></t></r></is></c><c/><c><v>-1.50</v></c></row>\n"
				+ "<row r=\"9\"/><x:row r=\"10\"><x:c r=\"C10\" t=\"str\"><x:f>1</x:f><x:v>中_x000D_文</x:v></x:c><?pi x?></x:row>\n"
				+ "</sheetData><mergeCells><mergeCell ref=\"A1:B2\"/></mergeCells></worksheet>\n<!-- 完 -->";
		byte[] bytes = utf8(sheet);
		boolean[] dates = { false, true };
		String aalto = SheetDumps.dump(bytes, null, dates, XmlFactories.SheetParser.AALTO, 0);
		assertThat(aalto).contains("10:·|·|中\r文");

		for (int size = 1; size <= bytes.length + 1; size++) {
			assertThat(SheetDumps.dump(bytes, null, dates, XmlFactories.SheetParser.SCANNER, size)).as("buffer " + size)
				.isEqualTo(aalto);
		}
	}

	@Test
	void aDoctypeIsRefusedEvenWhenNothingUsesIt() throws Exception {
		Path file = xlsxWithPart(
				"<?xml version=\"1.0\"?><!DOCTYPE worksheet><worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>");

		assertThatThrownBy(() -> rows(file)).isInstanceOf(IOException.class)
			.hasMessageContaining("DOCTYPE")
			.hasMessageContaining("出于安全原因拒收")
			.cause()
			.isInstanceOfSatisfying(ReaderLimitException.class,
					limit -> assertThat(limit.rule()).isEqualTo(ReaderLimits.XML_ENTITY));
	}

	@Test
	void anEntityDeclarationInsideTheSheetIsRefused() throws Exception {
		Path file = xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><!ENTITY e \"x\"><row r=\"2\"/>");
		List<String> read = new ArrayList<>();

		IOException failure = failure(file, read);

		assertThat(read).containsExactly("1:1");
		assertThat(failure).hasMessageContaining("DOCTYPE/ENTITY").hasCauseInstanceOf(ReaderLimitException.class);
	}

	@Test
	void aTruncatedPartFailsWhereItBreaksWhereverThatIs() throws Exception {
		String full = XlsxParts.worksheet("", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
				+ "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\" s='0'><is><t>隐&amp;𠀀<![CDATA[x]]><!-- c --></t></is></c></row>",
				"");
		byte[] bytes = utf8(full);
		int second = utf8(full.substring(0, full.indexOf("<row r=\"2\""))).length;
		int secondEnd = utf8(full.substring(0, full.lastIndexOf("</row>") + 6)).length;
		// every cut from row 2 on: inside tags, attribute values, characters, references,
		// CDATA, comments, end tags
		for (int cut = second; cut < bytes.length; cut++) {
			Path file = xlsxBytes(java.util.Arrays.copyOf(bytes, cut));
			List<String> read = new ArrayList<>();

			IOException failure = failure(file, read);

			assertThat(read).as("cut at " + cut)
				.isEqualTo(cut < secondEnd ? List.of("1:1") : List.of("1:1", "2:隐&𠀀x"));
			assertThat(failure.getMessage()).as("cut at " + cut).startsWith("工作表“表”的内容已损坏（");
		}
	}

	@Test
	void anUnknownEntityIsAnError() throws Exception {
		Path file = xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a&nbsp;b</t></is></c></row>");

		assertThatThrownBy(() -> rows(file)).isInstanceOf(IOException.class).hasMessageContaining("未知的实体引用 &nbsp;");
	}

	@Test
	void malformedPartsGiveAnIOExceptionAndNothingElse() throws Exception {
		String[] broken = { "<row><c r=\"A1\"><v>1</v></c></rowx>", "<row r=\"1<\"/>", "<row r=1/>",
				"<row r=\"1\"t=\"2\"/>", "<row><c t=\"inlineStr\"><is><t>a & b</t></is></c></row>",
				"<row><c t=\"inlineStr\"><is><t>a < b</t></is></c></row>",
				"<row><c t=\"inlineStr\"><is><t>&#0;&#xD800;</t></is></c></row>",
				"<row><c t=\"inlineStr\"><is><t>&#x110000;</t></is></c></row>", "<row>" + "<a>".repeat(1200) + "</row>",
				"</worksheet>", "<row><c><v>1</v></c></row></sheetData>x", "<row><![CDATA[x", "<row><!-- x",
				"<row><?pi", "<row><!X>", "<1/>", "< row/>", "<row =\"1\"/>", "<row r\"1\"/>",
				"<row><c t=\"inlineStr\"><is><t>&#12345678901234567890123456789012345;</t></is></c></row>" };
		for (String data : broken) {
			Path file = xlsx(data);
			assertThatThrownBy(() -> rows(file)).as(data)
				.isInstanceOf(IOException.class)
				.hasMessageContaining("工作表“表”的内容已损坏（");
		}
		byte[] badUtf8 = { (byte) 0xC0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF8, (byte) 0x88,
				(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80 };
		for (int i = 0; i < 3; i++) {
			byte[] bytes = switch (i) {
				case 0 -> java.util.Arrays.copyOfRange(badUtf8, 0, 2); // overlong
				case 1 -> java.util.Arrays.copyOfRange(badUtf8, 2, 5); // a surrogate
				default -> java.util.Arrays.copyOfRange(badUtf8, 5, 11); // no such lead
																			// byte
			};
			Path file = xlsxBytes(spliced(XlsxParts.worksheet("", "<row><c t=\"inlineStr\"><is><t>", ""), bytes,
					"</t></is></c></row></sheetData></worksheet>"));
			assertThatThrownBy(() -> rows(file)).isInstanceOf(IOException.class).hasMessageContaining("UTF-8");
		}
	}

	/** A workbook whose one sheet part is exactly {@code sheet}. */
	private Path xlsxBytes(byte[] sheet) throws IOException {
		Path template = new XlsxParts().sheet("表", null, "").write(dir.resolve("template.xlsx"));
		Path file = dir.resolve("bytes.xlsx");
		try (ZipFile zip = new ZipFile(template.toFile());
				OutputStream out = Files.newOutputStream(file);
				ZipOutputStream copy = new ZipOutputStream(out)) {
			for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
				copy.putNextEntry(new ZipEntry(entry.getName()));
				copy.write(entry.getName().equals("xl/worksheets/sheet1.xml") ? sheet
						: zip.getInputStream(entry).readAllBytes());
				copy.closeEntry();
			}
		}
		return file;
	}

	/**
	 * {@code head}'s bytes up to its {@code </sheetData>}, then {@code middle}, then
	 * {@code tail}.
	 */
	private static byte[] spliced(String head, byte[] middle, String tail) {
		byte[] start = utf8(head.substring(0, head.indexOf("</sheetData>")));
		byte[] end = utf8(tail);
		byte[] sheet = new byte[start.length + middle.length + end.length];
		System.arraycopy(start, 0, sheet, 0, start.length);
		System.arraycopy(middle, 0, sheet, start.length, middle.length);
		System.arraycopy(end, 0, sheet, start.length + middle.length, end.length);
		return sheet;
	}

	@Test
	void partsInAnotherEncodingAreReadThroughStax() throws Exception {
		String[][] encodings = { { "UTF-16", "UTF-16", "隐患𠀀" }, { "UTF-16LE", "UTF-16LE", "隐患𠀀" },
				{ "GBK", "GBK", "隐患" } };
		for (String[] encoding : encodings) {
			String sheet = XlsxParts
				.worksheet("",
						"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + encoding[2]
								+ "</t></is></c><c r=\"B1\"><v>2</v></c></row>",
						"")
				.replace("encoding=\"UTF-8\"", "encoding=\"" + encoding[0] + "\"");
			Path file = xlsxBytes(sheet.getBytes(Charset.forName(encoding[1])));

			assertThat(rows(file)).as(encoding[0]).containsExactly("1:" + encoding[2] + "|2");
		}
	}

	@Test
	void aUtf8ByteOrderMarkIsSkipped() throws Exception {
		Path file = xlsxWithPart("\uFEFF" + XlsxParts.worksheet("", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", ""));

		assertThat(rows(file)).containsExactly("1:1");
	}

	@Test
	void whatTheScannerMustHoldIsBounded() throws Exception {
		// a tag longer than 4 MB
		Path tag = xlsx(
				"<row r=\"1\"><c r=\"A1\" x=\"" + "y".repeat(SheetXmlScanner.MAX_TAG_BYTES) + "\"><v>1</v></c></row>");
		assertThatThrownBy(() -> rows(tag)).isInstanceOf(IOException.class).hasMessageContaining("MB");

		// a row's text beyond the bound is refused as too long; one cell of a million
		// characters reads
		Path cell = xlsx(
				"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + "长".repeat(1 << 20) + "</t></is></c></row>");
		assertThat(rows(cell)).singleElement().satisfies(row -> assertThat(row).hasSize(2 + (1 << 20)));
		Path row = xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + "x".repeat(XlsxSheetRows.MAX_ROW_CHARS + 1)
				+ "</t></is></c></row>");
		assertThatThrownBy(() -> rows(row)).isInstanceOf(IOException.class)
			.hasMessageContaining("个字符的上限")
			.cause()
			.isInstanceOfSatisfying(ReaderLimitException.class,
					limit -> assertThat(limit.rule()).isEqualTo(ReaderLimits.CELL_TOO_LONG));
	}

	@Test
	void aSheetThatIsNoXmlAtAllCannotBeOpenedOrRead() throws Exception {
		Path empty = xlsxWithPart("");
		assertThatThrownBy(() -> rows(empty)).isInstanceOfAny(IOException.class, GridReadException.class);
		Path text = xlsxWithPart("hello");
		assertThatThrownBy(() -> rows(text)).isInstanceOfAny(IOException.class, GridReadException.class);
	}

}
