package org.anjian.writers.official;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.RegionUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes an {@link OfficialTable} as an .xlsx in its form's printed layout
 * ({@link FormLayout}): title, period line, 填报单位 / 填报时间, the merged header, the units
 * row, one row per industry, 合计, and the 负责人 line. One landscape A4 page. Figures are
 * numeric cells (counts "0", 万元 "0.00"); the file holds values only, never formulas.
 *
 * <p>
 * Text that came from outside (labels, 填报单位) and starts with = + - @ tab or CR is still
 * written as a plain string cell, which Excel never evaluates, and additionally gets
 * Excel's own "quote prefix" flag (the apostrophe a user types to force text): the text
 * stays exactly as submitted, and re-entering the cell in Excel keeps it text.
 */
public final class OfficialTableWriter {

	static final String FONT = "宋体";

	static final String COUNT_FORMAT = "0";

	static final String DECIMAL_FORMAT = "0.00";

	/** Rates (检查覆盖率 …) as the form prints them: a percentage with two decimals. */
	static final String PERCENT_FORMAT = "0.00%";

	/** Measures printed with two decimals; every other measure is a whole count. */
	static final String DECIMAL_MEASURE = "fines_wan";

	/**
	 * Writes the table to {@code xlsx} (replacing it), in the layout of
	 * {@code table.formId()}.
	 */
	public void write(OfficialTable table, Path xlsx) throws IOException {
		try (OutputStream out = Files.newOutputStream(xlsx)) {
			write(table, out);
		}
	}

	/** Writes the table as .xlsx bytes to {@code out}; the caller closes the stream. */
	public void write(OfficialTable table, OutputStream out) throws IOException {
		FormLayout layout = FormLayout.of(table.formId());
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			new Sheet(workbook, layout).fill(table);
			workbook.write(out);
		}
	}

	private static final AtomicBoolean PRELOADING = new AtomicBoolean();

	/**
	 * Starts, once per process, a daemon thread that writes an empty F-000 table to
	 * nowhere, so that POI's classes and xmlbeans' type system are loaded and initialised
	 * while the caller does other work: about a second of a first rollup's table write in
	 * a new process. The rollup job calls it when it starts materializing (a rollup whose
	 * job is already complete writes nothing and loads nothing). Any failure is left to
	 * the real write to report.
	 */
	public static void preloadInBackground() {
		if (PRELOADING.compareAndSet(false, true)) {
			Thread thread = new Thread(OfficialTableWriter::preload, "xlsx-preload");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private static void preload() {
		try {
			OfficialRow total = new OfficialRow("合计", Map.of());
			YearMonth month = YearMonth.of(2024, 1);
			new OfficialTableWriter().write(
					new OfficialTable("F-000", "", month, month, "", LocalDate.of(2024, 1, 1), List.of(), total),
					OutputStream.nullOutputStream());
		}
		catch (IOException | RuntimeException ex) {
			// the real write reports it
		}
	}

	/**
	 * True when a spreadsheet program would take the text for a formula (OWASP
	 * CSV/formula injection).
	 */
	public static boolean looksLikeFormula(String text) {
		if (text == null || text.isEmpty()) {
			return false;
		}
		char c = text.charAt(0);
		return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
	}

	/** Excel's "vertical text" rotation: characters stacked top to bottom. */
	static final short VERTICAL_TEXT = 255;

	/** Characters that must not begin a line (Chinese line-breaking rules, 避头点). */
	static final String NO_LINE_START = "、，。；：？！）》」』】〕〉”’…—·%,.;:?!)]}";

	/** Characters that must not end a line (避尾点). */
	static final String NO_LINE_END = "（《「『【〔〈“‘([{";

	/**
	 * How many CJK characters of {@code points} size fit on one line of a cell
	 * {@code width} characters wide (Excel's width unit is the default font's digit,
	 * about 5.25 pt; a CJK character is one em; 2 pt of padding).
	 */
	static int charactersPerLine(double width, int points) {
		return Math.max(1, (int) Math.floor((width * 5.25 - 2) / points));
	}

	/**
	 * {@code text} broken into lines of at most {@code perLine} characters, no line
	 * beginning with a {@link #NO_LINE_START} mark nor ending with a {@link #NO_LINE_END}
	 * one: such a character takes the one before (after) it to the next line with it, as
	 * typesetters do. Existing line breaks are kept.
	 */
	static String breakLines(String text, int perLine) {
		if (text == null) {
			return null;
		}
		List<String> out = new ArrayList<>();
		for (String paragraph : text.split("\n", -1)) {
			int[] cps = paragraph.codePoints().toArray();
			int start = 0;
			while (cps.length - start > perLine) {
				int end = start + perLine;
				while (end - start > 1
						&& (NO_LINE_START.indexOf(cps[end]) >= 0 || NO_LINE_END.indexOf(cps[end - 1]) >= 0)) {
					end--;
				}
				out.add(new String(cps, start, end - start));
				start = end;
			}
			out.add(new String(cps, start, cps.length - start));
		}
		return String.join("\n", out);
	}

	/** One sheet being filled; holds the styles so each is created once per workbook. */
	private static final class Sheet {

		private final XSSFWorkbook workbook;

		private final FormLayout layout;

		private final XSSFSheet sheet;

		private final CellStyle titleStyle;

		private final CellStyle spanStyle;

		private final CellStyle lineStyle;

		private final CellStyle lineSafeStyle;

		private final CellStyle headerStyle;

		private final CellStyle verticalHeaderStyle;

		private final CellStyle noteStyle;

		private final CellStyle labelStyle;

		private final CellStyle labelSafeStyle;

		private final CellStyle countStyle;

		private final CellStyle decimalStyle;

		private final CellStyle percentStyle;

		Sheet(XSSFWorkbook workbook, FormLayout layout) {
			this.workbook = workbook;
			this.layout = layout;
			this.sheet = workbook.createSheet("统计汇总表");
			this.titleStyle = style(font(16, true), HorizontalAlignment.CENTER, false, false);
			this.spanStyle = style(font(12, false), HorizontalAlignment.CENTER, false, false);
			this.lineStyle = style(font(11, false), HorizontalAlignment.LEFT, false, false);
			this.lineSafeStyle = quoted(style(font(11, false), HorizontalAlignment.LEFT, false, false));
			Font body = font(10, false);
			this.headerStyle = style(body, HorizontalAlignment.CENTER, true, true);
			this.verticalHeaderStyle = style(body, HorizontalAlignment.CENTER, true, true);
			// 255: stacked text, one character under the other (ECMA-376 textRotation)
			this.verticalHeaderStyle.setRotation(VERTICAL_TEXT);
			this.noteStyle = style(font(10, false), HorizontalAlignment.LEFT, false, true);
			this.noteStyle.setVerticalAlignment(VerticalAlignment.TOP);
			this.labelStyle = style(body, HorizontalAlignment.CENTER, true, true);
			this.labelSafeStyle = quoted(style(body, HorizontalAlignment.CENTER, true, true));
			this.countStyle = numeric(style(body, HorizontalAlignment.CENTER, true, false), COUNT_FORMAT);
			this.decimalStyle = numeric(style(body, HorizontalAlignment.CENTER, true, false), DECIMAL_FORMAT);
			this.percentStyle = numeric(style(body, HorizontalAlignment.CENTER, true, false), PERCENT_FORMAT);
		}

		void fill(OfficialTable table) {
			titleLines(table);
			header();
			int first = layout.firstDataRow();
			int r = first;
			for (OfficialRow row : table.rows()) {
				dataRow(r++, row);
			}
			dataRow(r++, table.total());
			if (layout.unit() != null) {
				// 单位: the whole deployment, merged over its 本月数 and 累计数 rows
				String who = table.submitterName() == null ? "" : table.submitterName();
				bordered(new CellRangeAddress(first, r - 1, layout.unit().column(), layout.unit().column()), who,
						looksLikeFormula(who) ? labelSafeStyle : labelStyle);
			}
			footer(r, table);
			int last = note(r + 1, table.note());
			columnsAndPage(last);
		}

		private void titleLines(OfficialTable table) {
			merged(layout.title(), table.title(), titleStyle);
			row(layout.title().getFirstRow()).setHeightInPoints(30);
			if (layout.span() != null) {
				merged(layout.span(), table.periodLine(), spanStyle);
				row(layout.span().getFirstRow()).setHeightInPoints(20);
			}
			String who = table.submitterName() == null ? "" : table.submitterName();
			merged(layout.submitter(), layout.texts().submitter() + who,
					looksLikeFormula(who) ? lineSafeStyle : lineStyle);
			if (layout.filled() != null) {
				merged(layout.filled(), layout.texts().filled() + date(table.filledOn()), lineStyle);
			}
			if (layout.month() != null) {
				merged(layout.month(), layout.texts().month() + table.lastMonth().getYear() + "年"
						+ table.lastMonth().getMonthValue() + "月", lineStyle);
				row(layout.month().getFirstRow()).setHeightInPoints(20);
			}
			row(layout.submitter().getFirstRow()).setHeightInPoints(20);
		}

		private void header() {
			List<FormLayout.Header> cells = new ArrayList<>(layout.headers());
			cells.add(layout.label());
			for (FormLayout.Header h : cells) {
				if (h.vertical()) {
					bordered(h.range(), h.text(), verticalHeaderStyle);
				}
				else {
					// explicit line breaks, so that no line starts with a punctuation
					// mark (、 ） …) as a renderer's own wrapping would do
					bordered(h.range(), breakLines(h.text(), charactersPerLine(layout.width(h), 10)), headerStyle);
				}
			}
			int units = layout.unitsRowIndex();
			if (layout.unitsRow()) {
				for (FormLayout.Measure m : layout.measures()) {
					text(row(units).createCell(m.column()), m.unit(), headerStyle);
				}
			}
			// The header text runs vertically in narrow columns as on the printed form:
			// give the rows room.
			for (int r = layout.firstHeaderRow(); r < units; r++) {
				// 58 pt: the 7 lines of 现场紧急处置's note fit in two rows (looked at in
				// LibreOffice)
				row(r).setHeightInPoints(r == layout.firstHeaderRow() ? 30 : 58);
			}
			if (layout.unitsRow()) {
				row(units).setHeightInPoints(26);
			}
		}

		private void dataRow(int r, OfficialRow data) {
			Row row = row(r);
			row.setHeightInPoints(22);
			text(row.createCell(layout.labelColumn()), data.label(),
					looksLikeFormula(data.label()) ? labelSafeStyle : labelStyle);
			for (FormLayout.Rate rate : layout.rates()) {
				Cell cell = row.createCell(rate.column());
				BigDecimal numerator = data.value(rate.numerator());
				BigDecimal denominator = data.value(rate.denominator());
				if (numerator == null || denominator == null || denominator.signum() == 0) {
					// the form's own convention when the divisor is 0
					text(cell, "/", labelStyle);
				}
				else {
					cell.setCellStyle(percentStyle);
					cell.setCellValue(numerator.doubleValue() / denominator.doubleValue());
				}
			}
			for (FormLayout.Measure m : layout.measures()) {
				Cell cell = row.createCell(m.column());
				BigDecimal value = data.value(m.code());
				boolean decimal = DECIMAL_MEASURE.equals(m.code());
				cell.setCellStyle(decimal ? decimalStyle : countStyle);
				if (value != null) {
					cell.setCellValue(value.doubleValue());
				}
			}
		}

		private void footer(int r, OfficialTable table) {
			for (FormLayout.Footer f : layout.footers()) {
				merged(new CellRangeAddress(r, r, f.firstColumn(), f.lastColumn()),
						f.text().replace("{filled}", date(table.filledOn())), lineStyle);
			}
			row(r).setHeightInPoints(24);
		}

		/**
		 * The note under the table (units carried forward …), merged across the table's
		 * width; returns the last row written.
		 */
		private int note(int r, String note) {
			if (note == null || note.isBlank()) {
				return r - 1;
			}
			merged(new CellRangeAddress(r, r, 0, layout.lastColumn()), note, noteStyle);
			double width = 0;
			for (int c = 0; c <= layout.lastColumn(); c++) {
				width += layout.columnWidth(c);
			}
			int lines = breakLines(note, charactersPerLine(width, 10)).split("\n").length;
			row(r).setHeightInPoints(Math.max(20, lines * 14 + 4));
			return r;
		}

		private void columnsAndPage(int lastRow) {
			for (int c = 0; c <= layout.lastColumn(); c++) {
				double w = layout.columnWidth(c);
				if (w > 0) {
					sheet.setColumnWidth(c, width(w));
				}
			}
			PrintSetup print = sheet.getPrintSetup();
			print.setLandscape(true);
			print.setPaperSize(PrintSetup.A4_PAPERSIZE);
			print.setFitWidth((short) 1);
			print.setFitHeight((short) 1);
			sheet.setFitToPage(true);
			sheet.setAutobreaks(true);
			sheet.setHorizontallyCenter(true);
			sheet.setMargin(PageMargin.LEFT, 0.4);
			sheet.setMargin(PageMargin.RIGHT, 0.4);
			sheet.setMargin(PageMargin.TOP, 0.5);
			sheet.setMargin(PageMargin.BOTTOM, 0.5);
			workbook.setPrintArea(0, 0, layout.lastColumn(), 0, lastRow);
		}

		private static int width(double characters) {
			return (int) Math.round(characters * 256);
		}

		private static String date(LocalDate d) {
			return d == null ? "" : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
		}

		private Row row(int r) {
			Row row = sheet.getRow(r);
			return row != null ? row : sheet.createRow(r);
		}

		private void merged(CellRangeAddress range, String text, CellStyle style) {
			text(row(range.getFirstRow()).createCell(range.getFirstColumn()), text, style);
			if (range.getNumberOfCells() > 1) {
				sheet.addMergedRegion(range);
			}
		}

		/**
		 * A header cell with a thin border all round, merged when it spans several cells.
		 */
		private void bordered(CellRangeAddress range, String text, CellStyle style) {
			for (int r = range.getFirstRow(); r <= range.getLastRow(); r++) {
				for (int c = range.getFirstColumn(); c <= range.getLastColumn(); c++) {
					Cell cell = row(r).getCell(c);
					(cell != null ? cell : row(r).createCell(c)).setCellStyle(style);
				}
			}
			merged(range, text, style);
			if (range.getNumberOfCells() > 1) {
				RegionUtil.setBorderTop(BorderStyle.THIN, range, sheet);
				RegionUtil.setBorderBottom(BorderStyle.THIN, range, sheet);
				RegionUtil.setBorderLeft(BorderStyle.THIN, range, sheet);
				RegionUtil.setBorderRight(BorderStyle.THIN, range, sheet);
			}
		}

		/** Always a string cell: text is never a formula here. */
		private static void text(Cell cell, String text, CellStyle style) {
			cell.setCellValue(text == null ? "" : text);
			cell.setCellStyle(style);
		}

		private Font font(int points, boolean bold) {
			Font font = workbook.createFont();
			font.setFontName(FONT);
			font.setFontHeightInPoints((short) points);
			font.setBold(bold);
			return font;
		}

		private CellStyle style(Font font, HorizontalAlignment align, boolean border, boolean wrap) {
			CellStyle style = workbook.createCellStyle();
			style.setFont(font);
			style.setAlignment(align);
			style.setVerticalAlignment(VerticalAlignment.CENTER);
			style.setWrapText(wrap);
			if (border) {
				style.setBorderTop(BorderStyle.THIN);
				style.setBorderBottom(BorderStyle.THIN);
				style.setBorderLeft(BorderStyle.THIN);
				style.setBorderRight(BorderStyle.THIN);
			}
			return style;
		}

		private CellStyle numeric(CellStyle style, String format) {
			style.setDataFormat(workbook.createDataFormat().getFormat(format));
			return style;
		}

		private static CellStyle quoted(CellStyle style) {
			style.setQuotePrefixed(true);
			return style;
		}

	}

}
