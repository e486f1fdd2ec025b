package org.anjian.readers.lists;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anjian.readers.Finding;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.limits.ReaderLimits;

/**
 * Wraps a {@link ListReader} and checks the file against list-sized limits first
 * ({@link ListPrecheck}, by default {@link ReaderLimits#forLists()}): a hostile file (zip
 * bomb, DTD, a huge shared-strings table, a 1 MB cell, a 100 MB CSV line) ends in one
 * error finding with the limit's rule instead of memory or time running out. A file
 * within the limits is read by the wrapped reader as is. {@link OutOfMemoryError} and
 * {@link StackOverflowError} from a parser are turned into a rejection of that file as a
 * last resort. The intake checks the limits at the front door ({@code SubmissionFiles})
 * instead and reads with the plain reader, so the check is not paid twice.
 */
public final class LimitedListFileReader implements ListReader {

	private final ListReader reader;

	private final ReaderLimits limits;

	private final long maxSharedStringChars;

	public LimitedListFileReader(ListReader reader, ReaderLimits limits) {
		this(reader, limits, ReaderLimits.LIST_MAX_SHARED_STRING_CHARS);
	}

	/**
	 * @param maxSharedStringChars characters an .xlsx's shared-strings table may hold in
	 * all
	 */
	public LimitedListFileReader(ListReader reader, ReaderLimits limits, long maxSharedStringChars) {
		this.reader = reader;
		this.limits = limits;
		this.maxSharedStringChars = maxSharedStringChars;
	}

	public ReaderLimits limits() {
		return limits;
	}

	@Override
	public ListFileSummary read(Path file, ListRowSink sink) {
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
		return new ListFileSummary(file.getFileName().toString(), "unknown", null, null, null, "", null, Map.of(), 0, 0,
				0, 0, List.of(limit));
	}

	/**
	 * The last resort for a parser's {@link OutOfMemoryError} or
	 * {@link StackOverflowError}: that file is rejected.
	 */
	public static Finding failed(Path file, Error error) {
		return error instanceof OutOfMemoryError
				? Finding.error(ReaderLimits.OUT_OF_MEMORY, null, null, null,
						"读取该清单时内存不足，文件过大或过于复杂，未入库，请检查后重新报送，文件“" + file.getFileName() + "”")
				: Finding.error(SummaryTableFileReader.FILE_UNREADABLE, null, null, null,
						"文件结构嵌套过深，无法读取，请用 Excel 另存后重新报送，文件“" + file.getFileName() + "”");
	}

}
