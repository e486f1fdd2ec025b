package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table sent without its 合计 row. */
class SummaryTableFileReaderWithoutTotalRowTests {

	@TempDir
	Path dir;

	@Test
	void hasNoTotalRowAndKeepsEveryIndustryRow() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.titleLines(sheet, "（2024年4月至5月）", "新场镇");
		row = TestWorkbooks.header(sheet, row, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(sheet, row, "应急管理", TestWorkbooks.counting(1));
		TestWorkbooks.dataRow(sheet, row + 1, "文化旅游", TestWorkbooks.counting(2));
		TestWorkbooks.row(sheet, row + 2, "负责人：", null, null, null, "填报人：张三", null, null, "联系电话：13800000000");
		Path file = TestWorkbooks.write(workbook, dir.resolve("no-total.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		assertThat(read.table().totalRow()).isNull();
		assertThat(read.table().rows()).extracting(TableRow::label).containsExactly("应急管理", "文化旅游");
		assertThat(read.table().fields()).containsEntry("负责人", "")
			.containsEntry("填报人", "张三")
			.containsEntry("联系电话", "13800000000");
	}

}
