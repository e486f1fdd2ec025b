package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.anjian.readers.Finding;
import org.anjian.readers.RecordListFile;
import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.UnreadableFile;
import org.anjian.readers.lists.ListDefinition;
import org.anjian.readers.lists.LimitedListFileReader;
import org.anjian.readers.lists.ListReader;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListFileSummary;
import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile cases of {@link HostileXlsxTests} and {@link HostileCsvTests}, carrying a
 * 隐患台账 header and read as a list ({@link LimitedListFileReader} with
 * {@link ReaderLimits#forLists()}): each ends in one rejection naming the limit, or —
 * where a big list is legitimate — in a normal read; never in an out-of-memory or a hang.
 */
class HostileListTests {

	private static final ReaderLimits LIMITS = ReaderLimits.forLists();

	private static final String HEADER = "企业名称,隐患描述,隐患等级,发现日期,整改状态\r\n";

	private static final String ROW = "新场五金厂,消防通道堆放杂物,一般,2024-05-03,已整改\r\n";

	private final ListReader reader = new LimitedListFileReader(new ListFileReader(), LIMITS);

	/** The intake's front door, with the same list limits. */
	private final SubmissionFiles files = files(ReaderLimits.LIST_MAX_SHARED_STRING_CHARS);

	private static SubmissionFiles files(long maxSharedStringChars) {
		return new SubmissionFiles(new SummaryTableFileReader(), ListDefinition.bundled(), LIMITS,
				maxSharedStringChars);
	}

	@TempDir
	Path dir;

	/** A small 隐患台账 .xlsx: the header and two rows, text in the shared strings. */
	static byte[] ledger() throws IOException {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("台账");
			String[][] rows = { HEADER.strip().split(","), ROW.strip().split(","), ROW.strip().split(",") };
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	private Path edit(String name, String part, UnaryOperator<String> edit) throws IOException {
		Map<String, byte[]> parts = HostileFiles.parts(ledger());
		String xml = new String(parts.get(part), StandardCharsets.UTF_8);
		String edited = edit.apply(xml);
		assertThat(edited).as("the edit changes " + part).isNotEqualTo(xml);
		parts.put(part, edited.getBytes(StandardCharsets.UTF_8));
		return HostileFiles.write(dir.resolve(name), HostileFiles.zip(parts));
	}

	/** What the reader sent. */
	static final class Sink implements ListRowSink {

		final List<ListRow> rows = new ArrayList<>();

		final List<Finding> findings = new ArrayList<>();

		@Override
		public void row(ListRow row) {
			rows.add(row);
		}

		@Override
		public void finding(Finding finding) {
			findings.add(finding);
		}

	}

	/**
	 * The front door and the read both reject the file with {@code rule}, naming
	 * {@code limitText}, in a list's words.
	 */
	private void assertRejected(Path file, String rule, String limitText) {
		SubmissionFile opened = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> files.open(file));
		assertThat(opened).isInstanceOf(UnreadableFile.class);
		assertThat(((UnreadableFile) opened).rule().rule()).isEqualTo(rule);
		Sink sink = new Sink();
		ListFileSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> reader.read(file, sink));
		assertThat(summary.isRead()).isFalse();
		assertThat(summary.rowsAccepted()).isZero();
		assertThat(sink.rows).isEmpty();
		assertThat(sink.findings).hasSize(1);
		Finding finding = sink.findings.get(0);
		assertThat(finding.isError()).isTrue();
		assertThat(finding.rule()).isEqualTo(rule);
		assertThat(finding.message()).contains(limitText)
			.contains(file.getFileName().toString())
			.doesNotContain("统计汇总表")
			.doesNotContain("统计表本身");
		assertThat(summary.fileFindings()).containsExactly(finding);
	}

	private ListFileSummary readWithin(Path file, Sink sink) {
		// a hang or a heap-sized structure is what is tested; the bound is generous
		return assertTimeoutPreemptively(Duration.ofSeconds(120), () -> reader.read(file, sink));
	}

	@Test
	void theListLimitsAreFarAboveTheSummaryOnesButKeepWhatMakesAFileHostile() {
		ReaderLimits summary = ReaderLimits.defaults();
		assertThat(LIMITS.maxFileBytes()).isGreaterThanOrEqualTo(100L * 1024 * 1024)
			.isGreaterThan(summary.maxFileBytes());
		assertThat(LIMITS.maxRows()).isGreaterThanOrEqualTo(1_000_000);
		assertThat(LIMITS.maxCells()).isGreaterThan(summary.maxCells());
		assertThat(LIMITS.maxUnpackedBytes()).isGreaterThan(summary.maxUnpackedBytes());
		assertThat(LIMITS.maxInflateRatio()).isEqualTo(summary.maxInflateRatio());
		assertThat(LIMITS.maxCellChars()).isEqualTo(summary.maxCellChars());
		assertThat(LIMITS.maxLineBytes()).isEqualTo(summary.maxLineBytes());
	}

	@Test
	void theUneditedLedgerReadsTheSameAsWithoutLimits() throws IOException {
		Path file = HostileFiles.write(dir.resolve("ledger.xlsx"), ledger());
		Sink limited = new Sink();
		Sink plain = new Sink();

		ListFileSummary summary = reader.read(file, limited);
		new ListFileReader().read(file, plain);

		assertThat(((RecordListFile) files.open(file)).kind()).isEqualTo(ListKind.HAZARD_LEDGER);
		assertThat(summary.rowsAccepted()).isEqualTo(2);
		assertThat(limited.rows).usingRecursiveFieldByFieldElementComparator().isEqualTo(plain.rows);
	}

	@Test
	void aLedgerOverTheSummarySizeLimitIsReadWhole() throws IOException {
		Path file = dir.resolve("big.csv");
		long rows = 0;
		int rowBytes = ROW.getBytes(StandardCharsets.UTF_8).length;
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(HEADER);
			for (; rows * rowBytes < 22L * 1024 * 1024; rows++) {
				out.write(ROW);
			}
		}
		assertThat(Files.size(file)).isGreaterThan(ReaderLimits.defaults().maxFileBytes());
		Sink sink = new Sink();

		ListFileSummary summary = readWithin(file, sink);

		assertThat(summary.fileFindings()).isEmpty();
		assertThat(summary.rowsAccepted()).isEqualTo(rows);
	}

	@Test
	void aFileOverTheListSizeLimitIsNotOpened() throws IOException {
		Path file = dir.resolve("huge.csv");
		try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
			raf.write(HEADER.getBytes(StandardCharsets.UTF_8));
			raf.setLength(LIMITS.maxFileBytes() + 1);
		}

		assertRejected(file, ReaderLimits.FILE_TOO_LARGE, "200 MB");
	}

	@Test
	void aPartThatInflatesAThousandfoldIsAZipBomb() throws IOException {
		Map<String, byte[]> parts = HostileFiles.parts(ledger());
		parts.put("xl/media/image1.bin", new byte[50 * 1024 * 1024]);
		Path file = HostileFiles.write(dir.resolve("bomb.xlsx"), HostileFiles.zip(parts));

		assertRejected(file, ReaderLimits.ZIP_BOMB, "100");
	}

	// A list's sheet is inflated once, while it is streamed (not in advance as well): a
	// sheet inflating like a bomb is
	// stopped there, by the same ratio.

	@Test
	void aSheetInflatingAThousandfoldBeforeItsRowsIsStoppedAtTheSniff() throws IOException {
		Path file = edit("sheet-bomb.xlsx", HostileFiles.SHEET,
				xml -> xml.replace("<sheetData>", "<sheetData>" + " ".repeat(30 * 1024 * 1024)));

		assertRejected(file, ReaderLimits.ZIP_BOMB, "压缩比超过 100 倍");
	}

	@Test
	void aSheetInflatingAThousandfoldBehindItsRowsRejectsTheFileWhileStreamed() throws IOException {
		// 100 more rows (without r: each follows the one before) than the sniff looks at,
		// then the bomb
		StringBuilder rows = new StringBuilder();
		for (int i = 0; i < 100; i++) {
			rows.append("<row>");
			for (String value : ROW.strip().split(",")) {
				rows.append("<c t=\"inlineStr\"><is><t>").append(value).append("</t></is></c>");
			}
			rows.append("</row>");
		}
		Path file = edit("late-bomb.xlsx", HostileFiles.SHEET,
				xml -> xml.replace("</sheetData>", rows + " ".repeat(30 * 1024 * 1024) + "</sheetData>"));
		// the first rows look like a ledger
		assertThat(files.open(file)).isInstanceOf(RecordListFile.class);
		Sink sink = new Sink();

		ListFileSummary summary = readWithin(file, sink);

		// the rows before the bomb were sent; the file error makes the writer drop them
		// with the file
		assertThat(sink.rows).hasSizeGreaterThan(60);
		assertThat(summary.fileFindings()).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo(ReaderLimits.ZIP_BOMB);
			assertThat(f.message()).contains("压缩比超过 100 倍", "late-bomb.xlsx").doesNotContain("统计汇总表");
		});
		assertThat(sink.findings).filteredOn(f -> f.rowNumber() == null)
			.extracting(Finding::rule)
			.containsExactly(ReaderLimits.ZIP_BOMB);
	}

	@Test
	void entityExpansionInTheSharedStringsIsRefused() throws IOException {
		String laughs = """
				<?xml version="1.0" encoding="UTF-8"?>
				<!DOCTYPE sst [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
				<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\
				<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">\
				<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
				""".strip();
		Path file = edit("laughs.xlsx", HostileFiles.STRINGS,
				xml -> laughs + xml.substring(xml.indexOf("?>") + 2).replaceFirst("<t>", "<t>&h;"));

		assertRejected(file, ReaderLimits.XML_ENTITY, "DOCTYPE");
	}

	@Test
	void anExternalEntityIsNeverFetchedNorItsContentShown() throws IOException {
		Path secret = Files.writeString(dir.resolve("secret.txt"), "机密-口令-48151623");
		String doctype = "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
		Path file = edit("xxe.xlsx", HostileFiles.SHEET,
				xml -> xml.replaceFirst("\\?>", "?>" + doctype).replaceFirst("<sheetData>", "<sheetData>&xxe;"));

		assertRejected(file, ReaderLimits.XML_ENTITY, "DOCTYPE");
		Sink sink = new Sink();
		reader.read(file, sink);
		assertThat(sink.findings).noneMatch(f -> f.message().contains("48151623"));
	}

	@Test
	void aMillionSharedStringsAreAnOrdinaryLedger() throws IOException {
		// a summary form with a million strings is absurd; a ledger with a million rows
		// has that many
		Path file = edit("strings.xlsx", HostileFiles.STRINGS, xml -> {
			StringBuilder more = new StringBuilder(20_000_000);
			for (int i = 0; i < 1_000_001; i++) {
				more.append("<si><t>").append(Integer.toString(i, 36)).append("</t></si>");
			}
			return xml.replace("</sst>", more + "</sst>");
		});
		Sink sink = new Sink();

		ListFileSummary summary = readWithin(file, sink);

		assertThat(summary.fileFindings()).isEmpty();
		assertThat(summary.rowsAccepted()).isEqualTo(2);
	}

	@Test
	void aSharedStringsTableOverItsCharacterBudgetIsRefusedBeforeItIsHeld() throws IOException {
		// the budget scaled down so that the test file stays small; the default is
		// ReaderLimits.LIST_MAX_SHARED_STRING_CHARS
		ListReader small = new LimitedListFileReader(new ListFileReader(), LIMITS, 1_000_000);
		Path file = edit("text.xlsx", HostileFiles.STRINGS, xml -> {
			StringBuilder more = new StringBuilder();
			for (int i = 0; i < 100; i++) {
				more.append("<si><t>").append(HostileFiles.cjk(20_000, i)).append("</t></si>");
			}
			return xml.replace("</sst>", more + "</sst>");
		});

		SubmissionFile opened = files(1_000_000).open(file);
		Sink sink = new Sink();
		ListFileSummary summary = small.read(file, sink);

		assertThat(((UnreadableFile) opened).rule().rule()).isEqualTo(ReaderLimits.TOO_MANY_CELLS);
		assertThat(summary.fileFindings()).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo(ReaderLimits.TOO_MANY_CELLS);
			assertThat(f.message()).contains("共享字符串表").contains("100 万个字符");
		});
		assertThat(sink.rows).isEmpty();
		assertThat(ReaderLimits.LIST_MAX_SHARED_STRING_CHARS * 2).as("bytes of the budget held as char[]")
			.isLessThan(LIMITS.maxUnpackedBytes());
	}

	@Test
	void aBrokenPartBeforeTheSharedStringsDoesNotLetThemPassUnchecked() throws IOException {
		// the prescan stops at the first malformed part; the streaming reader never reads
		// docProps, so a file that
		// passed for that reason would reach the shared strings unchecked
		ListReader small = new LimitedListFileReader(new ListFileReader(), LIMITS, 1_000_000);
		Map<String, byte[]> parts = HostileFiles.parts(ledger());
		assertThat(List.copyOf(parts.keySet()).indexOf("docProps/app.xml"))
			.isLessThan(List.copyOf(parts.keySet()).indexOf(HostileFiles.STRINGS));
		parts.put("docProps/app.xml", "<Properties><".getBytes(StandardCharsets.UTF_8));
		String xml = new String(parts.get(HostileFiles.STRINGS), StandardCharsets.UTF_8);
		parts.put(HostileFiles.STRINGS,
				xml.replace("</sst>", ("<si><t>" + HostileFiles.cjk(20_000, 7) + "</t></si>").repeat(100) + "</sst>")
					.getBytes(StandardCharsets.UTF_8));
		Path file = HostileFiles.write(dir.resolve("broken-first.xlsx"), HostileFiles.zip(parts));
		Sink sink = new Sink();

		ListFileSummary summary = small.read(file, sink);

		assertThat(sink.rows).isEmpty();
		assertThat(summary.fileFindings()).singleElement()
			.satisfies(f -> assertThat(f.rule()).isEqualTo(org.anjian.readers.SummaryTableFileReader.FILE_UNREADABLE))
			.satisfies(f -> assertThat(f.message()).contains("文件已损坏").contains("docProps/app.xml"));
	}

	@Test
	void aOneMegabyteCellIsTooLong() throws IOException {
		String megabyte = HostileFiles.cjk(1024 * 1024, 2);
		Path file = edit("cell.xlsx", HostileFiles.STRINGS, xml -> xml.replaceFirst("<t>", "<t>" + megabyte));

		assertRejected(file, ReaderLimits.CELL_TOO_LONG, "32767");
	}

	// A list's sheets are streamed one row at a time and not pre-parsed (that would
	// double a million-row ingest), so
	// what sits inside a sheet is the streaming reader's to survive: one big cell, a far
	// column, a row beyond Excel's
	// last are harmless oddities — the ledger reads, within a bound, with its rows as
	// before.

	@Test
	void aOneMegabyteInlineCellInASheetIsAHarmlessOddity() throws IOException {
		String megabyte = HostileFiles.cjk(1024 * 1024, 3);
		Path file = edit("inline.xlsx", HostileFiles.SHEET, xml -> xml.replaceFirst("</row>",
				"<c r=\"F1\" t=\"inlineStr\"><is><t>" + megabyte + "</t></is></c></row>"));

		assertReadAsBefore(file);
	}

	@Test
	void aValueInTheLastOfExcels16384ColumnsIsAHarmlessOddity() throws IOException {
		Path file = edit("wide.xlsx", HostileFiles.SHEET,
				xml -> xml.replaceFirst("</row>", "<c r=\"XFD1\" t=\"n\"><v>1</v></c></row>"));

		assertReadAsBefore(file);
	}

	private void assertReadAsBefore(Path file) {
		Sink sink = new Sink();

		ListFileSummary summary = readWithin(file, sink);

		assertThat(summary.fileFindings()).isEmpty();
		assertThat(summary.rowsAccepted()).isEqualTo(2);
	}

	@Test
	void blankFormattedCellsAcrossAll16384ColumnsStillReadTheLedger() throws IOException {
		StringBuilder blanks = new StringBuilder();
		for (int c = 30; c < 16_384; c++) {
			blanks.append("<c r=\"").append(org.anjian.readers.grid.Grid.columnLetter(c)).append("2\" s=\"0\"/>");
		}
		Path file = edit("wide-blank.xlsx", HostileFiles.SHEET,
				xml -> xml.replaceFirst("(<row r=\"2\"[^>]*>.*?)</row>", "$1" + blanks + "</row>"));
		Sink sink = new Sink();

		ListFileSummary summary = readWithin(file, sink);

		assertThat(summary.fileFindings()).isEmpty();
		assertThat(summary.rowsAccepted()).isEqualTo(2);
	}

	@Test
	void aMillionBlankRowsAreStreamedThroughAndTheRowBelowThemRead() throws IOException {
		// tall is legitimate for a list: the million rows cost a pass, not memory, and
		// the row below them counts
		StringBuilder rows = new StringBuilder(30_000_000);
		for (int r = 4; r < 1_000_004; r++) {
			rows.append("<row r=\"").append(r).append("\"/>");
		}
		Path file = edit("tall.xlsx", HostileFiles.SHEET, xml -> {
			String last = xml.substring(xml.indexOf("<row r=\"3\""), xml.indexOf("</sheetData>"));
			return xml.replace("</sheetData>",
					rows + last.replace("r=\"3\"", "r=\"1000004\"").replaceAll("r=\"([A-Z]+)3\"", "r=\"$11000004\"")
							+ "</sheetData>");
		});
		Sink sink = new Sink();

		ListFileSummary summary = readWithin(file, sink);

		assertThat(summary.fileFindings()).isEmpty();
		assertThat(sink.rows).extracting(ListRow::rowNumber).containsExactly(2, 3, 1_000_004);
	}

	@Test
	void aValueBelowExcelsLastRowIsAHarmlessOddity() throws IOException {
		Path file = edit("deep.xlsx", HostileFiles.SHEET, xml -> xml.replace("</sheetData>",
				"<row r=\"1048577\"><c r=\"A1048577\" t=\"n\"><v>1</v></c></row></sheetData>"));

		assertReadAsBefore(file);
	}

	@Test
	void aHundredMegabyteCsvLineIsRefusedWhileStreaming() throws IOException {
		Path file = dir.resolve("long-line.csv");
		byte[] chunk = new byte[1024 * 1024];
		Arrays.fill(chunk, (byte) 'x');
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
			out.write(HEADER.getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < 100; i++) {
				out.write(chunk);
			}
			out.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}

		assertRejected(file, ReaderLimits.LINE_TOO_LONG, "1 MB");
		Sink sink = new Sink();
		reader.read(file, sink);
		assertThat(sink.findings.get(0).message()).contains("第 2 行").contains("明细清单");
	}

	@Test
	void aCsvCellLongerThanExcelAllowsIsRefusedByItsLine() throws IOException {
		Path file = dir.resolve("cell.csv");
		// 40 000 CJK characters are 120 000 bytes: within the line limit, so the reader's
		// cell is what is long
		Files.writeString(file, HEADER + "新场五金厂," + "隐".repeat(400_000) + ",一般,2024-05-03,已整改\r\n",
				StandardCharsets.UTF_8);

		assertRejected(file, ReaderLimits.LINE_TOO_LONG, "1 MB");
	}

	@Test
	void aQuotedFieldRunningOverThousandsOfShortLinesIsRefusedBeforeItIsHeld() throws IOException {
		// each physical line is short, so only the record counts: the splitter would hold
		// the whole field
		Path file = dir.resolve("quoted.csv");
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(HEADER);
			out.write(ROW);
			out.write("新场五金厂,\"");
			for (int i = 0; i < 50_000; i++) {
				out.write("消防通道堆放杂物，配电箱无门\r\n");
			}
			out.write("\",一般,2024-05-03,已整改\r\n");
		}

		assertRejected(file, ReaderLimits.LINE_TOO_LONG, "1 MB");
		Sink sink = new Sink();
		reader.read(file, sink);
		assertThat(sink.findings.get(0).message()).contains("从第 3 行开始").contains("双引号");
	}

	@Test
	void quotedLineBreaksDoubledQuotesAndAQuoteInsideAFieldAreOrdinary() throws IOException {
		Path file = dir.resolve("quotes.csv");
		Files.writeString(file, "\uFEFF" + HEADER + "\"新场\"\"五金\"\"厂\",\"消防通道\r\n堆放杂物\",一般,2024-05-03,已整改\r\n"
				+ "甲厂,配电箱无门 12\" 宽,一般,2024-05-04,已整改\r\n" + ROW, StandardCharsets.UTF_8);
		Sink sink = new Sink();

		ListFileSummary summary = readWithin(file, sink);

		assertThat(summary.fileFindings()).isEmpty();
		assertThat(sink.rows).hasSize(3);
		assertThat(sink.rows.get(0).values()[0]).isEqualTo("新场\"五金\"厂");
	}

	@Test
	void moreFieldsOnALineThanColumnsAllowedIsTooManyColumns() throws IOException {
		Path file = dir.resolve("fields.csv");
		Files.writeString(file, HEADER + ROW.strip() + ",".repeat(2000) + "\r\n", StandardCharsets.UTF_8);

		assertRejected(file, ReaderLimits.TOO_MANY_COLUMNS, "1024");
	}

}
