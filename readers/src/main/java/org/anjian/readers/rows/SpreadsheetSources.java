package org.anjian.readers.rows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.anjian.readers.csv.CsvGridReader;
import org.anjian.readers.excel.poi.PoiGridReader;
import org.anjian.readers.excel.poi.XlsWorkbook;
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

	/** What an .xlsx's zip without a workbook part is (FILE_FORMAT). */
	public static final String NOT_A_WORKBOOK = "压缩包中没有 Excel 工作簿，可能是 Word、WPS 文档或其他压缩文件";

	/** An encrypted .xlsx (FILE_UNREADABLE). */
	public static final String ENCRYPTED = "文件已加密或设置了打开密码，无法读取，请去掉密码后重新报送";

	/** An OLE2 file that is no workbook (FILE_FORMAT). */
	public static final String NOT_EXCEL_OLE2 = "文件是 Office 文档但不是 Excel 工作簿（可能是 Word 文档）";

	/**
	 * An Excel 5.0/95 workbook (FILE_FORMAT): old, not damaged; the message says how to
	 * convert it.
	 */
	public static final String OLD_EXCEL = "文件是 Excel 5.0/95 或更早版本的旧格式工作簿（不是损坏），本系统不读取这种旧格式；请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）重新报送";

	/**
	 * A text file in UTF-16 (FILE_ENCODING): Excel's “Unicode 文本” saves it so; the
	 * message says how to save it instead.
	 */
	public static final String UTF_16 = "文件是 UTF-16 编码的文本（Excel “Unicode 文本”的保存方式），本系统只读取 UTF-8 或 GBK 编码的 CSV；请用 Excel 或 WPS 打开后另存为“CSV UTF-8（逗号分隔）”或 CSV（GBK）文件，或另存为 .xlsx 重新报送";

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
		switch (FileSignature.of(file)) {
			case ZIP -> {
				ZipFile zip = OoxmlPackages.open(file);
				if (!OoxmlPackages.isWorkbook(zip)) {
					zip.close();
					throw new NotASpreadsheetException(NOT_A_WORKBOOK);
				}
				return XlsxWorkbook.open(zip, limits);
			}
			case OLE2 -> {
				return ole2(file);
			}
			default -> {
				return csv(file);
			}
		}
	}

	/**
	 * A file whose format is known already ({@code xlsx}, {@code xls}, {@code csv}: the
	 * front door detected it), opened without detecting it again; an .xlsx's sheets
	 * inflate within {@code limits}.
	 */
	public static SpreadsheetSource open(Path file, String format, ReaderLimits limits)
			throws NotASpreadsheetException, GridReadException, IOException {
		return switch (format) {
			case "xlsx" -> XlsxWorkbook.open(file, limits);
			case "xls" -> XlsWorkbook.open(file);
			case "csv" -> csv(file);
			default -> open(file, limits);
		};
	}

	/**
	 * An OLE2 file's workbook.
	 * @throws NotASpreadsheetException when it holds none (a .doc)
	 * @throws GridReadException when it is an encrypted .xlsx, or corrupt
	 */
	public static SpreadsheetSource ole2(Path file) throws NotASpreadsheetException, GridReadException {
		return switch (PoiGridReader.inspectOle2(file)) {
			case ENCRYPTED_OOXML -> throw new GridReadException(ENCRYPTED, null);
			case OTHER -> throw new NotASpreadsheetException(NOT_EXCEL_OLE2);
			case OLD_EXCEL -> throw new NotASpreadsheetException(OLD_EXCEL);
			default -> XlsWorkbook.open(file);
		};
	}

	/**
	 * A text file as CSV, its charset and delimiter from its first 64 KB.
	 * @throws NotASpreadsheetException when it is binary, neither UTF-8 nor GB18030, or
	 * has no delimited lines
	 */
	public static CsvSource csv(Path file) throws IOException, NotASpreadsheetException {
		byte[] sample;
		try (InputStream in = Files.newInputStream(file)) {
			sample = in.readNBytes(CSV_SAMPLE_BYTES);
		}
		if (sample.length == 0) {
			throw new NotASpreadsheetException(null);
		}
		if (CsvGridReader.isUtf16(sample, sample.length)) {
			throw new NotASpreadsheetException(UTF_16);
		}
		if (CsvGridReader.isBinary(sample, sample.length)) {
			throw new NotASpreadsheetException(null);
		}
		boolean complete = sample.length < CSV_SAMPLE_BYTES || Files.size(file) == sample.length;
		Charset charset = CsvGridReader.charset(sample, sample.length, complete);
		if (charset == null) {
			throw new NotASpreadsheetException(null);
		}
		int start = CsvGridReader.hasUtf8Bom(sample, sample.length) ? 3 : 0;
		String text = new String(sample, start, sample.length - start, charset);
		if (CsvGridReader.isOtherFormat(text)) {
			throw new NotASpreadsheetException(null);
		}
		char delimiter = CsvGridReader.detectDelimiter(text);
		if (delimiter == 0) {
			throw new NotASpreadsheetException(CsvGridReader.NOT_DELIMITED);
		}
		return new CsvSource(file, charset, delimiter);
	}

}
