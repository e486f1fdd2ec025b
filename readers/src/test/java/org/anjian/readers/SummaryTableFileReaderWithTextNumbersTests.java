package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers typed as text, full-width digits, thousands separators, and the many ways of
 * writing zero.
 */
class SummaryTableFileReaderWithTextNumbersTests {

	@TempDir
	Path dir;

	@Test
	void understandsNumbersWrittenByHandAndKeepsWhatIsNotANumber() throws IOException {
		// given
		List<Object> values = new ArrayList<>(Collections.nCopies(TestWorkbooks.F000_COLUMNS.size(), "0"));
		values.set(0, "１２");
		values.set(1, "1,234");
		values.set(2, "1，234");
		values.set(3, " 7 ");
		values.set(4, "无");
		values.set(5, "—");
		values.set(6, "/");
		values.set(7, "－");
		values.set(8, "--");
		values.set(9, "／");
		values.set(10, "12项");
		values.set(11, "");
		values.set(12, "３.５");
		values.set(13, "-");
		values.set(14, "约5");
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.header(sheet, 0, "行业部门", TestWorkbooks.F000_COLUMNS);
		TestWorkbooks.dataRow(sheet, row, " 住建局 ", values);
		Path file = TestWorkbooks.write(workbook, dir.resolve("text-numbers.xlsx"));

		// when
		TableRow read = new SummaryTableFileReader().read(file).table().rows().get(0);

		// then
		Map<String, CellValue> cells = read.cells();
		assertThat(read.label()).isEqualTo("住建局");
		assertThat(cells.get("inspection_teams")).isEqualTo(new CellValue("B", "１２", new BigDecimal("12")));
		assertThat(cells.get("inspectors").number()).isEqualByComparingTo("1234");
		assertThat(cells.get("experts").number()).isEqualByComparingTo("1234");
		assertThat(cells.get("enterprises_inspected")).isEqualTo(new CellValue("E", "7", new BigDecimal("7")));
		for (String zero : List.of("hazards_total", "hazards_major", "hazards_general", "rectified_total",
				"rectified_major", "rectified_general", "cases_filed", "double_penalty_cases")) {
			assertThat(cells.get(zero).number()).as(zero).isEqualByComparingTo("0");
		}
		assertThat(cells.get("hazards_total").raw()).isEqualTo("无");
		assertThat(cells.get("emergency_measures")).isEqualTo(new CellValue("L", "12项", null));
		assertThat(cells.get("fines_wan").number()).isEqualByComparingTo("3.5");
		assertThat(cells.get("closures_requested").isNumber()).isFalse();
		assertThat(cells.get("closures_requested").raw()).isEqualTo("约5");
	}

}
