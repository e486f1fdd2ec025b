package org.anjian.writers.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotated workbook read back by POI: a record-level list is not copied (only its
 * failing rows, with their original values, in 审核意见); an .xlsx copy keeps merges and
 * values, turns formulas into values and never makes a formula of submitter text.
 */
class FeedbackWorkbookTests {

	@TempDir
	Path dir;

	private final FeedbackWorkbook workbook = new FeedbackWorkbook(FeedbackHints.bundled());

	@Test
	void aListWithRowErrorsIsNotCopiedItsFailingRowsAreListed() throws IOException {
		Path list = dir.resolve("隐患台账.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(list)) {
			Sheet sheet = wb.createSheet("台账");
			sheet.createRow(0).createCell(0).setCellValue("企业名称");
			sheet.getRow(0).createCell(1).setCellValue("发现日期");
			for (int r = 1; r <= 3000; r++) {
				Row row = sheet.createRow(r);
				row.createCell(0).setCellValue("企业" + r);
				row.createCell(1).setCellValue(r == 1200 ? "五月三日" : "2024-05-03");
			}
			wb.write(out);
		}
		List<FeedbackWorkbook.Item> items = List.of(new FeedbackWorkbook.Item(true, "LIST_DATE_INVALID", "台账", 1201,
				"发现日期", "第1201行“发现日期”：“五月三日”不是日期", null));
		Path target = dir.resolve("out.xlsx");
		workbook.write(new FeedbackWorkbook.Submission(list, "xlsx", true, "隐患台账.xlsx", "新场镇",
				LocalDateTime.of(2024, 5, 14, 9, 0), FeedbackWorkbook.ACCEPTED_WITH_NOTES), items, target);

		try (XSSFWorkbook wb = open(target)) {
			assertThat(wb.getNumberOfSheets()).as("the big sheet is not copied").isEqualTo(1);
			Sheet findings = wb.getSheetAt(0);
			assertThat(findings.getSheetName()).isEqualTo(FeedbackWorkbook.SHEET);
			Row row = findings.getRow(FeedbackWorkbook.HEADING_ROW + 1);
			assertThat(text(row, 2)).isEqualTo("LIST_DATE_INVALID");
			assertThat(text(row, 4)).isEqualTo("1201");
			assertThat(text(row, 6)).as("the row's original values").isEqualTo("A：企业1200；B：五月三日");
			assertThat(text(row, 8)).contains("2024-05-03");
			assertThat(text(findings.getRow(2), 0)).contains(FeedbackWorkbook.ACCEPTED_WITH_NOTES);
		}
	}

	@Test
	void aLedgerWithAFindingOnEveryRowListsTheFirstAndCountsThemAll() throws IOException {
		// the writer hands over only the first findings and the totals: a million-row
		// ledger's findings do not fit the heap
		List<FeedbackWorkbook.Item> first = new ArrayList<>();
		for (int r = 4; first.size() < FeedbackWorkbook.MAX_LISTED; r++) {
			first.add(new FeedbackWorkbook.Item(false, "LIST_USCC_INVALID", "隐患台账", r, "统一社会信用代码",
					"第" + r + "行“统一社会信用代码”不是18位", null));
		}
		Path target = dir.resolve("out.xlsx");
		workbook.write(
				new FeedbackWorkbook.Submission(dir.resolve("不在了.xlsx"), "xlsx", true, "隐患台账.xlsx", "鹤鸣县应急管理局",
						LocalDateTime.of(2024, 11, 5, 9, 0), FeedbackWorkbook.ACCEPTED_WITH_NOTES),
				first, 0, 1_857_241, target);

		try (XSSFWorkbook wb = open(target)) {
			Sheet findings = wb.getSheetAt(0);
			assertThat(text(findings.getRow(2), 0)).contains("有 1857241 条提示");
			int last = FeedbackWorkbook.HEADING_ROW + FeedbackWorkbook.MAX_LISTED;
			assertThat(text(findings.getRow(last), 4)).isEqualTo(String.valueOf(3 + FeedbackWorkbook.MAX_LISTED));
			assertThat(text(findings.getRow(last + 1), 0))
				.isEqualTo("另有 " + (1_857_241 - FeedbackWorkbook.MAX_LISTED) + " 条未列出（见安委办工作台的文件页面）");
		}
	}

	@Test
	void aListsSheetHasItsLayoutAndEveryListedRowItsStyleFarPastTheFirstRows() throws IOException {
		// a list's 审核意见 sheet is written row by row (streamed): the title rows,
		// sheet settings and the styles of rows written out long before the end must
		// read back as built
		List<FeedbackWorkbook.Item> first = new ArrayList<>();
		for (int r = 4; first.size() < 1200; r++) {
			boolean error = r % 7 == 0;
			first.add(new FeedbackWorkbook.Item(error, error ? "LIST_DATE_INVALID" : "LIST_VALUE_UNKNOWN", "台账", r,
					"隐患来源", "第" + r + "行 问题", null));
		}
		Path target = dir.resolve("out.xlsx");
		workbook.write(new FeedbackWorkbook.Submission(dir.resolve("不在了.xlsx"), "xlsx", true, "隐患台账.xlsx", "新场镇",
				LocalDateTime.of(2024, 11, 5, 9, 0), FeedbackWorkbook.REJECTED), first, target);

		try (XSSFWorkbook wb = open(target)) {
			XSSFSheet findings = wb.getSheetAt(0);
			assertThat(findings.getRow(2).getHeightInPoints()).isEqualTo(36f);
			assertThat(findings.getMergedRegions().stream().map(CellRangeAddress::formatAsString))
				.containsExactly("A1:J1", "A3:J3");
			assertThat(findings.getPaneInformation().isFreezePane()).isTrue();
			assertThat(findings.getPaneInformation().getHorizontalSplitPosition())
				.isEqualTo((short) (FeedbackWorkbook.HEADING_ROW + 1));
			assertThat(findings.getRepeatingRows().formatAsString()).isEqualTo("7:7");
			assertThat(findings.getPrintSetup().getLandscape()).isTrue();
			assertThat(findings.getFitToPage()).isTrue();
			assertThat(findings.getColumnWidth(7)).isEqualTo(50 * 256);
			assertThat(text(findings.getRow(0), 0)).isEqualTo("审核意见：隐患台账.xlsx");
			assertThat(((XSSFCellStyle) findings.getRow(0).getCell(0).getCellStyle()).getFont().getBold()).isTrue();
			assertThat(((XSSFCellStyle) findings.getRow(FeedbackWorkbook.HEADING_ROW).getCell(0).getCellStyle())
				.getFillForegroundXSSFColor()
				.getARGBHex()).isEqualTo("FFD9E1F2");
			for (int i = 0; i < first.size(); i++) {
				Row row = findings.getRow(FeedbackWorkbook.HEADING_ROW + 1 + i);
				FeedbackWorkbook.Item item = first.get(i);
				assertThat(text(row, 0)).isEqualTo(String.valueOf(i + 1));
				assertThat(text(row, 1)).isEqualTo(item.error() ? "错误" : "提示");
				assertThat(text(row, 4)).isEqualTo(String.valueOf(item.row()));
				assertThat(text(row, 7)).isEqualTo(item.message());
				XSSFCellStyle kind = (XSSFCellStyle) row.getCell(1).getCellStyle();
				assertThat(kind.getFillForegroundXSSFColor().getARGBHex())
					.isEqualTo("FF" + (item.error() ? FeedbackWorkbook.ERROR_FILL : FeedbackWorkbook.WARNING_FILL));
				assertThat(kind.getWrapText()).isTrue();
				assertThat(row.getCell(7).getCellStyle().getWrapText()).isTrue();
			}
			assertThat(findings.getLastRowNum()).isEqualTo(FeedbackWorkbook.HEADING_ROW + first.size());
		}
	}

	@Test
	void anXlsxCopyKeepsMergesAndValuesAndRunsNothing() throws IOException {
		Path original = dir.resolve("表.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(original)) {
			Sheet sheet = wb.createSheet("Sheet1");
			sheet.createRow(0).createCell(0).setCellValue("标题");
			sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
			Row row = sheet.createRow(4);
			row.createCell(0).setCellValue("住建");
			row.createCell(1).setCellValue("=HYPERLINK(\"http://example.invalid\",\"点我\")");
			row.createCell(2).setCellValue(7);
			row.createCell(3).setCellFormula("C5*2");
			wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
			wb.write(out);
		}
		List<FeedbackWorkbook.Item> items = List.of(
				new FeedbackWorkbook.Item(true, "NOT_A_NUMBER", "Sheet1", 5, "B", "第5行“住建”B列：不是数字", null),
				new FeedbackWorkbook.Item(false, "CUMULATIVE_DECREASE", "Sheet1", 5, "C", "第5行 C列比上月少", "4月误报"),
				// a mark left of one already made (adjacent cells, right to left)
				new FeedbackWorkbook.Item(true, "UNKNOWN_INDUSTRY", "Sheet1", 5, "A", "第5行：行业“住建”不在名单中", null));
		Path target = dir.resolve("out.xlsx");
		workbook.write(new FeedbackWorkbook.Submission(original, "xlsx", false, "表.xlsx", "新场镇",
				LocalDateTime.of(2024, 5, 14, 9, 0), FeedbackWorkbook.REJECTED), items, target);

		try (XSSFWorkbook wb = open(target)) {
			assertThat(wb.getSheetName(0)).isEqualTo(FeedbackWorkbook.SHEET);
			Sheet copy = wb.getSheet("Sheet1");
			assertThat(copy.getMergedRegions()).containsExactly(new CellRangeAddress(0, 0, 0, 3));
			Cell b5 = copy.getRow(4).getCell(1);
			assertThat(b5.getCellType()).isEqualTo(CellType.STRING);
			assertThat(b5.getStringCellValue()).startsWith("=HYPERLINK(");
			assertThat(fill(b5)).isEqualTo(FeedbackWorkbook.ERROR_FILL);
			assertThat(b5.getCellComment().getString().getString()).contains("不是数字");
			Cell c5 = copy.getRow(4).getCell(2);
			assertThat(c5.getNumericCellValue()).isEqualTo(7);
			assertThat(fill(c5)).isEqualTo(FeedbackWorkbook.WARNING_FILL);
			assertThat(c5.getCellComment().getString().getString()).contains("已说明：4月误报");
			assertThat(fill(copy.getRow(4).getCell(0))).isEqualTo(FeedbackWorkbook.ERROR_FILL);
			assertThat(copy.getRow(4).getCell(0).getCellComment().getString().getString()).contains("不在名单中");
			Cell d5 = copy.getRow(4).getCell(3);
			assertThat(d5.getCellType()).as("the copy's formula became its value").isEqualTo(CellType.NUMERIC);
			assertThat(d5.getNumericCellValue()).isEqualTo(14);
			assertThat(formulas(wb)).isEmpty();
			Sheet findings = wb.getSheetAt(0);
			Row first = findings.getRow(FeedbackWorkbook.HEADING_ROW + 1);
			assertThat(text(first, 6)).startsWith("=HYPERLINK(");
			assertThat(first.getCell(6).getCellType()).isEqualTo(CellType.STRING);
			assertThat(text(findings.getRow(FeedbackWorkbook.HEADING_ROW + 2), 9)).isEqualTo("已说明：4月误报");
		}
	}

	@Test
	void aListsSheetReadsBackAsACopysFindingsSheetDoes() throws IOException {
		// a list's workbook is written without POI (FindingsPackage), a copy's 审核意见
		// sheet with it: the same findings read back the same, cell by cell and style by
		// style, but for the list's note
		List<FeedbackWorkbook.Item> items = new ArrayList<>();
		for (int r = 4; r < 40; r++) {
			boolean error = r % 3 == 0;
			items.add(new FeedbackWorkbook.Item(error, error ? "LIST_DATE_INVALID" : "LIST_VALUE_UNKNOWN", "台账", r,
					"隐患来源", switch (r % 5) {
						case 0 -> " 前后有空格 ";
						case 1 -> "<b>&\"引号\"</b>\n第二行\t制表";
						case 2 -> "控制\u0001字符\u00A0不换行空格😀";
						default -> "第" + r + "行“隐患来源”填写为“双随机抽查”";
					}, r % 4 == 0 ? "4月误报（新场镇，2024-05-14 09:00:00）" : null));
		}
		items.add(new FeedbackWorkbook.Item(false, "FILE_NOTE", null, null, null, "整表提示", null));
		LocalDateTime received = LocalDateTime.of(2024, 5, 14, 9, 0);
		Path list = dir.resolve("list.xlsx");
		workbook.write(new FeedbackWorkbook.Submission(dir.resolve("不在了.xlsx"), "xlsx", true, "台账.xlsx", "新场镇",
				received, FeedbackWorkbook.REJECTED), items, 12, 3000, list);
		Path csv = dir.resolve("台账.csv");
		Files.writeString(csv, "企业名称,隐患来源\n企业1,自查\n");
		Path copy = dir.resolve("copy.xlsx");
		workbook.write(new FeedbackWorkbook.Submission(csv, "csv", false, "台账.xlsx", "新场镇", received,
				FeedbackWorkbook.REJECTED), items, 12, 3000, copy);

		try (XSSFWorkbook listed = open(list); XSSFWorkbook copied = open(copy)) {
			assertThat(listed.getNumberOfSheets()).isEqualTo(1);
			XSSFSheet a = listed.getSheetAt(0);
			XSSFSheet b = copied.getSheetAt(0);
			assertThat(a.getSheetName()).isEqualTo(b.getSheetName()).isEqualTo(FeedbackWorkbook.SHEET);
			assertThat(listed.getActiveSheetIndex()).isEqualTo(copied.getActiveSheetIndex()).isZero();
			assertThat(a.isSelected()).isEqualTo(b.isSelected()).isTrue();
			assertThat(text(a.getRow(4), 0)).isEqualTo(FeedbackWorkbook.LIST_NOTE);
			assertThat(b.getRow(4) == null).as("a copy has no note").isTrue();
			assertThat(a.getLastRowNum()).isEqualTo(b.getLastRowNum());
			for (int r = 0; r <= a.getLastRowNum(); r++) {
				if (r == 4) {
					continue;
				}
				Row x = a.getRow(r);
				Row y = b.getRow(r);
				assertThat(x == null).as("row %d", r).isEqualTo(y == null);
				if (x == null) {
					continue;
				}
				assertThat(x.getHeightInPoints()).as("row %d height", r).isEqualTo(y.getHeightInPoints());
				assertThat(x.getLastCellNum()).as("row %d cells", r).isEqualTo(y.getLastCellNum());
				for (int c = 0; c < x.getLastCellNum(); c++) {
					assertThat(look(x.getCell(c))).as("cell %s", x.getCell(c).getAddress())
						.isEqualTo(look(y.getCell(c)));
				}
			}
			for (int c = 0; c < 12; c++) {
				assertThat(a.getColumnWidth(c)).as("column %d", c).isEqualTo(b.getColumnWidth(c));
			}
			assertThat(a.getMergedRegions()).isEqualTo(b.getMergedRegions());
			assertThat(a.getPaneInformation().isFreezePane()).isEqualTo(b.getPaneInformation().isFreezePane()).isTrue();
			assertThat(a.getPaneInformation().getHorizontalSplitPosition())
				.isEqualTo(b.getPaneInformation().getHorizontalSplitPosition());
			assertThat(a.getPaneInformation().getHorizontalSplitTopRow())
				.isEqualTo(b.getPaneInformation().getHorizontalSplitTopRow());
			assertThat(a.getRepeatingRows().formatAsString()).isEqualTo(b.getRepeatingRows().formatAsString());
			assertThat(a.getFitToPage()).isEqualTo(b.getFitToPage());
			assertThat(a.getPrintSetup().getLandscape()).isEqualTo(b.getPrintSetup().getLandscape());
			assertThat(a.getPrintSetup().getPaperSize()).isEqualTo(b.getPrintSetup().getPaperSize());
			assertThat(a.getPrintSetup().getFitWidth()).isEqualTo(b.getPrintSetup().getFitWidth());
			assertThat(a.getPrintSetup().getFitHeight()).isEqualTo(b.getPrintSetup().getFitHeight());
			assertThat(a.getDefaultRowHeightInPoints()).isEqualTo(b.getDefaultRowHeightInPoints());
		}
	}

	/** A cell's type, text and everything its style shows. */
	private static String look(Cell cell) {
		XSSFCellStyle style = (XSSFCellStyle) cell.getCellStyle();
		org.apache.poi.xssf.usermodel.XSSFFont font = style.getFont();
		return cell.getCellType() + " [" + cell.getStringCellValue() + "] " + font.getFontName() + " "
				+ font.getFontHeightInPoints() + " bold " + font.getBold() + " italic " + font.getItalic() + " "
				+ style.getFillPattern() + " " + fill(cell) + " " + style.getAlignment() + " "
				+ style.getVerticalAlignment() + " wrap " + style.getWrapText() + " " + style.getDataFormatString()
				+ " border " + style.getBorderTop() + style.getBorderBottom() + style.getBorderLeft()
				+ style.getBorderRight();
	}

	static XSSFWorkbook open(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new XSSFWorkbook(in);
		}
	}

	static String fill(Cell cell) {
		XSSFCellStyle style = (XSSFCellStyle) cell.getCellStyle();
		return style.getFillForegroundXSSFColor() == null ? null
				: org.apache.poi.util.HexDump.toHex(style.getFillForegroundXSSFColor().getRGB())
					.replace("[", "")
					.replace("]", "")
					.replace(", ", "")
					.replace(",", "")
					.replace(" ", "");
	}

	static List<String> formulas(XSSFWorkbook wb) {
		List<String> out = new ArrayList<>();
		for (Sheet sheet : wb) {
			for (Row row : sheet) {
				for (Cell cell : row) {
					if (cell.getCellType() == CellType.FORMULA) {
						out.add(sheet.getSheetName() + "!" + cell.getAddress());
					}
				}
			}
		}
		return out;
	}

	private static String text(Row row, int column) {
		return row.getCell(column) == null ? null : row.getCell(column).getStringCellValue();
	}

}
