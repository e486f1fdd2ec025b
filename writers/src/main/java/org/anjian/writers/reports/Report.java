package org.anjian.writers.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.anjian.writers.exports.AtomicFiles;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A report of one or more titled tables, written as a print-ready .xlsx (one sheet per
 * table: a merged bold title, a bordered header and body, the notes below; A4 landscape,
 * one page wide) or as CSV (UTF-8 with a byte-order mark so Excel on an office PC reads
 * the Chinese; the tables one after another, each under its title).
 *
 * @param tables the tables, in order
 */
public record Report(List<Table> tables) {

	/**
	 * One table. A cell is a {@link Number} (written as a number), null (written “—”), or
	 * anything else (its text).
	 *
	 * @param sheet the sheet's name (at most 31 characters, as Excel allows)
	 * @param title the line above the header
	 * @param header the column names
	 * @param rows the body
	 * @param notes lines below the body (the worst named, what a column means)
	 * @param widths column widths in characters; empty for 12 each
	 */
	public record Table(String sheet, String title, List<String> header, List<List<Object>> rows, List<String> notes,
			List<Integer> widths) {

	}

	/** Writes the report as .xlsx to {@code target}, atomically (aside, then renamed). */
	public void writeXlsx(Path target) throws IOException {
		AtomicFiles.write(target, this::writeXlsx);
	}

	/** Writes the report as .xlsx. */
	public void writeXlsx(OutputStream out) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			CellStyle cell = workbook.createCellStyle();
			cell.setBorderTop(BorderStyle.THIN);
			cell.setBorderBottom(BorderStyle.THIN);
			cell.setBorderLeft(BorderStyle.THIN);
			cell.setBorderRight(BorderStyle.THIN);
			cell.setAlignment(HorizontalAlignment.CENTER);
			cell.setWrapText(true);
			CellStyle title = workbook.createCellStyle();
			Font big = workbook.createFont();
			big.setBold(true);
			big.setFontHeightInPoints((short) 16);
			title.setFont(big);
			title.setAlignment(HorizontalAlignment.CENTER);
			for (Table t : tables) {
				Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(t.sheet()));
				int width = t.header().size();
				Row r0 = sheet.createRow(0);
				r0.createCell(0).setCellValue(t.title());
				r0.getCell(0).setCellStyle(title);
				if (width > 1) {
					sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, width - 1));
				}
				write(sheet.createRow(1), t.header().stream().map(h -> (Object) h).toList(), cell);
				int n = 2;
				for (List<Object> values : t.rows()) {
					write(sheet.createRow(n++), values, cell);
				}
				n++;
				for (String note : t.notes()) {
					sheet.createRow(n).createCell(0).setCellValue(note);
					if (width > 1) {
						sheet.addMergedRegion(new CellRangeAddress(n, n, 0, width - 1));
					}
					n++;
				}
				for (int i = 0; i < width; i++) {
					sheet.setColumnWidth(i, (i < t.widths().size() ? t.widths().get(i) : 12) * 256);
				}
				sheet.getPrintSetup().setLandscape(true);
				sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
				sheet.setFitToPage(true);
				sheet.getPrintSetup().setFitWidth((short) 1);
				sheet.getPrintSetup().setFitHeight((short) 0);
				// the header repeats on every printed page
				sheet.setRepeatingRows(new CellRangeAddress(1, 1, -1, -1));
			}
			workbook.write(out);
		}
	}

	/** Writes the report as CSV (UTF-8 with BOM, CRLF line ends). */
	public void writeCsv(OutputStream out) throws IOException {
		Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		w.write('\uFEFF');
		boolean first = true;
		for (Table t : tables) {
			if (!first) {
				w.write("\r\n");
			}
			first = false;
			line(w, List.of(t.title()));
			line(w, t.header().stream().map(h -> (Object) h).toList());
			for (List<Object> values : t.rows()) {
				line(w, values);
			}
			for (String note : t.notes()) {
				line(w, List.of(note));
			}
		}
		w.flush();
	}

	private static void write(Row row, List<Object> values, CellStyle style) {
		for (int i = 0; i < values.size(); i++) {
			Cell c = row.createCell(i);
			Object v = values.get(i);
			if (v instanceof Number number) {
				c.setCellValue(number instanceof BigDecimal d ? d.doubleValue() : number.doubleValue());
			}
			else {
				c.setCellValue(text(v));
			}
			c.setCellStyle(style);
		}
	}

	private static String text(Object v) {
		if (v == null) {
			return "—";
		}
		if (v instanceof BigDecimal d) {
			return d.toPlainString();
		}
		return v.toString();
	}

	private static void line(Writer w, List<Object> values) throws IOException {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				b.append(',');
			}
			String s = text(values.get(i));
			if (s.matches("(?s).*[\",\\r\\n].*") || s.startsWith("=") || s.startsWith("+") || s.startsWith("@")) {
				// quoted; a leading = + @ would make Excel compute the cell (CSV
				// injection)
				s = "\"" + (s.matches("^[=+@].*") ? "'" : "") + s.replace("\"", "\"\"") + "\"";
			}
			b.append(s);
		}
		w.write(b.append("\r\n").toString());
	}

}
