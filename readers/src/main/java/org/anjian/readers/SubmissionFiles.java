package org.anjian.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipFile;

import org.anjian.readers.grid.Grid;
import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.OoxmlPrescan;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.limits.TimeLimitedReader;
import org.anjian.readers.lists.LimitedListFileReader;
import org.anjian.readers.lists.ListDefinition;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListHeaders;
import org.anjian.readers.lists.ListPrecheck;
import org.anjian.readers.rows.FileSignature;
import org.anjian.readers.rows.Grids;
import org.anjian.readers.rows.OoxmlPackages;
import org.anjian.readers.rows.RowSource;
import org.anjian.readers.rows.SheetInfo;
import org.anjian.readers.rows.SpreadsheetSource;
import org.anjian.readers.rows.SpreadsheetSources;
import org.anjian.readers.rows.XlsxWorkbook;
import org.anjian.readers.work.Worker;

/**
 * The front door into {@code readers}: opens a submission file once, checks it against
 * the list-sized limits (the loosest: a list may legitimately be large), detects its
 * format by content and its kind by the first rows of its sheets, and returns a
 * {@link SubmissionFile} — {@link SummaryTableFile}, {@link RecordListFile} or
 * {@link UnreadableFile} with its rule. A file found to be a summary table is then
 * checked against the summary limits too, so the summary read only reads.
 *
 * <p>
 * An .xlsx's zip is opened once here: the parts but the sheets are prescanned
 * ({@link OoxmlPrescan}, list-sized), the first rows sniffed through the same zip, and
 * for a summary table the sheets prescanned with the summary limits and then built as
 * grids, again in it, so the summary read only locates the table; nothing else opens it
 * ({@code SubmissionFilesZipOpensTests} counts).
 *
 * <p>
 * Sniffing reads the first 60 rows of each sheet (summary forms look that far), asks the
 * summary locator first, then the list definitions; it never reads a sheet through. Never
 * throws for bad content. Thread-safe.
 */
public final class SubmissionFiles {

	/**
	 * How many rows a summary table header is looked for in when sniffing (as
	 * {@code TableLocator} does).
	 */
	private static final int SNIFF_ROWS = 60;

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final SummaryTableFileReader summaries;

	private final ListHeaders lists;

	private final ReaderLimits listLimits;

	private final long maxSharedStringChars;

	/**
	 * Bundled forms and lists, {@link ReaderLimits#defaults()} for summaries,
	 * {@link ReaderLimits#forLists()}.
	 */
	public SubmissionFiles() {
		this(new SummaryTableFileReader(), ListDefinition.bundled(), ReaderLimits.forLists());
	}

	/**
	 * @param summaries the forms and the summary limits, which a summary table is checked
	 * against
	 */
	public SubmissionFiles(SummaryTableFileReader summaries, List<ListDefinition> lists, ReaderLimits listLimits) {
		this(summaries, lists, listLimits, ReaderLimits.LIST_MAX_SHARED_STRING_CHARS);
	}

	/**
	 * @param maxSharedStringChars characters an .xlsx's shared-strings table may hold in
	 * all
	 */
	public SubmissionFiles(SummaryTableFileReader summaries, List<ListDefinition> lists, ReaderLimits listLimits,
			long maxSharedStringChars) {
		this.summaries = summaries;
		this.lists = new ListHeaders(lists);
		this.listLimits = listLimits;
		this.maxSharedStringChars = maxSharedStringChars;
	}

	/**
	 * Opens the file on a worker thread of its own, within the summary read's time limit
	 * ({@link ReaderLimits#readTimeout()} of the summary limits, CPU time of that thread:
	 * {@link Worker#awaitCpuWithin}); the front door reads at most 60 rows of a sheet, so
	 * a list needs no more. A file that takes longer is rejected ({@code READ_TIMEOUT}),
	 * as is one that runs the heap out ({@code OUT_OF_MEMORY}), that file only.
	 */
	public SubmissionFile open(Path file) {
		AtomicReference<SubmissionFile> opened = new AtomicReference<>();
		Duration limit = summaries.limits().readTimeout();
		Worker worker = Worker.pooled("anjian-open-" + THREADS.incrementAndGet(), () -> opened.set(openHere(file)));
		String fileName = file.getFileName().toString();
		try {
			if (!worker.awaitCpuWithin(limit)) {
				return new UnreadableFile(file, "unknown",
						Finding.error(ReaderLimits.READ_TIMEOUT, null, null, null,
								"识别文件超过 " + TimeLimitedReader.seconds(limit)
										+ " 秒的时限（按 CPU 时间计）仍未完成，文件可能过大、过于复杂或已损坏，已跳过读取；请检查文件后重新报送，文件“" + fileName
										+ "”"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new UnreadableFile(file, "unknown", Finding.error(ReaderLimits.READ_TIMEOUT, null, null, null,
					"读取被中断（程序正在停止），文件未读取，文件“" + fileName + "”"));
		}
		Throwable failure = worker.failure();
		if (failure instanceof OutOfMemoryError) {
			return new UnreadableFile(file, "unknown", outOfMemory(fileName));
		}
		if (failure != null) {
			return new UnreadableFile(file, "unknown",
					Finding.error(SummaryTableFileReader.FILE_UNREADABLE, null, null, null,
							"文件无法读取（" + failure.getClass().getSimpleName() + "：" + failure.getMessage() + "），文件“"
									+ fileName + "”"));
		}
		return opened.get();
	}

	/** Neither a summary table nor a list yet: the file, not a 清单, ran the heap out. */
	private static Finding outOfMemory(String fileName) {
		return Finding.error(ReaderLimits.OUT_OF_MEMORY, null, null, null,
				"识别文件时内存不足（本机为单个文件可用内存约 " + ReaderLimits.size(Runtime.getRuntime().maxMemory())
						+ "），文件过大或过于复杂，未入库，请检查后重新报送，文件“" + fileName + "”");
	}

	private SubmissionFile openHere(Path file) {
		String fileName = file.getFileName().toString();
		String format = "unknown";
		try {
			Finding tooLarge = ListPrecheck.size(file, listLimits);
			if (tooLarge != null) {
				return new UnreadableFile(file, format, tooLarge);
			}
			switch (FileSignature.of(file)) {
				case ZIP -> {
					try (ZipFile zip = OoxmlPackages.open(file)) {
						if (!OoxmlPackages.isWorkbook(zip)) {
							return new UnreadableFile(file, format, SummaryTableFileReader
								.notASpreadsheet(SpreadsheetSources.NOT_A_WORKBOOK, fileName));
						}
						format = "xlsx";
						OoxmlPrescan prescan;
						try {
							prescan = OoxmlPrescan.streamedSheets(zip, listLimits, maxSharedStringChars);
						}
						catch (IOException ex) {
							return new UnreadableFile(file, format, ListPrecheck.broken(ex, fileName));
						}
						// the workbook closes the zip when done, so a summary's sheets
						// are prescanned while it is open
						try (XlsxWorkbook workbook = XlsxWorkbook.open(zip, listLimits)) {
							Map<Integer, Grid> whole = new HashMap<>();
							return withGrids(summaryLimits(sniff(file, workbook, whole), zip, prescan), workbook,
									whole);
						}
					}
				}
				case OLE2 -> {
					try (SpreadsheetSource source = SpreadsheetSources.ole2(file)) {
						format = source.format();
						return summaryLimits(sniff(file, source, new HashMap<>()), null, null);
					}
				}
				default -> {
					ListPrecheck.text(file, listLimits);
					try (SpreadsheetSource source = SpreadsheetSources.csv(file)) {
						format = source.format();
						return summaryLimits(sniff(file, source, new HashMap<>()), null, null);
					}
				}
			}
		}
		catch (ReaderLimitException ex) {
			return new UnreadableFile(file, format, ListPrecheck.limit(ex, fileName));
		}
		catch (SpreadsheetSources.NotASpreadsheetException ex) {
			return new UnreadableFile(file, "unknown",
					SummaryTableFileReader.notASpreadsheet(ex.getMessage(), fileName));
		}
		catch (GridReadException ex) {
			return new UnreadableFile(file, format, Finding.error(SummaryTableFileReader.FILE_UNREADABLE, null, null,
					null, ex.getMessage() + "，文件“" + fileName + "”"));
		}
		catch (IOException | RuntimeException ex) {
			ReaderLimitException limit = ReaderLimitException.in(ex);
			if (limit != null) {
				return new UnreadableFile(file, format, ListPrecheck.limit(limit, fileName));
			}
			return new UnreadableFile(file, format, Finding.error(SummaryTableFileReader.FILE_UNREADABLE, null, null,
					null,
					"文件无法读取（" + ex.getClass().getSimpleName() + "：" + ex.getMessage() + "），文件“" + fileName + "”"));
		}
		catch (OutOfMemoryError ex) {
			return new UnreadableFile(file, format, outOfMemory(fileName));
		}
		catch (StackOverflowError ex) {
			return new UnreadableFile(file, format, LimitedListFileReader.failed(file, ex));
		}
	}

	/**
	 * What the file is, from the first rows of its sheets only (a large xlsx is not read
	 * through; its shared strings table is parsed only as far as the cells asked for
	 * need): sheets are tried visible ones first; the first that has a summary form's
	 * header or a list header decides, as the readers do. A summary table whose deciding
	 * sheet ended within the rows sniffed carries the header found in it
	 * ({@link SummaryTableFile#located()}).
	 * @param whole filled with the sheets sniffed that ended within the rows read, by
	 * {@link SheetInfo#index()}: each is the grid the whole sheet makes
	 */
	private SubmissionFile sniff(Path file, SpreadsheetSource source, Map<Integer, Grid> whole)
			throws GridReadException, IOException, ReaderLimitException {
		String format = source.format();
		for (SheetInfo sheet : ListHeaders.visibleFirst(source.sheets())) {
			try (RowSource rows = source.open(sheet)) {
				// the list limits: the kind is not known yet (a summary is held to its
				// own after); only the cells present are held
				Grids.Head head = Grids.head(rows, SNIFF_ROWS, listLimits);
				Grid grid = head.grid();
				if (head.whole()) {
					whole.put(sheet.index(), grid);
				}
				SummaryTableFileReader.Located located = summaries.located(grid);
				String form = located.formId();
				if (form != null) {
					SummaryTableFile summary = new SummaryTableFile(file, format, form, sheet.name());
					return head.whole() ? summary.withLocated(located) : summary;
				}
				ListHeaders.Recognised list = lists.recognise(grid);
				if (list != null) {
					return new RecordListFile(file, format, list.kind(), sheet.name(), list.submitter());
				}
			}
		}
		return new UnreadableFile(file, format, Finding.error(ListFileReader.NO_LIST, null, null, null,
				"既不是统计汇总表也不是可识别的明细清单：各工作表开头都没有可识别的表头（文件“" + file.getFileName() + "”）"));
	}

	/**
	 * A summary table within its limits gets its sheets built here, through the zip
	 * already open, so the read does not open the file a second time; a sheet the sniff
	 * read whole ({@code whole}) is not read again. Whatever goes wrong building them
	 * leaves the table without: the read then opens the file and reports it in its own
	 * words, as it always did.
	 */
	private static SubmissionFile withGrids(SubmissionFile checked, XlsxWorkbook workbook, Map<Integer, Grid> whole) {
		if (!(checked instanceof SummaryTableFile summary)) {
			return checked;
		}
		try {
			return summary.withGrids(SummaryTableFileReader.sheetGrids(workbook, whole));
		}
		catch (Exception | StackOverflowError | OutOfMemoryError ex) {
			return summary;
		}
	}

	/**
	 * A summary table within the list limits is held to the summary's: its size, and an
	 * .xlsx's sheets in full ({@code prescan} continued in {@code zip}; null for .xls and
	 * CSV, whose reads check their limits as they go).
	 */
	private SubmissionFile summaryLimits(SubmissionFile sniffed, ZipFile zip, OoxmlPrescan prescan) throws IOException {
		if (!(sniffed instanceof SummaryTableFile summary)) {
			return sniffed;
		}
		ReaderLimits limits = summaries.limits();
		String fileName = summary.path().getFileName().toString();
		long size = Files.size(summary.path());
		if (size > limits.maxFileBytes()) {
			return new UnreadableFile(summary.path(), "unknown",
					SummaryTableFileReader.tooLarge(size, limits, fileName));
		}
		try {
			if (prescan != null) {
				prescan.sheets(zip, limits);
			}
			return summary;
		}
		catch (ReaderLimitException ex) {
			return new UnreadableFile(summary.path(), summary.format(), SummaryTableFileReader.beyond(ex, fileName));
		}
		catch (IOException ex) {
			return new UnreadableFile(summary.path(), summary.format(),
					Finding.error(SummaryTableFileReader.FILE_UNREADABLE, null, null, null,
							"文件已损坏，Excel 内容无法读取（" + ex.getMessage() + "），文件“" + fileName + "”"));
		}
	}

}
