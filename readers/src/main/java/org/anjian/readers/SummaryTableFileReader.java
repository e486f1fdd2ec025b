package org.anjian.readers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.anjian.readers.csv.CsvGridReader;
import org.anjian.readers.excel.poi.PoiGridReader;
import org.anjian.readers.forms.FormDefinition;
import org.anjian.readers.forms.FormDefinitions;
import org.anjian.readers.grid.Grid;
import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.OoxmlPrescan;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.limits.SheetLimits;
import org.anjian.readers.limits.TextPrescan;
import org.anjian.readers.rows.FileSignature;
import org.anjian.readers.rows.Grids;
import org.anjian.readers.rows.OoxmlPackages;
import org.anjian.readers.rows.RowSource;
import org.anjian.readers.rows.SheetInfo;
import org.anjian.readers.rows.SpreadsheetSources;
import org.anjian.readers.rows.XlsxWorkbook;

/**
 * Reads a statistics summary table (统计汇总表) from an .xlsx, .xls or CSV submission,
 * whatever its file name says.
 *
 * <p>
 * The format comes from the content: a zip holding {@code xl/workbook.xml} is xlsx, an
 * OLE2 compound file with a workbook stream is xls (with an EncryptionInfo stream it is
 * an encrypted xlsx), text that decodes as UTF-8 or GB18030 and has delimited lines is
 * CSV. Every sheet becomes a {@link Grid}; the first sheet (visible ones first) holding a
 * header of one of the configured forms gives the table. Bad content never throws: it
 * gives an error {@link Finding} with one of the rule codes below, or one of
 * {@link ReaderLimits} when the file asks for more than its limits allow (checked before
 * a library builds the file in memory).
 *
 * <p>
 * Thread-safe: it keeps no state between files.
 */
public class SummaryTableFileReader implements SubmissionFileReader {

	/** Not an Excel or CSV file at all. */
	public static final String FILE_FORMAT = "FILE_FORMAT";

	/** An Excel file that cannot be opened: corrupt, encrypted, password-protected. */
	public static final String FILE_UNREADABLE = "FILE_UNREADABLE";

	/** No sheet has a recognisable summary table header. */
	public static final String NO_TABLE = "NO_TABLE";

	/**
	 * Warning: a further visible sheet holds a summary table too; it is not read (one
	 * table per file).
	 */
	public static final String OTHER_TABLE_NOT_READ = "OTHER_TABLE_NOT_READ";

	/** The table's header lacks measure columns of its form. */
	public static final String HEADER_MISSING = "HEADER_MISSING";

	/** A second 合计 row after the first (warning; the first is used). */
	public static final String TOTAL_ROW_REPEATED = "TOTAL_ROW_REPEATED";

	/** A CSV whose lines are in two encodings (UTF-8 and GBK pasted together). */
	public static final String FILE_ENCODING = "FILE_ENCODING";

	private final TableLocator locator;

	private final ReaderLimits limits;

	/**
	 * A reader for the bundled forms (F-000, F-001, F-003-II) with the default limits.
	 */
	public SummaryTableFileReader() {
		this(FormDefinitions.bundled());
	}

	/** A reader for the bundled forms with the given limits. */
	public SummaryTableFileReader(ReaderLimits limits) {
		this(FormDefinitions.bundled(), limits);
	}

	/**
	 * A reader for the given forms; when several match a header, the one matching most
	 * measures wins.
	 */
	public SummaryTableFileReader(List<FormDefinition> forms) {
		this(forms, ReaderLimits.defaults());
	}

	public SummaryTableFileReader(List<FormDefinition> forms, ReaderLimits limits) {
		if (forms.isEmpty()) {
			throw new IllegalArgumentException("at least one form definition is needed");
		}
		this.locator = new TableLocator(forms);
		this.limits = limits;
	}

	public ReaderLimits limits() {
		return limits;
	}

	@Override
	public SubmissionRead read(Path file) {
		String fileName = file.getFileName().toString();
		String format = "unknown";
		try {
			long size = Files.size(file);
			if (size > limits.maxFileBytes()) {
				return rejected(format, tooLarge(size, limits, fileName));
			}
			switch (FileSignature.of(file)) {
				case ZIP -> {
					// one zip for the check and the read: the prescan's counts first,
					// since a Grid holds the whole sheet
					try (ZipFile zip = OoxmlPackages.open(file)) {
						if (!OoxmlPackages.isWorkbook(zip)) {
							return rejected(format, notASpreadsheet(SpreadsheetSources.NOT_A_WORKBOOK, fileName));
						}
						format = "xlsx";
						try {
							OoxmlPrescan.check(zip, limits);
						}
						catch (IOException ex) {
							throw new GridReadException("文件已损坏，Excel 内容无法读取（" + ex.getMessage() + "）", ex);
						}
						return locate(fileName, format, xlsxGrids(XlsxWorkbook.open(zip, null)));
					}
				}
				case OLE2 -> {
					switch (PoiGridReader.inspectOle2(file)) {
						case ENCRYPTED_OOXML -> {
							return unreadable(fileName, "xlsx", SpreadsheetSources.ENCRYPTED);
						}
						case OTHER -> {
							return rejected(format, notASpreadsheet(SpreadsheetSources.NOT_EXCEL_OLE2, fileName));
						}
						case OLD_EXCEL -> {
							return rejected("xls", notASpreadsheet(SpreadsheetSources.OLD_EXCEL, fileName));
						}
						default -> {
							format = "xls";
							return locate(fileName, format, PoiGridReader.read(file, limits));
						}
					}
				}
				default -> {
					return csv(file, fileName, size);
				}
			}
		}
		catch (ReaderLimitException | GridReadException | IOException | RuntimeException | StackOverflowError ex) {
			return failed(fileName, format, ex);
		}
	}

	/** What went wrong reading a file, as its rejection: bad content never throws. */
	private static SubmissionRead failed(String fileName, String format, Throwable ex) {
		if (ex instanceof ReaderLimitException limit) {
			return rejected(format, beyond(limit, fileName));
		}
		if (ex instanceof GridReadException) {
			return unreadable(fileName, format, ex.getMessage());
		}
		if (ex instanceof StackOverflowError) {
			// deeply nested content in a library parser; the stack has unwound, nothing
			// is left half-built
			return unreadable(fileName, format, "文件结构嵌套过深，无法读取");
		}
		// never let one clerk's file stop a batch: report it on the file instead
		return unreadable(fileName, format,
				"文件无法读取（" + ex.getClass().getSimpleName() + "：" + String.valueOf(ex.getMessage()) + "）");
	}

	/**
	 * Reads what the front door ({@link SubmissionFiles}) found: a summary table is read
	 * by its format, its limits checked there already; an .xlsx's sheets were built there
	 * too, through the zip it had open, so only the table is located here (the zip is
	 * opened again only when the front door could not build them); a file beyond a limit
	 * is rejected with that limit; any other file is read as {@link #read(Path)} does, to
	 * report it in a summary's words (NO_TABLE, FILE_ENCODING …).
	 */
	@Override
	public SubmissionRead read(SubmissionFile submission) {
		if (submission instanceof UnreadableFile unreadable && unreadable.beyondLimits()) {
			return rejected(unreadable.format(), unreadable.rule());
		}
		if (!(submission instanceof SummaryTableFile summary) || summary.format().equals("csv")) {
			// CSV: the summary's text checks (encodings, limits) need the whole text,
			// which the sniff never reads
			return read(submission.path());
		}
		Path file = summary.path();
		String fileName = file.getFileName().toString();
		try {
			List<Grid> grids = summary.grids() != null ? summary.grids() : summary.format().equals("xlsx")
					? xlsxGrids(XlsxWorkbook.open(file, null)) : PoiGridReader.read(file, limits);
			return locate(fileName, summary.format(), grids, summary.located());
		}
		catch (ReaderLimitException | GridReadException | IOException | RuntimeException | StackOverflowError ex) {
			return failed(fileName, summary.format(), ex);
		}
	}

	private SubmissionRead csv(Path file, String fileName, long size) throws IOException, ReaderLimitException {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(64 * 1024);
		}
		if (CsvGridReader.isUtf16(head, head.length)) {
			return rejected("csv", notASpreadsheet(SpreadsheetSources.UTF_16, fileName));
		}
		TextPrescan.Verdict verdict = size == 0 ? TextPrescan.Verdict.BINARY : TextPrescan.scan(file, limits);
		if (verdict == TextPrescan.Verdict.MIXED_ENCODING) {
			return new SubmissionRead("csv", null,
					List.of(Finding.error(FILE_ENCODING, null, null, null,
							"文件中混用了两种文字编码（部分行是 UTF-8，部分行是 GBK），中文会成为乱码；请用 Excel 或 WPS 打开核对后另存为 CSV 重新报送，文件“" + fileName
									+ "”")));
		}
		String text = verdict == TextPrescan.Verdict.TEXT ? csvText(file, limits) : null;
		if (text == null) {
			return rejected("unknown", notASpreadsheet(null, fileName));
		}
		char delimiter = CsvGridReader.detectDelimiter(text);
		if (delimiter == 0) {
			return rejected("unknown", notASpreadsheet(CsvGridReader.NOT_DELIMITED, fileName));
		}
		Grid grid = CsvGridReader.read(baseName(fileName), text, delimiter);
		SheetLimits.checkCellTexts(grid, limits);
		return locate(fileName, "csv", List.of(grid));
	}

	/**
	 * The file is larger than a summary table may be
	 * ({@link ReaderLimits#FILE_TOO_LARGE}).
	 */
	static Finding tooLarge(long size, ReaderLimits limits, String fileName) {
		return beyond(new ReaderLimitException(ReaderLimits.FILE_TOO_LARGE, "文件大小 " + ReaderLimits.size(size) + "，超过 "
				+ ReaderLimits.size(limits.maxFileBytes()) + " 的上限（统计汇总表通常只有几十 KB），请检查是否发错文件"), fileName);
	}

	/** A summary limit the file exceeds. */
	static Finding beyond(ReaderLimitException ex, String fileName) {
		return Finding.error(ex.rule(), null, null, null, ex.getMessage() + "，文件“" + fileName + "”");
	}

	/**
	 * Not an Excel or CSV table ({@link #FILE_FORMAT}); {@code detail} says what it seems
	 * to be, or is null.
	 */
	public static Finding notASpreadsheet(String detail, String fileName) {
		if (SpreadsheetSources.OLD_EXCEL.equals(detail)) {
			return Finding.error(FILE_FORMAT, null, null, null, detail + "，文件“" + fileName + "”");
		}
		if (SpreadsheetSources.UTF_16.equals(detail)) {
			return Finding.error(FILE_ENCODING, null, null, null, detail + "，文件“" + fileName + "”");
		}
		return Finding.error(FILE_FORMAT, null, null, null, "无法识别的文件格式：该文件不是 Excel（.xlsx/.xls）或 CSV 表格"
				+ (detail == null ? "" : "（" + detail + "）") + "，文件“" + fileName + "”");
	}

	/**
	 * The id of the form whose summary table header this grid holds (F-000 …), or null:
	 * lets a caller tell a summary table from a record-level list by a sheet's first
	 * rows.
	 */
	public String formOf(Grid grid) {
		return located(grid).formId();
	}

	/**
	 * Where this reader's forms put a summary table's header in {@code grid}: what the
	 * front door recognises a form by, handed on to the read when the grid is the whole
	 * sheet ({@link SummaryTableFile#located()}).
	 */
	Located located(Grid grid) {
		return new Located(grid, locator.locate(grid), locator);
	}

	/**
	 * A grid and the header a reader's forms found in it (none: null): searching a small
	 * form's header is most of its read, so the front door's search is not repeated.
	 */
	public static final class Located {

		private final Grid grid;

		private final TableLocator.HeaderMatch header;

		private final TableLocator by;

		private Located(Grid grid, TableLocator.HeaderMatch header, TableLocator by) {
			this.grid = grid;
			this.header = header;
			this.by = by;
		}

		/** The form found, or null. */
		String formId() {
			return header == null ? null : header.form().id();
		}

		/**
		 * The header found in {@code searched}, when it is this grid itself and was found
		 * with the same forms as {@code locator}'s.
		 */
		boolean answers(Grid searched, TableLocator locator) {
			return searched == grid && by.sameForms(locator);
		}

	}

	/**
	 * Every sheet of an xlsx as a grid, through the same streaming OOXML reader the
	 * record-level lists use.
	 */
	private static List<Grid> xlsxGrids(XlsxWorkbook opened) throws GridReadException, IOException {
		try (XlsxWorkbook workbook = opened) {
			return sheetGrids(workbook);
		}
	}

	/** Every sheet of an open xlsx as a grid; the workbook stays open. */
	static List<Grid> sheetGrids(XlsxWorkbook workbook) throws GridReadException {
		return sheetGrids(workbook, Map.of());
	}

	/**
	 * As {@link #sheetGrids(XlsxWorkbook)}, taking the sheets already read whole from
	 * {@code whole} (by {@link SheetInfo#index()}) instead of reading them again.
	 */
	static List<Grid> sheetGrids(XlsxWorkbook workbook, Map<Integer, Grid> whole) throws GridReadException {
		List<Grid> grids = new ArrayList<>();
		for (SheetInfo sheet : workbook.sheets()) {
			Grid read = whole.get(sheet.index());
			if (read != null) {
				grids.add(read);
				continue;
			}
			try (RowSource rows = workbook.open(sheet)) {
				grids.add(Grids.read(rows));
			}
			catch (IOException ex) {
				throw new GridReadException("文件已损坏，Excel 内容无法读取（工作表“" + sheet.name() + "”）", ex);
			}
		}
		return grids;
	}

	private SubmissionRead locate(String fileName, String format, List<Grid> grids) {
		return locate(fileName, format, grids, null);
	}

	/**
	 * @param located the front door's search of one of the grids, or null: that grid is
	 * not searched again
	 */
	private SubmissionRead locate(String fileName, String format, List<Grid> grids, Located located) {
		List<Grid> ordered = new ArrayList<>(grids);
		// visible sheets first, each group in workbook order (the sort is stable)
		ordered.sort(Comparator.comparing(Grid::hidden));
		for (Grid grid : ordered) {
			TableLocator.HeaderMatch header = located != null && located.answers(grid, locator) ? located.header
					: locator.locate(grid);
			if (header == null) {
				continue;
			}
			List<Finding> findings = new ArrayList<>();
			SummaryTable table = locator.read(grid, header, findings);
			if (!header.missing().isEmpty()) {
				findings.addAll(0, missingFindings(fileName, grid, header));
			}
			findings.addAll(otherTables(fileName, ordered, grid));
			if (table.explanation() == null) {
				for (Grid other : grids) {
					if (other != grid && Explanations.isSheet(other.name())) {
						table = table.withExplanation(Explanations.sheet(other));
						break;
					}
				}
			}
			return new SubmissionRead(format, table, List.copyOf(findings));
		}
		return new SubmissionRead(format, null, List.of(Finding.error(NO_TABLE, null, null, null,
				"未找到统计汇总表：各工作表中都没有可识别的表头（如“派出检查小组”“发现隐患数量”）（文件“" + fileName + "”，共 " + grids.size() + " 个工作表）")));
	}

	/**
	 * One table is read per file; a further visible sheet holding a summary table too
	 * (two townships, or two months, in one workbook) is named in a warning rather than
	 * dropped in silence ({@link #OTHER_TABLE_NOT_READ}). Hidden sheets (old copies,
	 * templates) are left out, as when the table is chosen.
	 */
	private List<Finding> otherTables(String fileName, List<Grid> grids, Grid read) {
		List<Finding> findings = new ArrayList<>();
		for (Grid other : grids) {
			if (other == read || other.hidden()) {
				continue;
			}
			TableLocator.HeaderMatch header = locator.locate(other);
			if (header != null) {
				findings.add(Finding.warning(OTHER_TABLE_NOT_READ, other.name(), header.top() + 1, null,
						"工作表“" + other.name() + "”第" + (header.top() + 1) + "行也是一张《" + header.form().name()
								+ "》，本文件只读取了工作表“" + read.name() + "”；该表的数据未入库，如需报送，请另存为单独的文件（文件“" + fileName + "”）"));
			}
		}
		return findings;
	}

	private static List<Finding> missingFindings(String fileName, Grid grid, TableLocator.HeaderMatch header) {
		List<Finding> findings = new ArrayList<>();
		List<String> required = header.missing().stream().filter(m -> !m.optional()).map(m -> m.display()).toList();
		List<String> optional = header.missing().stream().filter(m -> m.optional()).map(m -> m.display()).toList();
		String where = "工作表“" + grid.name() + "”第" + (header.top() + 1) + "–" + (header.bottom() + 1) + "行的表头";
		if (!required.isEmpty()) {
			findings.add(Finding.error(HEADER_MISSING, grid.name(), header.top() + 1, null, where + "缺少以下栏目："
					+ String.join("、", required) + "。请按《" + header.form().name() + "》的格式填报（文件“" + fileName + "”）"));
		}
		if (!optional.isEmpty()) {
			findings.add(Finding.warning(HEADER_MISSING, grid.name(), header.top() + 1, null,
					where + "没有以下栏目，按未填报处理：" + String.join("、", optional) + "（文件“" + fileName + "”）"));
		}
		return findings;
	}

	private static SubmissionRead rejected(String format, Finding finding) {
		return new SubmissionRead(format, null, List.of(finding));
	}

	private static SubmissionRead unreadable(String fileName, String format, String reason) {
		return new SubmissionRead(format, null,
				List.of(Finding.error(FILE_UNREADABLE, null, null, null, reason + "，文件“" + fileName + "”")));
	}

	/**
	 * The file as CSV text, or null when it is binary (control characters, PDF, images …)
	 * or neither UTF-8 nor GB18030.
	 */
	private static String csvText(Path file, ReaderLimits limits) throws IOException, ReaderLimitException {
		// TextPrescan checked size and content; a file still growing must not slip past
		// the size limit here
		byte[] bytes;
		try (InputStream in = Files.newInputStream(file)) {
			bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
		}
		if (bytes.length > limits.maxFileBytes()) {
			throw new ReaderLimitException(ReaderLimits.FILE_TOO_LARGE,
					"文件在读取过程中超过了 " + ReaderLimits.size(limits.maxFileBytes()) + " 的上限（可能仍在写入），请稍后重新报送");
		}
		if (CsvGridReader.isBinary(bytes, bytes.length)) {
			return null;
		}
		String text = CsvGridReader.decode(bytes);
		if (text == null) {
			return null;
		}
		return CsvGridReader.isOtherFormat(text) ? null : text;
	}

	private static String baseName(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return dot > 0 ? fileName.substring(0, dot) : fileName;
	}

}
