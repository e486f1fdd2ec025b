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
import org.codehaus.stax2.typed.TypedXMLStreamReader;

/**
 * One xlsx worksheet part streamed with StAX, one {@code <row>} at a time. A row's cell values are copied as raw
 * characters into one reused buffer (type, start, length per column); text is made only for the cells a caller asks
 * for, so a row costs no allocation beyond what the XML parser itself makes.
 */
final class XlsxSheetRows implements RowSource {

	private static final byte NONE = 0;

	private static final byte SHARED = 1;

	private static final byte TEXT = 2;

	private static final byte NUMBER = 3;

	private static final byte DATE = 4;

	private static final byte BOOLEAN = 5;

	private static final byte ISO_DATE = 6;

	private final SheetInfo sheet;

	private final InputStream in;

	private final XMLStreamReader xml;

	/** The same reader through the Stax2 typed API (Aalto), or null with a plain StAX parser. */
	private final TypedXMLStreamReader typed;

	private final AttributeDecoder decoder = new AttributeDecoder();

	private final SharedStrings sharedStrings;

	private final boolean[] dateStyles;

	private final boolean date1904;

	private char[] chars = new char[1024];

	private int charCount;

	private byte[] types = new byte[32];

	private int[] starts = new int[32];

	private int[] lengths = new int[32];

	/** The row serial that last set each column: a column is set in this row when it equals {@link #serial}. */
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

	XlsxSheetRows(SheetInfo sheet, InputStream in, SharedStrings sharedStrings, boolean[] dateStyles,
			boolean date1904) throws XMLStreamException {
		this.sheet = sheet;
		this.in = in;
		this.xml = XmlFactories.reader(in);
		this.typed = xml instanceof TypedXMLStreamReader reader ? reader : null;
		this.sharedStrings = sharedStrings;
		this.dateStyles = dateStyles;
		this.date1904 = date1904;
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
					readHiddenColumns();
				}
				else if ("mergeCell".equals(name)) {
					CellRange range = CellRefs.range(xml.getAttributeValue(null, "ref"));
					if (range != null) {
						merged.add(range);
					}
				}
			}
			done = true;
			return false;
		}
		catch (XMLStreamException ex) {
			throw new IOException("工作表“" + sheet.name() + "”的内容已损坏（" + ex.getMessage() + "）", ex);
		}
	}

	private void readRow() throws XMLStreamException {
		serial++;
		width = 0;
		charCount = 0;
		int row = -1;
		rowHidden = false;
		for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
			String attribute = xml.getAttributeLocalName(i);
			if ("r".equals(attribute)) {
				row = attribute(i, AttributeDecoder.Mode.NUMBER) - 1;
			}
			else if ("hidden".equals(attribute)) {
				String value = xml.getAttributeValue(i);
				rowHidden = "1".equals(value) || "true".equals(value);
			}
		}
		// rows without r follow the previous one
		rowIndex = row >= 0 ? row : rowIndex + 1;
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
	private int readCell(int previous) throws XMLStreamException {
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
		// cells without r follow the previous one
		if (column < 0) {
			column = previous + 1;
		}
		if (type == NUMBER && style > 0 && style < dateStyles.length && dateStyles[style]) {
			type = DATE;
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

	private void append(char[] text, int start, int length) {
		if (charCount + length > chars.length) {
			chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + length));
		}
		System.arraycopy(text, start, chars, charCount, length);
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

	private void readHiddenColumns() {
		String hidden = xml.getAttributeValue(null, "hidden");
		if (!"1".equals(hidden) && !"true".equals(hidden)) {
			return;
		}
		int min = CellRefs.parsePositive(xml.getAttributeValue(null, "min"));
		int max = CellRefs.parsePositive(xml.getAttributeValue(null, "max"));
		// a hidden range to the sheet's edge (max 16384) only matters where there is content
		for (int c = Math.max(1, min); c <= Math.min(max, 1024); c++) {
			hiddenColumns.add(c - 1);
		}
	}

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
			xml.close();
		}
		catch (XMLStreamException ex) {
			// closing only
		}
		in.close();
	}

}
