package org.anjian.readers.lists;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.anjian.readers.Finding;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.csv.CsvSplitter;
import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.OoxmlPrescan;
import org.anjian.readers.limits.ReaderLimitException;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.limits.TextPrescan;
import org.anjian.readers.rows.FileSignature;
import org.anjian.readers.rows.OoxmlPackages;
import org.anjian.readers.rows.SpreadsheetSources;

/**
 * The limits a list file must keep before {@link ListFileReader} streams it
 * ({@link ReaderLimits#forLists()}): the file size from the file system; for an .xlsx,
 * {@link OoxmlPrescan} in constant memory (inflate ratio and total, DTDs, rows, cells,
 * characters per cell, the shared-strings total); for text, {@link TextPrescan} (line
 * length, lines, fields per line). An .xls is bounded by its format (65,536 rows) and the
 * file size. Rows are never held, so what could exhaust memory or time is a part held
 * whole (the shared strings), one huge cell or line, or a bomb.
 */
public final class ListPrecheck {

	private ListPrecheck() {
	}

	/**
	 * @return an error finding (an existing limit rule, a Chinese message naming the
	 * limit), or null when within
	 */
	public static Finding check(Path file, ReaderLimits limits) {
		return check(file, limits, ReaderLimits.LIST_MAX_SHARED_STRING_CHARS);
	}

	/**
	 * As {@link #check(Path, ReaderLimits)} with {@code maxSharedStringChars} for the
	 * shared-strings table. The front door ({@code SubmissionFiles}) runs the same steps
	 * on the zip it then reads the first rows from.
	 */
	public static Finding check(Path file, ReaderLimits limits, long maxSharedStringChars) {
		String fileName = file.getFileName().toString();
		try {
			Finding tooLarge = size(file, limits);
			if (tooLarge != null) {
				return tooLarge;
			}
			switch (FileSignature.of(file)) {
				case ZIP -> {
					try (ZipFile zip = OoxmlPackages.open(file)) {
						OoxmlPrescan.streamedSheets(zip, limits, maxSharedStringChars);
					}
					catch (IOException ex) {
						return broken(ex, fileName);
					}
				}
				case OLE2 -> {
					// bounded by its format (65,536 rows) and the file size
				}
				default -> text(file, limits);
			}
			return null;
		}
		catch (ReaderLimitException ex) {
			return limit(ex, fileName);
		}
		catch (GridReadException | IOException ex) {
			return null; // the reader reports an unreadable file with its own message
		}
	}

	/** The file size from the file system, against a list's limit; null when within. */
	public static Finding size(Path file, ReaderLimits limits) throws IOException {
		long size = Files.size(file);
		return size <= limits.maxFileBytes() ? null
				: error(ReaderLimits.FILE_TOO_LARGE, "文件大小 " + ReaderLimits.size(size) + "，超过明细清单 "
						+ ReaderLimits.size(limits.maxFileBytes()) + " 的上限，请检查是否发错文件，或按年度、乡镇拆分后分别报送",
						file.getFileName().toString());
	}

	/**
	 * An .xlsx whose prescan stopped at a broken part: the parts after it are unchecked,
	 * so the file is rejected, as the summary reader does, rather than let the streaming
	 * reader meet an unchecked shared-strings table.
	 */
	public static Finding broken(IOException ex, String fileName) {
		return error(SummaryTableFileReader.FILE_UNREADABLE, "文件已损坏，Excel 内容无法读取（" + ex.getMessage() + "）", fileName);
	}

	/** A limit a list exceeds, in a list's words. */
	public static Finding limit(ReaderLimitException ex, String fileName) {
		return error(ex.rule(), forList(ex.getMessage()), fileName);
	}

	/**
	 * A text file's lines ({@link TextPrescan}) and records ({@link #records}); binary
	 * and mixed encodings are the reader's to judge, only the limits matter here.
	 */
	public static void text(Path file, ReaderLimits limits) throws IOException, ReaderLimitException {
		if (Files.size(file) > 0 && TextPrescan.scan(file, limits) == TextPrescan.Verdict.TEXT) {
			records(file, limits);
		}
	}

	/**
	 * Bytes per CSV record, quoted line breaks included: TextPrescan counts physical
	 * lines, but a quoted field may run over thousands of short lines and the splitter
	 * holds it whole. Quotes are followed as {@link CsvSplitter} does (a quote opens only
	 * at the start of a field, {@code ""} inside is a quote); the delimiter is the one
	 * the reader will use. Multi-byte UTF-8 and GB18030 characters never contain these
	 * ASCII bytes, so bytes suffice.
	 */
	static void records(Path file, ReaderLimits limits) throws IOException, ReaderLimitException {
		char delimiter;
		try {
			delimiter = SpreadsheetSources.csv(file).delimiter();
		}
		catch (SpreadsheetSources.NotASpreadsheetException ex) {
			return; // the reader says what the file is
		}
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536)) {
			in.mark(3);
			byte[] bom = in.readNBytes(3);
			if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
				in.reset();
			}
			long recordBytes = 0;
			long recordLine = 1;
			long line = 1;
			boolean quoted = false;
			boolean fieldEmpty = true;
			int ch = in.read();
			while (ch >= 0) {
				int next = in.read();
				boolean lineBreak = ch == '\n' || ch == '\r' && next != '\n';
				if (quoted) {
					if (ch == '"') {
						if (next == '"') {
							next = in.read();
							fieldEmpty = false;
						}
						else {
							quoted = false;
						}
					}
					else {
						fieldEmpty = false;
						line += lineBreak ? 1 : 0;
					}
				}
				else if (ch == '"' && fieldEmpty) {
					quoted = true;
				}
				else if (ch == delimiter) {
					fieldEmpty = true;
				}
				else if (ch == '\r' || ch == '\n') {
					line += lineBreak ? 1 : 0;
					recordBytes = -1;
					recordLine = line;
					fieldEmpty = true;
				}
				else {
					fieldEmpty = false;
				}
				if (++recordBytes > limits.maxLineBytes()) {
					throw new ReaderLimitException(ReaderLimits.LINE_TOO_LONG,
							"从第 " + recordLine + " 行开始的一条记录（引号内含换行）超过 " + ReaderLimits.size(limits.maxLineBytes())
									+ " 的上限，可能缺少一个收尾的英文双引号，请检查后重新报送");
				}
				ch = next;
			}
		}
	}

	/**
	 * The prescans speak of summary forms; a list is not one, and is told so in its own
	 * words.
	 */
	public static String forList(String message) {
		return message.replace("不是一张统计汇总表", "不像正常的明细清单").replace("请只保留统计表本身后重新报送", "请只保留清单本身后重新报送");
	}

	private static Finding error(String rule, String message, String fileName) {
		return Finding.error(rule, null, null, null, message + "，文件“" + fileName + "”");
	}

}
