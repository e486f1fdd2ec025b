package org.anjian.readers.lists;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.anjian.readers.Finding;
import org.anjian.readers.RecordListFile;
import org.anjian.readers.SheetFields;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.lists.ListHeaders.BufferedRow;
import org.anjian.readers.lists.ListHeaders.HeaderMatch;
import org.anjian.readers.rows.RowSource;
import org.anjian.readers.rows.SheetInfo;
import org.anjian.readers.rows.SpreadsheetSource;
import org.anjian.readers.rows.SpreadsheetSources;

/**
 * Reads a record-level list (隐患台账, 执法统计表（一）, 企业名录库, 联络员名单) from an .xlsx, .xls or CSV
 * file, row by row, into a {@link ListRowSink}: nothing but the current row is held, so a
 * ledger of millions of rows reads in constant memory.
 *
 * <p>
 * The list kind and its columns are found by header meaning ({@link ListHeaders}: within
 * the first {@value #HEADER_SEARCH_ROWS} rows of each sheet, visible sheets first); below
 * it the rows are parsed on a thread of their own ({@link RowsAhead}) while this one
 * checks them ({@link ListRowChecks}: an error rejects the row, a warning only annotates
 * it). Bad content never throws: it becomes a {@link Finding}.
 *
 * <p>
 * Thread-safe: it keeps no state between files.
 */
public class ListFileReader implements ListReader {

	/** No sheet has the header of any list. */
	public static final String NO_LIST = "NO_LIST";

	/**
	 * The header lacks columns its list kind requires (named in the message); no row is
	 * read.
	 */
	public static final String LIST_HEADER_MISSING = "LIST_HEADER_MISSING";

	/**
	 * A cell that must be filled is blank (error), or one that should be is (warning).
	 */
	public static final String LIST_VALUE_MISSING = "LIST_VALUE_MISSING";

	/** Not a date. */
	public static final String LIST_DATE_INVALID = "LIST_DATE_INVALID";

	/** Not a non-negative amount. */
	public static final String LIST_AMOUNT_INVALID = "LIST_AMOUNT_INVALID";

	/** Not one of the values the column allows (隐患等级 重大/一般, 整改状态 …). */
	public static final String LIST_VALUE_UNKNOWN = "LIST_VALUE_UNKNOWN";

	/** 统一社会信用代码 malformed or with a wrong check character (warning; kept as written). */
	public static final String LIST_USCC_INVALID = "LIST_USCC_INVALID";

	/** 手机号码 not 11 digits starting with 1 (warning; kept as written). */
	public static final String LIST_MOBILE_INVALID = "LIST_MOBILE_INVALID";

	/**
	 * A date before the date it must follow (整改完成日期 before 发现日期: error; 整改期限: warning).
	 */
	public static final String LIST_DATE_ORDER = "LIST_DATE_ORDER";

	/**
	 * Warning: a further visible sheet of the file holds a list too; it is not read (one
	 * list per file).
	 */
	public static final String OTHER_LIST_NOT_READ = "OTHER_LIST_NOT_READ";

	/** How far down a sheet a list header is looked for (non-empty rows). */
	public static final int HEADER_SEARCH_ROWS = ListHeaders.HEADER_SEARCH_ROWS;

	private final ListHeaders headers;

	/**
	 * What an .xlsx sheet may inflate to while it is streamed
	 * ({@link ReaderLimits#ZIP_BOMB}).
	 */
	private final ReaderLimits limits;

	/**
	 * A reader for the bundled list definitions, streaming sheets within
	 * {@link ReaderLimits#forLists()}.
	 */
	public ListFileReader() {
		this(ListDefinition.bundled());
	}

	public ListFileReader(List<ListDefinition> definitions) {
		this(definitions, ReaderLimits.forLists());
	}

	/**
	 * @param limits what a sheet may inflate to while streamed: a list's sheets are not
	 * inflated in advance ({@link ListPrecheck}), so a zip bomb in one is stopped here,
	 * as a file error with its rule
	 */
	public ListFileReader(List<ListDefinition> definitions, ReaderLimits limits) {
		this.headers = new ListHeaders(definitions);
		this.limits = limits;
	}

	/**
	 * Reads the list, sending accepted rows and every finding to {@code sink} in row
	 * order.
	 * @return the kind, sheet, header row, title, 填报单位 and counts; never throws for bad
	 * content
	 */
	@Override
	public ListFileSummary read(Path file, ListRowSink sink) {
		return read(file, () -> SpreadsheetSources.open(file, limits), sink);
	}

	/**
	 * As {@link #read(Path, ListRowSink)} for a file the front door recognised: opened by
	 * its format, not detected again.
	 */
	public ListFileSummary read(RecordListFile list, ListRowSink sink) {
		return read(list.path(), () -> SpreadsheetSources.open(list.path(), list.format(), limits), sink);
	}

	private interface Opener {

		SpreadsheetSource open() throws SpreadsheetSources.NotASpreadsheetException, GridReadException, IOException;

	}

	private ListFileSummary read(Path file, Opener opener, ListRowSink sink) {
		String fileName = file.getFileName().toString();
		Reading reading = new Reading(fileName, sink);
		try (SpreadsheetSource source = opener.open()) {
			reading.format = source.format();
			List<SheetInfo> sheets = ListHeaders.visibleFirst(source.sheets());
			for (int s = 0; s < sheets.size(); s++) {
				try (RowSource rows = source.open(sheets.get(s))) {
					List<BufferedRow> head = ListHeaders.buffer(rows, HEADER_SEARCH_ROWS);
					HeaderMatch header = headers.locate(head);
					if (header == null) {
						continue;
					}
					reading.read(rows, head, header);
				}
				warnOfOtherLists(source, sheets.subList(s + 1, sheets.size()), sheets.get(s), reading);
				return reading.summary();
			}
			reading.fileError(NO_LIST, "未找到明细清单：各工作表前 " + HEADER_SEARCH_ROWS
					+ " 行中都没有可识别的表头（如隐患台账的“企业名称、隐患描述、隐患等级、发现日期”，执法统计表的“受检企业(单位)名称、检查时间、安全生产违法行为”，名录库的“企业名称、行业类别”，联络员名单的“姓名、手机号码”）（文件“"
					+ fileName + "”，共 " + source.sheets().size() + " 个工作表）");
		}
		catch (SpreadsheetSources.NotASpreadsheetException ex) {
			Finding finding = SummaryTableFileReader.notASpreadsheet(ex.getMessage(), fileName);
			reading.fileError(finding.rule(), finding.message());
		}
		catch (GridReadException ex) {
			reading.fileError(SummaryTableFileReader.FILE_UNREADABLE, ex.getMessage() + "，文件“" + fileName + "”");
		}
		catch (IOException | RuntimeException ex) {
			ReaderLimitException limit = ReaderLimitException.in(ex);
			if (limit != null) {
				// a sheet inflating like a zip bomb, found while streamed: the rows sent
				// so far go with the file
				reading.fileError(limit.rule(), ListPrecheck.forList(limit.getMessage()) + "，文件“" + fileName + "”");
				return reading.summary();
			}
			// a file that breaks off half way: the rows before the break were delivered;
			// say where it stopped
			reading.fileError(SummaryTableFileReader.FILE_UNREADABLE,
					"文件无法读取完整（" + ex.getClass().getSimpleName() + "：" + ex.getMessage() + "）"
							+ (reading.rowsRead() > 0 ? "，已读取前 " + reading.rowsRead() + " 行" : "") + "，文件“" + fileName
							+ "”");
		}
		return reading.summary();
	}

	/**
	 * One list is read per file (rows are numbered within it); a clerk who put, say, one
	 * ledger per month on sheets of one workbook must not find the other sheets silently
	 * dropped: each further visible sheet with a list header is named in a warning
	 * ({@link #OTHER_LIST_NOT_READ}). Hidden sheets are left out, as when the list is
	 * chosen.
	 */
	private void warnOfOtherLists(SpreadsheetSource source, List<SheetInfo> others, SheetInfo read, Reading reading)
			throws IOException, GridReadException {
		for (SheetInfo other : others) {
			if (other.hidden()) {
				continue;
			}
			try (RowSource rows = source.open(other)) {
				List<BufferedRow> head = ListHeaders.buffer(rows, HEADER_SEARCH_ROWS);
				HeaderMatch header = headers.locate(head);
				if (header != null) {
					int headerRow = head.get(header.position()).rowIndex() + 1;
					reading.fileWarning(OTHER_LIST_NOT_READ, other.name(), headerRow,
							"工作表“" + other.name() + "”第" + headerRow + "行也是一张" + header.definition().kind().label()
									+ "的表头，本文件只读取了工作表“" + read.name() + "”；该表的数据未入库，如需报送，请另存为单独的文件");
				}
			}
		}
	}

	/** The state of one file being read. */
	private final class Reading {

		private final String fileName;

		private final ListRowSink sink;

		private String format = "unknown";

		private ListKind kind;

		private String sheet;

		private Integer headerRow;

		private String title = "";

		private Map<String, String> fields = Map.of();

		private final List<Finding> fileFindings = new ArrayList<>();

		/** The row checks, once the header is known. */
		private ListRowChecks checks;

		Reading(String fileName, ListRowSink sink) {
			this.fileName = fileName;
			this.sink = sink;
		}

		void fileError(String rule, String message) {
			Finding finding = Finding.error(rule, sheet, null, null, message);
			fileFindings.add(finding);
			sink.finding(finding);
		}

		void fileWarning(String rule, String otherSheet, int rowNumber, String message) {
			Finding finding = Finding.warning(rule, otherSheet, rowNumber, null, message);
			fileFindings.add(finding);
			sink.finding(finding);
		}

		ListFileSummary summary() {
			return new ListFileSummary(fileName, format, kind, sheet, headerRow, title, fields.get("填报单位"),
					Collections.unmodifiableMap(fields), rowsRead(), checks == null ? 0 : checks.accepted(),
					checks == null ? 0 : checks.rejected(), checks == null ? 0 : checks.warnings(),
					List.copyOf(fileFindings));
		}

		long rowsRead() {
			return checks == null ? 0 : checks.rowsRead();
		}

		void read(RowSource rows, List<BufferedRow> head, HeaderMatch header) throws IOException {
			ListDefinition definition = header.definition();
			kind = definition.kind();
			sheet = rows.sheetName();
			BufferedRow headerLine = head.get(header.position());
			headerRow = headerLine.rowIndex() + 1;
			aboveHeader(head.subList(0, header.position()));
			if (!header.missing().isEmpty()) {
				List<String> names = header.missing().stream().map(c -> definition.label(c)).toList();
				Finding finding = Finding.error(LIST_HEADER_MISSING, sheet, headerRow, null,
						"工作表“" + sheet + "”第" + headerRow + "行的表头缺少以下栏目：" + String.join("、", names) + "，无法按《"
								+ kind.label() + "》读取，请补齐这些栏目后重新报送（文件“" + fileName + "”）");
				fileFindings.add(finding);
				sink.finding(finding);
				return;
			}
			checks = new ListRowChecks(sink, sheet, title, header);
			int[] columns = header.columns();
			for (BufferedRow row : head.subList(header.position() + 1, head.size())) {
				String[] texts = new String[columns.length];
				for (int i = 0; i < texts.length; i++) {
					texts[i] = columns[i] < 0 ? null : row.text(columns[i]);
				}
				checks.row(row.rowIndex(), texts);
			}
			// the rest is parsed on a thread of its own while this one checks the rows
			// and feeds the sink
			try (RowsAhead ahead = new RowsAhead(rows, columns)) {
				for (RowsAhead.Batch batch; (batch = ahead.next()) != null;) {
					for (int k = 0; k < batch.size; k++) {
						checks.row(batch.rowIndexes[k], batch.texts[k]);
						batch.texts[k] = null;
					}
					ahead.rethrowFailure(batch);
				}
			}
		}

		private void aboveHeader(List<BufferedRow> above) {
			Map<String, String> found = SheetFields.newMap();
			List<String> titleLines = new ArrayList<>();
			ListHeaders.collectFields(above, found, titleLines);
			fields = found;
			title = String.join(" ", titleLines);
		}

	}

}
