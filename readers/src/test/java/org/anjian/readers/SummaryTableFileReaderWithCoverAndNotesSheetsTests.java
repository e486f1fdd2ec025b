package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cover sheet and a notes sheet before the table sheet; a hidden sheet with an old
 * table.
 */
class SummaryTableFileReaderWithCoverAndNotesSheetsTests {

	@TempDir
	Path dir;

	@Test
	void findsTheTableOnTheFirstVisibleSheetThatHasOne() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet hidden = workbook.createSheet("旧表");
		int hiddenRow = TestWorkbooks.header(hidden, 0, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(hidden, hiddenRow, "旧数据", TestWorkbooks.counting(9));
		workbook.setSheetHidden(0, true);
		Sheet cover = workbook.createSheet("封面");
		TestWorkbooks.row(cover, 2, "强安2024专项行动统计汇总表");
		TestWorkbooks.row(cover, 4, "报送单位：产业园区");
		Sheet notes = workbook.createSheet("填表说明");
		TestWorkbooks.row(notes, 0, "填表说明");
		TestWorkbooks.row(notes, 1, "1. “派出检查小组”填写本月派出的检查小组数；");
		TestWorkbooks.row(notes, 2, "2. “发现隐患数量”按总计、重大事故隐患、一般事故隐患分别填写。");
		Sheet table = workbook.createSheet("汇总表");
		int row = TestWorkbooks.titleLines(table, "（2024年4月至5月）", "鹤鸣县产业园区");
		row = TestWorkbooks.header(table, row, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(table, row, "应急管理", TestWorkbooks.counting(1));
		Path file = TestWorkbooks.write(workbook, dir.resolve("cover-notes.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		assertThat(read.table().sheet()).isEqualTo("汇总表");
		assertThat(read.table().fields()).containsEntry("填报单位", "鹤鸣县产业园区");
		assertThat(read.table().rows()).extracting(TableRow::label).containsExactly("应急管理");
	}

	@Test
	void readsAHiddenSheetWhenNoVisibleSheetHasATable() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		TestWorkbooks.row(workbook.createSheet("封面"), 0, "统计汇总表");
		Sheet hidden = workbook.createSheet("数据");
		int row = TestWorkbooks.header(hidden, 0, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(hidden, row, "住建", TestWorkbooks.counting(1));
		workbook.setSheetHidden(1, true);
		Path file = TestWorkbooks.write(workbook, dir.resolve("hidden-only.xlsx"));

		// when
		SummaryTable table = new SummaryTableFileReader().read(file).table();

		// then
		assertThat(table.sheet()).isEqualTo("数据");
	}

	@Test
	void aFurtherVisibleTableIsNamedInAWarningNotDroppedInSilence() throws IOException {
		// given: two townships' tables on two visible sheets of one workbook
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet first = workbook.createSheet("桃源镇");
		int row = TestWorkbooks.header(first, 0, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(first, row, "应急管理", TestWorkbooks.counting(1));
		Sheet second = workbook.createSheet("新场镇");
		row = TestWorkbooks.titleLines(second, "（2024年4月至5月）", "鹤鸣县新场镇");
		int headerTop = row;
		row = TestWorkbooks.header(second, row, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(second, row, "住建", TestWorkbooks.counting(2));
		Path file = TestWorkbooks.write(workbook, dir.resolve("two-townships.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then the first is read, the second named with its sheet and header row
		assertThat(read.table().sheet()).isEqualTo("桃源镇");
		assertThat(read.findings()).singleElement().satisfies(finding -> {
			assertThat(finding.isError()).isFalse();
			assertThat(finding.rule()).isEqualTo(SummaryTableFileReader.OTHER_TABLE_NOT_READ);
			assertThat(finding.sheet()).isEqualTo("新场镇");
			assertThat(finding.rowNumber()).isEqualTo(headerTop + 1);
			assertThat(finding.message()).contains("工作表“新场镇”", "只读取了工作表“桃源镇”", "未入库", "two-townships.xlsx");
		});
	}

	@Test
	void reportsNoTableWhenNoSheetHasAHeader() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		TestWorkbooks.row(workbook.createSheet("封面"), 0, "强安2024专项行动统计汇总表");
		TestWorkbooks.row(workbook.createSheet("说明"), 0, "“派出检查小组”填写检查小组数");
		Path file = TestWorkbooks.write(workbook, dir.resolve("no-table.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.format()).isEqualTo("xlsx");
		assertThat(read.hasTable()).isFalse();
		assertThat(read.findings()).singleElement().satisfies(finding -> {
			assertThat(finding.isError()).isTrue();
			assertThat(finding.rule()).isEqualTo("NO_TABLE");
			assertThat(finding.message()).startsWith("未找到统计汇总表：各工作表中都没有可识别的表头（如“派出检查小组”“发现隐患数量”）")
				.contains("no-table.xlsx");
		});
	}

}
