package org.anjian.readers.rows;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.csv.CsvGridReader;
import org.anjian.readers.csv.CsvSplitter;

/**
 * A CSV file as one sheet, streamed record by record through {@link CsvSplitter}; charset
 * and delimiter were decided from a sample of the file's start
 * ({@link SpreadsheetSources}). Bytes that do not decode later in the file become U+FFFD
 * rather than stopping the read.
 */
public final class CsvSource implements SpreadsheetSource {

	private final Path file;

	private final Charset charset;

	private final char delimiter;

	private final SheetInfo sheet;

	CsvSource(Path file, Charset charset, char delimiter) {
		this.file = file;
		this.charset = charset;
		this.delimiter = delimiter;
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		this.sheet = new SheetInfo(0, dot > 0 ? name.substring(0, dot) : name, false);
	}

	public Charset charset() {
		return charset;
	}

	public char delimiter() {
		return delimiter;
	}

	@Override
	public String format() {
		return "csv";
	}

	@Override
	public List<SheetInfo> sheets() {
		return List.of(sheet);
	}

	@Override
	public RowSource open(SheetInfo sheetInfo) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536);
		in.mark(3);
		byte[] bom = in.readNBytes(3);
		if (!CsvGridReader.hasUtf8Bom(bom, bom.length)) {
			in.reset();
		}
		InputStreamReader reader = new InputStreamReader(in,
				charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE));
		return new Rows(reader, new CsvSplitter(reader, delimiter));
	}

	@Override
	public void close() {
		// each RowSource holds its own stream
	}

	private final class Rows implements RowSource {

		private final InputStreamReader reader;

		private final CsvSplitter splitter;

		private final List<String> fields = new ArrayList<>();

		private int width;

		Rows(InputStreamReader reader, CsvSplitter splitter) {
			this.reader = reader;
			this.splitter = splitter;
		}

		@Override
		public String sheetName() {
			return sheet.name();
		}

		@Override
		public boolean sheetHidden() {
			return false;
		}

		@Override
		public boolean next() throws IOException {
			if (!splitter.next(fields)) {
				width = 0;
				return false;
			}
			width = fields.size();
			while (width > 0 && fields.get(width - 1).isEmpty()) {
				width--;
			}
			return true;
		}

		@Override
		public int rowIndex() {
			return splitter.recordLine() - 1;
		}

		@Override
		public boolean rowHidden() {
			return false;
		}

		@Override
		public int width() {
			return width;
		}

		@Override
		public String text(int column) {
			return column >= 0 && column < width ? fields.get(column) : "";
		}

		@Override
		public void close() throws IOException {
			reader.close();
		}

	}

}
