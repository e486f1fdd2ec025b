package org.anjian.readers.rows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file's first bytes say its container is: the one place that knows the magic
 * numbers. Which workbook, if any, the container holds is decided after:
 * {@link OoxmlPackages#isWorkbook} for a zip, {@code PoiGridReader.inspectOle2} for an
 * OLE2 file, {@code CsvGridReader} for text.
 */
public enum FileSignature {

	/** A zip ({@code PK 03 04}): an .xlsx, or a .docx, an .ods, any archive. */
	ZIP,

	/**
	 * An OLE2 compound file ({@code D0 CF 11 E0 A1 B1 1A E1}): an .xls, an encrypted
	 * .xlsx, or a .doc.
	 */
	OLE2,

	/** Neither: text (perhaps CSV) or anything else, an empty file included. */
	OTHER;

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

	private static final byte[] OLE2_MAGIC = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
			0x1A, (byte) 0xE1 };

	public static FileSignature of(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return of(in.readNBytes(OLE2_MAGIC.length));
		}
	}

	public static FileSignature of(byte[] head) {
		return startsWith(head, ZIP_MAGIC) ? ZIP : startsWith(head, OLE2_MAGIC) ? OLE2 : OTHER;
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

}
