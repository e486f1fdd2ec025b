package org.anjian.readers.excel.poi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.anjian.readers.grid.CellRange;
import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.rows.CellTexts;
import org.anjian.readers.rows.RowSource;
import org.anjian.readers.rows.SheetInfo;
import org.anjian.readers.rows.SpreadsheetSource;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.ColumnInfoRecord;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MergeCellsRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.RowRecord;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * An .xls (BIFF8) read with POI's record stream ({@link RecordFactoryInputStream}, what
 * {@code HSSFEventFactory} uses), pulled record by record so that a sheet comes row by
 * row without the HSSF user model. Only the workbook globals (shared strings, formats —
 * at most 65,536 rows make them small) and the current row are held. Files protected with
 * Excel's default write-protection password open; any other password is reported.
 */
public final class XlsWorkbook implements SpreadsheetSource {

	private final POIFSFileSystem fs;

	private final String streamName;

	private final List<SheetInfo> sheets = new ArrayList<>();

	/**
	 * For each sheet in workbook order, its position among the sheet substreams in the
	 * file.
	 */
	private int[] substreamOfSheet;

	private XlsWorkbook(POIFSFileSystem fs, String streamName) {
		this.fs = fs;
		this.streamName = streamName;
	}

	/**
	 * @throws GridReadException when the file is corrupt, encrypted or an Excel 5/95
	 * workbook
	 */
	public static XlsWorkbook open(Path file) throws GridReadException {
		POIFSFileSystem fs;
		try {
			fs = new POIFSFileSystem(file.toFile(), true);
		}
		catch (IOException | RuntimeException ex) {
			throw new GridReadException("文件已损坏，Excel 内容无法读取（" + ex.getClass().getSimpleName() + "）", ex);
		}
		try {
			DirectoryNode root = fs.getRoot();
			if (!root.hasEntryCaseInsensitive("Workbook")) {
				throw new GridReadException("文件是 Excel 95 或更早的格式，无法读取，请另存为 .xlsx 后重新报送", null);
			}
			XlsWorkbook workbook = new XlsWorkbook(fs, root.hasEntry("Workbook") ? "Workbook" : "WORKBOOK");
			workbook.readSheetList();
			return workbook;
		}
		catch (GridReadException ex) {
			closeQuietly(fs);
			throw ex;
		}
		catch (EncryptedDocumentException ex) {
			closeQuietly(fs);
			throw new GridReadException("文件已加密或设置了打开密码，无法读取，请去掉密码后重新报送", ex);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(fs);
			throw new GridReadException("文件已损坏，Excel 内容无法读取（" + ex.getClass().getSimpleName() + "）", ex);
		}
	}

	private void readSheetList() throws IOException {
		List<BoundSheetRecord> bound = new ArrayList<>();
		try (InputStream in = fs.createDocumentInputStream(streamName)) {
			RecordFactoryInputStream records = new RecordFactoryInputStream(in, false);
			for (Record record = records.nextRecord(); record != null; record = records.nextRecord()) {
				if (record instanceof BoundSheetRecord sheet) {
					bound.add(sheet);
				}
				else if (record instanceof EOFRecord) {
					break; // end of the workbook globals
				}
			}
		}
		for (BoundSheetRecord sheet : bound) {
			sheets.add(new SheetInfo(sheets.size(), sheet.getSheetname(), sheet.isHidden() || sheet.isVeryHidden()));
		}
		BoundSheetRecord[] byPosition = BoundSheetRecord.orderByBofPosition(bound);
		substreamOfSheet = new int[bound.size()];
		for (int i = 0; i < byPosition.length; i++) {
			substreamOfSheet[bound.indexOf(byPosition[i])] = i;
		}
	}

	@Override
	public String format() {
		return "xls";
	}

	@Override
	public List<SheetInfo> sheets() {
		return List.copyOf(sheets);
	}

	@Override
	public RowSource open(SheetInfo sheet) throws GridReadException {
		try {
			InputStream in = fs.createDocumentInputStream(streamName);
			return new SheetRows(sheet, in, substreamOfSheet[sheet.index()]);
		}
		catch (EncryptedDocumentException ex) {
			throw new GridReadException("文件已加密或设置了打开密码，无法读取，请去掉密码后重新报送", ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new GridReadException("文件已损坏，Excel 内容无法读取（" + ex.getClass().getSimpleName() + "）", ex);
		}
	}

	@Override
	public void close() throws IOException {
		fs.close();
	}

	private static void closeQuietly(POIFSFileSystem fs) {
		try {
			fs.close();
		}
		catch (IOException ex) {
			// already failing
		}
	}

	/**
	 * One sheet's cell records, gathered into rows; cell records of a row come together,
	 * in column order.
	 */
	private static final class SheetRows implements RowSource {

		private final SheetInfo sheet;

		private final InputStream in;

		private final RecordFactoryInputStream records;

		/**
		 * Tracks FORMAT and XF records so a number cell's format (date or not) is known.
		 */
		private final FormatTrackingHSSFListener formats = new FormatTrackingHSSFListener(record -> {
		});

		private SSTRecord sharedStrings;

		private boolean date1904;

		private final Set<Integer> hiddenRows = new HashSet<>();

		private final Set<Integer> hiddenColumns = new HashSet<>();

		private final List<CellRange> merged = new ArrayList<>();

		private String[] cells = new String[16];

		private int[] stamps = new int[16];

		private int serial;

		private int width;

		private int rowIndex = -1;

		/** A cell of the next row, read while finding where the current one ends. */
		private Record pending;

		/** A formula whose string result follows in a STRING record. */
		private FormulaRecord stringFormula;

		private boolean done;

		SheetRows(SheetInfo sheet, InputStream in, int substream) throws IOException {
			this.sheet = sheet;
			this.in = in;
			this.records = new RecordFactoryInputStream(in, false);
			skipTo(substream);
		}

		/** Reads the globals, then skips whole substreams until the sheet's own BOF. */
		private void skipTo(int substream) {
			int depth = 0;
			int seen = -1; // the globals substream
			boolean inGlobals = true;
			for (Record record = records.nextRecord(); record != null; record = records.nextRecord()) {
				if (record instanceof BOFRecord) {
					if (depth == 0 && !inGlobals) {
						seen++;
						if (seen == substream) {
							return;
						}
					}
					depth++;
				}
				else if (record instanceof EOFRecord) {
					depth--;
					if (inGlobals && depth == 0) {
						inGlobals = false;
					}
				}
				else if (inGlobals) {
					if (record instanceof SSTRecord sst) {
						sharedStrings = sst;
					}
					else if (record instanceof FormatRecord || record instanceof ExtendedFormatRecord) {
						formats.processRecordInternally(record);
					}
					else if (record instanceof DateWindow1904Record window) {
						date1904 = window.getWindowing() == 1;
					}
				}
			}
			done = true;
		}

		@Override
		public String sheetName() {
			return sheet.name();
		}

		@Override
		public boolean sheetHidden() {
			return sheet.hidden();
		}

		@Override
		public boolean next() throws IOException {
			if (done) {
				return false;
			}
			serial++;
			width = 0;
			int row = -1;
			int depth = 0; // charts embedded in the sheet bring their own BOF … EOF
			try {
				while (true) {
					Record record = pending != null ? pending : records.nextRecord();
					pending = null;
					if (record == null) {
						done = true;
						return row >= 0;
					}
					if (record instanceof BOFRecord) {
						depth++;
						continue;
					}
					if (record instanceof EOFRecord) {
						if (depth-- == 0) {
							done = true;
							return row >= 0;
						}
						continue;
					}
					if (depth > 0) {
						continue;
					}
					if (record instanceof StringRecord string && stringFormula != null) {
						put(stringFormula.getColumn(), string.getString());
						stringFormula = null;
						continue;
					}
					if (record instanceof CellValueRecordInterface cell) {
						if (row >= 0 && cell.getRow() != row) {
							pending = record;
							rowIndex = row;
							return true;
						}
						row = cell.getRow();
						cell(cell);
					}
					else if (record instanceof RowRecord rowRecord) {
						if (rowRecord.getZeroHeight()) {
							hiddenRows.add(rowRecord.getRowNumber());
						}
					}
					else if (record instanceof MergeCellsRecord merges) {
						for (int i = 0; i < merges.getNumAreas(); i++) {
							CellRangeAddress area = merges.getAreaAt(i);
							merged.add(new CellRange(area.getFirstRow(), area.getLastRow(), area.getFirstColumn(),
									area.getLastColumn()));
						}
					}
					else if (record instanceof ColumnInfoRecord columns && columns.getHidden()) {
						for (int c = columns.getFirstColumn(); c <= Math.min(columns.getLastColumn(), 1024); c++) {
							hiddenColumns.add(c);
						}
					}
				}
			}
			catch (EncryptedDocumentException ex) {
				throw new IOException("文件已加密或设置了打开密码，无法读取，请去掉密码后重新报送", ex);
			}
			catch (RuntimeException ex) {
				throw new IOException("工作表“" + sheet.name() + "”的内容已损坏（" + ex.getClass().getSimpleName() + "）", ex);
			}
			finally {
				if (done && row >= 0) {
					rowIndex = row;
				}
			}
		}

		private void cell(CellValueRecordInterface cell) {
			int column = cell.getColumn();
			if (cell instanceof LabelSSTRecord label) {
				put(column, sharedStrings == null ? "" : sharedStrings.getString(label.getSSTIndex()).getString());
			}
			else if (cell instanceof NumberRecord number) {
				put(column, number(cell, number.getValue()));
			}
			else if (cell instanceof RKRecord rk) {
				put(column, number(cell, rk.getRKNumber()));
			}
			else if (cell instanceof LabelRecord label) {
				put(column, label.getValue());
			}
			else if (cell instanceof BoolErrRecord boolErr) {
				put(column, boolErr.isBoolean() ? (boolErr.getBooleanValue() ? "TRUE" : "FALSE")
						: PoiGridReader.errorText(boolErr.getErrorValue()));
			}
			else if (cell instanceof FormulaRecord formula) {
				// formulas are never evaluated: the value Excel saved is what the clerk
				// saw
				int type = formula.getCachedResultType();
				if (type == CellType.STRING.getCode()) {
					stringFormula = formula;
				}
				else if (type == CellType.BOOLEAN.getCode()) {
					put(column, formula.getCachedBooleanValue() ? "TRUE" : "FALSE");
				}
				else if (type == CellType.ERROR.getCode()) {
					put(column, PoiGridReader.errorText(formula.getCachedErrorValue()));
				}
				else {
					put(column, number(cell, formula.getValue()));
				}
			}
		}

		private String number(CellValueRecordInterface cell, double value) {
			int formatIndex = formats.getFormatIndex(cell);
			String formatString = formats.getFormatString(formatIndex);
			if (CellTexts.isDateFormat(formatIndex, formatString)) {
				return CellTexts.excelDate(value, date1904);
			}
			return CellTexts.plainDecimal(value);
		}

		private void put(int column, String text) {
			if (column < 0 || text == null || text.isEmpty()) {
				return;
			}
			if (column >= cells.length) {
				cells = Arrays.copyOf(cells, Math.max(cells.length * 2, column + 1));
				stamps = Arrays.copyOf(stamps, cells.length);
			}
			cells[column] = text;
			stamps[column] = serial;
			width = Math.max(width, column + 1);
		}

		@Override
		public int rowIndex() {
			return rowIndex;
		}

		@Override
		public boolean rowHidden() {
			return hiddenRows.contains(rowIndex);
		}

		@Override
		public int width() {
			return width;
		}

		@Override
		public String text(int column) {
			return column >= 0 && column < width && stamps[column] == serial ? cells[column] : "";
		}

		@Override
		public List<CellRange> mergedRegions() {
			return List.copyOf(merged);
		}

		@Override
		public Set<Integer> hiddenColumns() {
			return Set.copyOf(hiddenColumns);
		}

		@Override
		public void close() throws IOException {
			in.close();
		}

	}

}
