package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The old binary .xls (Excel 97–2003, HSSF), also when its name says .xlsx. */
class SummaryTableFileReaderWithOldXlsFormatTests {

	@TempDir
	Path dir;

	@Test
	void readsAnXlsWorkbookWithMergedHeader() throws IOException {
		// given
		Path file = TestWorkbooks.write(xls(), dir.resolve("应急局.xls"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.format()).isEqualTo("xls");
		assertThat(read.findings()).isEmpty();
		assertThat(read.table().headerColumns().keySet()).containsExactlyElementsOf(TestWorkbooks.F000_CODES);
		assertThat(read.table().rows()).extracting(TableRow::label).containsExactly("应急管理");
		assertThat(read.table().rows().get(0).cells().get("fines_wan").raw()).isEqualTo("1.55");
		assertThat(read.table().totalRow().rowNumber()).isEqualTo(7);
		assertThat(read.table().fields()).containsEntry("填报单位", "应急管理局");
	}

	@Test
	void recognisesTheFormatByContentNotByName() throws IOException {
		// given
		Path file = TestWorkbooks.write(xls(), dir.resolve("renamed.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.format()).isEqualTo("xls");
		assertThat(read.hasTable()).isTrue();
	}

	private static HSSFWorkbook xls() {
		HSSFWorkbook workbook = new HSSFWorkbook();
		Sheet sheet = workbook.createSheet("附件1");
		int row = TestWorkbooks.titleLines(sheet, "（2024年4月至5月）", "应急管理局");
		row = TestWorkbooks.header(sheet, row, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(sheet, row, "应急管理", TestWorkbooks.counting(1)).getCell(13).setCellValue(1.55);
		TestWorkbooks.dataRow(sheet, row + 1, "合  计", TestWorkbooks.counting(1)).getCell(13).setCellValue(1.55);
		return workbook;
	}

}
