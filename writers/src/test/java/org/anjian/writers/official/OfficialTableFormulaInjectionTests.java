package org.anjian.writers.official;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every character a spreadsheet starts a formula with, in every text a submitter or the
 * reference data supplies.
 */
class OfficialTableFormulaInjectionTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1" })
	void textStartingAFormulaIsWrittenAsTextAndNoCellOfTheTableIsAFormula(String text) throws Exception {
		OfficialTable base = OfficialTableWriterTests.table("F-000", OfficialTableWriterTests.F000, 3);
		List<OfficialRow> rows = new ArrayList<>(base.rows());
		rows.set(1, new OfficialRow(text, base.rows().get(1).values()));
		OfficialTable table = new OfficialTable("F-000", text + base.title(), base.firstMonth(), base.lastMonth(), text,
				base.filledOn(), rows, base.total());
		Path xlsx = dir.resolve("official.xlsx");

		new OfficialTableWriter().write(table, xlsx);

		try (Workbook wb = OfficialTableWriterTests.open(xlsx)) {
			int cells = 0;
			boolean labelSeen = false;
			for (Sheet sheet : wb) {
				for (Row row : sheet) {
					for (Cell cell : row) {
						cells++;
						assertThat(cell.getCellType()).as(cell.getAddress().formatAsString())
							.isNotEqualTo(CellType.FORMULA);
						if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(text)) {
							labelSeen = true;
							assertThat(cell.getCellStyle().getQuotePrefixed())
								.as("quote prefix on " + cell.getAddress())
								.isTrue();
						}
					}
				}
			}
			assertThat(cells).isGreaterThan(100);
			assertThat(labelSeen).as("the row label is kept as submitted").isTrue();
		}
	}

}
