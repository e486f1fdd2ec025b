package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The units row (个 人次 家 …) left out: data starts right under the header. */
class SummaryTableFileReaderWithoutUnitsRowTests {

	@TempDir
	Path dir;

	@Test
	void readsTheFirstRowUnderTheHeaderAsData() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.titleLines(sheet, "（2024年4月至5月）", "桃源镇");
		row = TestWorkbooks.header(sheet, row, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(sheet, row, "应急管理", TestWorkbooks.counting(1));
		TestWorkbooks.dataRow(sheet, row + 1, "合计", TestWorkbooks.counting(1));
		Path file = TestWorkbooks.write(workbook, dir.resolve("no-units.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		assertThat(read.table().headerColumns().keySet()).containsExactlyElementsOf(TestWorkbooks.F000_CODES);
		assertThat(read.table().rows()).singleElement().satisfies(first -> {
			assertThat(first.rowNumber()).isEqualTo(6);
			assertThat(first.label()).isEqualTo("应急管理");
			assertThat(first.cells().get("inspection_teams").number()).isEqualByComparingTo("1");
		});
		assertThat(read.table().totalRow().rowNumber()).isEqualTo(7);
	}

	@Test
	void skipsTheUnitsRowWhenPresentEvenWithBracketedUnits() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.header(sheet, 0, "行业部门", TestWorkbooks.F000_COLUMNS);
		Object[] units = new Object[TestWorkbooks.F000_COLUMNS.size() + 1];
		units[0] = "单位";
		java.util.Arrays.fill(units, 1, units.length, "（项）");
		TestWorkbooks.row(sheet, row, units);
		TestWorkbooks.dataRow(sheet, row + 1, "交通运输", TestWorkbooks.counting(2));
		Path file = TestWorkbooks.write(workbook, dir.resolve("units.xlsx"));

		// when
		SummaryTable table = new SummaryTableFileReader().read(file).table();

		// then
		assertThat(table.rows()).extracting(TableRow::label).containsExactly("交通运输");
		assertThat(table.rows().get(0).rowNumber()).isEqualTo(4);
		assertThat(table.totalRow()).isNull();
	}

}
