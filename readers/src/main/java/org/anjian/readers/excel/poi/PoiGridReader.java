package org.anjian.readers.excel.poi;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.grid.CellRange;
import org.anjian.readers.grid.Grid;
import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.limits.SheetLimits;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Reads every sheet of a workbook into {@link Grid}s with the POI user model: the summary
 * read's way into an .xls (an .xlsx goes through the own OOXML reader,
 * {@code rows.XlsxWorkbook}; the .xlsx guards below remain for any caller).
 *
 * <p>
 * The user model holds the whole workbook in memory, which is fine for summary forms of
 * tens of rows. Formulas are never evaluated: the value Excel saved with the file is what
 * the clerk saw and sent.
 *
 * <p>
 * Limits: an .xlsx has passed {@code OoxmlPrescan} before it gets here, and POI's own
 * zip-bomb guard ({@link ZipSecureFile}) is set from the same {@link ReaderLimits}; as
 * each sheet becomes a grid its rows, cells, content position and cell lengths are
 * checked again (this is the only check an .xls gets), and merged regions are clipped to
 * the content, so a merge claiming A1:XFD1048576 costs nothing.
 */
public final class PoiGridReader {

	/**
	 * Excel shows 15 significant digits; cutting there turns 21.099999999999998 back into
	 * 21.1.
	 */
	private static final MathContext EXCEL_PRECISION = new MathContext(15);

	private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

	private PoiGridReader() {
	}

	/** {@link #read(Path, ReaderLimits)} with the default limits. */
	public static List<Grid> read(Path file) throws GridReadException, ReaderLimitException {
		return read(file, ReaderLimits.defaults());
	}

	/**
	 * @param file an .xlsx or .xls file (format already recognised from its content)
	 * @return one grid per sheet, in workbook order
	 * @throws GridReadException when the workbook is encrypted or corrupt
	 * @throws ReaderLimitException when it exceeds a limit
	 */
	public static List<Grid> read(Path file, ReaderLimits limits) throws GridReadException, ReaderLimitException {
		// process-wide POI settings, set explicitly rather than trusting library defaults
		// (0.01 and 4 GB there)
		ZipSecureFile.setMinInflateRatio(1.0 / limits.maxInflateRatio());
		ZipSecureFile.setMaxEntrySize(limits.maxUnpackedBytes());
		try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
			List<Grid> grids = new ArrayList<>();
			long[] cells = { 0 };
			for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
				grids.add(toGrid(workbook.getSheetAt(i), workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i),
						limits, cells));
			}
			return grids;
		}
		catch (EncryptedDocumentException ex) {
			throw new GridReadException("文件已加密或设置了打开密码，无法读取，请去掉密码后重新报送", ex);
		}
		catch (IOException | RuntimeException ex) {
			if (isZipBomb(ex)) {
				throw new ReaderLimitException(ReaderLimits.ZIP_BOMB, "Excel 文件内部部件的压缩比超过 " + limits.maxInflateRatio()
						+ " 倍或解压后超过 " + ReaderLimits.size(limits.maxUnpackedBytes()) + " 的上限，疑似恶意压缩包（“压缩炸弹”），拒收");
			}
			throw new GridReadException("文件已损坏，Excel 内容无法读取（" + ex.getClass().getSimpleName() + "）", ex);
		}
	}

	/**
	 * POI reports its zip-bomb guard as an IOException somewhere in the cause chain with
	 * this wording.
	 */
	private static boolean isZipBomb(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			String message = t.getMessage();
			if (message != null && (message.contains("Zip bomb") || message.contains("ZipSecureFile"))) {
				return true;
			}
		}
		return false;
	}

	/** What an OLE2 compound file (magic D0 CF 11 E0) holds. */
	public enum Ole2Content {

		/** an .xls workbook (BIFF8, a “Workbook” stream) */
		WORKBOOK,
		/**
		 * an Excel 5.0/95 workbook (BIFF5, a “Book” stream and no “Workbook”): POI reads
		 * none of it ({@code OldExcelFormatException})
		 */
		OLD_EXCEL,
		/**
		 * an encrypted .xlsx: OOXML wrapped in an OLE2 file with an EncryptionInfo stream
		 */
		ENCRYPTED_OOXML,
		/** something else (a .doc, a .msg …) */
		OTHER

	}

	/**
	 * @param file a file starting with the OLE2 magic
	 * @throws GridReadException when the compound file itself is corrupt
	 */
	public static Ole2Content inspectOle2(Path file) throws GridReadException {
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
			DirectoryNode root = fs.getRoot();
			if (root.hasEntryCaseInsensitive("EncryptionInfo")) {
				return Ole2Content.ENCRYPTED_OOXML;
			}
			if (root.hasEntryCaseInsensitive("Workbook")) {
				return Ole2Content.WORKBOOK;
			}
			if (root.hasEntryCaseInsensitive("Book")) {
				return Ole2Content.OLD_EXCEL;
			}
			return Ole2Content.OTHER;
		}
		catch (IOException | RuntimeException ex) {
			throw new GridReadException("文件已损坏，Excel 内容无法读取（" + ex.getClass().getSimpleName() + "）", ex);
		}
	}

	private static Grid toGrid(Sheet sheet, boolean hidden, ReaderLimits limits, long[] cells)
			throws ReaderLimitException {
		String name = sheet.getSheetName();
		Grid.Builder grid = Grid.builder(name).hidden(hidden);
		int widest = 0;
		int lastRow = -1;
		int rows = 0;
		for (Row row : sheet) {
			if (++rows > limits.maxRows()) {
				throw new ReaderLimitException(ReaderLimits.TOO_MANY_ROWS, "工作表“" + name + "”有超过 " + limits.maxRows()
						+ " 行（含空白行），超过上限 " + limits.maxRows() + " 行；请删除表格下方多余的空行后重新报送");
			}
			if (row.getZeroHeight()) {
				grid.hiddenRow(row.getRowNum());
			}
			for (Cell cell : row) {
				if (++cells[0] > limits.maxCells()) {
					throw tooManyCells(limits);
				}
				String text = text(cell);
				SheetLimits.checkCell(name, row.getRowNum(), cell.getColumnIndex(), text, limits);
				if (!text.isEmpty()) {
					grid.cell(row.getRowNum(), cell.getColumnIndex(), text);
					lastRow = Math.max(lastRow, row.getRowNum());
					widest = Math.max(widest, cell.getColumnIndex() + 1);
				}
			}
		}
		// merges reach no further than the content (plus the header band they may start):
		// the rest is formatting
		long mergedCells = 0;
		for (CellRangeAddress region : sheet.getMergedRegions()) {
			int lastMergedRow = Math.min(region.getLastRow(), lastRow);
			int lastMergedColumn = Math.min(region.getLastColumn(), widest - 1);
			if (region.getFirstRow() > lastMergedRow || region.getFirstColumn() > lastMergedColumn) {
				continue;
			}
			mergedCells += (long) (lastMergedRow - region.getFirstRow() + 1)
					* (lastMergedColumn - region.getFirstColumn() + 1);
			if (mergedCells > limits.maxCells()) {
				throw tooManyCells(limits);
			}
			grid.merge(new CellRange(region.getFirstRow(), lastMergedRow, region.getFirstColumn(), lastMergedColumn));
		}
		for (int c = 0; c < widest; c++) {
			if (sheet.isColumnHidden(c)) {
				grid.hiddenColumn(c);
			}
		}
		return grid.build();
	}

	private static ReaderLimitException tooManyCells(ReaderLimits limits) {
		return new ReaderLimitException(ReaderLimits.TOO_MANY_CELLS,
				"工作簿中的单元格（含空白格式单元格和合并单元格）超过 " + limits.maxCells() + " 个的上限，请只保留统计表本身后重新报送");
	}

	private static String text(Cell cell) {
		CellType type = cell.getCellType();
		if (type == CellType.FORMULA) {
			type = cell.getCachedFormulaResultType();
		}
		return switch (type) {
			case STRING -> cell.getRichStringCellValue().getString();
			case NUMERIC ->
				DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate().format(ISO_DATE)
						: plainDecimal(cell.getNumericCellValue());
			case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
			case ERROR -> errorText(cell.getErrorCellValue());
			default -> "";
		};
	}

	/**
	 * An error cell as Excel shows it (#DIV/0! …); the check step reports it as not a
	 * number.
	 */
	static String errorText(int code) {
		try {
			return FormulaError.forInt(code).getString();
		}
		catch (IllegalArgumentException ex) {
			return "#ERROR";
		}
	}

	/**
	 * A double as the plain decimal Excel would show: no exponent, no binary noise, no
	 * trailing zeros.
	 */
	static String plainDecimal(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return Double.toString(value);
		}
		BigDecimal decimal = new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros();
		String text = decimal.toPlainString();
		return "-0".equals(text) ? "0" : text;
	}

}
