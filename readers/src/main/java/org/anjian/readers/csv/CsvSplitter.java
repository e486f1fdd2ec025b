package org.anjian.readers.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * The one CSV record splitter (RFC 4180 quoting) behind both the summary
 * {@link CsvGridReader} and the streaming list rows: quoted fields may hold delimiters,
 * doubled quotes and line breaks; a quote opens a quoted part only at the start of a
 * field; records end at CR, LF or CRLF. Reads through its own buffer, one record at a
 * time.
 */
public final class CsvSplitter {

	private final Reader in;

	private final char delimiter;

	private final char[] buffer = new char[16384];

	private int position;

	private int limit;

	/** Physical line (1-based) of the next character. */
	private int line = 1;

	private int recordLine;

	private final StringBuilder field = new StringBuilder();

	public CsvSplitter(Reader in, char delimiter) {
		this.in = in;
		this.delimiter = delimiter;
	}

	/**
	 * Reads the next record into {@code fields} (cleared first). An empty line is a
	 * record of one empty field.
	 * @return false at the end of the input
	 */
	public boolean next(List<String> fields) throws IOException {
		fields.clear();
		field.setLength(0);
		int ch = read();
		if (ch < 0) {
			return false;
		}
		recordLine = line;
		boolean quoted = false;
		while (ch >= 0) {
			if (quoted) {
				if (ch == '"') {
					int after = peek();
					if (after == '"') {
						read();
						field.append('"');
					}
					else {
						quoted = false;
					}
				}
				else {
					if (ch == '\n' || ch == '\r' && peek() != '\n') {
						line++;
					}
					field.append((char) ch);
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
				if (ch == '\r' && peek() == '\n') {
					read();
				}
				line++;
				fields.add(field.toString());
				return true;
			}
			else {
				field.append((char) ch);
			}
			ch = read();
		}
		fields.add(field.toString());
		return true;
	}

	/**
	 * 1-based physical line on which the last record started (differs from the record
	 * count after quoted breaks).
	 */
	public int recordLine() {
		return recordLine;
	}

	private int read() throws IOException {
		if (position == limit && !fill()) {
			return -1;
		}
		return buffer[position++];
	}

	private int peek() throws IOException {
		if (position == limit && !fill()) {
			return -1;
		}
		return buffer[position];
	}

	private boolean fill() throws IOException {
		int n;
		do {
			n = in.read(buffer, 0, buffer.length);
		}
		while (n == 0);
		if (n < 0) {
			return false;
		}
		position = 0;
		limit = n;
		return true;
	}

}
