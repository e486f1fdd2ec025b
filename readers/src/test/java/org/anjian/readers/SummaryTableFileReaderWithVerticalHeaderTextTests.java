package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers typed one character per line (竖排), with stray spaces, full-width spaces and
 * line breaks.
 */
class SummaryTableFileReaderWithVerticalHeaderTextTests {

	@TempDir
	Path dir;

	@Test
	void matchesHeadersAfterRemovingEveryKindOfWhitespace() throws IOException {
		// given
		List<String[]> columns = new ArrayList<>();
		for (String[] column : TestWorkbooks.F000_COLUMNS) {
			columns.add(
					TestWorkbooks.col(column[0] == null ? null : column[0].replace("数量", "\n数量"), vertical(column[1])));
		}
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.titleLines(sheet, "（２０２４年４月至　５　月）", "玉带街道");
		row = TestWorkbooks.header(sheet, row, "行业\n部门", columns);
		TestWorkbooks.dataRow(sheet, row, "住建", TestWorkbooks.counting(3));
		Path file = TestWorkbooks.write(workbook, dir.resolve("vertical.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		SummaryTable table = read.table();
		assertThat(table.headerColumns().keySet()).containsExactlyElementsOf(TestWorkbooks.F000_CODES);
		assertThat(table.rows().get(0).labelColumn()).isEqualTo("A");
		assertThat(table.rows().get(0).cells().get("inspectors").number()).isEqualByComparingTo("6");
		assertThat(table.firstMonth()).hasToString("2024-04");
		assertThat(table.lastMonth()).hasToString("2024-05");
	}

	/** “派出检查小组” → “派\n出 \n检\r\n查\n小 \n组”, as WPS users type it. */
	private static String vertical(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			out.append(text.charAt(i));
			if (i < text.length() - 1) {
				out.append(i % 3 == 0 ? " \n" : i % 3 == 1 ? "\r\n" : "\u3000\n");
			}
		}
		return out.toString();
	}

}
