package org.anjian.readers.rows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.anjian.readers.csv.CsvGridReader;
import org.anjian.readers.excel.poi.PoiGridReader;
import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.ReaderLimits;

/**
 * Opens a submission for streaming by its content, not its name: a zip holding
 * {@code xl/workbook.xml} is xlsx, an OLE2 file with a Workbook stream is xls (with an
 * EncryptionInfo stream an encrypted xlsx), text whose first 64 KB decode as UTF-8 (BOM
 * or not) or else GB18030 and carry a delimiter on two lines is CSV. Nothing beyond what
 * deciding needs is read.
 */
public final class SpreadsheetSources {

	/** How much of a text file decides its charset and delimiter. */
	static final int CSV_SAMPLE_BYTES = 64 * 1024;

	private static final byte[] OLE2_MAGIC = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
			0x1A, (byte) 0xE1 };

	private SpreadsheetSources() {
	}

	/**
	 * The file is not an xlsx, xls or CSV table at all; the message (Chinese) says what
	 * it seems to be, or is null.
	 */
	public static final class NotASpreadsheetException extends Exception {

		public NotASpreadsheetException(String message) {
			super(message);
		}

	}

	/**
	 * @throws NotASpreadsheetException when the content is no spreadsheet (rule
	 * FILE_FORMAT)
	 * @throws GridReadException when it is one but cannot be opened: corrupt, encrypted
	 * (rule FILE_UNREADABLE)
	 * @throws IOException when the file itself cannot be read
	 */
	public static SpreadsheetSource open(Path file) throws NotASpreadsheetException, GridReadException, IOException {
		return open(file, null);
	}

	/**
	 * As {@link #open(Path)}; an .xlsx's sheets inflate within {@code limits} while they
	 * are streamed (null: no guard, the package was prescanned whole).
	 */
	public static SpreadsheetSource open(Path file, ReaderLimits limits)
			throws NotASpreadsheetException, GridReadException, IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(8);
		}
		if (startsWith(head, new byte[] { 'P', 'K', 3, 4 })) {
			if (!isXlsxPackage(file)) {
				throw new NotASpreadsheetException("压缩包中没有 Excel 工作簿，可能是 Word、WPS 文档或其他压缩文件");
			}
			return XlsxWorkbook.open(file, limits);
		}
		if (startsWith(head, OLE2_MAGIC)) {
			return switch (PoiGridReader.inspectOle2(file)) {
				case ENCRYPTED_OOXML -> throw new GridReadException("文件已加密或设置了打开密码，无法读取，请去掉密码后重新报送", null);
				case OTHER -> throw new NotASpreadsheetException("文件是 Office 文档但不是 Excel 工作簿（可能是 Word 文档）");
				default -> XlsWorkbook.open(file);
			};
		}
		return csv(file);
	}

	private static CsvSource csv(Path file) throws IOException, NotASpreadsheetException {
		byte[] sample;
		try (InputStream in = Files.newInputStream(file)) {
			sample = in.readNBytes(CSV_SAMPLE_BYTES);
		}
		if (sample.length == 0) {
			throw new NotASpreadsheetException(null);
		}
		for (byte b : sample) {
			int ch = b & 0xFF;
			if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f') {
				throw new NotASpreadsheetException(null);
			}
		}
		boolean complete = sample.length < CSV_SAMPLE_BYTES || Files.size(file) == sample.length;
		Charset charset = CsvGridReader.charset(sample, sample.length, complete);
		if (charset == null) {
			throw new NotASpreadsheetException(null);
		}
		int start = CsvGridReader.hasUtf8Bom(sample, sample.length) ? 3 : 0;
		String text = new String(sample, start, sample.length - start, charset);
		String lead = text.stripLeading();
		if (lead.startsWith("%PDF") || lead.startsWith("<") || lead.startsWith("{\\rtf")) {
			throw new NotASpreadsheetException(null);
		}
		char delimiter = CsvGridReader.detectDelimiter(text);
		if (delimiter == 0) {
			throw new NotASpreadsheetException("文件是纯文本，但不是逗号、分号或制表符分隔的表格");
		}
		return new CsvSource(file, charset, delimiter);
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/** Whether a zip is an OOXML workbook, not a .docx or an ordinary archive. */
	static boolean isXlsxPackage(Path file) throws GridReadException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
				String name = entries.nextElement().getName();
				if (name.equalsIgnoreCase("xl/workbook.xml") || name.matches("(?i)xl/workbook\\d*\\.xml")) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			throw new GridReadException("文件已损坏，无法作为 Excel（.xlsx）打开（压缩结构错误）", ex);
		}
	}

}
