package org.anjian.writers.lists;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import org.anjian.readers.Finding;

/**
 * A row's values as one line of a staging file ({@link StagingChunk}): joined by
 * {@link #UNIT}, {@link #NULL} for a missing value, encoded straight to UTF-8 into a
 * reused buffer on the reader's thread — no StringBuilder, joined String or UTF-8 copy in
 * between. No quoting: a value holding either separator or a line break cannot be packed
 * and goes to the warehouse column by column instead.
 */
final class PackedLine {

	/** Separates a packed row's values (ASCII unit separator). */
	static final char UNIT = '\u001F';

	/** Stands for a missing value in a packed row (ASCII record separator). */
	static final char NULL = '\u001E';

	/**
	 * DuckDB's CSV reader refuses longer lines ({@code max_line_size}); a row packing to
	 * more (sixteen cells near the reader's length limit) goes in column by column.
	 */
	static final int MAX_LINE_BYTES = 1 << 26;

	private byte[] buffer = new byte[1024];

	private int length;

	/**
	 * Packs a row: its row number, then its values. False: see {@link #values(String[])}.
	 */
	boolean row(int rowNumber, String[] values) {
		length = 0;
		number(rowNumber);
		return values(values);
	}

	/**
	 * Packs one split item: row number, item number, text. False: see
	 * {@link #values(String[])}.
	 */
	boolean item(int rowNumber, int itemNo, String text) {
		length = 0;
		number(rowNumber);
		number(itemNo);
		return values(new String[] { text });
	}

	/**
	 * Packs one finding as a line of {@code audit_issue} after its sha256
	 * ({@link org.anjian.writers.ledger.AuditLedger#STAGED_ISSUE_COLUMNS}): issue number,
	 * severity, rule, sheet, row number, column, message. False: see
	 * {@link #values(String[])}.
	 */
	boolean finding(int issueNo, Finding finding) {
		length = 0;
		number(issueNo);
		Integer row = finding.rowNumber();
		return values(new String[] { finding.severity().code(), finding.rule(), finding.sheet(),
				row == null ? null : row.toString(), finding.column(), finding.message() });
	}

	/**
	 * @return false when a value holds {@link #UNIT}, {@link #NULL} or a line break, or
	 * the line would exceed {@link #MAX_LINE_BYTES}: it must be appended column by column
	 */
	private boolean values(String[] values) {
		for (int i = 0; i < values.length; i++) {
			String value = values[i];
			ensure(2 + (value == null ? 0 : 3 * value.length()));
			byte[] out = buffer;
			int at = length;
			if (i > 0) {
				out[at++] = (byte) UNIT;
			}
			if (value == null) {
				out[at++] = (byte) NULL;
				length = at;
				continue;
			}
			for (int k = 0, n = value.length(); k < n; k++) {
				char ch = value.charAt(k);
				if (ch < 0x80) {
					if (ch == UNIT || ch == NULL || ch == '\n' || ch == '\r') {
						return false;
					}
					out[at++] = (byte) ch;
				}
				else if (ch < 0x800) {
					out[at++] = (byte) (0xC0 | ch >> 6);
					out[at++] = (byte) (0x80 | ch & 0x3F);
				}
				else if (Character.isSurrogate(ch)) {
					// a pair is one code point in four bytes; a lone surrogate becomes
					// '?', as String.getBytes does
					if (Character.isHighSurrogate(ch) && k + 1 < n && Character.isLowSurrogate(value.charAt(k + 1))) {
						int cp = Character.toCodePoint(ch, value.charAt(++k));
						out[at++] = (byte) (0xF0 | cp >> 18);
						out[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
						out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
						out[at++] = (byte) (0x80 | cp & 0x3F);
					}
					else {
						out[at++] = '?';
					}
				}
				else {
					out[at++] = (byte) (0xE0 | ch >> 12);
					out[at++] = (byte) (0x80 | ch >> 6 & 0x3F);
					out[at++] = (byte) (0x80 | ch & 0x3F);
				}
			}
			length = at;
		}
		ensure(1);
		buffer[length++] = '\n';
		return length <= MAX_LINE_BYTES;
	}

	/** Writes the line packed last, its line feed included. */
	void writeTo(OutputStream out) throws IOException {
		out.write(buffer, 0, length);
	}

	/** The line packed last, its line feed included (tests). */
	byte[] bytes() {
		return Arrays.copyOf(buffer, length);
	}

	/** A row or item number (never negative) as ASCII digits, then {@link #UNIT}. */
	private void number(int number) {
		ensure(12);
		int digits = 1;
		for (int n = number; n >= 10; n /= 10) {
			digits++;
		}
		for (int at = length + digits - 1; at >= length; at--) {
			buffer[at] = (byte) ('0' + number % 10);
			number /= 10;
		}
		length += digits;
		buffer[length++] = (byte) UNIT;
	}

	private void ensure(int room) {
		if (length + room > buffer.length) {
			buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + room));
		}
	}

}
