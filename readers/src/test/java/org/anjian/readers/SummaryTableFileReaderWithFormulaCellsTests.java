package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formula cells: the reader takes the value Excel saved, never its own evaluation. */
class SummaryTableFileReaderWithFormulaCellsTests {

	@TempDir
	Path dir;

	@Test
	void readsCachedFormulaValuesIncludingASumInTheTotalRow() throws IOException {
		// given: 合计 = SUM of the rows, saved; then a row changed without recalculating
		// (as a clerk's copy-paste does)
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.header(sheet, 0, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(sheet, row, "应急管理", TestWorkbooks.counting(1));
		Row second = TestWorkbooks.dataRow(sheet, row + 1, "住建", TestWorkbooks.counting(2));
		second.getCell(13).setCellValue(0.1);
		sheet.getRow(row).getCell(13).setCellValue(1.55);
		second.getCell(3).setCellFormula("B" + (row + 2) + "*2");
		Row total = TestWorkbooks.row(sheet, row + 2, "合计");
		for (int c = 1; c <= TestWorkbooks.F000_COLUMNS.size(); c++) {
			String letter = org.apache.poi.ss.util.CellReference.convertNumToColString(c);
			total.createCell(c).setCellFormula("SUM(" + letter + (row + 1) + ":" + letter + (row + 2) + ")");
		}
		workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
		sheet.getRow(row).getCell(1).setCellValue(100);
		Path file = TestWorkbooks.write(workbook, dir.resolve("formulas.xlsx"));

		// when
		SummaryTable table = new SummaryTableFileReader().read(file).table();

		// then
		assertThat(table.rows().get(0).cells().get("inspection_teams").number()).isEqualByComparingTo("100");
		assertThat(table.rows().get(1).cells().get("experts").number()).isEqualByComparingTo("4");
		assertThat(table.totalRow().cells().get("inspection_teams").number()).as("saved SUM, not recalculated")
			.isEqualByComparingTo("3");
		assertThat(table.totalRow().cells().get("fines_wan").raw()).isEqualTo("1.65");
		assertThat(table.totalRow().cells().get("fines_wan").number()).isEqualByComparingTo("1.65");
	}

}
