package org.anjian.readers.rows;

import java.io.InputStream;
import java.util.Arrays;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The shared strings table of an xlsx ({@code xl/sharedStrings.xml}), the one part a streaming reader must hold: all
 * strings in one {@code char[]} with an offset per string (no String objects; about 2 bytes per character plus 4 per
 * string), materialised only when a cell is asked for. Rich text runs ({@code <r><t>}) are joined; phonetic guides
 * ({@code <rPh>}) are left out.
 */
final class SharedStrings {

	private char[] chars = new char[1 << 16];

	private int length;

	/** offsets[i] is where string i starts; offsets[count] is the end of the last one. */
	private int[] offsets = new int[1 << 10];

	private int count;

	/**
	 * Recently made Strings by index (direct-mapped): ledger columns repeat a few values (重大, 已整改, the township, the
	 * same enterprise on consecutive rows), so most cells need no new String.
	 */
	private final String[] cache = new String[4096];

	private final int[] cachedIndex = new int[4096];

	static SharedStrings empty() {
		SharedStrings strings = new SharedStrings();
		return strings;
	}

	static SharedStrings read(InputStream in) throws XMLStreamException {
		SharedStrings strings = new SharedStrings();
		XMLStreamReader xml = XmlFactories.reader(in);
		try {
			boolean inText = false;
			int phonetic = 0;
			while (xml.hasNext()) {
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
						strings.presize(unique);
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT) {
					String name = xml.getLocalName();
					if ("si".equals(name)) {
						strings.endString();
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
					strings.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
				}
			}
		}
		finally {
			xml.close();
		}
		strings.trim();
		return strings;
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

	int size() {
		return count;
	}

	/** String {@code index} (with OOXML {@code _xHHHH_} escapes decoded), or "" when out of range. */
	String get(int index) {
		if (index < 0 || index >= count) {
			return "";
		}
		int slot = index & (cache.length - 1);
		String cached = cache[slot];
		if (cached != null && cachedIndex[slot] == index) {
			return cached;
		}
		String text = XmlFactories.decodeEscapes(chars, offsets[index], offsets[index + 1] - offsets[index]);
		cache[slot] = text;
		cachedIndex[slot] = index;
		return text;
	}

	/** Characters held, for the memory estimate in the README. */
	long charCount() {
		return length;
	}

}
