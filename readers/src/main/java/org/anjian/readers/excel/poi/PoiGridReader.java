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
import org.apache.poi.EncryptedDocumentException;
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
 * Reads every sheet of an .xlsx or .xls workbook into {@link Grid}s with the POI user model.
 *
 * <p>The user model holds the whole workbook in memory, which is fine for summary forms of tens of rows. Formulas are
 * never evaluated: the value Excel saved with the file is what the clerk saw and sent.
 */
public final class PoiGridReader {

	/** Excel shows 15 significant digits; cutting there turns 21.099999999999998 back into 21.1. */
	private static final MathContext EXCEL_PRECISION = new MathContext(15);

	private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

	private PoiGridReader() {
	}

	/**
	 * @param file an .xlsx or .xls file (format already recognised from its content)
	 * @return one grid per sheet, in workbook order
	 * @throws GridReadException when the workbook is encrypted or corrupt
	 */
	public static List<Grid> read(Path file) throws GridReadException {
		try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
			List<Grid> grids = new ArrayList<>();
			for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
				grids.add(toGrid(workbook.getSheetAt(i), workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i)));
			}
			return grids;
		}
		catch (EncryptedDocumentException ex) {
			throw new GridReadException("文件已加密或设置了打开密码，无法读取，请去掉密码后重新报送", ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new GridReadException("文件已损坏，Excel 内容无法读取（" + ex.getClass().getSimpleName() + "）", ex);
		}
	}

	/** What an OLE2 compound file (magic D0 CF 11 E0) holds. */
	public enum Ole2Content {
		/** an .xls workbook (BIFF8 “Workbook” or older “Book” stream) */
		WORKBOOK,
		/** an encrypted .xlsx: OOXML wrapped in an OLE2 file with an EncryptionInfo stream */
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
			if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
				return Ole2Content.WORKBOOK;
			}
			return Ole2Content.OTHER;
		}
		catch (IOException | RuntimeException ex) {
			throw new GridReadException("文件已损坏，Excel 内容无法读取（" + ex.getClass().getSimpleName() + "）", ex);
		}
	}

	private static Grid toGrid(Sheet sheet, boolean hidden) {
		Grid.Builder grid = Grid.builder(sheet.getSheetName()).hidden(hidden);
		int widest = 0;
		for (Row row : sheet) {
			if (row.getZeroHeight()) {
				grid.hiddenRow(row.getRowNum());
			}
			for (Cell cell : row) {
				grid.cell(row.getRowNum(), cell.getColumnIndex(), text(cell));
				widest = Math.max(widest, cell.getColumnIndex() + 1);
			}
		}
		for (CellRangeAddress region : sheet.getMergedRegions()) {
			grid.merge(new CellRange(region.getFirstRow(), region.getLastRow(), region.getFirstColumn(),
					region.getLastColumn()));
		}
		for (int c = 0; c < widest; c++) {
			if (sheet.isColumnHidden(c)) {
				grid.hiddenColumn(c);
			}
		}
		return grid.build();
	}

	private static String text(Cell cell) {
		CellType type = cell.getCellType();
		if (type == CellType.FORMULA) {
			type = cell.getCachedFormulaResultType();
		}
		return switch (type) {
			case STRING -> cell.getRichStringCellValue().getString();
			case NUMERIC -> DateUtil.isCellDateFormatted(cell)
					? cell.getLocalDateTimeCellValue().toLocalDate().format(ISO_DATE)
					: plainDecimal(cell.getNumericCellValue());
			case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
			case ERROR -> errorText(cell.getErrorCellValue());
			default -> "";
		};
	}

	private static String errorText(byte code) {
		try {
			return FormulaError.forInt(code).getString();
		}
		catch (IllegalArgumentException ex) {
			return "#ERROR";
		}
	}

	/** A double as the plain decimal Excel would show: no exponent, no binary noise, no trailing zeros. */
	static String plainDecimal(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return Double.toString(value);
		}
		BigDecimal decimal = new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros();
		String text = decimal.toPlainString();
		return "-0".equals(text) ? "0" : text;
	}

}
