package org.anjian.jobs.support.offices;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The same table in the other formats offices send: an .xlsx written by the official
 * table writer copied cell by cell into an Excel 97 .xls (values and merged cells), or
 * saved “as CSV” (a merged cell's text in its first cell, the rest empty, as Excel does)
 * in GBK or UTF-8 with a byte-order mark.
 */
public final class SpreadsheetCopies {

	private SpreadsheetCopies() {
	}

	/** Copies the first sheet of {@code xlsx} into a new .xls at {@code xls}. */
	public static void toXls(Path xlsx, Path xls) throws IOException {
		try (Workbook in = WorkbookFactory.create(xlsx.toFile(), null, true); HSSFWorkbook out = new HSSFWorkbook()) {
			Sheet from = in.getSheetAt(0);
			Sheet to = out.createSheet(from.getSheetName());
			for (Row row : from) {
				Row copy = to.createRow(row.getRowNum());
				for (Cell cell : row) {
					Cell c = copy.createCell(cell.getColumnIndex());
					if (cell.getCellType() == CellType.NUMERIC) {
						c.setCellValue(cell.getNumericCellValue());
						if (percent(cell)) {
							// a rate (F-003-II) stays a percentage cell
							c.setCellStyle(percentStyle(out));
						}
					}
					else if (cell.getCellType() == CellType.STRING) {
						c.setCellValue(cell.getStringCellValue());
					}
				}
			}
			for (CellRangeAddress merged : from.getMergedRegions()) {
				to.addMergedRegion(merged);
			}
			try (OutputStream os = Files.newOutputStream(xls)) {
				out.write(os);
			}
		}
	}

	/**
	 * Saves the first sheet of {@code xlsx} as CSV in {@code charset}; UTF-8 gets a
	 * byte-order mark, as Excel's “CSV UTF-8” does.
	 */
	public static void toCsv(Path xlsx, Path csv, Charset charset) throws IOException {
		List<String> lines = new ArrayList<>();
		try (Workbook in = WorkbookFactory.create(xlsx.toFile(), null, true)) {
			Sheet sheet = in.getSheetAt(0);
			int width = 0;
			for (Row row : sheet) {
				width = Math.max(width, row.getLastCellNum());
			}
			for (int r = 0; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < width; c++) {
					Cell cell = row == null ? null : row.getCell(c);
					cells.add(csvField(text(cell)));
				}
				lines.add(String.join(",", cells));
			}
		}
		String text = String.join("\r\n", lines) + "\r\n";
		byte[] bytes = text.getBytes(charset);
		try (OutputStream os = Files.newOutputStream(csv)) {
			if (charset.equals(StandardCharsets.UTF_8)) {
				os.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
			}
			os.write(bytes);
		}
	}

	private static String text(Cell cell) {
		if (cell == null) {
			return "";
		}
		if (cell.getCellType() == CellType.NUMERIC && percent(cell)) {
			// as Excel saves a 0.00% cell: “37.91%”
			return BigDecimal.valueOf(cell.getNumericCellValue() * 100)
				.setScale(2, RoundingMode.HALF_UP)
				.toPlainString() + "%";
		}
		if (cell.getCellType() == CellType.NUMERIC) {
			BigDecimal value = BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros();
			return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
		}
		// the writer's own line breaks in header cells dropped, as the CSVs offices send
		// have their headers on one line
		return cell.getCellType() == CellType.STRING ? cell.getStringCellValue().replace("\n", "") : "";
	}

	private static boolean percent(Cell cell) {
		return cell.getCellStyle().getDataFormatString() != null
				&& cell.getCellStyle().getDataFormatString().contains("%");
	}

	private static CellStyle percentStyle(HSSFWorkbook out) {
		for (int i = 0; i < out.getNumCellStyles(); i++) {
			CellStyle style = out.getCellStyleAt(i);
			if ("0.00%".equals(style.getDataFormatString())) {
				return style;
			}
		}
		CellStyle style = out.createCellStyle();
		style.setDataFormat(out.createDataFormat().getFormat("0.00%"));
		return style;
	}

	private static String csvField(String s) {
		if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
			return "\"" + s.replace("\"", "\"\"") + "\"";
		}
		return s;
	}

}
