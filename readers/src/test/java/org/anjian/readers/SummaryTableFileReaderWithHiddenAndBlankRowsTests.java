package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden rows (still summed by Excel), blank rows between industries, a “……” placeholder
 * row, trailing blanks.
 */
class SummaryTableFileReaderWithHiddenAndBlankRowsTests {

	@TempDir
	Path dir;

	@Test
	void keepsHiddenDataRowsAndSkipsBlankAndPlaceholderRows() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.titleLines(sheet, "（2024年4月至5月）", "石门镇");
		row = TestWorkbooks.header(sheet, row, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(sheet, row, "应急管理", TestWorkbooks.counting(1));
		TestWorkbooks.dataRow(sheet, row + 1, "交通运输", TestWorkbooks.counting(2)).setZeroHeight(true);
		TestWorkbooks.row(sheet, row + 2, "", " ", null, "");
		TestWorkbooks.dataRow(sheet, row + 3, "住建", TestWorkbooks.counting(3));
		TestWorkbooks.row(sheet, row + 4, "……");
		TestWorkbooks.dataRow(sheet, row + 5, "合计", TestWorkbooks.counting(6));
		for (int blank = row + 6; blank < row + 12; blank++) {
			TestWorkbooks.row(sheet, blank, (Object) null);
		}
		Path file = TestWorkbooks.write(workbook, dir.resolve("hidden-blank.xlsx"));

		// when
		SummaryTable table = new SummaryTableFileReader().read(file).table();

		// then
		assertThat(table.rows()).extracting(TableRow::label).containsExactly("应急管理", "交通运输", "住建");
		assertThat(table.rows()).extracting(TableRow::rowNumber).containsExactly(6, 7, 9);
		assertThat(table.totalRow().rowNumber()).isEqualTo(11);
	}

	@Test
	void neverTakesAHiddenRowAsTheHeaderEvenWhenItMatchesBetter() throws IOException {
		// given: a hidden complete header above the visible one, which lacks the 联合惩戒
		// column
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		java.util.List<String[]> reversed = new java.util.ArrayList<>(TestWorkbooks.F000_COLUMNS);
		java.util.Collections.reverse(reversed);
		TestWorkbooks.header(sheet, 0, "行业部门", reversed);
		sheet.getRow(0).setZeroHeight(true);
		sheet.getRow(1).setZeroHeight(true);
		java.util.List<String[]> visible = new java.util.ArrayList<>(TestWorkbooks.F000_COLUMNS);
		visible.removeIf(column -> "联合惩戒".equals(column[1]));
		int row = TestWorkbooks.header(sheet, 3, "行业部门", visible);
		TestWorkbooks.dataRow(sheet, row, "消防", TestWorkbooks.counting(1));
		Path file = TestWorkbooks.write(workbook, dir.resolve("hidden-header.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.table().headerColumns()).containsEntry("inspection_teams", "B")
			.containsEntry("selfcheck_hazards_major", "W")
			.doesNotContainKey("joint_punishments");
		assertThat(read.table().rows()).extracting(TableRow::rowNumber).containsExactly(6);
		assertThat(read.findings()).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("HEADER_MISSING");
			assertThat(finding.isError()).isTrue();
			assertThat(finding.sheet()).isEqualTo("Sheet1");
			assertThat(finding.rowNumber()).isEqualTo(4);
			assertThat(finding.message()).contains("第4–5行的表头缺少以下栏目：联合惩戒");
		});
	}

}
