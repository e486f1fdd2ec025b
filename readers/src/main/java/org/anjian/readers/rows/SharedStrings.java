package org.anjian.readers.rows;

import java.io.InputStream;
import java.util.Arrays;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The shared strings table of an xlsx ({@code xl/sharedStrings.xml}), the one part a
 * streaming reader must hold: all strings in one {@code char[]} with an offset per string
 * (no String objects; about 2 bytes per character plus 4 per string), materialised only
 * when a cell is asked for. Rich text runs ({@code <r><t>}) are joined; phonetic guides
 * ({@code <rPh>}) are left out.
 */
final class SharedStrings {

	private char[] chars = new char[1 << 16];

	private int length;

	/** offsets[i] is where string i starts; offsets[count] is the end of the last one. */
	private int[] offsets = new int[1 << 10];

	private int count;

	/**
	 * Recently made Strings by index (direct-mapped): ledger columns repeat values (重大,
	 * 已整改, the township, each enterprise on every one of its hazard rows), so most cells
	 * need no new String. 65,536 slots hold a whole ledger's table of some 40,000 strings
	 * (with 4,096, nine cells in ten missed and made their String again); only strings up
	 * to {@value #CACHED_CHARS} characters are kept, so the cache stays within about 10
	 * MB whatever the table holds.
	 */
	private final String[] cache = new String[1 << 16];

	private final int[] cachedIndex = new int[1 << 16];

	static final int CACHED_CHARS = 64;

	static SharedStrings empty() {
		SharedStrings strings = new SharedStrings();
		return strings;
	}

	/** Reads the whole table now. */
	static SharedStrings read(InputStream in) throws XMLStreamException {
		SharedStrings strings = open(in);
		try {
			strings.loadUpTo(Integer.MAX_VALUE);
		}
		finally {
			strings.close();
		}
		return strings;
	}

	/**
	 * Starts reading the table from {@code in}, which it then owns: strings are parsed as
	 * far as the cells asked for need ({@link #get}), so a caller that looks only at a
	 * sheet's first rows (the sniff) does not read a million-row ledger's whole table.
	 * The first {@value #FIRST_STRINGS} are read at once, so a table broken from the
	 * start fails here, when the sheet is opened.
	 */
	static SharedStrings open(InputStream in) throws XMLStreamException {
		SharedStrings strings = new SharedStrings();
		strings.in = in;
		try {
			strings.xml = XmlFactories.reader(in);
			strings.loadUpTo(FIRST_STRINGS);
		}
		catch (XMLStreamException | RuntimeException ex) {
			strings.close();
			throw ex;
		}
		return strings;
	}

	private static final int FIRST_STRINGS = 1024;

	private InputStream in;

	private XMLStreamReader xml;

	private boolean inText;

	private int phonetic;

	/** Parses until more than {@code wanted} strings are held or the table ends. */
	private void loadUpTo(int wanted) throws XMLStreamException {
		XMLStreamReader xml = this.xml;
		if (xml == null) {
			return;
		}
		while (count <= wanted) {
			if (!xml.hasNext()) {
				close();
				trim();
				return;
			}
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = xml.getLocalName();
				if ("t".equals(name)) {
					inText = phonetic == 0;
				}
				else if ("rPh".equals(name)) {
					phonetic++;
				}
				else if ("sst".equals(name)) {
					String unique = xml.getAttributeValue(null, "uniqueCount");
					presize(unique);
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				String name = xml.getLocalName();
				if ("si".equals(name)) {
					endString();
				}
				else if ("t".equals(name)) {
					inText = false;
				}
				else if ("rPh".equals(name)) {
					phonetic--;
				}
			}
			else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
					|| event == XMLStreamConstants.SPACE)) {
				append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
			}
		}
	}

	/** Reads the rest of the table; a broken one throws as the cell being read would. */
	private void loadUpToUnchecked(int wanted) {
		try {
			loadUpTo(wanted);
		}
		catch (XMLStreamException ex) {
			close();
			throw new IllegalStateException("文件已损坏，Excel 内容无法读取（共享字符串表：" + ex.getMessage() + "）", ex);
		}
	}

	/** Stops reading the table (what was read stays). */
	void close() {
		XMLStreamReader reader = xml;
		xml = null;
		try {
			if (reader != null) {
				reader.close();
			}
		}
		catch (XMLStreamException ex) {
			// closing only
		}
		try {
			if (in != null) {
				in.close();
			}
		}
		catch (java.io.IOException ex) {
			// closing only
		}
		in = null;
	}

	private void presize(String uniqueCount) {
		try {
			int n = uniqueCount == null ? 0 : Integer.parseInt(uniqueCount.strip());
			if (n > offsets.length && n < 50_000_000) {
				offsets = Arrays.copyOf(offsets, n + 1);
			}
		}
		catch (NumberFormatException ex) {
			// a hint only
		}
	}

	private void append(char[] text, int start, int textLength) {
		if (length + textLength > chars.length) {
			chars = Arrays.copyOf(chars, Math.max(chars.length + (chars.length >> 1), length + textLength));
		}
		System.arraycopy(text, start, chars, length, textLength);
		length += textLength;
	}

	private void endString() {
		if (count + 2 > offsets.length) {
			offsets = Arrays.copyOf(offsets, offsets.length + (offsets.length >> 1) + 2);
		}
		offsets[count + 1] = length;
		count++;
	}

	private void trim() {
		chars = Arrays.copyOf(chars, length);
		offsets = Arrays.copyOf(offsets, count + 1);
	}

	/** How many strings the table holds (reads it to the end). */
	int size() {
		loadUpToUnchecked(Integer.MAX_VALUE);
		return count;
	}

	/**
	 * String {@code index} (with OOXML {@code _xHHHH_} escapes decoded), or "" when out
	 * of range.
	 */
	String get(int index) {
		if (index >= count && xml != null) {
			loadUpToUnchecked(index);
		}
		if (index < 0 || index >= count) {
			return "";
		}
		int slot = index & (cache.length - 1);
		String cached = cache[slot];
		if (cached != null && cachedIndex[slot] == index) {
			return cached;
		}
		int size = offsets[index + 1] - offsets[index];
		String text = XmlFactories.decodeEscapes(chars, offsets[index], size);
		if (size <= CACHED_CHARS) {
			cache[slot] = text;
			cachedIndex[slot] = index;
		}
		return text;
	}

	/** Characters held, for the memory estimate in the README. */
	long charCount() {
		loadUpToUnchecked(Integer.MAX_VALUE);
		return length;
	}

}
