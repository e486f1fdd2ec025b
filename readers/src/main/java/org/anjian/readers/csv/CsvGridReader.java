package org.anjian.readers.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.grid.Grid;

/** Decodes CSV text and splits it ({@link CsvSplitter}) into a one-sheet {@link Grid}. */
public final class CsvGridReader {

	private static final Charset GB18030 = Charset.forName("GB18030");

	private static final char[] DELIMITERS = { ',', ';', '\t' };

	private CsvGridReader() {
	}

	/**
	 * Decodes bytes as UTF-8 (BOM dropped) when they are valid UTF-8, else as GB18030 (a
	 * superset of GBK, what Excel and WPS save on a Chinese Windows).
	 * @return the text, or null when the bytes are neither
	 */
	public static String decode(byte[] bytes) {
		int start = hasUtf8Bom(bytes, bytes.length) ? 3 : 0;
		String utf8 = strictDecode(bytes, start, bytes.length, StandardCharsets.UTF_8);
		if (utf8 != null) {
			return utf8;
		}
		return strictDecode(bytes, 0, bytes.length, GB18030);
	}

	private static String strictDecode(byte[] bytes, int start, int end, Charset charset) {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, start, end - start))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * Bytes no text table holds (control characters but tab, line breaks and form feed):
	 * a binary file.
	 */
	public static boolean isBinary(byte[] bytes, int length) {
		for (int i = 0; i < length; i++) {
			int ch = bytes[i] & 0xFF;
			if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f') {
				return true;
			}
		}
		return false;
	}

	/**
	 * UTF-16 text: a byte-order mark FF FE or FE FF, or, without one, zero bytes in at
	 * least a fifth of the even or of the odd positions and an eighth as many in the
	 * other (the high bytes of ASCII delimiters, digits and line breaks; no UTF-8 or GBK
	 * text has them). A binary file has zeros in both.
	 */
	public static boolean isUtf16(byte[] bytes, int length) {
		if (length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
				|| (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
			return true;
		}
		if (length < 8) {
			return false;
		}
		int[] zeros = new int[2];
		for (int i = 0; i < length; i++) {
			if (bytes[i] == 0) {
				zeros[i % 2]++;
			}
		}
		int pairs = length / 2;
		int many = Math.max(zeros[0], zeros[1]);
		int few = Math.min(zeros[0], zeros[1]);
		return many * 5 >= pairs && few * 8 <= many;
	}

	/**
	 * Text that is another format's (PDF, HTML or XML, RTF), not a table, whatever its
	 * commas.
	 */
	public static boolean isOtherFormat(String text) {
		String lead = text.stripLeading();
		return lead.startsWith("%PDF") || lead.startsWith("<") || lead.startsWith("{\\rtf");
	}

	/** A text file with no delimited lines (the FILE_FORMAT detail). */
	public static final String NOT_DELIMITED = "文件是纯文本，但不是逗号、分号或制表符分隔的表格";

	/**
	 * The delimiter the text uses: of comma, semicolon and tab, the one found on most
	 * non-blank lines (outside quotes is not checked; a stray comma in a title line does
	 * not outvote a whole table).
	 * @return the delimiter, or 0 when fewer than two lines carry any of them (then the
	 * text is not a table)
	 */
	public static char detectDelimiter(String text) {
		String[] lines = text.split("\\R", 200);
		char best = 0;
		int bestLines = 1;
		for (char delimiter : DELIMITERS) {
			int count = 0;
			for (String line : lines) {
				if (line.indexOf(delimiter) >= 0) {
					count++;
				}
			}
			if (count > bestLines) {
				best = delimiter;
				bestLines = count;
			}
		}
		return best;
	}

	/**
	 * Splits the text into a grid named {@code sheetName}; quoted fields may hold
	 * delimiters, quotes and line breaks.
	 */
	public static Grid read(String sheetName, String text, char delimiter) {
		Grid.Builder grid = Grid.builder(sheetName);
		CsvSplitter splitter = new CsvSplitter(new StringReader(text), delimiter);
		List<String> fields = new ArrayList<>();
		try {
			for (int row = 0; splitter.next(fields); row++) {
				putRow(grid, row, fields);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // a StringReader does not fail
		}
		return grid.build();
	}

	/**
	 * The charset of CSV bytes judged from a sample (the whole file or its start): UTF-8
	 * when the sample is valid UTF-8 (a sequence cut at the end of a partial sample does
	 * not count), else GB18030; null when neither.
	 * @param complete whether the sample is the whole file
	 */
	public static Charset charset(byte[] sample, int length, boolean complete) {
		int start = hasUtf8Bom(sample, length) ? 3 : 0;
		int end = complete ? length : completeUtf8Prefix(sample, length);
		if (strictDecode(sample, start, end, StandardCharsets.UTF_8) != null) {
			return StandardCharsets.UTF_8;
		}
		end = complete ? length : Math.max(0, length - 4);
		return strictDecode(sample, 0, end, GB18030) != null ? GB18030 : null;
	}

	/** Whether the bytes start with the UTF-8 byte order mark (dropped when decoding). */
	public static boolean hasUtf8Bom(byte[] bytes, int length) {
		return length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
	}

	/** Length without a trailing UTF-8 sequence the sample cut short. */
	private static int completeUtf8Prefix(byte[] bytes, int length) {
		for (int back = 1; back <= 3 && back <= length; back++) {
			int b = bytes[length - back] & 0xFF;
			if (b < 0x80) {
				return length;
			}
			if (b >= 0xC0) {
				int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
				return needed > back ? length - back : length;
			}
		}
		return length;
	}

	private static void putRow(Grid.Builder grid, int row, List<String> fields) {
		for (int c = 0; c < fields.size(); c++) {
			grid.cell(row, c, fields.get(c));
		}
		fields.clear();
	}

}
