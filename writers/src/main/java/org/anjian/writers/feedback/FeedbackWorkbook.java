package org.anjian.writers.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.anjian.readers.rows.RowSource;
import org.anjian.readers.rows.SheetInfo;
import org.anjian.readers.rows.SpreadsheetSource;
import org.anjian.readers.rows.SpreadsheetSources;
import org.anjian.writers.exports.AtomicFiles;
import org.apache.poi.hssf.usermodel.HSSFCellStyle;
import org.apache.poi.hssf.usermodel.HSSFFont;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.hssf.util.HSSFColor;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The annotated workbook (审核意见) of one submission: a copy of the submitter's own workbook
 * (an .xls or CSV converted to .xlsx; an .xlsx copied keeping its layout, merges and
 * formats) with each finding's cell filled (errors red, warnings yellow) and a comment
 * holding the message, and a first sheet 审核意见 listing every finding with its values, what
 * to do ({@link FeedbackHints}) and the outcome. A record-level list is not copied: the
 * 审核意见 sheet lists its failing rows with their original values.
 *
 * <p>
 * Nothing Excel would run: submitter text is written as string cells, and the copy's
 * formulas are replaced by the values Excel saved.
 */
public final class FeedbackWorkbook {

	public static final String SHEET = "审核意见";

	public static final String REJECTED = "退回";

	public static final String ACCEPTED_WITH_NOTES = "已接收，有提示";

	/** Excel's “Bad” light red and “Neutral” light yellow. */
	public static final String ERROR_FILL = "FFC7CE";

	public static final String WARNING_FILL = "FFEB9C";

	/** The 审核意见 sheet's column headings. */
	public static final List<String> COLUMNS = List.of("序号", "性质", "规则", "工作表", "行", "列", "单元格原值", "问题", "怎么改", "上报说明");

	/** The row (0-based) of the column headings; findings follow. */
	public static final int HEADING_ROW = 6;

	/** A list's failing rows listed at most; the rest are counted. */
	static final int MAX_LISTED = 5000;

	/** A list's 审核意见 sheet says so above its headings. */
	static final String LIST_NOTE = "清单文件未复制（行数可能很多），下表列出有问题的行及其原始内容";

	/** The 审核意见 sheet's column widths (characters). */
	static final int[] WIDTHS = { 6, 8, 22, 12, 6, 10, 24, 50, 50, 30 };

	/** The 审核意见 sheet's rows merged across all its columns: the title and outcome. */
	static final int[] MERGED_ROWS = { 0, 2 };

	private static final Pattern COLUMN_LETTERS = Pattern.compile("[A-Z]{1,3}");

	private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,10})?");

	/**
	 * The submission annotated.
	 *
	 * @param original the file as received (may be missing: then only the 审核意见 sheet)
	 * @param format xlsx, xls, csv or another (not copied)
	 * @param list whether it is a record-level list (not copied)
	 * @param fileName the name shown
	 * @param submitter the submitter's name, or null when not recognised
	 * @param receivedAt when it was received
	 * @param outcome {@link #REJECTED} or {@link #ACCEPTED_WITH_NOTES}
	 */
	public record Submission(Path original, String format, boolean list, String fileName, String submitter,
			LocalDateTime receivedAt, String outcome) {
	}

	/**
	 * One finding to mark and list.
	 *
	 * @param error whether it is an error (强制性) rather than a warning (提示性)
	 * @param rule the rule code
	 * @param sheet sheet name, or null
	 * @param row 1-based row, or null
	 * @param column column letter or header text, or null
	 * @param message the Chinese message
	 * @param explanation the 上报说明 that explains it (已说明), or null
	 */
	public record Item(boolean error, String rule, String sheet, Integer row, String column, String message,
			String explanation) {

		/** The column letter when the finding names one. */
		String letter() {
			return column != null && COLUMN_LETTERS.matcher(column).matches() ? column : null;
		}

	}

	private final FeedbackHints hints;

	public FeedbackWorkbook(FeedbackHints hints) {
		this.hints = hints;
	}

	/** Writes the annotated workbook to {@code target} (atomically). */
	public void write(Submission submission, List<Item> items, Path target) throws IOException {
		long errors = items.stream().filter(Item::error).count();
		write(submission, items, errors, items.size() - errors, target);
	}

	/**
	 * Writes the annotated workbook to {@code target} (atomically) when {@code items}
	 * holds only the first findings (at least {@link #MAX_LISTED}, or all): a million-row
	 * ledger can have a finding on every row, more than the heap holds, and only the
	 * first are listed anyway.
	 * @param errors the errors among all the findings
	 * @param warnings the warnings among all the findings
	 */
	public void write(Submission submission, List<Item> items, long errors, long warnings, Path target)
			throws IOException {
		if (submission.list()) {
			// not copied: only the 审核意见 sheet, written without POI (FindingsPackage)
			Map<Integer, String> values = listValues(items, listRows(submission, items));
			AtomicFiles.write(target, out -> {
				FindingsPackage sheet = new FindingsPackage(out);
				findingsRows(sheet, submission, items, errors, warnings, values, LIST_NOTE);
				sheet.finish();
			});
			return;
		}
		String note = null;
		XSSFWorkbook workbook;
		Map<String, String> sheetNames = new HashMap<>();
		try {
			workbook = new Copy().open(submission, sheetNames);
		}
		catch (Exception ex) {
			workbook = new XSSFWorkbook();
			note = "原文件无法复制（" + ex.getClass().getSimpleName() + "），下表只列出审核意见";
		}
		try (XSSFWorkbook wb = workbook) {
			Map<Integer, String> values = new HashMap<>();
			mark(wb, sheetNames, items, values);
			findingsSheet(wb, submission, items, errors, warnings, values, note);
			AtomicFiles.write(target, out -> wb.write(out));
		}
	}

	// ---- the copy

	/** Opens the submitter's workbook as an .xlsx in memory. */
	private static final class Copy {

		XSSFWorkbook open(Submission s, Map<String, String> sheetNames) throws Exception {
			if (s.original() == null || !Files.isRegularFile(s.original())) {
				throw new java.io.FileNotFoundException(String.valueOf(s.original()));
			}
			XSSFWorkbook wb = switch (s.format()) {
				case "xlsx" -> xlsx(s.original());
				case "xls" -> xls(s.original());
				case "csv" -> csv(s.original());
				default -> throw new IOException("不是表格文件");
			};
			for (int i = 0; i < wb.getNumberOfSheets(); i++) {
				sheetNames.putIfAbsent(wb.getSheetName(i), wb.getSheetName(i));
			}
			return wb;
		}

		private static XSSFWorkbook xlsx(Path file) throws IOException {
			XSSFWorkbook wb;
			try (InputStream in = Files.newInputStream(file)) {
				wb = new XSSFWorkbook(in);
			}
			// a formula (even one the submitter typed, e.g. =HYPERLINK(…)) becomes the
			// value Excel saved
			for (Sheet sheet : wb) {
				for (Row row : sheet) {
					for (Cell cell : row) {
						if (cell.getCellType() == CellType.FORMULA) {
							valueOfFormula(cell);
						}
					}
				}
			}
			return wb;
		}

		private static void valueOfFormula(Cell cell) {
			try {
				cell.removeFormula();
			}
			catch (RuntimeException ex) {
				// part of an array formula: the cell keeps no value
				cell.setBlank();
			}
		}

		private static XSSFWorkbook xls(Path file) throws IOException {
			try (InputStream in = Files.newInputStream(file); HSSFWorkbook src = new HSSFWorkbook(in)) {
				XSSFWorkbook wb = new XSSFWorkbook();
				Map<Short, CellStyle> styles = new HashMap<>();
				DataFormatter formatter = new DataFormatter();
				for (int i = 0; i < src.getNumberOfSheets(); i++) {
					Sheet from = src.getSheetAt(i);
					Sheet to = wb.createSheet(from.getSheetName());
					if (src.isSheetHidden(i)) {
						wb.setSheetHidden(i, true);
					}
					int maxColumn = 0;
					for (Row row : from) {
						Row copy = to.createRow(row.getRowNum());
						copy.setHeight(row.getHeight());
						copy.setZeroHeight(row.getZeroHeight());
						for (Cell cell : row) {
							maxColumn = Math.max(maxColumn, cell.getColumnIndex());
							Cell c = copy.createCell(cell.getColumnIndex());
							c.setCellStyle(styles.computeIfAbsent(cell.getCellStyle().getIndex(),
									k -> style(src, (HSSFCellStyle) cell.getCellStyle(), wb)));
							CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
									: cell.getCellType();
							switch (type) {
								case NUMERIC -> c.setCellValue(cell.getNumericCellValue());
								case BOOLEAN -> c.setCellValue(cell.getBooleanCellValue());
								case STRING -> c.setCellValue(cell.getRichStringCellValue().getString());
								case ERROR -> c.setCellValue(formatter.formatCellValue(cell));
								default -> c.setBlank();
							}
						}
					}
					for (int c = 0; c <= maxColumn; c++) {
						to.setColumnWidth(c, from.getColumnWidth(c));
						to.setColumnHidden(c, from.isColumnHidden(c));
					}
					for (CellRangeAddress merged : from.getMergedRegions()) {
						to.addMergedRegionUnsafe(merged);
					}
				}
				return wb;
			}
		}

		private static CellStyle style(HSSFWorkbook src, HSSFCellStyle from, XSSFWorkbook wb) {
			XSSFCellStyle to = wb.createCellStyle();
			to.setAlignment(from.getAlignment());
			to.setVerticalAlignment(from.getVerticalAlignment());
			to.setWrapText(from.getWrapText());
			to.setBorderTop(from.getBorderTop());
			to.setBorderBottom(from.getBorderBottom());
			to.setBorderLeft(from.getBorderLeft());
			to.setBorderRight(from.getBorderRight());
			to.setRotation(from.getRotation());
			to.setDataFormat(wb.createDataFormat().getFormat(from.getDataFormatString()));
			HSSFFont font = from.getFont(src);
			XSSFFont f = wb.createFont();
			f.setFontName(font.getFontName());
			f.setFontHeight(font.getFontHeight());
			f.setBold(font.getBold());
			f.setItalic(font.getItalic());
			f.setUnderline(font.getUnderline());
			to.setFont(f);
			if (from.getFillPattern() == FillPatternType.SOLID_FOREGROUND) {
				HSSFColor color = src.getCustomPalette().getColor(from.getFillForegroundColor());
				if (color != null) {
					short[] rgb = color.getTriplet();
					to.setFillForegroundColor(
							new XSSFColor(new byte[] { (byte) rgb[0], (byte) rgb[1], (byte) rgb[2] }, null));
					to.setFillPattern(FillPatternType.SOLID_FOREGROUND);
				}
			}
			return to;
		}

		private static XSSFWorkbook csv(Path file) throws Exception {
			XSSFWorkbook wb = new XSSFWorkbook();
			try (SpreadsheetSource source = SpreadsheetSources.open(file)) {
				for (SheetInfo info : source.sheets()) {
					try (RowSource rows = source.open(info)) {
						Sheet sheet = wb.createSheet(rows.sheetName());
						while (rows.next()) {
							Row row = sheet.createRow(rows.rowIndex());
							for (int c = 0; c < rows.width(); c++) {
								String text = rows.text(c);
								if (text.isEmpty()) {
									continue;
								}
								Cell cell = row.createCell(c);
								if (PLAIN_NUMBER.matcher(text).matches()) {
									cell.setCellValue(Double.parseDouble(text));
								}
								else {
									cell.setCellValue(text);
								}
							}
						}
						for (int c = 0; c < 30; c++) {
							sheet.setColumnWidth(c, 14 * 256);
						}
					}
				}
			}
			return wb;
		}

	}

	// ---- marks

	/**
	 * Fills and comments each finding's cell; {@code values} receives each item's cell
	 * value as shown before marking.
	 */
	private static void mark(XSSFWorkbook wb, Map<String, String> sheetNames, List<Item> items,
			Map<Integer, String> values) {
		DataFormatter formatter = new DataFormatter();
		Map<String, CellStyle> styles = new HashMap<>();
		Map<String, List<Item>> byCell = new LinkedHashMap<>();
		Map<String, Cell> cells = new HashMap<>();
		// a sheet's merged areas, drawing and the helper once per workbook, not per
		// finding
		Map<Sheet, List<CellRangeAddress>> merges = new HashMap<>();
		Map<Sheet, Drawing<?>> drawings = new HashMap<>();
		CreationHelper helper = wb.getCreationHelper();
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			Sheet sheet = item.sheet() == null ? null
					: wb.getSheet(sheetNames.getOrDefault(item.sheet(), item.sheet()));
			if (sheet == null || item.row() == null || item.letter() == null) {
				continue;
			}
			Cell cell = shown(sheet, merges.computeIfAbsent(sheet, Sheet::getMergedRegions), item.row() - 1,
					CellReference.convertColStringToIndex(item.letter()));
			values.put(i, formatter.formatCellValue(cell));
			String key = sheet.getSheetName() + "!" + cell.getAddress().formatAsString();
			cells.put(key, cell);
			byCell.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
		}
		byCell.forEach((key, marks) -> {
			Cell cell = cells.get(key);
			Sheet sheet = cell.getSheet();
			boolean error = marks.stream().anyMatch(Item::error);
			CellStyle original = cell.getCellStyle();
			cell.setCellStyle(styles.computeIfAbsent(original.getIndex() + (error ? "e" : "w"), k -> {
				XSSFCellStyle style = wb.createCellStyle();
				style.cloneStyleFrom(original);
				style.setFillForegroundColor(color(error ? ERROR_FILL : WARNING_FILL));
				style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
				return style;
			}));
			StringBuilder text = new StringBuilder();
			if (cell.getCellComment() != null) {
				text.append(cell.getCellComment().getString().getString()).append("\n");
				cell.removeCellComment();
			}
			for (Item item : marks) {
				text.append(item.error() ? "【错误】" : "【提示】").append(item.message());
				if (item.explanation() != null) {
					text.append("（已说明：").append(item.explanation()).append("）");
				}
				text.append("\n");
			}
			Drawing<?> drawing = drawings.computeIfAbsent(sheet, Sheet::createDrawingPatriarch);
			ClientAnchor anchor = helper.createClientAnchor();
			// anchored at the cell itself: POI files a new comment under its anchor's
			// top-left
			// cell first, so an anchor on the next cell would clash with that cell's own
			// mark
			anchor.setCol1(cell.getColumnIndex());
			anchor.setCol2(cell.getColumnIndex() + 4);
			anchor.setRow1(cell.getRowIndex());
			anchor.setRow2(cell.getRowIndex() + 4);
			Comment comment = drawing.createCellComment(anchor);
			comment.setString(helper.createRichTextString(text.toString().strip()));
			comment.setAuthor("安委办审核");
			cell.setCellComment(comment);
		});
	}

	/**
	 * The cell as Excel shows it: inside a merged area (a header merged over its rows)
	 * that area's first cell, which holds the text and whose fill the whole area shows.
	 */
	private static Cell shown(Sheet sheet, List<CellRangeAddress> merges, int row, int column) {
		for (CellRangeAddress merged : merges) {
			if (merged.isInRange(row, column)) {
				return cell(sheet, merged.getFirstRow(), merged.getFirstColumn());
			}
		}
		return cell(sheet, row, column);
	}

	private static Cell cell(Sheet sheet, int row, int column) {
		Row r = sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row);
		return r.getCell(column) == null ? r.createCell(column) : r.getCell(column);
	}

	static XSSFColor color(String hex) {
		return new XSSFColor(new byte[] { (byte) Integer.parseInt(hex.substring(0, 2), 16),
				(byte) Integer.parseInt(hex.substring(2, 4), 16), (byte) Integer.parseInt(hex.substring(4, 6), 16) },
				null);
	}

	// ---- a list's failing rows

	/**
	 * The original cells of the rows the findings name, streamed from the list's sheet:
	 * row → “A：… B：…”.
	 */
	private static Map<Integer, String> listRows(Submission s, List<Item> items) {
		Map<String, Set<Integer>> wanted = new HashMap<>();
		items.stream()
			.filter(i -> i.sheet() != null && i.row() != null)
			.limit(MAX_LISTED)
			.forEach(i -> wanted.computeIfAbsent(i.sheet(), k -> new TreeSet<>()).add(i.row()));
		Map<Integer, String> out = new HashMap<>();
		if (wanted.isEmpty() || s.original() == null || !Files.isRegularFile(s.original())) {
			return out;
		}
		try (SpreadsheetSource source = SpreadsheetSources.open(s.original())) {
			for (SheetInfo info : source.sheets()) {
				Set<Integer> rows = wanted.get(info.name());
				if (rows == null) {
					continue;
				}
				try (RowSource r = source.open(info)) {
					int last = ((TreeSet<Integer>) rows).last();
					while (r.next() && r.rowIndex() < last) {
						if (rows.contains(r.rowIndex() + 1)) {
							List<String> cells = new ArrayList<>();
							for (int c = 0; c < r.width(); c++) {
								if (!r.isBlank(c)) {
									cells.add(CellReference.convertNumToColString(c) + "：" + r.text(c));
								}
							}
							out.put(r.rowIndex() + 1, String.join("；", cells));
						}
					}
				}
				break;
			}
		}
		catch (Exception ex) {
			// the rows' values stay unknown; the findings are still listed
		}
		return out;
	}

	private static Map<Integer, String> listValues(List<Item> items, Map<Integer, String> rowValues) {
		Map<Integer, String> values = new HashMap<>();
		for (int i = 0; i < items.size(); i++) {
			Integer row = items.get(i).row();
			if (row != null && rowValues.containsKey(row)) {
				values.put(i, rowValues.get(row));
			}
		}
		return values;
	}

	// ---- the 审核意见 sheet

	/** How a cell of the 审核意见 sheet looks (null: the workbook's default). */
	enum Look {

		TITLE(14, null, false, false), HEADING(11, "D9E1F2", true, false), WRAP(0, null, true, true),
		ERROR(0, ERROR_FILL, true, true), WARNING(0, WARNING_FILL, true, true);

		/** A bold font's size in points, 0 for the default font. */
		final int boldPoints;

		/** A solid fill's RGB, or null. */
		final String fill;

		final boolean wrap;

		/** Aligned to the top of the cell. */
		final boolean top;

		Look(int boldPoints, String fill, boolean wrap, boolean top) {
			this.boldPoints = boldPoints;
			this.fill = fill;
			this.wrap = wrap;
			this.top = top;
		}

		CellStyle style(XSSFWorkbook wb) {
			XSSFCellStyle style = wb.createCellStyle();
			if (boldPoints > 0) {
				XSSFFont font = wb.createFont();
				font.setBold(true);
				font.setFontHeightInPoints((short) boldPoints);
				style.setFont(font);
			}
			if (fill != null) {
				style.setFillForegroundColor(color(fill));
				style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
			}
			if (wrap) {
				style.setWrapText(true);
			}
			if (top) {
				style.setVerticalAlignment(VerticalAlignment.TOP);
			}
			return style;
		}

	}

	/**
	 * Where the 审核意见 sheet's cells go: a sheet of the copy, or a list's package
	 * ({@link FindingsPackage}). Rows come in order, each row's cells together.
	 */
	interface FindingsCells {

		/**
		 * Always a string cell: submitter text never becomes a formula.
		 * @param look null for the default
		 */
		void text(int row, int column, String value, Look look) throws IOException;

		/** The row's height, given before its cells. */
		void height(int row, float points) throws IOException;

	}

	/** The 审核意见 sheet added to a copy, as its first and selected sheet. */
	private void findingsSheet(XSSFWorkbook wb, Submission s, List<Item> items, long errors, long warnings,
			Map<Integer, String> values, String note) throws IOException {
		int existing = wb.getSheetIndex(SHEET);
		if (existing >= 0) {
			// an annotated workbook sent back: its old 审核意见 sheet is replaced
			wb.removeSheetAt(existing);
		}
		Sheet sheet = wb.createSheet(WorkbookUtil.createSafeSheetName(SHEET));
		wb.setSheetOrder(SHEET, 0);
		for (Sheet other : wb) {
			other.setSelected(false);
		}
		wb.setActiveSheet(0);
		wb.setFirstVisibleTab(0);
		sheet.setSelected(true);
		Map<Look, CellStyle> styles = new EnumMap<>(Look.class);
		for (Look look : Look.values()) {
			styles.put(look, look.style(wb));
		}
		findingsRows(new FindingsCells() {

			@Override
			public void text(int row, int column, String value, Look look) {
				FeedbackWorkbook.text(sheet, row, column, value, look == null ? null : styles.get(look));
			}

			@Override
			public void height(int row, float points) {
				(sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row)).setHeightInPoints(points);
			}

		}, s, items, errors, warnings, values, note);
		for (int c = 0; c < WIDTHS.length; c++) {
			sheet.setColumnWidth(c, WIDTHS[c] * 256);
		}
		for (int row : MERGED_ROWS) {
			sheet.addMergedRegion(new CellRangeAddress(row, row, 0, COLUMNS.size() - 1));
		}
		sheet.createFreezePane(0, HEADING_ROW + 1);
		// printed on A4 landscape, one page wide, like the office's own tables
		sheet.getPrintSetup().setLandscape(true);
		sheet.getPrintSetup().setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
		sheet.getPrintSetup().setFitWidth((short) 1);
		sheet.getPrintSetup().setFitHeight((short) 0);
		sheet.setFitToPage(true);
		sheet.setRepeatingRows(new CellRangeAddress(HEADING_ROW, HEADING_ROW, 0, COLUMNS.size() - 1));
	}

	/** The 审核意见 sheet's rows: the outcome, the headings and the findings listed. */
	private void findingsRows(FindingsCells out, Submission s, List<Item> items, long errors, long warnings,
			Map<Integer, String> values, String note) throws IOException {
		out.text(0, 0, SHEET + "：" + s.fileName(), Look.TITLE);
		out.text(1, 0, "填报单位：" + (s.submitter() == null ? "未识别" : s.submitter()) + "    收到时间：" + (s.receivedAt() == null
				? "" : s.receivedAt().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))), null);
		String outcome = REJECTED.equals(s.outcome())
				? "审核结论：" + REJECTED + "。有 " + errors + " 处错误（红色），请改正后重新报送整张表"
						+ (warnings > 0 ? "；另有 " + warnings + " 条提示（黄色）" : "")
				: "审核结论：" + ACCEPTED_WITH_NOTES + "。本表已入库；有 " + warnings + " 条提示（黄色）"
						+ (errors > 0 ? "，" + errors + " 处错误（红色，这些行未入库，请改正后重新报送）" : "")
						+ "；数据确实无误的，请在表格下方写“上报说明：……”说明原因后重新报送，或请安委办登记说明";
		out.height(2, 36);
		out.text(2, 0, outcome, Look.WRAP);
		out.text(3, 0, "红色：错误，必须改正；黄色：提示，请核对。原表中有问题的单元格已标色，鼠标指向单元格可看批注。", null);
		if (note != null) {
			out.text(4, 0, note, null);
		}
		for (int c = 0; c < COLUMNS.size(); c++) {
			out.text(HEADING_ROW, c, COLUMNS.get(c), Look.HEADING);
		}
		int r = HEADING_ROW + 1;
		int listed = 0;
		for (int i = 0; i < items.size() && listed < MAX_LISTED; i++) {
			Item item = items.get(i);
			out.text(r, 0, String.valueOf(i + 1), Look.WRAP);
			out.text(r, 1, item.error() ? "错误" : "提示", item.error() ? Look.ERROR : Look.WARNING);
			out.text(r, 2, item.rule(), Look.WRAP);
			out.text(r, 3, item.sheet(), Look.WRAP);
			out.text(r, 4, item.row() == null ? "" : String.valueOf(item.row()), Look.WRAP);
			out.text(r, 5, item.column(), Look.WRAP);
			out.text(r, 6, values.get(i), Look.WRAP);
			out.text(r, 7, item.message(), Look.WRAP);
			out.text(r, 8, hints.hint(item.rule()), Look.WRAP);
			out.text(r, 9, item.error() ? "" : item.explanation() == null ? "" : "已说明：" + item.explanation(),
					Look.WRAP);
			r++;
			listed++;
		}
		if (errors + warnings > listed) {
			out.text(r, 0, "另有 " + (errors + warnings - listed) + " 条未列出（见安委办工作台的文件页面）", null);
		}
	}

	/**
	 * A string cell of a POI sheet. Created blank, then given its text: created as a
	 * string cell, XSSF first stores an empty string in the shared strings (each addition
	 * serializes the string to look it up).
	 */
	private static void text(Sheet sheet, int row, int column, String value, CellStyle style) {
		Row r = sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row);
		Cell cell = r.createCell(column);
		cell.setCellValue(value == null ? "" : value);
		if (style != null) {
			cell.setCellStyle(style);
		}
	}

}
