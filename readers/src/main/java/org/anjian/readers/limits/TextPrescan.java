package org.anjian.readers.limits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a would-be CSV file once, in constant memory, before any of it becomes a
 * String: it refuses binary content, lines longer than
 * {@link ReaderLimits#maxLineBytes()}, more lines than {@link ReaderLimits#maxRows()} and
 * more fields than {@link ReaderLimits#maxColumns()}, and notices a file that mixes UTF-8
 * lines with lines in another encoding.
 */
public final class TextPrescan {

	/** What the scan found about a file that stayed within the limits. */
	public enum Verdict {

		/** text in one encoding: read it */
		TEXT,
		/** control characters: not a text file */
		BINARY,
		/**
		 * some lines valid UTF-8 with Chinese, others not (GBK): a file pasted together
		 * from two sources
		 */
		MIXED_ENCODING

	}

	private TextPrescan() {
	}

	/**
	 * @throws ReaderLimitException for a line too long, too many lines or too many fields
	 */
	public static Verdict scan(Path file, ReaderLimits limits) throws IOException, ReaderLimitException {
		try (InputStream in = Files.newInputStream(file)) {
			return scan(in, limits);
		}
	}

	static Verdict scan(InputStream in, ReaderLimits limits) throws IOException, ReaderLimitException {
		byte[] buffer = new byte[64 * 1024];
		long lineBytes = 0;
		long lines = 0;
		int[] delimiters = new int[3];
		Utf8Line utf8 = new Utf8Line();
		boolean utf8Lines = false;
		boolean otherLines = false;
		boolean afterCr = false;
		int n;
		while ((n = in.read(buffer)) > 0) {
			for (int i = 0; i < n; i++) {
				int b = buffer[i] & 0xFF;
				if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
					return Verdict.BINARY;
				}
				// CR LF, LF and a lone CR (old Mac files) each end a line, as they do for
				// CsvGridReader
				boolean crlf = b == '\n' && afterCr;
				afterCr = b == '\r';
				if (crlf) {
					continue;
				}
				if (b == '\n' || b == '\r') {
					lines++;
					if (lines > limits.maxRows()) {
						throw new ReaderLimitException(ReaderLimits.TOO_MANY_ROWS,
								"文件超过 " + limits.maxRows() + " 行的上限，不是一张统计汇总表，请检查是否发错文件");
					}
					utf8Lines |= utf8.isUtf8Text();
					otherLines |= utf8.isOther();
					utf8 = new Utf8Line();
					lineBytes = 0;
					delimiters[0] = delimiters[1] = delimiters[2] = 0;
					continue;
				}
				if (++lineBytes > limits.maxLineBytes()) {
					throw new ReaderLimitException(ReaderLimits.LINE_TOO_LONG, "第 " + (lines + 1) + " 行超过 "
							+ ReaderLimits.size(limits.maxLineBytes()) + " 的上限，不是一张统计汇总表，请检查是否发错文件");
				}
				int d = b == ',' ? 0 : b == ';' ? 1 : b == '\t' ? 2 : -1;
				// fields on a line: the most frequent delimiter plus one; quoted
				// delimiters count too (conservative)
				if (d >= 0 && ++delimiters[d] >= limits.maxColumns()) {
					throw new ReaderLimitException(ReaderLimits.TOO_MANY_COLUMNS,
							"第 " + (lines + 1) + " 行超过 " + limits.maxColumns() + " 列的上限，不是一张统计汇总表，请检查是否发错文件");
				}
				utf8.accept(b);
			}
		}
		utf8Lines |= utf8.isUtf8Text();
		otherLines |= utf8.isOther();
		return utf8Lines && otherLines ? Verdict.MIXED_ENCODING : Verdict.TEXT;
	}

	/**
	 * A streaming UTF-8 validity check of one line (a BOM is valid UTF-8 and counts as
	 * such).
	 */
	private static final class Utf8Line {

		boolean valid = true;

		boolean nonAscii;

		private int pending;

		private int sequences;

		/**
		 * Valid UTF-8 with at least two multi-byte characters: a GBK line is that only by
		 * rare chance.
		 */
		boolean isUtf8Text() {
			return valid && pending == 0 && sequences >= 2;
		}

		boolean isOther() {
			return nonAscii && !(valid && pending == 0);
		}

		void accept(int b) {
			if (b < 0x80) {
				valid &= pending == 0;
				pending = 0;
				return;
			}
			nonAscii = true;
			if (pending > 0) {
				if ((b & 0xC0) == 0x80) {
					if (--pending == 0) {
						sequences++;
					}
				}
				else {
					valid = false;
					pending = 0;
				}
			}
			else if (b >= 0xC2 && b <= 0xDF) {
				pending = 1;
			}
			else if (b >= 0xE0 && b <= 0xEF) {
				pending = 2;
			}
			else if (b >= 0xF0 && b <= 0xF4) {
				pending = 3;
			}
			else {
				valid = false;
			}
		}

	}

}
