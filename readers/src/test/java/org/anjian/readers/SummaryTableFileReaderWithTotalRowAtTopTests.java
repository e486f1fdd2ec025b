package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 合计 row written right under the header, before the industry rows, spelled with
 * spaces.
 */
class SummaryTableFileReaderWithTotalRowAtTopTests {

	@TempDir
	Path dir;

	@Test
	void takesTheTopRowAsTheTotalAndTheRestAsIndustries() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.titleLines(sheet, "（2024年4月至5月）", "新场镇");
		row = TestWorkbooks.header(sheet, row, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(sheet, row, " 总　计 ", TestWorkbooks.counting(3));
		TestWorkbooks.dataRow(sheet, row + 1, "应急管理", TestWorkbooks.counting(1));
		TestWorkbooks.dataRow(sheet, row + 2, "住建", TestWorkbooks.counting(2));
		TestWorkbooks.row(sheet, row + 3, "负责人：王五");
		Path file = TestWorkbooks.write(workbook, dir.resolve("total-top.xlsx"));

		// when
		SummaryTable table = new SummaryTableFileReader().read(file).table();

		// then
		assertThat(table.totalRow()).satisfies(total -> {
			assertThat(total.rowNumber()).isEqualTo(6);
			assertThat(total.label()).isEqualTo("总　计");
			assertThat(total.total()).isTrue();
			assertThat(total.cells().get("experts").number()).isEqualByComparingTo("9");
		});
		assertThat(table.rows()).extracting(TableRow::label).containsExactly("应急管理", "住建");
		assertThat(table.rows()).extracting(TableRow::rowNumber).containsExactly(7, 8);
		assertThat(table.fields()).containsEntry("负责人", "王五");
	}

}
