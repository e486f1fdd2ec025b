package org.anjian.readers.rows;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.anjian.readers.grid.CellRange;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.codehaus.stax2.typed.TypedXMLStreamReader;

/**
 * One xlsx worksheet part streamed one {@code <row>} at a time. A row's cell values are
 * copied as characters into one reused buffer (type, start, length per column); text is
 * made only for the cells a caller asks for, so a row costs no allocation.
 *
 * <p>
 * A UTF-8 part (every producer's, in practice) is read by {@link SheetXmlScanner}
 * straight from its bytes; a part in another encoding (UTF-16 …) or a run with
 * {@code -Danjian.readers.stax=aalto|jdk} goes through StAX. Both feed the same row
 * bookkeeping below ({@link #startRow}, {@link #endCell}, …), so what a row holds does
 * not depend on the parser.
 */
final class XlsxSheetRows implements RowSource {

	static final byte NONE = 0;

	static final byte SHARED = 1;

	static final byte TEXT = 2;

	static final byte NUMBER = 3;

	static final byte DATE = 4;

	static final byte BOOLEAN = 5;

	static final byte ISO_DATE = 6;

	/**
	 * The characters one row may hold: a hostile part could put gigabytes into one cell,
	 * and a list's sheets are not pre-parsed. 16 M characters (32 MB as char[]) is 500
	 * times Excel's 32,767 per cell, so a 1 MB inline cell still reads (README: a
	 * harmless oddity).
	 */
	static final int MAX_ROW_CHARS = 1 << 24;

	private final SheetInfo sheet;

	private final InputStream in;

	/** The byte scanner, or null when the part is read with StAX. */
	private final SheetXmlScanner scanner;

	/** The StAX reader, or null when the scanner reads the part. */
	private final XMLStreamReader xml;

	/**
	 * The same reader through the Stax2 typed API (Aalto), or null with a plain StAX
	 * parser.
	 */
	private final TypedXMLStreamReader typed;

	private final AttributeDecoder decoder = new AttributeDecoder();

	private final SharedStrings sharedStrings;

	private final boolean[] dateStyles;

	private final boolean date1904;

	/** The current row's cell values; the scanner decodes into it directly. */
	char[] chars = new char[1024];

	int charCount;

	private byte[] types = new byte[32];

	private int[] starts = new int[32];

	private int[] lengths = new int[32];

	/**
	 * The row serial that last set each column: a column is set in this row when it
	 * equals {@link #serial}.
	 */
	private int[] stamps = new int[32];

	private int serial;

	private int width;

	private int rowIndex = -1;

	private boolean rowHidden;

	private boolean done;

	private final String[] dateCache = new String[1024];

	private final int[] cachedDays = new int[1024];

	private final List<CellRange> merged = new ArrayList<>();

	private final Set<Integer> hiddenColumns = new HashSet<>();

	XlsxSheetRows(SheetInfo sheet, InputStream in, SharedStrings sharedStrings, boolean[] dateStyles, boolean date1904)
			throws IOException, XMLStreamException {
		this(sheet, in, sharedStrings, dateStyles, date1904, XmlFactories.sheetParser(), SheetXmlScanner.BUFFER_BYTES);
	}

	/** Tests choose the parser and the scanner's buffer size. */
	XlsxSheetRows(SheetInfo sheet, InputStream in, SharedStrings sharedStrings, boolean[] dateStyles, boolean date1904,
			XmlFactories.SheetParser parser, int bufferBytes) throws IOException, XMLStreamException {
		this.sheet = sheet;
		this.in = in;
		this.sharedStrings = sharedStrings;
		this.dateStyles = dateStyles;
		this.date1904 = date1904;
		SheetXmlScanner bytes = null;
		InputStream stax = in;
		if (parser == XmlFactories.SheetParser.SCANNER) {
			bytes = new SheetXmlScanner(in, this, bufferBytes);
			if (!bytes.utf8()) {
				// UTF-16 and the like: StAX decodes them, from the bytes the scanner has
				// looked at on
				stax = bytes.unread();
				bytes = null;
			}
		}
		this.scanner = bytes;
		this.xml = bytes == null ? XmlFactories.reader(stax, parser) : null;
		this.typed = xml instanceof TypedXMLStreamReader reader ? reader : null;
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
		try {
			if (scanner != null ? scanner.nextRow() : nextStaxRow()) {
				return true;
			}
			done = true;
			return false;
		}
		catch (XMLStreamException ex) {
			throw broken(ex.getMessage(), ex);
		}
		catch (com.fasterxml.aalto.UncheckedStreamException ex) {
			// Aalto reports some malformations (a bare &, a control character) unchecked
			throw broken(ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage(), ex);
		}
	}

	/** The exception for a malformed part, worded as for any broken sheet. */
	IOException broken(String detail, Throwable cause) {
		return new IOException("工作表“" + sheet.name() + "”的内容已损坏（" + detail + "）", cause);
	}

	// ---- the row bookkeeping both parsers share

	/**
	 * A {@code <row>} starts; {@code row} is 0-based from its r attribute, negative
	 * without one.
	 */
	void startRow(int row, boolean hidden) {
		serial++;
		width = 0;
		charCount = 0;
		rowHidden = hidden;
		// rows without r follow the previous one
		rowIndex = row >= 0 ? row : rowIndex + 1;
	}

	/**
	 * A {@code <c>} ends; its value (if it had a {@code <v>} or {@code <t>}) is
	 * {@code chars[start, charCount)}.
	 * @param column from its r attribute, negative without one
	 * @param previous the column of the row's previous cell, -1 for the first
	 * @return its column
	 */
	int endCell(int column, int previous, byte type, int style, int start, boolean value) throws IOException {
		if (charCount > MAX_ROW_CHARS) {
			throw tooLong();
		}
		// cells without r follow the previous one
		if (column < 0) {
			column = previous + 1;
		}
		if (type == NUMBER && style > 0 && style < dateStyles.length && dateStyles[style]) {
			type = DATE;
		}
		if (value && column >= 0 && column < (1 << 14)) {
			ensureColumn(column);
			types[column] = type;
			starts[column] = start;
			lengths[column] = charCount - start;
			stamps[column] = serial;
			width = Math.max(width, column + 1);
		}
		return column;
	}

	/** A {@code <col>} element's attributes (null when absent). */
	void columns(String hidden, String min, String max) {
		if (!"1".equals(hidden) && !"true".equals(hidden)) {
			return;
		}
		int first = CellRefs.parsePositive(min);
		int last = CellRefs.parsePositive(max);
		// a hidden range to the sheet's edge (max 16384) only matters where there is
		// content
		for (int c = Math.max(1, first); c <= Math.min(last, 1024); c++) {
			hiddenColumns.add(c - 1);
		}
	}

	/** A {@code <mergeCell>}'s ref attribute. */
	void mergeCell(String ref) {
		CellRange range = CellRefs.range(ref);
		if (range != null) {
			merged.add(range);
		}
	}

	/** {@link #chars} with room for {@code more} characters after {@link #charCount}. */
	char[] room(int more) throws IOException {
		if (charCount + more > chars.length) {
			grow(more);
		}
		return chars;
	}

	/**
	 * Never past {@link #MAX_ROW_CHARS} plus one request (the memory bound;
	 * {@link #endCell} checks the exact count).
	 */
	private void grow(int more) throws IOException {
		if (charCount > MAX_ROW_CHARS) {
			throw tooLong();
		}
		chars = Arrays.copyOf(chars,
				(int) Math.min(Math.max(2L * chars.length, (long) charCount + more), (long) MAX_ROW_CHARS + more));
	}

	private IOException tooLong() {
		String message = "工作表“" + sheet.name() + "”第 " + (rowIndex + 1) + " 行的文字超过 " + MAX_ROW_CHARS
				+ " 个字符的上限，不像正常的表格，请检查是否粘贴了大段内容";
		return new IOException(message, new ReaderLimitException(ReaderLimits.CELL_TOO_LONG, message));
	}

	private void append(char[] text, int start, int length) throws IOException {
		System.arraycopy(text, start, room(length), charCount, length);
		charCount += length;
	}

	private void ensureColumn(int column) {
		if (column >= types.length) {
			int size = Math.max(types.length * 2, column + 1);
			types = Arrays.copyOf(types, size);
			starts = Arrays.copyOf(starts, size);
			lengths = Arrays.copyOf(lengths, size);
			stamps = Arrays.copyOf(stamps, size);
		}
	}

	// ---- the StAX path (parts not in UTF-8, -Danjian.readers.stax=aalto|jdk)

	private boolean nextStaxRow() throws XMLStreamException, IOException {
		while (xml.hasNext()) {
			int event = xml.next();
			if (event != XMLStreamConstants.START_ELEMENT) {
				continue;
			}
			String name = xml.getLocalName();
			if ("row".equals(name)) {
				readRow();
				return true;
			}
			if ("col".equals(name)) {
				columns(xml.getAttributeValue(null, "hidden"), xml.getAttributeValue(null, "min"),
						xml.getAttributeValue(null, "max"));
			}
			else if ("mergeCell".equals(name)) {
				mergeCell(xml.getAttributeValue(null, "ref"));
			}
		}
		return false;
	}

	private void readRow() throws XMLStreamException, IOException {
		int row = -1;
		boolean hidden = false;
		for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
			String attribute = xml.getAttributeLocalName(i);
			if ("r".equals(attribute)) {
				row = attribute(i, AttributeDecoder.Mode.NUMBER) - 1;
			}
			else if ("hidden".equals(attribute)) {
				String value = xml.getAttributeValue(i);
				hidden = "1".equals(value) || "true".equals(value);
			}
		}
		startRow(row, hidden);
		int column = -1;
		while (true) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				if ("c".equals(xml.getLocalName())) {
					column = readCell(column);
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				if ("row".equals(xml.getLocalName())) {
					return;
				}
			}
			else if (event == XMLStreamConstants.END_DOCUMENT) {
				done = true;
				return;
			}
		}
	}

	/** Reads one {@code <c>}; returns its column. */
	private int readCell(int previous) throws XMLStreamException, IOException {
		int column = -1;
		byte type = NUMBER;
		int style = 0;
		for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
			String attribute = xml.getAttributeLocalName(i);
			if ("r".equals(attribute)) {
				column = attribute(i, AttributeDecoder.Mode.COLUMN);
			}
			else if ("t".equals(attribute)) {
				type = (byte) attribute(i, AttributeDecoder.Mode.TYPE);
			}
			else if ("s".equals(attribute)) {
				style = attribute(i, AttributeDecoder.Mode.NUMBER);
			}
		}
		int start = charCount;
		boolean collect = false;
		int phonetic = 0;
		boolean value = false;
		while (true) {
			int event = xml.next();
			if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
					|| event == XMLStreamConstants.SPACE) {
				if (collect) {
					append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
				}
			}
			else if (event == XMLStreamConstants.START_ELEMENT) {
				String name = xml.getLocalName();
				if ("v".equals(name) || "t".equals(name) && phonetic == 0) {
					collect = true;
					value = true;
				}
				else if ("rPh".equals(name)) {
					phonetic++;
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				String name = xml.getLocalName();
				if ("c".equals(name)) {
					break;
				}
				if ("v".equals(name) || "t".equals(name)) {
					collect = false;
				}
				else if ("rPh".equals(name)) {
					phonetic--;
				}
			}
			else if (event == XMLStreamConstants.END_DOCUMENT) {
				break;
			}
		}
		return endCell(column, previous, type, style, start, value);
	}

	/** An attribute decoded without making a String where the parser allows it. */
	private int attribute(int index, AttributeDecoder.Mode mode) throws XMLStreamException {
		if (typed != null) {
			decoder.mode = mode;
			decoder.value = -1;
			typed.getAttributeAs(index, decoder);
			return decoder.value;
		}
		String value = xml.getAttributeValue(index);
		return switch (mode) {
			case COLUMN -> CellRefs.column(value);
			case NUMBER -> CellRefs.parsePositive(value);
			case TYPE -> cellType(value.toCharArray(), 0, value.length());
		};
	}

	/** The cell type attribute t: s, inlineStr, str, e, b, d, n (or absent: a number). */
	static byte cellType(char[] chars, int start, int length) {
		if (length == 1) {
			return switch (chars[start]) {
				case 's', 'e' -> chars[start] == 's' ? SHARED : TEXT;
				case 'b' -> BOOLEAN;
				case 'd' -> ISO_DATE;
				default -> NUMBER;
			};
		}
		// str, inlineStr
		return length == 3 && chars[start] == 's' || length == 9 && chars[start] == 'i' ? TEXT : NUMBER;
	}

	// ---- the row as the caller sees it

	@Override
	public int rowIndex() {
		return rowIndex;
	}

	@Override
	public boolean rowHidden() {
		return rowHidden;
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public String text(int column) {
		if (column < 0 || column >= width || stamps[column] != serial) {
			return "";
		}
		int start = starts[column];
		int length = lengths[column];
		return switch (types[column]) {
			case SHARED -> sharedStrings.get(CellRefs.parseInt(chars, start, length));
			case NUMBER -> CellTexts.plainDecimal(chars, start, length);
			case DATE -> date(start, length);
			case BOOLEAN -> length == 1 && chars[start] == '1' ? "TRUE"
					: length == 1 && chars[start] == '0' ? "FALSE" : new String(chars, start, length);
			case ISO_DATE -> new String(chars, start, Math.min(length, 10));
			default -> XmlFactories.decodeEscapes(chars, start, length);
		};
	}

	private String date(int start, int length) {
		try {
			int days = CellRefs.parseInt(chars, start, length);
			if (days >= 0) {
				// whole days, the usual date cell: one String per distinct date
				int slot = days & (dateCache.length - 1);
				if (dateCache[slot] == null || cachedDays[slot] != days) {
					dateCache[slot] = CellTexts.excelDate(days, date1904);
					cachedDays[slot] = days;
				}
				return dateCache[slot];
			}
			double serialValue = Double.parseDouble(new String(chars, start, length));
			return CellTexts.excelDate(serialValue, date1904);
		}
		catch (NumberFormatException | java.time.DateTimeException ex) {
			return new String(chars, start, length);
		}
	}

	@Override
	public boolean isBlank(int column) {
		if (column < 0 || column >= width || stamps[column] != serial || lengths[column] == 0) {
			return true;
		}
		return types[column] != NUMBER && types[column] != DATE && text(column).isBlank();
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
		try {
			if (xml != null) {
				xml.close();
			}
		}
		catch (XMLStreamException ex) {
			// closing only
		}
		in.close();
	}

}
