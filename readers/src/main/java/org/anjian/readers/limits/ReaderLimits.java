package org.anjian.readers.limits;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything a submission file may ask of the reader, in one place. A summary form is
 * tens of rows by about 30 columns in a file of some 20 KB; the defaults leave two to
 * three orders of magnitude of room and still keep one file to a few hundred MB of heap
 * and a minute of time. Each limit has a rule code; a file beyond it is rejected with a
 * finding that names the limit's value.
 *
 * @param maxFileBytes bigger files are not opened ({@link #FILE_TOO_LARGE})
 * @param maxUnpackedBytes total bytes an .xlsx may inflate to, all parts together
 * ({@link #ZIP_BOMB})
 * @param maxInflateRatio inflated / compressed size of one .xlsx part beyond which it is
 * a zip bomb ({@link #ZIP_BOMB}); also given to POI as
 * {@code ZipSecureFile.setMinInflateRatio(1 / ratio)}
 * @param maxRows rows a sheet may hold, blank formatted rows included, and the last row
 * with content ({@link #TOO_MANY_ROWS}); also CSV lines
 * @param maxColumns the last column with content ({@link #TOO_MANY_COLUMNS}); also CSV
 * fields per line
 * @param maxCells cells of a workbook (blank formatted ones included), shared-string
 * entries, merged cells ({@link #TOO_MANY_CELLS})
 * @param maxCellChars characters in one cell ({@link #CELL_TOO_LONG}); Excel's own limit
 * is 32,767
 * @param maxLineBytes bytes in one CSV line ({@link #LINE_TOO_LONG}); checked while
 * streaming, before any text is built
 * @param readTimeout time to read one file ({@link #READ_TIMEOUT}, enforced by
 * {@link TimeLimitedReader})
 */
public record ReaderLimits(long maxFileBytes, long maxUnpackedBytes, int maxInflateRatio, int maxRows, int maxColumns,
		int maxCells, int maxCellChars, int maxLineBytes, Duration readTimeout) {

	public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";

	public static final String ZIP_BOMB = "ZIP_BOMB";

	public static final String XML_ENTITY = "XML_ENTITY";

	public static final String TOO_MANY_ROWS = "TOO_MANY_ROWS";

	public static final String TOO_MANY_COLUMNS = "TOO_MANY_COLUMNS";

	public static final String TOO_MANY_CELLS = "TOO_MANY_CELLS";

	public static final String CELL_TOO_LONG = "CELL_TOO_LONG";

	public static final String LINE_TOO_LONG = "LINE_TOO_LONG";

	public static final String READ_TIMEOUT = "READ_TIMEOUT";

	/** Reading one file ran out of heap; the file is rejected, the run goes on. */
	public static final String OUT_OF_MEMORY = "OUT_OF_MEMORY";

	/** Every rule code a limit rejects with. */
	public static final java.util.Set<String> RULES = java.util.Set.of(FILE_TOO_LARGE, ZIP_BOMB, XML_ENTITY,
			TOO_MANY_ROWS, TOO_MANY_COLUMNS, TOO_MANY_CELLS, CELL_TOO_LONG, LINE_TOO_LONG, READ_TIMEOUT, OUT_OF_MEMORY);

	private static final long MB = 1024L * 1024;

	/**
	 * The setting names (environment variables, or {@code --max-file-mb}-style options)
	 * and their defaults.
	 */
	public static final Map<String, String> SETTINGS;

	static {
		Map<String, String> s = new LinkedHashMap<>();
		s.put("ANJIAN_MAX_FILE_MB", "20");
		s.put("ANJIAN_MAX_UNPACKED_MB", "100");
		s.put("ANJIAN_MAX_INFLATE_RATIO", "100");
		s.put("ANJIAN_MAX_ROWS", "65536");
		s.put("ANJIAN_MAX_COLUMNS", "256");
		s.put("ANJIAN_MAX_CELLS", "1000000");
		s.put("ANJIAN_MAX_CELL_CHARS", "32767");
		s.put("ANJIAN_MAX_LINE_KB", "1024");
		s.put("ANJIAN_READ_TIMEOUT_SECONDS", "60");
		s.put("ANJIAN_LIST_MAX_FILE_MB", "200");
		s.put("ANJIAN_LIST_MAX_UNPACKED_MB", "2048");
		SETTINGS = Collections.unmodifiableMap(s);
	}

	public ReaderLimits {
		positive("maxFileBytes", maxFileBytes);
		positive("maxUnpackedBytes", maxUnpackedBytes);
		positive("maxInflateRatio", maxInflateRatio);
		positive("maxRows", maxRows);
		positive("maxColumns", maxColumns);
		positive("maxCells", maxCells);
		positive("maxCellChars", maxCellChars);
		positive("maxLineBytes", maxLineBytes);
		if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
			throw new IllegalArgumentException("readTimeout must be positive: " + readTimeout);
		}
	}

	/** The defaults of {@link #SETTINGS}. */
	public static ReaderLimits defaults() {
		return from(name -> null);
	}

	/**
	 * The limits with each setting looked up by its name ({@link #SETTINGS}); a name the
	 * lookup does not know (null or blank) keeps its default.
	 * @throws IllegalArgumentException naming the setting when a value is not a positive
	 * whole number
	 */
	public static ReaderLimits from(Function<String, String> lookup) {
		return new ReaderLimits(setting(lookup, "ANJIAN_MAX_FILE_MB") * MB,
				setting(lookup, "ANJIAN_MAX_UNPACKED_MB") * MB, (int) setting(lookup, "ANJIAN_MAX_INFLATE_RATIO"),
				(int) setting(lookup, "ANJIAN_MAX_ROWS"), (int) setting(lookup, "ANJIAN_MAX_COLUMNS"),
				(int) setting(lookup, "ANJIAN_MAX_CELLS"), (int) setting(lookup, "ANJIAN_MAX_CELL_CHARS"),
				(int) (setting(lookup, "ANJIAN_MAX_LINE_KB") * 1024),
				Duration.ofSeconds(setting(lookup, "ANJIAN_READ_TIMEOUT_SECONDS")));
	}

	/**
	 * Limits for record-level lists (隐患台账, 执法检查明细, 名录库, 联络员名单), read row by row: a real
	 * ledger may hold a million rows in 100 MB, so file size, unpacked size, rows
	 * (Excel's own 1,048,576), columns and cells are far above the summary defaults; what
	 * makes a file hostile rather than large is the same for both, so the inflate ratio,
	 * characters per cell and bytes per CSV line stay as they are. The shared-strings
	 * table, the one part a streaming xlsx read must hold, has its own budget
	 * ({@link #LIST_MAX_SHARED_STRING_CHARS}).
	 */
	public static ReaderLimits forLists() {
		return forLists(name -> null);
	}

	/**
	 * {@link #forLists()} with the settings looked up by name: a list's own file and
	 * unpacked sizes ({@code
	 * ANJIAN_LIST_MAX_FILE_MB}, {@code ANJIAN_LIST_MAX_UNPACKED_MB}: a province office's
	 * ledger may outgrow 200 MB); the inflate ratio, characters per cell and bytes per
	 * line are the summary settings, as what makes a file hostile is the same for both.
	 */
	public static ReaderLimits forLists(Function<String, String> lookup) {
		ReaderLimits d = from(lookup);
		return new ReaderLimits(setting(lookup, "ANJIAN_LIST_MAX_FILE_MB") * MB,
				setting(lookup, "ANJIAN_LIST_MAX_UNPACKED_MB") * MB, d.maxInflateRatio(), 1_048_576, 1024, 30_000_000,
				d.maxCellChars(), d.maxLineBytes(), Duration.ofMinutes(10));
	}

	/**
	 * Characters the shared-strings table of a list may hold in all: held as one char[]
	 * (2 bytes each, about 200 MB here, half again while it grows); a million-row
	 * ledger's distinct texts come to a few tens of millions.
	 */
	public static final long LIST_MAX_SHARED_STRING_CHARS = 100_000_000L;

	public ReaderLimits withMaxFileBytes(long bytes) {
		return new ReaderLimits(bytes, maxUnpackedBytes, maxInflateRatio, maxRows, maxColumns, maxCells, maxCellChars,
				maxLineBytes, readTimeout);
	}

	public ReaderLimits withReadTimeout(Duration timeout) {
		return new ReaderLimits(maxFileBytes, maxUnpackedBytes, maxInflateRatio, maxRows, maxColumns, maxCells,
				maxCellChars, maxLineBytes, timeout);
	}

	/** Sizes in clerk-readable form: 20 MB, 512 KB, 300 字节. */
	public static String size(long bytes) {
		if (bytes >= MB) {
			return (bytes % MB == 0 ? String.valueOf(bytes / MB) : String.format("%.1f", bytes / (double) MB)) + " MB";
		}
		if (bytes >= 1024) {
			return bytes / 1024 + " KB";
		}
		return bytes + " 字节";
	}

	private static long setting(Function<String, String> lookup, String name) {
		String value = lookup.apply(name);
		String text = value == null || value.isBlank() ? SETTINGS.get(name) : value.strip();
		try {
			long parsed = Long.parseLong(text);
			if (parsed > 0 && parsed <= Integer.MAX_VALUE) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the setting's name
		}
		throw new IllegalArgumentException("设置 " + name + " 的取值“" + value + "”无效：应为正整数");
	}

	private static void positive(String name, long value) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive: " + value);
		}
	}

}
