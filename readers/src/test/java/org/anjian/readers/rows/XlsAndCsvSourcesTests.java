package org.anjian.readers.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.grid.CellRange;
import org.anjian.readers.grid.Grid;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsAndCsvSourcesTests {

	@TempDir
	Path dir;

	private static List<String> rows(Path file, int sheet) throws Exception {
		List<String> out = new ArrayList<>();
		try (SpreadsheetSource source = SpreadsheetSources.open(file);
				RowSource rows = source.open(source.sheets().get(sheet))) {
			while (rows.next()) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < rows.width(); c++) {
					cells.add(rows.text(c));
				}
				out.add((rows.rowIndex() + 1) + (rows.rowHidden() ? "h" : "") + ":" + String.join("|", cells));
			}
		}
		return out;
	}

	@Test
	void xlsCellsFormulasDatesHiddenRowsAndSheets() throws Exception {
		Path file = dir.resolve("old.xls");
		try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			workbook.createSheet("说明");
			Sheet sheet = workbook.createSheet("台账");
			workbook.setSheetHidden(0, true);
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
			Row first = sheet.createRow(0);
			first.createCell(0).setCellValue("企业名称");
			first.createCell(1).setCellValue(21.099999999999998);
			first.createCell(2).setCellValue(true);
			Cell dateCell = first.createCell(3);
			dateCell.setCellValue(LocalDate.of(2024, 5, 3));
			dateCell.setCellStyle(date);
			Row second = sheet.createRow(1);
			second.createCell(0).setCellFormula("\"甲\"&\"公司\"");
			second.createCell(2).setCellFormula("2*3");
			second.setZeroHeight(true);
			sheet.createRow(4).createCell(1).setCellValue(12);
			sheet.addMergedRegion(CellRangeAddress.valueOf("A5:A6"));
			workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
			workbook.write(out);
		}

		try (SpreadsheetSource source = SpreadsheetSources.open(file)) {
			assertThat(source.format()).isEqualTo("xls");
			assertThat(source.sheets()).containsExactly(new SheetInfo(0, "说明", true), new SheetInfo(1, "台账", false));
		}
		assertThat(rows(file, 0)).isEmpty();
		assertThat(rows(file, 1)).containsExactly("1:企业名称|21.1|TRUE|2024-05-03", "2h:甲公司||6", "5:|12");
		try (SpreadsheetSource source = SpreadsheetSources.open(file);
				RowSource rows = source.open(source.sheets().get(1))) {
			Grid grid = Grids.read(rows);
			assertThat(grid.mergedRegions()).containsExactly(new CellRange(4, 5, 0, 0));
			assertThat(grid.isRowHidden(1)).isTrue();
		}
	}

	@Test
	void csvInGbkWithQuotedLineBreaksNumbersRowsByTheirFirstLine() throws Exception {
		String text = "新场镇隐患台账\r\n企业名称,隐患描述\r\n甲公司,\"1.通道堵塞\n2.灭火器过期\"\r\n乙公司,\"他说\"\"好\"\"\"\r\n";
		Path file = Files.write(dir.resolve("gbk.csv"), text.getBytes(Charset.forName("GBK")));

		try (SpreadsheetSource source = SpreadsheetSources.open(file)) {
			assertThat(source.format()).isEqualTo("csv");
			assertThat(((CsvSource) source).charset().name()).isEqualTo("GB18030");
			assertThat(source.sheets()).singleElement().extracting(SheetInfo::name).isEqualTo("gbk");
		}
		assertThat(rows(file, 0)).containsExactly("1:新场镇隐患台账", "2:企业名称|隐患描述", "3:甲公司|1.通道堵塞\n2.灭火器过期", "5:乙公司|他说\"好\"");
	}

	@Test
	void csvInUtf8WithBomAndSemicolons() throws Exception {
		byte[] body = "姓名;手机号码\n张三;13800138000\n".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[body.length + 3];
		bytes[0] = (byte) 0xEF;
		bytes[1] = (byte) 0xBB;
		bytes[2] = (byte) 0xBF;
		System.arraycopy(body, 0, bytes, 3, body.length);
		Path file = Files.write(dir.resolve("bom.txt"), bytes);

		assertThat(rows(file, 0)).containsExactly("1:姓名|手机号码", "2:张三|13800138000");
	}

	@Test
	void aUtf8SampleCutInsideACharacterIsStillUtf8() throws Exception {
		StringBuilder text = new StringBuilder("企业名称,备注\n");
		while (text.length() < SpreadsheetSources.CSV_SAMPLE_BYTES) {
			text.append("新场镇某某有限公司,无\n");
		}
		Path file = Files.writeString(dir.resolve("long.csv"), text, StandardCharsets.UTF_8);
		try (SpreadsheetSource source = SpreadsheetSources.open(file)) {
			assertThat(((CsvSource) source).charset()).isEqualTo(StandardCharsets.UTF_8);
		}
	}

	@Test
	void notSpreadsheets() throws Exception {
		Path pdf = Files.writeString(dir.resolve("a.xlsx"), "%PDF-1.4\n1 0 obj\n");
		assertThatThrownBy(() -> SpreadsheetSources.open(pdf))
			.isInstanceOf(SpreadsheetSources.NotASpreadsheetException.class);
		Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
		assertThatThrownBy(() -> SpreadsheetSources.open(empty))
			.isInstanceOf(SpreadsheetSources.NotASpreadsheetException.class);
		Path prose = Files.writeString(dir.resolve("note.csv"), "请查收附件。\n谢谢");
		assertThatThrownBy(() -> SpreadsheetSources.open(prose))
			.isInstanceOf(SpreadsheetSources.NotASpreadsheetException.class);
	}

}
