package org.anjian.readers.csv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.grid.Grid;

/** Decodes CSV text and splits it into a one-sheet {@link Grid} following RFC 4180 quoting. */
public final class CsvGridReader {

	private static final Charset GB18030 = Charset.forName("GB18030");

	private static final char[] DELIMITERS = { ',', ';', '\t' };

	private CsvGridReader() {
	}

	/**
	 * Decodes bytes as UTF-8 (BOM dropped) when they are valid UTF-8, else as GB18030 (a superset of GBK, what Excel
	 * and WPS save on a Chinese Windows).
	 * @return the text, or null when the bytes are neither
	 */
	public static String decode(byte[] bytes) {
		int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
				&& (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
		String utf8 = strictDecode(bytes, start, StandardCharsets.UTF_8);
		if (utf8 != null) {
			return utf8;
		}
		return strictDecode(bytes, 0, GB18030);
	}

	private static String strictDecode(byte[] bytes, int start, Charset charset) {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * The delimiter the text uses: of comma, semicolon and tab, the one found on most non-blank lines (outside quotes
	 * is not checked; a stray comma in a title line does not outvote a whole table).
	 * @return the delimiter, or 0 when fewer than two lines carry any of them (then the text is not a table)
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

	/** Splits the text into a grid named {@code sheetName}; quoted fields may hold delimiters, quotes and line breaks. */
	public static Grid read(String sheetName, String text, char delimiter) {
		Grid.Builder grid = Grid.builder(sheetName);
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int row = 0;
		boolean quoted = false;
		int i = 0;
		while (i < text.length()) {
			char ch = text.charAt(i);
			if (quoted) {
				if (ch == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					field.append(ch);
				}
			}
			else if (ch == '"' && field.isEmpty()) {
				quoted = true;
			}
			else if (ch == delimiter) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else if (ch == '\r' || ch == '\n') {
				if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				fields.add(field.toString());
				field.setLength(0);
				putRow(grid, row++, fields);
			}
			else {
				field.append(ch);
			}
			i++;
		}
		if (!field.isEmpty() || !fields.isEmpty()) {
			fields.add(field.toString());
			putRow(grid, row, fields);
		}
		return grid.build();
	}

	private static void putRow(Grid.Builder grid, int row, List<String> fields) {
		for (int c = 0; c < fields.size(); c++) {
			grid.cell(row, c, fields.get(c));
		}
		fields.clear();
	}

}
