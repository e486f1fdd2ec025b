package org.anjian.readers.lists;

import java.nio.file.Path;
import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.readers.limits.ReaderLimits;

/**
 * A {@link ListFileReader} that first checks the file against list-sized limits
 * ({@link ListPrecheck}, by default {@link ReaderLimits#forLists()}): a hostile file (zip
 * bomb, DTD, a huge shared-strings table, a 1 MB cell, a 100 MB CSV line) ends in one
 * error finding with the limit's rule instead of memory or time running out. A file
 * within the limits is sniffed and read by the wrapped reader as is.
 * {@link OutOfMemoryError} and {@link StackOverflowError} from a parser are turned into a
 * rejection of that file as a last resort.
 */
public class LimitedListFileReader extends ListFileReader {

	private final ListFileReader reader;

	private final ReaderLimits limits;

	private final long maxSharedStringChars;

	public LimitedListFileReader(ListFileReader reader, ReaderLimits limits) {
		this(reader, limits, ReaderLimits.LIST_MAX_SHARED_STRING_CHARS);
	}

	/**
	 * @param maxSharedStringChars characters an .xlsx's shared-strings table may hold in
	 * all
	 */
	public LimitedListFileReader(ListFileReader reader, ReaderLimits limits, long maxSharedStringChars) {
		this.reader = reader;
		this.limits = limits;
		this.maxSharedStringChars = maxSharedStringChars;
	}

	/**
	 * {@code reader} with {@link ReaderLimits#forLists()}, or {@code reader} itself when
	 * it is limited already.
	 */
	public static ListFileReader of(ListFileReader reader) {
		return reader instanceof LimitedListFileReader ? reader
				: new LimitedListFileReader(reader, ReaderLimits.forLists());
	}

	public ReaderLimits limits() {
		return limits;
	}

	@Override
	public FileSniff sniff(Path file) {
		Finding limit = ListPrecheck.check(file, limits, maxSharedStringChars);
		if (limit != null) {
			return new FileSniff(FileSniff.Type.UNKNOWN, "unknown", null, null, null, limit, null);
		}
		try {
			return reader.sniff(file);
		}
		catch (OutOfMemoryError | StackOverflowError ex) {
			return new FileSniff(FileSniff.Type.UNKNOWN, "unknown", null, null, null, failed(file, ex), null);
		}
	}

	@Override
	public ListFileSummary read(Path file, ListRowSink sink) {
		String fileName = file.getFileName().toString();
		Finding limit = ListPrecheck.check(file, limits, maxSharedStringChars);
		if (limit == null) {
			try {
				return reader.read(file, sink);
			}
			catch (OutOfMemoryError | StackOverflowError ex) {
				// rows already sent stay with the sink; the error finding rejects the
				// file (the loader rolls it back)
				limit = failed(file, ex);
			}
		}
		sink.finding(limit);
		return new ListFileSummary(fileName, "unknown", null, null, null, "", null, java.util.Map.of(), 0, 0, 0, 0,
				List.of(limit));
	}

	private static Finding failed(Path file, Error error) {
		return error instanceof OutOfMemoryError
				? Finding.error(ReaderLimits.OUT_OF_MEMORY, null, null, null,
						"读取该清单时内存不足，文件过大或过于复杂，未入库，请检查后重新报送，文件“" + file.getFileName() + "”")
				: Finding.error(org.anjian.readers.SummaryTableFileReader.FILE_UNREADABLE, null, null, null,
						"文件结构嵌套过深，无法读取，请用 Excel 另存后重新报送，文件“" + file.getFileName() + "”");
	}

}
