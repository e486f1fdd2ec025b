package org.anjian.jobs.support;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;

/** Reading an annotated workbook (审核意见) back as a township sees it. */
public final class AnnotatedWorkbooks {

	private AnnotatedWorkbooks() {
	}

	/**
	 * The cell at {@code ref} as Excel shows it: inside a merged header, the merge's
	 * first cell (the one whose fill and comment the reader sees).
	 */
	public static Cell cell(Sheet sheet, String ref) {
		CellReference r = new CellReference(ref);
		for (CellRangeAddress merged : sheet.getMergedRegions()) {
			if (merged.isInRange(r.getRow(), r.getCol())) {
				return sheet.getRow(merged.getFirstRow()).getCell(merged.getFirstColumn());
			}
		}
		return sheet.getRow(r.getRow()).getCell(r.getCol());
	}

	/** The cell's solid fill as RGB hex ({@code FFC7CE}), or null. */
	public static String fill(Cell cell) {
		XSSFColor color = ((XSSFCellStyle) cell.getCellStyle()).getFillForegroundXSSFColor();
		if (color == null || color.getRGB() == null) {
			return null;
		}
		StringBuilder hex = new StringBuilder();
		for (byte b : color.getRGB()) {
			hex.append(String.format("%02X", b));
		}
		return hex.toString();
	}

	/** Every row's cells as shown. */
	public static List<List<String>> rows(Sheet sheet) {
		DataFormatter formatter = new DataFormatter();
		List<List<String>> out = new ArrayList<>();
		for (Row row : sheet) {
			List<String> cells = new ArrayList<>();
			for (Cell cell : row) {
				cells.add(formatter.formatCellValue(cell));
			}
			out.add(cells);
		}
		return out;
	}

}
