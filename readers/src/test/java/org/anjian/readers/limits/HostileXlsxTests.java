package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.anjian.readers.Finding;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.excel.poi.PoiGridReader;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile .xlsx packages, each made from a real sample: every one ends in a rejection
 * whose rule names the limit and whose message names its value, or — for a harmless
 * oddity — in the sample's table, read correctly.
 */
class HostileXlsxTests {

	private static final ReaderLimits LIMITS = ReaderLimits.defaults();

	private final SummaryTableFileReader reader = new SummaryTableFileReader(LIMITS);

	@TempDir
	Path dir;

	@Test
	void theUneditedSampleReadsToItsTable() throws IOException {
		SubmissionRead read = reader.read(HostileFiles.write(dir.resolve("sample.xlsx"), HostileFiles.sample()));

		assertThat(read.findings()).isEmpty();
		assertThat(read.table().rows()).isNotEmpty();
	}

	@Test
	void aFileOverTheSizeLimitIsNotOpened() throws IOException {
		Path file = dir.resolve("big.xlsx");
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.write(HostileFiles.sample());
			raf.setLength(21L * 1024 * 1024); // sparse: no 21 MB written
		}

		assertRejected(reader.read(file), ReaderLimits.FILE_TOO_LARGE, "20 MB");
	}

	@Test
	void aPartThatInflatesAThousandfoldIsAZipBomb() throws IOException {
		// 30 MB of blanks inside the sheet XML: legal XML, about 30 KB compressed
		Path file = HostileFiles.edit(dir.resolve("bomb.xlsx"), HostileFiles.SHEET,
				xml -> xml.replace("<sheetData>", "<sheetData>" + " ".repeat(30 * 1024 * 1024)));

		assertRejected(reader.read(file), ReaderLimits.ZIP_BOMB, "100 倍");
	}

	@Test
	void aPackageInflatingBeyondTheTotalIsAZipBomb() throws IOException {
		ReaderLimits small = new ReaderLimits(LIMITS.maxFileBytes(), 1024 * 1024, LIMITS.maxInflateRatio(),
				LIMITS.maxRows(), LIMITS.maxColumns(), LIMITS.maxCells(), LIMITS.maxCellChars(), LIMITS.maxLineBytes(),
				LIMITS.readTimeout());
		// incompressible text in an unused part, so only the total can catch it
		Map<String, byte[]> parts = HostileFiles.parts(HostileFiles.sample());
		parts.put("customXml/item1.xml",
				("<x>" + HostileFiles.cjk(600_000, 1) + "</x>").getBytes(StandardCharsets.UTF_8));
		Path file = HostileFiles.write(dir.resolve("big-parts.xlsx"), HostileFiles.zip(parts));

		assertRejected(new SummaryTableFileReader(small).read(file), ReaderLimits.ZIP_BOMB, "1 MB");
	}

	@Test
	void poisZipGuardIsSetExplicitlyFromTheLimits() throws Exception {
		Path file = HostileFiles.write(dir.resolve("sample.xlsx"), HostileFiles.sample());
		ReaderLimits other = new ReaderLimits(LIMITS.maxFileBytes(), 64L * 1024 * 1024, 50, LIMITS.maxRows(),
				LIMITS.maxColumns(), LIMITS.maxCells(), LIMITS.maxCellChars(), LIMITS.maxLineBytes(),
				LIMITS.readTimeout());

		// the summary reader reads .xlsx with its own streaming reader now; POI opens
		// workbooks through PoiGridReader
		PoiGridReader.read(file, other);
		double otherRatio = ZipSecureFile.getMinInflateRatio();
		long otherEntry = ZipSecureFile.getMaxEntrySize();
		PoiGridReader.read(file, LIMITS);

		assertThat(otherRatio).isEqualTo(0.02);
		assertThat(otherEntry).isEqualTo(64L * 1024 * 1024);
		assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(0.01);
		assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(100L * 1024 * 1024);
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
		Path file = HostileFiles.edit(dir.resolve("laughs.xlsx"), HostileFiles.STRINGS,
				xml -> laughs + xml.substring(xml.indexOf("?>") + 2).replaceFirst("<t([^>]*)>", "<t$1>&h;"));

		assertRejected(reader.read(file), ReaderLimits.XML_ENTITY, "DOCTYPE");
	}

	@Test
	void anExternalEntityIsNeverFetchedNorItsContentShown() throws IOException {
		Path secret = Files.writeString(dir.resolve("secret.txt"), "机密-口令-48151623");
		String doctype = "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
		Path file = HostileFiles.edit(dir.resolve("xxe.xlsx"), HostileFiles.SHEET,
				xml -> xml.replaceFirst("\\?>", "?>" + doctype).replaceFirst("<sheetData>", "<sheetData>&xxe;"));

		SubmissionRead read = reader.read(file);

		assertRejected(read, ReaderLimits.XML_ENTITY, "DOCTYPE");
		assertThat(read.findings()).noneMatch(f -> f.message().contains("48151623"));
	}

	@Test
	void ampersandsAndAnglesInCellTextAreOrdinaryText() throws IOException {
		Path file = dir.resolve("amp.xlsx");
		try (Workbook wb = new XSSFWorkbook(); var out = Files.newOutputStream(file)) {
			wb.createSheet("表").createRow(0).createCell(0).setCellValue("A&B <C> \"D\" 'E'");
			wb.write(out);
		}

		SubmissionRead read = reader.read(file);

		assertThat(read.findings()).extracting(Finding::rule).containsExactly(SummaryTableFileReader.NO_TABLE);
	}

	@Test
	void aMillionSharedStringsAreTooManyCells() throws IOException {
		Path file = HostileFiles.edit(dir.resolve("strings.xlsx"), HostileFiles.STRINGS, xml -> {
			StringBuilder more = new StringBuilder(20_000_000);
			for (int i = 0; i < 1_000_001; i++) {
				more.append("<si><t>").append(Integer.toString(i, 36)).append("</t></si>");
			}
			return xml.replace("</sst>", more + "</sst>");
		});

		assertRejected(reader.read(file), ReaderLimits.TOO_MANY_CELLS, "1000000");
	}

	@Test
	void aOneMegabyteCellIsTooLong() throws IOException {
		String megabyte = HostileFiles.cjk(1024 * 1024, 2);
		Path file = HostileFiles.edit(dir.resolve("cell.xlsx"), HostileFiles.STRINGS,
				xml -> xml.replaceFirst("<t([^>]*)>", "<t$1>" + megabyte));

		assertRejected(reader.read(file), ReaderLimits.CELL_TOO_LONG, "32767");
	}

	@Test
	void aValueInTheLastOfExcels16384ColumnsIsTooManyColumns() throws IOException {
		Path file = HostileFiles.edit(dir.resolve("wide.xlsx"), HostileFiles.SHEET,
				xml -> xml.replaceFirst("</row>", "<c r=\"XFD1\" t=\"n\"><v>1</v></c></row>"));

		assertRejected(reader.read(file), ReaderLimits.TOO_MANY_COLUMNS, "256");
	}

	@Test
	void blankFormattedCellsAcrossAll16384ColumnsStillLoadTheTable() throws IOException {
		StringBuilder blanks = new StringBuilder();
		for (int c = 30; c < 16_384; c++) {
			blanks.append("<c r=\"").append(column(c)).append("1\" s=\"0\"/>");
		}
		Path file = HostileFiles.edit(dir.resolve("wide-blank.xlsx"), HostileFiles.SHEET,
				xml -> xml.replaceFirst("</row>", blanks + "</row>"));

		SubmissionRead read = reader.read(file);

		assertThat(read.findings()).isEmpty();
		assertThat(read.table().rows()).hasSameSizeAs(sampleRead().table().rows());
	}

	@Test
	void aMillionBlankRowsAreRefusedInSecondsNotMinutes() throws IOException {
		StringBuilder rows = new StringBuilder(30_000_000);
		for (int r = 100; r < 1_000_100; r++) {
			rows.append("<row r=\"").append(r).append("\"/>");
		}
		Path file = HostileFiles.edit(dir.resolve("tall.xlsx"), HostileFiles.SHEET,
				xml -> xml.replace("</sheetData>", rows + "</sheetData>"));

		// a hang or a multi-GB user model is the failure being tested; the bound is
		// generous
		SubmissionRead read = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> reader.read(file));

		assertRejected(read, ReaderLimits.TOO_MANY_ROWS, "65536");
	}

	@Test
	void aValueFarBelowTheTableIsTooManyRows() throws IOException {
		Path file = HostileFiles.edit(dir.resolve("deep.xlsx"), HostileFiles.SHEET, xml -> xml.replace("</sheetData>",
				"<row r=\"1048576\"><c r=\"A1048576\" t=\"n\"><v>1</v></c></row></sheetData>"));

		assertRejected(reader.read(file), ReaderLimits.TOO_MANY_ROWS, "65536");
	}

	@Test
	void aDimensionClaimingTheWholeSheetIsIgnored() throws IOException {
		Path file = HostileFiles.edit(dir.resolve("dimension.xlsx"), HostileFiles.SHEET,
				xml -> xml.replaceFirst("<dimension ref=\"[^\"]*\"/>", "<dimension ref=\"A1:XFD1048576\"/>"));

		assertSameTableAsTheSample(reader.read(file));
	}

	@Test
	void aDimensionClaimingLessThanTheSheetHasIsIgnored() throws IOException {
		Path file = HostileFiles.edit(dir.resolve("dimension-small.xlsx"), HostileFiles.SHEET,
				xml -> xml.replaceFirst("<dimension ref=\"[^\"]*\"/>", "<dimension ref=\"A1:B2\"/>"));

		assertSameTableAsTheSample(reader.read(file));
	}

	@Test
	void aMergeCoveringTheRestOfTheSheetCostsNothing() throws IOException {
		Path file = HostileFiles.edit(dir.resolve("merge.xlsx"), HostileFiles.SHEET,
				xml -> xml.replaceFirst("<mergeCells count=\"(\\d+)\">",
						"<mergeCells count=\"$1\"><mergeCell ref=\"Z200:XFD1048576\"/>"));

		SubmissionRead read = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> reader.read(file));

		assertSameTableAsTheSample(read);
	}

	private SubmissionRead sampleRead() throws IOException {
		return reader.read(HostileFiles.write(dir.resolve("the-sample.xlsx"), HostileFiles.sample()));
	}

	private void assertSameTableAsTheSample(SubmissionRead read) throws IOException {
		SubmissionRead expected = sampleRead();
		assertThat(read.findings()).isEmpty();
		assertThat(read.table().rows()).isEqualTo(expected.table().rows());
		assertThat(read.table().totalRow()).isEqualTo(expected.table().totalRow());
	}

	static void assertRejected(SubmissionRead read, String rule, String limitText) {
		assertThat(read.hasTable()).isFalse();
		assertThat(read.findings()).hasSize(1);
		Finding finding = read.findings().get(0);
		assertThat(finding.isError()).isTrue();
		assertThat(finding.rule()).isEqualTo(rule);
		assertThat(finding.message()).contains(limitText);
	}

	private static String column(int index) {
		return org.anjian.readers.grid.Grid.columnLetter(index);
	}

}
