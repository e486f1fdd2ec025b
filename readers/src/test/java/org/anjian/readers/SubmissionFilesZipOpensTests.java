package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.limits.TimeLimitedReader;
import org.anjian.readers.lists.ListDefinition;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListRowSink;
import org.anjian.readers.rows.OoxmlPackages;
import org.anjian.readers.rows.OoxmlPackages.OpenCounter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often the intake opens an .xlsx's zip, counted by {@link OoxmlPackages#countOpens}
 * (every zip is opened there): a summary table once — the front door checks the limits,
 * sniffs and builds the grids in one zip, the read only locates the table —, a list twice
 * (front door, stream), a summary read on its own once.
 */
class SubmissionFilesZipOpensTests {

	private static final ReaderLimits SUMMARY_LIMITS = ReaderLimits.defaults();

	@TempDir
	Path dir;

	/**
	 * As the intake job has them: list-sized limits at the front door, the summary read
	 * under its time limit.
	 */
	private final SummaryTableFileReader summaries = new SummaryTableFileReader(SUMMARY_LIMITS);

	private final SubmissionFiles files = new SubmissionFiles(summaries, ListDefinition.bundled(),
			ReaderLimits.forLists());

	private final SubmissionFileReader reader = new TimeLimitedReader(summaries, SUMMARY_LIMITS);

	private Path summaryTable(int industries) throws IOException {
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("附件1");
		int row = TestWorkbooks.titleLines(sheet, "（2024年4月至5月）", "新场镇");
		row = TestWorkbooks.header(sheet, row, "行业部门", TestWorkbooks.F000_COLUMNS);
		for (int i = 0; i < industries; i++) {
			TestWorkbooks.dataRow(sheet, row + i, "行业" + i, TestWorkbooks.counting(1));
		}
		return TestWorkbooks.write(workbook, dir.resolve("summary.xlsx"));
	}

	@Test
	void aSummaryTableOnTheIntakePathOpensItsZipOnce() throws IOException {
		Path file = summaryTable(2);
		try (OpenCounter zips = OoxmlPackages.countOpens(file)) {
			SubmissionFile opened = files.open(file);
			assertThat(zips.opens()).as("front door: limits, sniff and grids").isEqualTo(1);

			SubmissionRead read = reader.read(opened);

			assertThat(opened).isInstanceOf(SummaryTableFile.class);
			assertThat(read.findings()).isEmpty();
			assertThat(read.table().rows()).hasSize(2);
			assertThat(zips.opens()).as("the read opens nothing").isEqualTo(1);
			assertThat(read).isEqualTo(summaries.read(file));
			assertThat(zips.opens()).as("the plain read opens it itself").isEqualTo(2);
		}
	}

	/**
	 * The front door hands the read the sheets it sniffed whole and the header it found
	 * in them; a sheet longer than the rows it sniffs, a second table and a hidden old
	 * copy are read as a plain read reads them all the same.
	 */
	@Test
	void whatTheFrontDoorFoundIsReadAsAPlainReadReadsIt() throws IOException {
		Path longTable = summaryTable(70);
		XSSFWorkbook workbook = new XSSFWorkbook();
		for (String name : List.of("旧表", "4月", "5月")) {
			Sheet sheet = workbook.createSheet(name);
			int row = TestWorkbooks.titleLines(sheet, "（2024年" + (name.equals("5月") ? 5 : 4) + "月）", "新场镇");
			row = TestWorkbooks.header(sheet, row, "行业部门", TestWorkbooks.F000_COLUMNS);
			TestWorkbooks.dataRow(sheet, row, "工贸", TestWorkbooks.counting(name.length()));
		}
		workbook.setSheetHidden(0, true);
		Path twoTables = TestWorkbooks.write(workbook, dir.resolve("two-tables.xlsx"));

		SubmissionRead longRead = reader.read(files.open(longTable));
		SubmissionRead twoRead = reader.read(files.open(twoTables));

		assertThat(longRead.table().rows()).hasSize(70);
		assertThat(longRead).isEqualTo(summaries.read(longTable));
		assertThat(twoRead.table().sheet()).isEqualTo("4月");
		assertThat(twoRead.findings()).extracting(Finding::rule)
			.containsExactly(SummaryTableFileReader.OTHER_TABLE_NOT_READ);
		assertThat(twoRead).isEqualTo(summaries.read(twoTables));
	}

	@Test
	void aSummaryTableReadOnItsOwnOpensItsZipOnce() throws IOException {
		Path file = summaryTable(2);
		try (OpenCounter zips = OoxmlPackages.countOpens(file)) {
			assertThat(summaries.read(file).hasTable()).isTrue();
			assertThat(zips.opens()).isEqualTo(1);
		}
	}

	@Test
	void aListOpensItsZipAtTheFrontDoorAndToStream() throws IOException {
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("台账");
		TestWorkbooks.row(sheet, 0, "企业名称", "隐患描述", "隐患等级", "发现日期");
		TestWorkbooks.row(sheet, 1, "新场五金厂", "通道堵塞", "一般", "2024-05-03");
		Path file = TestWorkbooks.write(workbook, dir.resolve("ledger.xlsx"));
		try (OpenCounter zips = OoxmlPackages.countOpens(file)) {
			RecordListFile list = (RecordListFile) files.open(file);
			long accepted = new ListFileReader().read(list, new ListRowSink() {
				@Override
				public void row(org.anjian.readers.lists.ListRow row) {
				}

				@Override
				public void finding(Finding finding) {
				}
			}).rowsAccepted();

			assertThat(accepted).isEqualTo(1);
			assertThat(zips.opens()).isEqualTo(2);
		}
	}

	/**
	 * Within the list limits but beyond the summary's: the front door rejects it as a
	 * summary, in its words.
	 */
	@Test
	void aSummaryTableBeyondTheSummaryLimitsIsRejectedAtTheFrontDoor() throws IOException {
		Path file = summaryTable(40);
		ReaderLimits few = new ReaderLimits(SUMMARY_LIMITS.maxFileBytes(), SUMMARY_LIMITS.maxUnpackedBytes(),
				SUMMARY_LIMITS.maxInflateRatio(), 30, SUMMARY_LIMITS.maxColumns(), SUMMARY_LIMITS.maxCells(),
				SUMMARY_LIMITS.maxCellChars(), SUMMARY_LIMITS.maxLineBytes(), SUMMARY_LIMITS.readTimeout());
		SummaryTableFileReader strict = new SummaryTableFileReader(few);
		SubmissionFiles front = new SubmissionFiles(strict, ListDefinition.bundled(), ReaderLimits.forLists());

		SubmissionFile opened = front.open(file);

		assertThat(opened).isInstanceOf(UnreadableFile.class);
		assertThat(((UnreadableFile) opened).beyondLimits()).isTrue();
		assertThat(strict.read(opened)).isEqualTo(strict.read(file));
		assertThat(strict.read(file).findings()).singleElement()
			.satisfies(f -> assertThat(f.rule()).isEqualTo(ReaderLimits.TOO_MANY_ROWS));
	}

}
