package org.anjian.readers.lists;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.anjian.readers.CellNumbers;
import org.anjian.readers.Finding;
import org.anjian.readers.Severity;
import org.anjian.readers.SheetFields;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.forms.HeaderText;
import org.anjian.readers.grid.Grid;
import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.rows.Grids;
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
 * The list kind and its columns are found by header meaning, like the summary forms:
 * within the first {@value #HEADER_SEARCH_ROWS} rows of each sheet (visible sheets
 * first), the row whose cells match most of a definition's required columns
 * ({@link ListDefinition}, {@code lists/*.properties}) is the header; a title line and
 * “填报单位：…” lines may sit above it. Each data row is then checked: an error rejects the
 * row (it is reported and not passed on), a warning only annotates it. Bad content never
 * throws: it becomes a {@link Finding}.
 *
 * <p>
 * Thread-safe: it keeps no state between files.
 */
public class ListFileReader {

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
	public static final int HEADER_SEARCH_ROWS = 30;

	/**
	 * How many rows a summary table header is looked for in when sniffing (as
	 * {@code TableLocator} does).
	 */
	private static final int SUMMARY_SNIFF_ROWS = 60;

	private static final java.util.regex.Pattern NOTE = java.util.regex.Pattern.compile("(注|说明)\\s*[:：、.．\\d]");

	private final List<ListDefinition> definitions;

	private final SummaryTableFileReader summaries = new SummaryTableFileReader();

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
		if (definitions.isEmpty()) {
			throw new IllegalArgumentException("at least one list definition is needed");
		}
		this.definitions = List.copyOf(definitions);
		this.limits = limits;
	}

	/**
	 * Reads the list, sending accepted rows and every finding to {@code sink} in row
	 * order.
	 * @return the kind, sheet, header row, title, 填报单位 and counts; never throws for bad
	 * content
	 */
	public ListFileSummary read(Path file, ListRowSink sink) {
		String fileName = file.getFileName().toString();
		Reading reading = new Reading(fileName, sink);
		try (SpreadsheetSource source = SpreadsheetSources.open(file, limits)) {
			reading.format = source.format();
			List<SheetInfo> sheets = visibleFirst(source.sheets());
			for (int s = 0; s < sheets.size(); s++) {
				try (RowSource rows = source.open(sheets.get(s))) {
					List<BufferedRow> head = buffer(rows, HEADER_SEARCH_ROWS);
					HeaderMatch header = locate(head);
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
			reading.fileError(SummaryTableFileReader.FILE_FORMAT, "无法识别的文件格式：该文件不是 Excel（.xlsx/.xls）或 CSV 表格"
					+ (ex.getMessage() == null ? "" : "（" + ex.getMessage() + "）") + "，文件“" + fileName + "”");
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
							+ (reading.rowsRead > 0 ? "，已读取前 " + reading.rowsRead + " 行" : "") + "，文件“" + fileName
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
				List<BufferedRow> head = buffer(rows, HEADER_SEARCH_ROWS);
				HeaderMatch header = locate(head);
				if (header != null) {
					int headerRow = head.get(header.position()).rowIndex() + 1;
					reading.fileWarning(OTHER_LIST_NOT_READ, other.name(), headerRow,
							"工作表“" + other.name() + "”第" + headerRow + "行也是一张" + header.definition().kind().label()
									+ "的表头，本文件只读取了工作表“" + read.name() + "”；该表的数据未入库，如需报送，请另存为单独的文件");
				}
			}
		}
	}

	/**
	 * What the file is, from the first rows of its sheets only (a large xlsx is not read
	 * through; its shared strings table is): a summary table (a summary form header
	 * within the first 60 rows), a list (a list header within the first
	 * {@value #HEADER_SEARCH_ROWS}), or unknown. Sheets are tried visible ones first; the
	 * first that has either decides, as the readers do.
	 */
	public FileSniff sniff(Path file) {
		String fileName = file.getFileName().toString();
		String format = "unknown";
		try (SpreadsheetSource source = SpreadsheetSources.open(file, limits)) {
			format = source.format();
			for (SheetInfo sheet : visibleFirst(source.sheets())) {
				try (RowSource rows = source.open(sheet)) {
					Grid grid = Grids.read(rows, SUMMARY_SNIFF_ROWS);
					String form = summaries.formOf(grid);
					if (form != null) {
						return new FileSniff(FileSniff.Type.SUMMARY_TABLE, format, null, form, sheet.name(), null,
								null);
					}
					List<BufferedRow> head = bufferFromGrid(grid, HEADER_SEARCH_ROWS);
					HeaderMatch header = locate(head);
					if (header != null) {
						Map<String, String> fields = SheetFields.newMap();
						collectFields(head.subList(0, header.position()), fields, new ArrayList<>());
						return new FileSniff(FileSniff.Type.LIST, format, header.definition().kind(), null,
								sheet.name(), null, fields.get("填报单位"));
					}
				}
			}
			return new FileSniff(FileSniff.Type.UNKNOWN, format, null, null, null, Finding.error(NO_LIST, null, null,
					null, "既不是统计汇总表也不是可识别的明细清单：各工作表开头都没有可识别的表头（文件“" + fileName + "”）"), null);
		}
		catch (SpreadsheetSources.NotASpreadsheetException ex) {
			return new FileSniff(FileSniff.Type.UNKNOWN, "unknown", null, null, null, Finding.error(
					SummaryTableFileReader.FILE_FORMAT, null, null, null,
					"无法识别的文件格式：该文件不是 Excel（.xlsx/.xls）或 CSV 表格"
							+ (ex.getMessage() == null ? "" : "（" + ex.getMessage() + "）") + "，文件“" + fileName + "”"),
					null);
		}
		catch (GridReadException ex) {
			return new FileSniff(FileSniff.Type.UNKNOWN, format, null, null, null,
					Finding.error(SummaryTableFileReader.FILE_UNREADABLE, null, null, null,
							ex.getMessage() + "，文件“" + fileName + "”"),
					null);
		}
		catch (IOException | RuntimeException ex) {
			ReaderLimitException limit = ReaderLimitException.in(ex);
			if (limit != null) {
				return new FileSniff(FileSniff.Type.UNKNOWN, format, null, null, null, Finding.error(limit.rule(), null,
						null, null, ListPrecheck.forList(limit.getMessage()) + "，文件“" + fileName + "”"), null);
			}
			return new FileSniff(FileSniff.Type.UNKNOWN, format, null, null, null, Finding.error(
					SummaryTableFileReader.FILE_UNREADABLE, null, null, null,
					"文件无法读取（" + ex.getClass().getSimpleName() + "：" + ex.getMessage() + "），文件“" + fileName + "”"),
					null);
		}
	}

	private static List<SheetInfo> visibleFirst(List<SheetInfo> sheets) {
		List<SheetInfo> ordered = new ArrayList<>(sheets);
		ordered.sort(Comparator.comparing(SheetInfo::hidden)); // stable: workbook order
																// within each group
		return ordered;
	}

	/** A row of the sheet's head, kept while the header is looked for. */
	record BufferedRow(int rowIndex, boolean hidden, String[] cells) {

		String text(int column) {
			return column < cells.length ? cells[column] : "";
		}

	}

	private static List<BufferedRow> buffer(RowSource rows, int count) throws IOException {
		List<BufferedRow> head = new ArrayList<>();
		while (head.size() < count && rows.next()) {
			if (rows.width() == 0) {
				continue;
			}
			String[] cells = new String[rows.width()];
			for (int c = 0; c < cells.length; c++) {
				cells[c] = rows.text(c);
			}
			head.add(new BufferedRow(rows.rowIndex(), rows.rowHidden(), cells));
		}
		return head;
	}

	/**
	 * The lines above a header: “key：value” fields (填报单位 …) into {@code fields}, other
	 * text into {@code titleLines}.
	 */
	private static void collectFields(List<BufferedRow> above, Map<String, String> fields, List<String> titleLines) {
		for (BufferedRow row : above) {
			for (String cell : row.cells()) {
				String text = CellNumbers.trim(cell);
				if (text.isEmpty()) {
					continue;
				}
				if (SheetFields.isField(text)) {
					SheetFields.collect(text, fields);
				}
				else {
					titleLines.add(text);
				}
			}
		}
	}

	private static List<BufferedRow> bufferFromGrid(Grid grid, int count) {
		List<BufferedRow> head = new ArrayList<>();
		for (int r = 0; r < grid.rowCount() && head.size() < count; r++) {
			if (grid.isBlankRow(r)) {
				continue;
			}
			String[] cells = new String[grid.columnCount()];
			for (int c = 0; c < cells.length; c++) {
				cells[c] = grid.text(r, c);
			}
			head.add(new BufferedRow(r, grid.isRowHidden(r), cells));
		}
		return head;
	}

	/**
	 * A list header found in the sheet's head.
	 *
	 * @param definition the list kind's definition
	 * @param position index of the header row in the buffered head
	 * @param columns per {@link ListKind#columns()} position, the sheet column, or -1
	 * @param headerTexts per position, the header cell as written, or null
	 * @param missing required columns the header lacks
	 * @param requiredMatched required columns found
	 * @param matched columns found
	 */
	record HeaderMatch(ListDefinition definition, int position, int[] columns, String[] headerTexts,
			List<String> missing, int requiredMatched, int matched) {

		boolean betterThan(HeaderMatch other) {
			return other == null || requiredMatched > other.requiredMatched
					|| requiredMatched == other.requiredMatched && matched > other.matched;
		}

	}

	/**
	 * The best header in the sheet's head, or null when no row matches enough of any
	 * definition.
	 */
	HeaderMatch locate(List<BufferedRow> head) {
		HeaderMatch best = null;
		for (int position = 0; position < head.size(); position++) {
			BufferedRow row = head.get(position);
			if (row.hidden()) {
				continue; // a hidden row is never the header people read
			}
			String[] normalised = new String[row.cells().length];
			String[] bare = new String[normalised.length];
			for (int c = 0; c < normalised.length; c++) {
				normalised[c] = HeaderText.normalise(row.cells()[c]);
				bare[c] = HeaderText.withoutBrackets(normalised[c]);
			}
			for (ListDefinition definition : definitions) {
				HeaderMatch match = match(definition, position, row, normalised, bare);
				int needed = Math.min(2, definition.headerRequired().size());
				if (match.requiredMatched() >= needed && match.betterThan(best)) {
					best = match;
				}
			}
		}
		return best;
	}

	private static HeaderMatch match(ListDefinition definition, int position, BufferedRow row, String[] normalised,
			String[] bare) {
		ListKind kind = definition.kind();
		int[] columns = new int[kind.columns().size()];
		java.util.Arrays.fill(columns, -1);
		String[] texts = new String[columns.length];
		boolean[] taken = new boolean[normalised.length];
		// exact spellings first, so that “罚款金额(万)” is not taken by a looser synonym of
		// another column
		for (int pass = 0; pass < 2; pass++) {
			for (Map.Entry<String, List<String>> entry : definition.headers().entrySet()) {
				int index = kind.indexOf(entry.getKey());
				if (columns[index] >= 0) {
					continue;
				}
				for (int c = 0; c < normalised.length && columns[index] < 0; c++) {
					if (taken[c] || normalised[c].isEmpty()) {
						continue;
					}
					for (String synonym : entry.getValue()) {
						if (pass == 0 ? normalised[c].equals(synonym)
								: !bare[c].isEmpty() && bare[c].equals(HeaderText.withoutBrackets(synonym))) {
							columns[index] = c;
							texts[index] = CellNumbers.trim(row.cells()[c]);
							taken[c] = true;
							break;
						}
					}
				}
			}
		}
		List<String> missing = new ArrayList<>();
		int required = 0;
		for (String column : definition.headerRequired()) {
			if (columns[kind.indexOf(column)] >= 0) {
				required++;
			}
			else {
				missing.add(column);
			}
		}
		int matched = 0;
		for (int column : columns) {
			matched += column >= 0 ? 1 : 0;
		}
		return new HeaderMatch(definition, position, columns, texts, missing, required, matched);
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

		private long rowsRead;

		private long accepted;

		private long rejected;

		private long warnings;

		private final List<Finding> fileFindings = new ArrayList<>();

		// per file, set once the header is known
		private ListDefinition definition;

		private int[] columns;

		private String[] headerTexts;

		private String[] derivedValues;

		private int itemsColumn = -1;

		private final List<Finding> rowFindings = new ArrayList<>();

		private String[] raw;

		// the definition resolved to column positions once per file, not looked up per
		// cell
		private ListDefinition.ValueType[] typeOf;

		private boolean[] strictOf;

		private String[] codeOf;

		private int[] requiredColumns;

		private int[] expectedColumns;

		/** Per order of the definition: the column and the one it must not precede. */
		private int[][] orderColumns;

		/** Per condition: the column, and the column whose value makes it expected. */
		private int[][] conditionColumns;

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
					Collections.unmodifiableMap(fields), rowsRead, accepted, rejected, warnings,
					List.copyOf(fileFindings));
		}

		void read(RowSource rows, List<BufferedRow> head, HeaderMatch header) throws IOException {
			definition = header.definition();
			kind = definition.kind();
			sheet = rows.sheetName();
			BufferedRow headerLine = head.get(header.position());
			headerRow = headerLine.rowIndex() + 1;
			columns = header.columns();
			headerTexts = header.headerTexts();
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
			derivedValues = derive(header);
			for (String column : kind.columns()) {
				if (definition.splitsItems(column)) {
					itemsColumn = kind.indexOf(column);
				}
			}
			raw = new String[columns.length];
			typeOf = new ListDefinition.ValueType[columns.length];
			strictOf = new boolean[columns.length];
			codeOf = kind.columns().toArray(new String[0]);
			for (int i = 0; i < columns.length; i++) {
				typeOf[i] = definition.type(codeOf[i]);
				strictOf[i] = definition.isStrict(codeOf[i]);
			}
			requiredColumns = definition.valueRequired().stream().mapToInt(kind::indexOf).toArray();
			expectedColumns = definition.valueExpected().stream().mapToInt(kind::indexOf).toArray();
			orderColumns = definition.orders()
				.stream()
				.map(o -> new int[] { kind.indexOf(o.column()), kind.indexOf(o.other()) })
				.toArray(int[][]::new);
			conditionColumns = definition.conditions()
				.stream()
				.map(c -> new int[] { kind.indexOf(c.column()), kind.indexOf(c.other()) })
				.toArray(int[][]::new);
			for (BufferedRow row : head.subList(header.position() + 1, head.size())) {
				String[] texts = new String[columns.length];
				for (int i = 0; i < texts.length; i++) {
					texts[i] = columns[i] < 0 ? null : row.text(columns[i]);
				}
				row(row.rowIndex(), texts);
			}
			// the rest is parsed on a thread of its own while this one checks the rows
			// and feeds the sink
			try (RowsAhead ahead = new RowsAhead(rows, columns)) {
				for (RowsAhead.Batch batch; (batch = ahead.next()) != null;) {
					for (int k = 0; k < batch.size; k++) {
						row(batch.rowIndexes[k], batch.texts[k]);
						batch.texts[k] = null;
					}
					ahead.rethrowFailure(batch);
				}
			}
		}

		private void aboveHeader(List<BufferedRow> above) {
			Map<String, String> found = SheetFields.newMap();
			List<String> titleLines = new ArrayList<>();
			collectFields(above, found, titleLines);
			fields = found;
			title = String.join(" ", titleLines);
		}

		private String[] derive(HeaderMatch header) {
			String[] values = new String[columns.length];
			String normalisedTitle = HeaderText.normalise(title);
			for (ListDefinition.Derived derived : definition.derived()) {
				String value = null;
				for (String[] word : derived.titleWords()) {
					if (value == null && normalisedTitle.contains(word[0])) {
						value = word[1];
					}
				}
				for (String[] column : derived.columns()) {
					if (value == null && header.columns()[kind.indexOf(column[0])] >= 0) {
						value = column[1];
					}
				}
				values[kind.indexOf(derived.column())] = value != null ? value : derived.always();
			}
			return values;
		}

		/**
		 * One data row; {@code texts} holds its cells in the order of {@link #columns}
		 * (null where absent).
		 */
		private void row(int rowIndex, String[] texts) {
			int filled = 0;
			int lastFilled = -1;
			for (int i = 0; i < columns.length; i++) {
				String text = columns[i] < 0 ? "" : CellNumbers.trim(texts[i]);
				raw[i] = text;
				if (!text.isEmpty()) {
					filled++;
					lastFilled = i;
				}
			}
			if (filled == 0 || filled == 1 && isFooterOrPlaceholder(raw[lastFilled])) {
				return; // blank row, “填报人：…”, “注：…”, “……”
			}
			if (isRepeatedHeader()) {
				return; // the header repeated (printed page by page, or pasted twice)
			}
			rowsRead++;
			int rowNumber = rowIndex + 1;
			rowFindings.clear();
			String[] values = derivedValues.clone();
			for (int i = 0; i < columns.length; i++) {
				if (columns[i] >= 0 && !raw[i].isEmpty()) {
					values[i] = value(codeOf[i], i, raw[i], rowNumber);
				}
			}
			for (int i : requiredColumns) {
				if (columns[i] >= 0 && raw[i].isEmpty()) {
					add(Severity.ERROR, LIST_VALUE_MISSING, rowNumber, i, "“" + headerTexts[i] + "”未填写，该行未导入");
				}
			}
			for (int i : expectedColumns) {
				if (columns[i] >= 0 && raw[i].isEmpty()) {
					add(Severity.WARNING, LIST_VALUE_MISSING, rowNumber, i, "“" + headerTexts[i] + "”未填写");
				}
			}
			orders(values, rowNumber);
			for (int k = 0; k < conditionColumns.length; k++) {
				ListDefinition.Condition condition = definition.conditions().get(k);
				int i = conditionColumns[k][0];
				int other = conditionColumns[k][1];
				if (values[i] == null && condition.value().equals(values[other]) && columns[other] >= 0) {
					add(Severity.WARNING, LIST_VALUE_MISSING, rowNumber, columns[i] >= 0 ? i : other,
							"“" + headerTexts[other] + "”为“" + raw[other] + "”，但"
									+ (columns[i] >= 0 ? "“" + headerTexts[i] + "”未填写"
											: "表中没有“" + definition.label(condition.column()) + "”栏目"));
				}
			}
			boolean rejectedRow = false;
			for (Finding finding : rowFindings) {
				rejectedRow |= finding.isError();
				warnings += finding.isError() ? 0 : 1;
				sink.finding(finding);
			}
			if (rejectedRow) {
				rejected++;
				return;
			}
			accepted++;
			List<String> items = itemsColumn >= 0 ? Items.split(values[itemsColumn]) : List.of();
			sink.row(new ListRow(rowNumber, values, items));
		}

		private boolean isFooterOrPlaceholder(String text) {
			// “注：…”, “注1.…”, “说明：…” but not an enterprise called 注塑厂
			return SheetFields.isField(text) || NOTE.matcher(text).lookingAt()
					|| text.chars().allMatch(ch -> ".…。⋯·、".indexOf(ch) >= 0);
		}

		private boolean isRepeatedHeader() {
			int same = 0;
			int present = 0;
			for (int i = 0; i < columns.length; i++) {
				if (columns[i] >= 0 && !raw[i].isEmpty()) {
					present++;
					same += raw[i].equals(headerTexts[i]) ? 1 : 0;
				}
			}
			return same >= 2 && same * 2 >= present;
		}

		/**
		 * The stored value of one cell, adding findings when it does not fit its type.
		 */
		private String value(String column, int i, String text, int rowNumber) {
			boolean strict = strictOf[i];
			Severity severity = strict ? Severity.ERROR : Severity.WARNING;
			String consequence = strict ? "，该行未导入" : "，该项按未填写处理";
			switch (typeOf[i]) {
				case DATE -> {
					String date = ListDates.parse(text);
					if (date == null) {
						add(severity, LIST_DATE_INVALID, rowNumber, i, "“" + headerTexts[i] + "”填写为“" + text
								+ "”，不是有效日期（应如 2024-05-03、2024/5/3 或 2024年5月3日）" + consequence);
					}
					return date;
				}
				case DECIMAL -> {
					String amount = Amounts.parse(text);
					if (amount == null || amount.startsWith("-")) {
						add(severity, LIST_AMOUNT_INVALID, rowNumber, i,
								"“" + headerTexts[i] + "”填写为“" + text + "”，不是非负的数字金额（单位万元，如 1.5）" + consequence);
						return null;
					}
					return amount;
				}
				case VOCABULARY -> {
					Map<String, String> vocabulary = definition.vocabulary(column);
					String code = vocabulary.get(text);
					if (code == null) {
						code = vocabulary.get(HeaderText.normalise(text));
					}
					if (code == null) {
						add(severity, LIST_VALUE_UNKNOWN, rowNumber, i, "“" + headerTexts[i] + "”填写为“" + text
								+ "”，不是规定的填法（" + allowed(column) + "）" + consequence);
					}
					return code;
				}
				case USCC -> {
					return uscc(text, i, rowNumber);
				}
				case MOBILE -> {
					return mobile(text, i, rowNumber);
				}
				default -> {
					return text;
				}
			}
		}

		private String allowed(String column) {
			return String.join("、", definition.allowed(column));
		}

		private String uscc(String text, int i, int rowNumber) {
			String code = text.length() == 18 && isAsciiUpper(text) ? text
					: Normalizer.normalize(text, Normalizer.Form.NFKC)
						.replaceAll("\\s+", "")
						.toUpperCase(java.util.Locale.ROOT);
			Uscc.Problem problem = Uscc.problem(code);
			if (problem == null) {
				return code;
			}
			String why = problem == Uscc.Problem.MALFORMED ? "应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）"
					: "校验位错误，按前17位计算第18位应为“" + Uscc.checkCharacter(code) + "”";
			add(Severity.WARNING, LIST_USCC_INVALID, rowNumber, i,
					"“" + headerTexts[i] + "”填写为“" + text + "”，" + why + "，请核对（已按原样保留）");
			return text.toUpperCase(java.util.Locale.ROOT);
		}

		/**
		 * ASCII without lower-case letters: what NFKC, removing spaces and upper-casing
		 * leave as it is (18 chars).
		 */
		private static boolean isAsciiUpper(String text) {
			for (int k = 0; k < text.length(); k++) {
				char ch = text.charAt(k);
				if (ch >= 128 || ch >= 'a' && ch <= 'z' || ch <= ' ') {
					return false;
				}
			}
			return true;
		}

		private String mobile(String text, int i, int rowNumber) {
			String digits = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s\\-]", "");
			if (digits.startsWith("+86")) {
				digits = digits.substring(3);
			}
			if (digits.length() == 11 && digits.charAt(0) == '1' && digits.chars().allMatch(Character::isDigit)) {
				return digits;
			}
			add(Severity.WARNING, LIST_MOBILE_INVALID, rowNumber, i,
					"“" + headerTexts[i] + "”填写为“" + text + "”，不是11位手机号码，请核对（已按原样保留）");
			return text;
		}

		private void orders(String[] values, int rowNumber) {
			for (int k = 0; k < orderColumns.length; k++) {
				ListDefinition.Order order = definition.orders().get(k);
				int i = orderColumns[k][0];
				int other = orderColumns[k][1];
				// ISO dates compare as text
				if (values[i] != null && values[other] != null && values[i].compareTo(values[other]) < 0) {
					add(order.severity(), LIST_DATE_ORDER, rowNumber, i,
							"“" + headerTexts[i] + "”" + values[i] + " 早于“" + headerTexts[other] + "”" + values[other]
									+ "，请核对" + (order.severity() == Severity.ERROR ? "，该行未导入" : ""));
				}
			}
		}

		private void add(Severity severity, String rule, int rowNumber, int i, String message) {
			String column = headerTexts[i];
			String text = "工作表“" + sheet + "”第" + rowNumber + "行：" + message;
			rowFindings.add(new Finding(severity, rule, sheet, rowNumber, column, text));
		}

	}

}
