package org.anjian.readers.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks an .xlsx package against the {@link ReaderLimits} before a sheet is held whole
 * as a grid: it inflates every part once through a counter (zip bombs: total size and
 * inflate ratio, measured, not taken from the headers) and streams every XML part with
 * StAX (no DTD, no external entities) counting rows, cells, shared strings and cell text.
 * Memory stays constant whatever the file holds, so a million blank rows cost a second,
 * not gigabytes.
 */
public final class OoxmlPrescan {

	/**
	 * POI's own default for the number of parts; a workbook of one to three sheets has
	 * about fifteen.
	 */
	private static final int MAX_ENTRIES = 1000;

	private static final XMLInputFactory XML = secureFactory();

	/**
	 * Limits of the current stage: the parts' (list-sized at the front door), then the
	 * sheets' (a summary's).
	 */
	private ReaderLimits limits;

	/** All parts together inflate within {@link ReaderLimits#maxUnpackedBytes()}. */
	private final InflateGuard.Budget unpacked = new InflateGuard.Budget();

	private long cells;

	/**
	 * Characters of all shared strings together: the one part a streaming reader holds
	 * whole.
	 */
	private final long maxSharedChars;

	private long sharedChars;

	/**
	 * Sheets are streamed by the caller (lists), guarded while they are: only their
	 * prolog is read here.
	 */
	private final boolean streamedSheets;

	private OoxmlPrescan(ReaderLimits limits, long maxSharedChars, boolean streamedSheets) {
		this.limits = limits;
		this.maxSharedChars = maxSharedChars;
		this.streamedSheets = streamedSheets;
	}

	/**
	 * The whole package, for a summary form (read whole anyway; its shared strings are
	 * bounded by maxUnpackedBytes).
	 * @throws ReaderLimitException when the package exceeds a limit or declares a DTD
	 * @throws IOException when it is not a readable zip or an XML part is malformed
	 */
	public static void check(ZipFile zip, ReaderLimits limits) throws ReaderLimitException, IOException {
		new OoxmlPrescan(limits, Long.MAX_VALUE, false).scan(zip);
	}

	/**
	 * For a package whose sheets are streamed (lists): every part but the sheets is
	 * inflated through an {@link InflateGuard} (zip bombs) and parsed (DTDs, the shared
	 * strings — at most {@code maxSharedChars} characters in all,
	 * {@link ReaderLimits#TOO_MANY_CELLS}); of a sheet only the prolog is read (a DTD
	 * must come before the root element). A sheet's inflation is guarded while it is
	 * streamed ({@code XlsxWorkbook} with limits); its rows, cells and cell lengths are
	 * the streaming reader's concern. Should the package turn out to hold a summary
	 * table, {@link #sheets} checks the sheets too, within the summary's limits, without
	 * inflating the other parts again.
	 */
	public static OoxmlPrescan streamedSheets(ZipFile zip, ReaderLimits limits, long maxSharedChars)
			throws ReaderLimitException, IOException {
		OoxmlPrescan prescan = new OoxmlPrescan(limits, maxSharedChars, true);
		prescan.scan(zip);
		return prescan;
	}

	/**
	 * The sheets of a package {@link #streamedSheets} scanned, in full within
	 * {@code sheetLimits} (a summary form is read whole); the totals so far (inflated
	 * bytes, cells and shared strings) count against them as well.
	 */
	public void sheets(ZipFile zip, ReaderLimits sheetLimits) throws ReaderLimitException, IOException {
		this.limits = sheetLimits;
		if (unpacked.used > limits.maxUnpackedBytes()) {
			throw InflateGuard.tooLarge(limits);
		}
		if (cells > limits.maxCells()) {
			throw tooManyCells(limits);
		}
		for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
			ZipEntry entry = entries.nextElement();
			if (!entry.isDirectory() && isSheet(entry)) {
				try (InflateGuard in = guard(zip, entry)) {
					scanXml(in, entry.getName());
				}
				catch (InflateGuard.ZipBombException ex) {
					throw ex.limit();
				}
			}
		}
	}

	private static boolean isSheet(ZipEntry entry) {
		return entry.getName().toLowerCase(Locale.ROOT).startsWith("xl/worksheets/");
	}

	private InflateGuard guard(ZipFile zip, ZipEntry entry) throws IOException {
		return new InflateGuard(zip.getInputStream(entry), entry.getName(), entry.getCompressedSize(), limits,
				unpacked);
	}

	private void scan(ZipFile zip) throws ReaderLimitException, IOException {
		if (zip.size() > MAX_ENTRIES) {
			throw new ReaderLimitException(ReaderLimits.ZIP_BOMB,
					"Excel 文件内部含有 " + zip.size() + " 个部件，超过上限 " + MAX_ENTRIES + " 个，疑似恶意压缩包，请重新保存后报送");
		}
		for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
			ZipEntry entry = entries.nextElement();
			if (entry.isDirectory() || plain(zip, entry)) {
				continue;
			}
			try (InflateGuard in = guard(zip, entry)) {
				String name = entry.getName().toLowerCase(Locale.ROOT);
				if (streamedSheets && isSheet(entry)) {
					// a list's sheet is inflated once, while it is read (a million-row
					// sheet inflated here as well
					// cost about a second before the first row); a DTD must come before
					// the root element
					byte[] head = in.readNBytes(4096);
					String prolog = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)
						.toUpperCase(Locale.ROOT);
					if (prolog.contains("<!DOCTYPE") || prolog.contains("<!ENTITY")) {
						throw entity(entry.getName());
					}
				}
				else if (name.endsWith(".xml") || name.endsWith(".rels")) {
					scanXml(in, entry.getName());
				}
				else {
					in.skipAll();
				}
			}
			catch (InflateGuard.ZipBombException ex) {
				throw ex.limit();
			}
		}
	}

	/**
	 * A part other than a sheet that {@link PlainXmlPart} finds plain is checked and
	 * counted by it (inflated through its guard as {@link #scanXml} would); any other is
	 * left to {@link #scanXml}, as if never tried: the bytes inflated are taken off the
	 * budget again, so every verdict and message is the JDK parser's.
	 * @return whether the part was plain (and is done)
	 */
	private boolean plain(ZipFile zip, ZipEntry entry) {
		String name = entry.getName().toLowerCase(Locale.ROOT);
		if (isSheet(entry) || !(name.endsWith(".xml") || name.endsWith(".rels"))) {
			return false;
		}
		long used = unpacked.used;
		try (InflateGuard in = guard(zip, entry)) {
			PlainXmlPart.Counts counts = PlainXmlPart.scan(in, new PlainXmlPart.Limits(limits.maxCells() - cells,
					limits.maxCellChars(), maxSharedChars - sharedChars));
			if (counts != PlainXmlPart.NOT_PLAIN) {
				cells += counts.strings();
				sharedChars += counts.chars();
				return true;
			}
		}
		catch (IOException | RuntimeException ex) {
			// a zip bomb, a broken stream: scanXml meets it again and says so
		}
		unpacked.used = used;
		return false;
	}

	/**
	 * Streams one XML part: DTDs refused; worksheets and the shared-strings table
	 * counted.
	 */
	private void scanXml(InputStream in, String part) throws ReaderLimitException, IOException {
		XMLStreamReader xml = null;
		try {
			// the JDK parser closes its input at the end of the document; the drain below
			// still needs it
			xml = XML.createXMLStreamReader(new FilterInputStream(in) {
				@Override
				public void close() {
				}
			});
			String root = null;
			long rowElements = 0;
			int positionalRow = -1;
			int positionalColumn = -1;
			boolean inValue = false;
			long textLength = 0;
			while (xml.hasNext()) {
				int event = xml.next();
				if (event == XMLStreamConstants.DTD) {
					throw entity(part);
				}
				if (event == XMLStreamConstants.ENTITY_REFERENCE) {
					throw entity(part);
				}
				if (event == XMLStreamConstants.START_ELEMENT) {
					String local = xml.getLocalName();
					if (root == null) {
						root = local;
						continue;
					}
					if ("worksheet".equals(root)) {
						switch (local) {
							case "row" -> {
								rowElements++;
								if (rowElements > limits.maxRows()) {
									throw new ReaderLimitException(ReaderLimits.TOO_MANY_ROWS,
											"工作表中有超过 " + limits.maxRows() + " 行（含空白行），超过上限 " + limits.maxRows()
													+ " 行；请删除表格下方多余的空行后重新报送");
								}
								String r = xml.getAttributeValue(null, "r");
								positionalRow = r == null ? positionalRow + 1 : parseInt(r, positionalRow + 1) - 1;
								positionalColumn = -1;
							}
							case "c" -> {
								countCell();
								String r = xml.getAttributeValue(null, "r");
								positionalColumn = r == null ? positionalColumn + 1 : columnOf(r, positionalColumn + 1);
							}
							case "v", "is" -> {
								checkPosition(positionalRow, positionalColumn);
								inValue = true;
								textLength = 0;
							}
							default -> {
							}
						}
					}
					else if ("sst".equals(root) && "si".equals(local)) {
						countCell();
						inValue = true;
						textLength = 0;
					}
				}
				else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
					if (inValue) {
						textLength += xml.getTextLength();
						if (textLength > limits.maxCellChars()) {
							throw new ReaderLimitException(ReaderLimits.CELL_TOO_LONG,
									"有单元格的文字超过 " + limits.maxCellChars() + " 个字符的上限，请检查是否粘贴了大段内容");
						}
						if ("sst".equals(root) && (sharedChars += xml.getTextLength()) > maxSharedChars) {
							throw new ReaderLimitException(ReaderLimits.TOO_MANY_CELLS,
									"工作簿中的文字（共享字符串表）共超过 " + count(maxSharedChars) + "个字符的上限，请检查是否发错文件或粘贴了大量无关内容");
						}
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT) {
					String local = xml.getLocalName();
					if (("worksheet".equals(root) && ("v".equals(local) || "is".equals(local)))
							|| ("sst".equals(root) && "si".equals(local))) {
						inValue = false;
					}
				}
			}
		}
		catch (XMLStreamException | RuntimeException ex) {
			ReaderLimitException limit = ReaderLimitException.in(ex);
			if (limit != null) {
				throw limit;
			}
			String message = String.valueOf(ex.getMessage());
			// “…must start and end within the same entity” is a truncated part, not an
			// entity: FILE_UNREADABLE
			if (message.contains("DOCTYPE") || message.contains("ENTITY")
					|| message.contains("entity") && !message.contains("same entity")) {
				throw entity(part);
			}
			throw new IOException("内部部件 " + part + " 的 XML 格式错误", ex);
		}
		finally {
			if (xml != null) {
				try {
					xml.close();
				}
				catch (XMLStreamException ex) {
					// nothing left to release
				}
			}
		}
		// trailing bytes after the root element are the parser's business; drain so the
		// ratio sees the whole part
		in.skip(Long.MAX_VALUE);
	}

	/** 100000000 → “1 亿 ”, 250000 → “25 万 ”: how a clerk reads a big count. */
	static String count(long n) {
		return n % 100_000_000 == 0 ? n / 100_000_000 + " 亿" : n % 10_000 == 0 ? n / 10_000 + " 万" : n + " ";
	}

	private void countCell() throws ReaderLimitException {
		if (++cells > limits.maxCells()) {
			throw tooManyCells(limits);
		}
	}

	private static ReaderLimitException tooManyCells(ReaderLimits limits) {
		return new ReaderLimitException(ReaderLimits.TOO_MANY_CELLS,
				"工作簿中的单元格（含空白格式单元格）或文字条目超过 " + limits.maxCells() + " 个的上限，请只保留统计表本身后重新报送");
	}

	private void checkPosition(int row, int column) throws ReaderLimitException {
		if (row >= limits.maxRows()) {
			throw new ReaderLimitException(ReaderLimits.TOO_MANY_ROWS,
					"第 " + (row + 1) + " 行有内容，超过 " + limits.maxRows() + " 行的上限，请删除表格以外的内容后重新报送");
		}
		if (column >= limits.maxColumns()) {
			throw new ReaderLimitException(ReaderLimits.TOO_MANY_COLUMNS,
					"第 " + (column + 1) + " 列有内容，超过 " + limits.maxColumns() + " 列的上限，请删除表格以外的内容后重新报送");
		}
	}

	private static ReaderLimitException entity(String part) {
		return new ReaderLimitException(ReaderLimits.XML_ENTITY,
				"Excel 文件内部含有 XML 实体声明（DOCTYPE/ENTITY，部件 " + part + "），正常的 Excel 或 WPS 文件不会有，出于安全原因拒收");
	}

	/**
	 * 0-based column of a cell reference such as {@code XFD1048576}; {@code fallback}
	 * when it has no letters.
	 */
	static int columnOf(String ref, int fallback) {
		int column = 0;
		int i = 0;
		while (i < ref.length() && Character.isLetter(ref.charAt(i)) && column < 1_000_000) {
			column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
			i++;
		}
		return i == 0 ? fallback : column - 1;
	}

	private static int parseInt(String text, int fallback) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	private static XMLInputFactory secureFactory() {
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		// a DTD is reported as an event (and refused) but never processed: no entity
		// expansion, no external fetch
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		return factory;
	}

}
