package org.anjian.readers.rows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;

/**
 * A worksheet part read straight from its inflated UTF-8 bytes for {@link XlsxSheetRows}:
 * a general XML parser (Aalto) was the largest CPU cost of a million-row ledger, mostly
 * for what a sheet never needs (names as symbols, attribute tables, namespace bindings).
 *
 * <p>
 * It follows the same element events as {@code XlsxSheetRows}' StAX loops (between rows,
 * in a row, in a cell; by local name, so {@code x:row} and Strict parts read too), so
 * rows come out the same. Cell text is decoded from UTF-8 as it is copied into the row's
 * {@code char[]}, entity and character references and CDATA included, line ends
 * normalised as XML does; element and attribute names are compared as bytes, nothing is
 * allocated per cell.
 *
 * <p>
 * What it checks, since submissions come from outside: a
 * {@code <!DOCTYPE}/{@code <!ENTITY} anywhere is refused; tags, quotes, end tags matching
 * their start tags, one root element, references (only the five XML predefines, no DTD),
 * UTF-8 and XML's name characters are checked, and a part that ends early is an error.
 * Every token it must hold whole is bounded (a tag {@value #MAX_TAG_BYTES} bytes, a
 * reference {@value #MAX_REFERENCE_BYTES}, nesting {@value #MAX_DEPTH}), a row's text by
 * {@link XlsxSheetRows#MAX_ROW_CHARS}. Left to a full XML parser (such a part reads here
 * where Aalto refuses it): unbound prefixes, duplicate attributes (the last counts),
 * characters XML forbids in text (control characters, {@code ]]>}), the XML declaration
 * beyond its encoding, the inside of comments and processing instructions.
 */
final class SheetXmlScanner {

	/**
	 * Bytes read from the part at a time; package-private so tests can put tokens across
	 * a refill.
	 */
	static final int BUFFER_BYTES = 1 << 16;

	/**
	 * A tag, attributes included, is held whole: the buffer grows for a long one up to
	 * this.
	 */
	static final int MAX_TAG_BYTES = 4 << 20;

	/** Elements open at once (a sheet nests about ten deep). */
	static final int MAX_DEPTH = 1000;

	/** Bytes of the open elements' names together. */
	private static final int MAX_NAME_BYTES = 1 << 16;

	/**
	 * The longest entity or character reference (room for leading zeros in
	 * {@code &#x10FFFF;}).
	 */
	static final int MAX_REFERENCE_BYTES = 32;

	private static final int NEED_MORE = -1;

	/** The local names that matter. */
	private static final int OTHER = 0;

	private static final int ROW = 1;

	private static final int C = 2;

	private static final int V = 3;

	private static final int T = 4;

	private static final int RPH = 5;

	private static final int COL = 6;

	private static final int MERGE_CELL = 7;

	/** Where the scan is, as in the StAX loops: between rows, in a row, in a cell. */
	private static final int SHEET = 0;

	private static final int IN_ROW = 1;

	private static final int IN_CELL = 2;

	/** ASCII bytes text keeps as they are: all but {@code < & CR}. */
	private static final boolean[] TEXT_PLAIN = new boolean[128];

	/** ASCII bytes a CDATA section keeps as they are: all but {@code ] CR}. */
	private static final boolean[] CDATA_PLAIN = new boolean[128];

	/**
	 * Bytes of a name after its first: letters, digits, {@code - . _}, and any byte of a
	 * UTF-8 sequence.
	 */
	private static final boolean[] NAME = new boolean[256];

	private static final boolean[] NAME_START = new boolean[256];

	private static final boolean[] SPACE = new boolean[256];

	static {
		for (int b = 0; b < 128; b++) {
			TEXT_PLAIN[b] = b != '<' && b != '&' && b != '\r';
			CDATA_PLAIN[b] = b != ']' && b != '\r';
		}
		for (int b = 0; b < 256; b++) {
			boolean letter = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b >= 0x80;
			NAME_START[b] = letter;
			NAME[b] = letter || b >= '0' && b <= '9' || b == '-' || b == '.';
		}
		SPACE[' '] = true;
		SPACE['\t'] = true;
		SPACE['\n'] = true;
		SPACE['\r'] = true;
	}

	private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']");

	private final InputStream in;

	private final XlsxSheetRows rows;

	private byte[] buf;

	private int pos;

	private int limit;

	/** Bytes of the part before {@code buf[0]}, for the position in a message. */
	private long base;

	private boolean eof;

	/** What broke the stream, thrown once the bytes read before it are used up. */
	private IOException failure;

	private final boolean utf8;

	/**
	 * The open elements' qualified names end to end; {@code nameEnds[d]} is where element
	 * d's ends.
	 */
	private byte[] names = new byte[256];

	private int[] nameEnds = new int[16];

	/** The open elements' local names as {@link #ROW}, {@link #C} … */
	private int[] elements = new int[16];

	private int depth;

	private boolean rootSeen;

	private int state = SHEET;

	/** In a cell: inside a {@code <v>} or {@code <t>} whose text is the value. */
	private boolean collect;

	private int phonetic;

	/** The cell had a {@code <v>} or {@code <t>}. */
	private boolean value;

	/** The current row's previous cell's column. */
	private int column;

	private int cellColumn;

	private byte cellType;

	private int cellStyle;

	private int cellStart;

	/**
	 * The start tag just read: self-closing, and the attributes decoded for it (-1 / null
	 * when absent).
	 */
	private boolean selfClosing;

	private int attrRow;

	private int attrColumn;

	private byte attrType;

	private int attrStyle;

	private boolean attrHidden;

	private String attrText;

	private String attrMin;

	private String attrMax;

	/** Where the reference {@link #reference} read ends. */
	private int referenceEnd;

	/** An attribute value, decoded. */
	private char[] scratch = new char[64];

	SheetXmlScanner(InputStream in, XlsxSheetRows rows, int bufferBytes) throws IOException {
		this.in = in;
		this.rows = rows;
		this.buf = new byte[bufferBytes];
		fill();
		this.utf8 = prolog();
	}

	/**
	 * False when the part is in another encoding: read it through {@link #unread} with a
	 * StAX parser.
	 */
	boolean utf8() {
		return utf8;
	}

	/** The whole part as a stream again (before the first row was scanned). */
	InputStream unread() {
		IOException broke = failure;
		InputStream rest = broke == null ? in : new InputStream() {
			@Override
			public int read() throws IOException {
				throw broke;
			}
		};
		return new SequenceInputStream(new ByteArrayInputStream(buf, 0, limit), rest);
	}

	/**
	 * The byte order mark and the XML declaration: true when the part is UTF-8 (a UTF-8
	 * BOM is skipped), false for a UTF-16 BOM, UTF-16/32 without one (a zero byte first)
	 * or a declared encoding other than UTF-8.
	 */
	private boolean prolog() throws IOException {
		while (limit < 4 && !eof && more()) {
			// a tiny test buffer: at least the first four bytes
		}
		int b0 = limit > 0 ? buf[0] & 0xFF : -1;
		int b1 = limit > 1 ? buf[1] & 0xFF : -1;
		if (b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE || b0 == 0 || b1 == 0) {
			return false;
		}
		int start = b0 == 0xEF && b1 == 0xBB && limit > 2 && (buf[2] & 0xFF) == 0xBF ? 3 : 0;
		if (startsWith(start, "<?xml") && limit > start + 5 && SPACE[buf[start + 5] & 0xFF]) {
			int end;
			while ((end = indexOf(start, (byte) '?', (byte) '>')) < 0) {
				if (!more()) {
					throw broken(limit, "XML 声明没有结束");
				}
			}
			Matcher encoding = ENCODING.matcher(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
			if (encoding.find()) {
				String name = encoding.group(1).toUpperCase(Locale.ROOT);
				if (!name.equals("UTF-8") && !name.equals("UTF8")) {
					return false;
				}
			}
			pos = end + 2;
		}
		else {
			pos = start;
		}
		return true;
	}

	/** Where {@code a b} first occurs from {@code from}, or -1. */
	private int indexOf(int from, byte a, byte b) {
		for (int i = from; i + 1 < limit; i++) {
			if (buf[i] == a && buf[i + 1] == b) {
				return i;
			}
		}
		return -1;
	}

	private boolean startsWith(int p, String ascii) {
		if (p + ascii.length() > limit) {
			return false;
		}
		for (int i = 0; i < ascii.length(); i++) {
			if (buf[p + i] != ascii.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** Scans to the end of the next {@code <row>}; false at the end of the part. */
	boolean nextRow() throws IOException {
		while (true) {
			int p = pos;
			if (p >= limit) {
				if (more()) {
					continue;
				}
				end();
				return false;
			}
			if (buf[p] != '<') {
				if (depth == 0) {
					outsideRoot();
				}
				else if (!collect || !plainText(p)) {
					text(false);
				}
				continue;
			}
			if (p + 1 >= limit) {
				moreInTag();
				continue;
			}
			byte next = buf[p + 1];
			if (next == '/') {
				int element = endTag(p);
				if (element == NEED_MORE) {
					moreInTag();
				}
				else if (endElement(element)) {
					return true;
				}
			}
			else if (next == '!') {
				bang(p);
			}
			else if (next == '?') {
				skipPast(p + 2, "?>");
			}
			else if (next == 'c' && state == IN_ROW && cellTag(p)) {
				startElement(C);
				if (selfClosing) {
					endElement(C);
				}
			}
			else if (p + 2 < limit && buf[p + 2] == '>' && depth > 0 && next > 0 && NAME_START[next]) {
				// <v>, <t>: a one-letter element without attributes, the commonest tag
				// after <c (a <c> in a row went
				// through cellTag; elsewhere its attributes do not matter)
				int element = next == 'v' ? V : next == 't' ? T : next == 'c' ? C : OTHER;
				pos = p + 3;
				selfClosing = false;
				push(p + 1, p + 2, element);
				startElement(element);
			}
			else {
				int element = startTag(p);
				if (element == NEED_MORE) {
					moreInTag();
				}
				else {
					startElement(element);
					if (selfClosing && endElement(element)) {
						return true;
					}
				}
			}
		}
	}

	/** What a start tag means where the scan is, as the StAX loops take it. */
	private void startElement(int element) {
		switch (state) {
			case SHEET -> {
				if (element == ROW) {
					rows.startRow(attrRow - 1, attrHidden);
					column = -1;
					state = IN_ROW;
				}
				else if (element == COL) {
					rows.columns(attrHidden ? "1" : null, attrMin, attrMax);
				}
				else if (element == MERGE_CELL) {
					rows.mergeCell(attrText);
				}
			}
			case IN_ROW -> {
				if (element == C) {
					cellColumn = attrColumn;
					cellType = attrType;
					cellStyle = attrStyle;
					cellStart = rows.charCount;
					collect = false;
					phonetic = 0;
					value = false;
					state = IN_CELL;
				}
			}
			default -> {
				if (element == V || element == T && phonetic == 0) {
					collect = true;
					value = true;
				}
				else if (element == RPH) {
					phonetic++;
				}
			}
		}
	}

	/** What an end tag means where the scan is; true when a row is complete. */
	private boolean endElement(int element) throws IOException {
		if (state == IN_CELL) {
			if (element == C) {
				column = rows.endCell(cellColumn, column, cellType, cellStyle, cellStart, value);
				collect = false;
				state = IN_ROW;
			}
			else if (element == V || element == T) {
				collect = false;
			}
			else if (element == RPH) {
				phonetic--;
			}
		}
		else if (state == IN_ROW && element == ROW) {
			state = SHEET;
			return true;
		}
		return false;
	}

	/** The end of the part: the root must have been there and be closed. */
	private void end() throws IOException {
		if (!rootSeen) {
			throw broken(limit, "没有任何 XML 元素");
		}
		if (depth > 0) {
			throw truncated();
		}
	}

	private IOException truncated() {
		return broken(limit,
				"XML 在元素 <"
						+ new String(names, depth > 1 ? nameEnds[depth - 2] : 0,
								nameEnds[depth - 1] - (depth > 1 ? nameEnds[depth - 2] : 0), StandardCharsets.UTF_8)
						+ "> 中途结束，文件不完整");
	}

	/** The buffer ended inside a tag: more bytes, or the part is cut off. */
	private void moreInTag() throws IOException {
		if (!more()) {
			throw broken(limit, "XML 在标签中途结束，文件不完整");
		}
	}

	/**
	 * The start tag at {@code p}: its element (by local name) with {@link #selfClosing}
	 * and the wanted attributes set, pos after it, the element pushed unless
	 * self-closing; or {@link #NEED_MORE} when the buffer ends first (nothing consumed:
	 * the tag is read again after the refill).
	 */
	private int startTag(int p) throws IOException {
		byte[] b = buf;
		int end = limit;
		if (!NAME_START[b[p + 1] & 0xFF]) {
			throw broken(p, "标签格式错误");
		}
		int i = nameEnd(p + 1);
		if (i == NEED_MORE) {
			return NEED_MORE;
		}
		int nameEnd = i;
		int c = b[i] & 0xFF;
		int element = element(b, nameColon < 0 ? p + 1 : nameColon + 1, nameEnd);
		// which attributes matter depends on where the scan is, as in the StAX loops
		boolean wanted = state == SHEET ? element == ROW || element == COL || element == MERGE_CELL
				: state == IN_ROW && element == C;
		if (wanted) {
			attrRow = -1;
			attrColumn = -1;
			attrType = XlsxSheetRows.NUMBER;
			attrStyle = 0;
			attrHidden = false;
			attrText = null;
			attrMin = null;
			attrMax = null;
		}
		boolean close;
		while (true) {
			if (c == '>') {
				close = false;
				i++;
				break;
			}
			if (c == '/') {
				if (i + 1 >= end) {
					return NEED_MORE;
				}
				if (b[i + 1] != '>') {
					throw broken(i, "标签格式错误");
				}
				close = true;
				i += 2;
				break;
			}
			if (!SPACE[c]) {
				throw broken(i, "标签格式错误");
			}
			do {
				if (++i >= end) {
					return NEED_MORE;
				}
				c = b[i] & 0xFF;
			}
			while (SPACE[c]);
			if (c == '>' || c == '/') {
				continue;
			}
			// an attribute: name, =, quoted value (white space allowed around =)
			int attribute = i;
			if (!NAME_START[c]) {
				throw broken(i, "属性格式错误");
			}
			i = nameEnd(attribute);
			if (i == NEED_MORE) {
				return NEED_MORE;
			}
			int attributeColon = nameColon;
			int attributeEnd = i;
			c = b[i] & 0xFF;
			while (SPACE[c]) {
				if (++i >= end) {
					return NEED_MORE;
				}
				c = b[i] & 0xFF;
			}
			if (c != '=') {
				throw broken(i, "属性缺少“=”");
			}
			do {
				if (++i >= end) {
					return NEED_MORE;
				}
				c = b[i] & 0xFF;
			}
			while (SPACE[c]);
			if (c != '"' && c != '\'') {
				throw broken(i, "属性值缺少引号");
			}
			int quote = c;
			int valueStart = i + 1;
			boolean special = false;
			do {
				if (++i >= end) {
					return NEED_MORE;
				}
				c = b[i];
				if (c == '<') {
					throw broken(i, "属性值中有“<”");
				}
				special |= c == '&' || c < 0;
			}
			while (c != quote);
			if (element == C && wanted) {
				cellAttribute(attribute, attributeColon, attributeEnd, valueStart, i);
			}
			else if (wanted) {
				attribute(element, attribute, attributeColon, attributeEnd, valueStart, i);
			}
			else if (special) {
				// a value nothing uses is still checked: references known, UTF-8 valid
				value(valueStart, i);
			}
			if (++i >= end) {
				return NEED_MORE;
			}
			c = b[i] & 0xFF;
		}
		pos = i;
		selfClosing = close;
		if (depth == 0) {
			if (rootSeen) {
				throw broken(p, "XML 有多个根元素");
			}
			rootSeen = true;
		}
		if (!close) {
			push(p + 1, nameEnd, element);
		}
		return element;
	}

	/**
	 * {@code <c r="A1" s="2" t="s">} in a row, as producers write it (one space before
	 * each one-letter attribute, double quotes): read in one pass, pos after it, true.
	 * Any other form, or the buffer ending, gives false with nothing consumed, and
	 * {@link #startTag} reads it.
	 */
	private boolean cellTag(int p) throws IOException {
		byte[] b = buf;
		int end = limit;
		int i = p + 2;
		attrColumn = -1;
		attrType = XlsxSheetRows.NUMBER;
		attrStyle = 0;
		while (i + 3 < end && b[i] == ' ') {
			if (b[i + 2] != '=' || b[i + 3] != '"') {
				return false;
			}
			int from = i + 4;
			int to = from;
			int c;
			while (to < end && (c = b[to]) != '"') {
				// <, & and non-ASCII (also a few rare bytes below &): the general path
				// decodes and checks
				if (c <= '&' || c == '<') {
					return false;
				}
				to++;
			}
			if (to >= end) {
				return false;
			}
			switch (b[i + 1]) {
				case 'r' -> attrColumn = column(from, to);
				case 't' -> attrType = to - from == 1 && b[from] == 's' ? XlsxSheetRows.SHARED
						: (byte) typed(from, to, AttributeDecoder.Mode.TYPE);
				case 's' -> attrStyle = number(from, to);
				default -> {
					if (b[i + 1] < 0 || !NAME_START[b[i + 1]]) {
						return false;
					}
				}
			}
			i = to + 1;
		}
		if (i < end && b[i] == '>') {
			pos = i + 1;
			selfClosing = false;
			push(p + 1, p + 2, C);
			return true;
		}
		if (i + 1 < end && b[i] == '/' && b[i + 1] == '>') {
			pos = i + 2;
			selfClosing = true;
			return true;
		}
		return false;
	}

	/**
	 * Where the last {@link #nameEnd(int)} found the name's last colon (its prefix ends
	 * there), or -1.
	 */
	private int nameColon;

	/**
	 * The end of the (element or attribute) name starting at {@code from}, whose first
	 * byte the caller has checked: the index of the first byte that is no name character,
	 * with {@link #nameColon} set; or {@link #NEED_MORE} when the buffer ends first. A
	 * name holding non-ASCII bytes is checked as UTF-8 name characters.
	 */
	private int nameEnd(int from) throws IOException {
		byte[] b = buf;
		int end = limit;
		int i = from;
		int colon = -1;
		// any non-ASCII byte makes this negative
		int high = b[i];
		while (true) {
			if (++i >= end) {
				return NEED_MORE;
			}
			int c = b[i] & 0xFF;
			high |= b[i];
			if (!NAME[c]) {
				if (c != ':') {
					break;
				}
				colon = i;
			}
		}
		if (high < 0) {
			checkName(from, i);
		}
		nameColon = colon;
		return i;
	}

	/**
	 * The end tag at {@code p}, which must close the innermost open element: that
	 * element, or {@link #NEED_MORE}.
	 */
	private int endTag(int p) throws IOException {
		byte[] b = buf;
		int end = limit;
		if (depth == 0) {
			throw broken(p, "结束标签与任何开始标签都不对应");
		}
		// the name must be the open element's: compare it in place, no name scan
		int open = depth > 1 ? nameEnds[depth - 2] : 0;
		int close = nameEnds[depth - 1];
		int i = p + 2;
		if (i + close - open >= end) {
			return NEED_MORE;
		}
		byte[] stack = names;
		if (close - open == 1) {
			// </c>, </v>: no loop for the common one-letter name
			if (b[i++] != stack[open]) {
				throw mismatch(p, open, close);
			}
		}
		else {
			for (int j = open; j < close; i++, j++) {
				if (b[i] != stack[j]) {
					throw mismatch(p, open, close);
				}
			}
		}
		int c = b[i] & 0xFF;
		while (SPACE[c]) {
			if (++i >= end) {
				return NEED_MORE;
			}
			c = b[i] & 0xFF;
		}
		if (c != '>') {
			throw mismatch(p, open, close);
		}
		pos = i + 1;
		return elements[--depth];
	}

	private IOException mismatch(int p, int open, int close) {
		int i = p + 2;
		while (i < limit && i - p < 100 && buf[i] != '>') {
			i++;
		}
		return broken(p, "结束标签 </" + new String(buf, p + 2, i - p - 2, StandardCharsets.UTF_8) + "> 与开始标签 <"
				+ new String(names, open, close - open, StandardCharsets.UTF_8) + "> 不匹配");
	}

	private void push(int from, int to, int element) throws IOException {
		int open = depth > 0 ? nameEnds[depth - 1] : 0;
		int top = open + to - from;
		if (depth == MAX_DEPTH || top > MAX_NAME_BYTES) {
			throw broken(from, "元素嵌套超过 " + MAX_DEPTH + " 层或名称过长");
		}
		if (top > names.length) {
			names = Arrays.copyOf(names, Math.max(names.length * 2, top));
		}
		if (depth == nameEnds.length) {
			nameEnds = Arrays.copyOf(nameEnds, depth * 2);
			elements = Arrays.copyOf(elements, depth * 2);
		}
		byte[] b = buf;
		byte[] stack = names;
		if (to - from == 1) {
			stack[open] = b[from];
		}
		else {
			for (int i = from, j = open; i < to; i++, j++) {
				stack[j] = b[i];
			}
		}
		elements[depth] = element;
		nameEnds[depth++] = top;
	}

	/** The element a local name stands for. */
	private static int element(byte[] b, int from, int to) {
		switch (to - from) {
			case 1 -> {
				byte c = b[from];
				return c == 'c' ? C : c == 'v' ? V : c == 't' ? T : OTHER;
			}
			case 3 -> {
				byte c0 = b[from];
				byte c1 = b[from + 1];
				byte c2 = b[from + 2];
				if (c0 == 'r' && c1 == 'o' && c2 == 'w') {
					return ROW;
				}
				if (c0 == 'c' && c1 == 'o' && c2 == 'l') {
					return COL;
				}
				return c0 == 'r' && c1 == 'P' && c2 == 'h' ? RPH : OTHER;
			}
			case 9 -> {
				return equals(b, from, "mergeCell") ? MERGE_CELL : OTHER;
			}
			default -> {
				return OTHER;
			}
		}
	}

	private static boolean equals(byte[] b, int from, String ascii) {
		for (int i = 0; i < ascii.length(); i++) {
			if (b[from + i] != ascii.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** A cell's r, t or s (by local name; the hot path, kept small). */
	private void cellAttribute(int name, int colon, int nameEnd, int from, int to) throws IOException {
		byte[] b = buf;
		int local = colon < 0 ? name : colon + 1;
		if (nameEnd - local != 1 || colon >= 0 && colon - name == 5 && equals(b, name, "xmlns")) {
			return;
		}
		switch (b[local]) {
			case 'r' -> attrColumn = column(from, to);
			case 't' -> attrType = to - from == 1 && b[from] == 's' ? XlsxSheetRows.SHARED
					: (byte) typed(from, to, AttributeDecoder.Mode.TYPE);
			case 's' -> attrStyle = number(from, to);
			default -> {
			}
		}
	}

	/**
	 * Decodes an attribute of a row, col or mergeCell if it is one that matters (by local
	 * name, not xmlns:…).
	 */
	private void attribute(int element, int name, int colon, int nameEnd, int from, int to) throws IOException {
		byte[] b = buf;
		if (colon >= 0 && colon - name == 5 && equals(b, name, "xmlns")) {
			return;
		}
		int local = colon < 0 ? name : colon + 1;
		int length = nameEnd - local;
		byte first = b[local];
		if (length == 1 && first == 'r' && element == ROW) {
			attrRow = number(from, to);
		}
		else if (length == 6 && equals(b, local, "hidden")) {
			int n = value(from, to);
			attrHidden = n == 1 && scratch[0] == '1'
					|| n == 4 && scratch[0] == 't' && scratch[1] == 'r' && scratch[2] == 'u' && scratch[3] == 'e';
		}
		else if (length == 3 && element == COL && equals(b, local, "min")) {
			attrMin = new String(scratch, 0, value(from, to));
		}
		else if (length == 3 && element == COL && equals(b, local, "max")) {
			attrMax = new String(scratch, 0, value(from, to));
		}
		else if (length == 3 && element == MERGE_CELL && equals(b, local, "ref")) {
			attrText = new String(scratch, 0, value(from, to));
		}
	}

	/**
	 * A number attribute (r of a row, s): plain digits straight from the bytes, anything
	 * else through {@link #typed}.
	 */
	private int number(int from, int to) throws IOException {
		byte[] b = buf;
		int n = 0;
		for (int i = from; i < to; i++) {
			int digit = b[i] - '0';
			if (digit < 0 || digit > 9 || n > 200_000_000) {
				return typed(from, to, AttributeDecoder.Mode.NUMBER);
			}
			n = n * 10 + digit;
		}
		return from < to ? n : -1;
	}

	/**
	 * The column of a cell's r: capital letters then digits to the end (what every
	 * producer writes) straight from the bytes, anything else through {@link #typed}.
	 */
	private int column(int from, int to) throws IOException {
		byte[] b = buf;
		int n = 0;
		int i = from;
		for (; i < to && i - from < 3 && b[i] >= 'A' && b[i] <= 'Z'; i++) {
			n = n * 26 + b[i] - 'A' + 1;
		}
		int digits = i;
		while (i < to && b[i] >= '0' && b[i] <= '9') {
			i++;
		}
		return i == to && digits > from && i > digits ? n - 1 : typed(from, to, AttributeDecoder.Mode.COLUMN);
	}

	/**
	 * A typed attribute as the Aalto path decodes it: white space trimmed, empty gives
	 * -1.
	 */
	private int typed(int from, int to, AttributeDecoder.Mode mode) throws IOException {
		int end = value(from, to);
		int start = 0;
		while (start < end && scratch[start] <= ' ') {
			start++;
		}
		while (end > start && scratch[end - 1] <= ' ') {
			end--;
		}
		if (start == end) {
			return -1;
		}
		return switch (mode) {
			case NUMBER -> CellRefs.parseInt(scratch, start, end - start);
			case COLUMN -> CellRefs.column(scratch, start, end);
			case TYPE -> XlsxSheetRows.cellType(scratch, start, end - start);
		};
	}

	/**
	 * The attribute value {@code buf[from, to)} decoded into {@link #scratch} (references
	 * resolved, tab, line ends and CR LF each one space as XML normalises them); returns
	 * its length.
	 */
	private int value(int from, int to) throws IOException {
		if (scratch.length < to - from) {
			scratch = new char[Math.max(to - from, scratch.length * 2)];
		}
		char[] out = scratch;
		byte[] b = buf;
		int n = 0;
		int i = from;
		while (i < to) {
			int c = b[i];
			if (c >= 0) {
				if (c == '&') {
					int code = reference(i, to);
					if (code == NEED_MORE) {
						throw broken(i, "“&”后没有完整的实体引用");
					}
					n = append(out, n, code);
					i = referenceEnd;
					continue;
				}
				if (c == '\r') {
					out[n++] = ' ';
					i += i + 1 < to && b[i + 1] == '\n' ? 2 : 1;
					continue;
				}
				out[n++] = c == '\t' || c == '\n' ? ' ' : (char) c;
				i++;
			}
			else {
				int length = sequenceLength(c);
				if (i + length > to) {
					throw broken(i, "UTF-8 编码无效");
				}
				n = append(out, n, utf8(i, length));
				i += length;
			}
		}
		return n;
	}

	/**
	 * Text from pos to the next markup (or, for a CDATA section, the rest of it and its
	 * {@code ]]>}), decoded into the row's characters; kept (the row's character count
	 * advanced) only inside a {@code <v>} or {@code <t>} of a cell, else only checked.
	 */
	private void text(boolean cdata) throws IOException {
		boolean keep = state == IN_CELL && collect;
		boolean[] plain = cdata ? CDATA_PLAIN : TEXT_PLAIN;
		int skipFrom = rows.charCount;
		while (true) {
			byte[] b = buf;
			int p = pos;
			int end = limit;
			// at most one character per byte: the chunk fits
			char[] out = rows.room(end - p);
			int n = keep ? rows.charCount : skipFrom;
			scan: while (p < end) {
				int c = b[p];
				if (c >= 0) {
					if (plain[c]) {
						out[n++] = (char) c;
						p++;
						continue;
					}
					switch (c) {
						case '<' -> {
							pos = p;
							if (keep) {
								rows.charCount = n;
							}
							return;
						}
						case ']' -> {
							if (p + 2 >= end) {
								break scan;
							}
							if (b[p + 1] == ']' && b[p + 2] == '>') {
								pos = p + 3;
								if (keep) {
									rows.charCount = n;
								}
								return;
							}
							out[n++] = ']';
							p++;
						}
						case '&' -> {
							int code = reference(p, end);
							if (code == NEED_MORE) {
								break scan;
							}
							n = append(out, n, code);
							p = referenceEnd;
						}
						default -> {
							// CR: CR LF and a lone CR are one line feed
							if (p + 1 >= end) {
								break scan;
							}
							out[n++] = '\n';
							p += b[p + 1] == '\n' ? 2 : 1;
						}
					}
				}
				else {
					int length = sequenceLength(c);
					if (p + length > end) {
						break scan;
					}
					n = append(out, n, utf8(p, length));
					p += length;
				}
			}
			// the buffer ends, maybe inside a character, reference or CR LF: refill from
			// there
			pos = p;
			if (keep) {
				rows.charCount = n;
			}
			if (!more()) {
				throw truncated();
			}
		}
	}

	/**
	 * A value's text when it is plain ASCII up to the next {@code <} in the buffer
	 * (numbers, shared-string indexes): copied, true; otherwise nothing done, false, and
	 * {@link #text} decodes it.
	 */
	private boolean plainText(int p) throws IOException {
		byte[] b = buf;
		int end = limit;
		char[] out = rows.room(end - p);
		int n = rows.charCount;
		for (int i = p; i < end; i++) {
			int c = b[i];
			if (c < 0 || !TEXT_PLAIN[c]) {
				if (c != '<') {
					return false;
				}
				rows.charCount = n;
				pos = i;
				return true;
			}
			out[n++] = (char) c;
		}
		return false;
	}

	/**
	 * Before and after the root element only white space, comments and processing
	 * instructions.
	 */
	private void outsideRoot() throws IOException {
		while (true) {
			int p = pos;
			while (p < limit) {
				int c = buf[p] & 0xFF;
				if (c == '<') {
					pos = p;
					return;
				}
				if (!SPACE[c]) {
					throw broken(p, "根元素之外有文字");
				}
				p++;
			}
			pos = p;
			if (!more()) {
				return;
			}
		}
	}

	/** {@code <!}: a comment, a CDATA section; a DTD is refused. */
	private void bang(int p) throws IOException {
		while (limit - p < 9 && !eof) {
			pos = p;
			more();
			p = pos;
		}
		if (startsWith(p, "<!--")) {
			skipPast(p + 4, "-->");
		}
		else if (startsWith(p, "<![CDATA[")) {
			if (depth == 0) {
				throw broken(p, "根元素之外有 CDATA");
			}
			pos = p + 9;
			text(true);
		}
		else {
			String head = new String(buf, p, Math.min(9, limit - p), StandardCharsets.ISO_8859_1)
				.toUpperCase(Locale.ROOT);
			if (head.startsWith("<!DOCTYPE") || head.startsWith("<!ENTITY")) {
				String message = "工作表“" + rows.sheetName()
						+ "”含有 XML 实体声明（DOCTYPE/ENTITY），正常的 Excel 或 WPS 文件不会有，出于安全原因拒收";
				throw new IOException(message, new ReaderLimitException(ReaderLimits.XML_ENTITY, message));
			}
			throw broken(p, "“<!”后既不是注释也不是 CDATA");
		}
	}

	/**
	 * Skips from {@code p} past the next {@code terminator} ({@code -->}, {@code ?>}).
	 */
	private void skipPast(int p, String terminator) throws IOException {
		int length = terminator.length();
		byte first = (byte) terminator.charAt(0);
		while (true) {
			int end = limit - length + 1;
			for (int i = p; i < end; i++) {
				if (buf[i] == first && startsWith(i, terminator)) {
					pos = i + length;
					return;
				}
			}
			pos = Math.max(p, end);
			if (!more()) {
				throw broken(limit, length == 3 ? "注释没有结束" : "处理指令没有结束");
			}
			p = pos;
		}
	}

	/**
	 * The character the reference at {@code p} ({@code &name;} or {@code &#…;}) stands
	 * for, with {@link #referenceEnd} after it; {@link #NEED_MORE} when {@code end} comes
	 * before its {@code ;}.
	 */
	private int reference(int p, int end) throws IOException {
		byte[] b = buf;
		int stop = Math.min(end, p + MAX_REFERENCE_BYTES);
		int semicolon = -1;
		for (int i = p + 1; i < stop; i++) {
			if (b[i] == ';') {
				semicolon = i;
				break;
			}
		}
		if (semicolon < 0) {
			if (stop == end) {
				return NEED_MORE;
			}
			throw broken(p, "“&”后没有完整的实体引用");
		}
		referenceEnd = semicolon + 1;
		int length = semicolon - p - 1;
		if (length >= 2 && b[p + 1] == '#') {
			return character(p, semicolon);
		}
		if (length == 2 && b[p + 2] == 't' && (b[p + 1] == 'l' || b[p + 1] == 'g')) {
			return b[p + 1] == 'l' ? '<' : '>';
		}
		if (length == 3 && equals(b, p + 1, "amp")) {
			return '&';
		}
		if (length == 4 && equals(b, p + 1, "quot")) {
			return '"';
		}
		if (length == 4 && equals(b, p + 1, "apos")) {
			return '\'';
		}
		// no DTD, so no other entity is declared
		throw broken(p, "未知的实体引用 " + new String(b, p, length + 2, StandardCharsets.UTF_8));
	}

	/**
	 * A character reference {@code &#NNN;} / {@code &#xHHHH;} ending at
	 * {@code semicolon}: a character XML allows.
	 */
	private int character(int p, int semicolon) throws IOException {
		byte[] b = buf;
		boolean hex = b[p + 2] == 'x';
		int i = hex ? p + 3 : p + 2;
		int code = 0;
		if (i == semicolon) {
			code = -1;
		}
		for (; i < semicolon && code >= 0; i++) {
			int digit = Character.digit(b[i], hex ? 16 : 10);
			code = digit < 0 || code > 0x10FFFF ? -1 : code * (hex ? 16 : 10) + digit;
		}
		boolean allowed = code == 0x9 || code == 0xA || code == 0xD || code >= 0x20 && code <= 0xD7FF
				|| code >= 0xE000 && code <= 0xFFFD || code >= 0x10000 && code <= 0x10FFFF;
		if (!allowed) {
			throw broken(p, "无效的字符引用 " + new String(b, p, semicolon + 1 - p, StandardCharsets.ISO_8859_1));
		}
		return code;
	}

	/**
	 * A name with non-ASCII bytes: valid UTF-8, and only characters XML allows in names.
	 */
	private void checkName(int from, int to) throws IOException {
		for (int i = from; i < to;) {
			if (buf[i] >= 0) {
				i++;
				continue;
			}
			int length = sequenceLength(buf[i]);
			if (i + length > to) {
				throw broken(i, "UTF-8 编码无效");
			}
			int code = utf8(i, length);
			boolean start = code >= 0xC0 && code <= 0xD6 || code >= 0xD8 && code <= 0xF6
					|| code >= 0xF8 && code <= 0x2FF || code >= 0x370 && code <= 0x37D
					|| code >= 0x37F && code <= 0x1FFF || code == 0x200C || code == 0x200D
					|| code >= 0x2070 && code <= 0x218F || code >= 0x2C00 && code <= 0x2FEF
					|| code >= 0x3001 && code <= 0xD7FF || code >= 0xF900 && code <= 0xFDCF
					|| code >= 0xFDF0 && code <= 0xFFFD || code >= 0x10000 && code <= 0xEFFFF;
			boolean inside = code == 0xB7 || code >= 0x300 && code <= 0x36F || code == 0x203F || code == 0x2040;
			if (!start && !(inside && i > from)) {
				throw broken(i, "名称中有 XML 不允许的字符 U+" + Integer.toHexString(code).toUpperCase(Locale.ROOT));
			}
			i += length;
		}
	}

	/**
	 * Bytes of the UTF-8 sequence a lead byte (as a negative byte value) starts; 1 for a
	 * byte that cannot lead (a continuation byte, F5–FF), which {@link #utf8} refuses.
	 */
	private static int sequenceLength(int lead) {
		return lead >= (byte) 0xF5 ? 1
				: lead >= (byte) 0xF0 ? 4 : lead >= (byte) 0xE0 ? 3 : lead >= (byte) 0xC0 ? 2 : 1;
	}

	/**
	 * The code point of the UTF-8 sequence at {@code p}; invalid UTF-8 (stray, overlong,
	 * surrogate) is an error.
	 */
	private int utf8(int p, int length) throws IOException {
		byte[] b = buf;
		int lead = b[p] & 0xFF;
		int code;
		int min;
		switch (length) {
			case 2 -> {
				code = lead & 0x1F;
				min = 0x80;
			}
			case 3 -> {
				code = lead & 0x0F;
				min = 0x800;
			}
			case 4 -> {
				code = lead & 0x07;
				min = 0x10000;
			}
			default -> throw broken(p, "UTF-8 编码无效");
		}
		for (int i = 1; i < length; i++) {
			int next = b[p + i];
			if ((next & 0xC0) != 0x80) {
				throw broken(p, "UTF-8 编码无效");
			}
			code = code << 6 | next & 0x3F;
		}
		if (code < min || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
			throw broken(p, "UTF-8 编码无效");
		}
		return code;
	}

	private static int append(char[] out, int n, int code) {
		if (code < 0x10000) {
			out[n] = (char) code;
			return n + 1;
		}
		out[n] = Character.highSurrogate(code);
		out[n + 1] = Character.lowSurrogate(code);
		return n + 2;
	}

	/**
	 * Keeps the bytes from pos on, moved to the front, and reads more after them; a token
	 * that fills the whole buffer grows it (up to {@link #MAX_TAG_BYTES}). False when the
	 * part has ended.
	 */
	private boolean more() throws IOException {
		if (eof && failure == null) {
			return false;
		}
		int kept = limit - pos;
		if (pos == 0 && kept == buf.length) {
			if (buf.length >= MAX_TAG_BYTES) {
				throw broken(0, "有标签超过 " + (MAX_TAG_BYTES >> 20) + " MB");
			}
			buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_TAG_BYTES));
		}
		else if (pos > 0) {
			System.arraycopy(buf, pos, buf, 0, kept);
			base += pos;
			pos = 0;
			limit = kept;
		}
		return fill();
	}

	/** Reads until the buffer is full or the part ends; true when bytes were added. */
	private boolean fill() throws IOException {
		if (failure != null) {
			IOException broke = failure;
			failure = null;
			eof = true;
			throw rows.broken(broke.getClass().getSimpleName() + "：" + broke.getMessage(), broke);
		}
		int before = limit;
		try {
			while (limit < buf.length) {
				int n = in.read(buf, limit, buf.length - limit);
				if (n < 0) {
					eof = true;
					break;
				}
				limit += n;
			}
		}
		catch (IOException ex) {
			// the bytes read before the failure are scanned first: the rows before a
			// break are delivered
			failure = ex;
			eof = true;
			if (limit == before) {
				return fill();
			}
		}
		return limit > before;
	}

	private IOException broken(int p, String detail) {
		return rows.broken(detail + "，第 " + (base + p) + " 字节处", null);
	}

}
