package org.anjian.readers.rows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.anjian.readers.grid.GridReadException;
import org.anjian.readers.limits.InflateGuard;
import org.anjian.readers.limits.ReaderLimits;

/**
 * An .xlsx read straight from its OOXML parts, no POI: {@code workbook.xml} and its
 * relationships give the sheets (name, order, visibility, part), {@code styles.xml} which
 * cell styles show dates, {@code sharedStrings.xml} the strings (held compactly, read as
 * far as the cells asked for need, from when the first sheet is opened); each sheet is
 * then streamed by {@link XlsxSheetRows} ({@link SheetXmlScanner} over its bytes; StAX
 * for a part not in UTF-8). Element names are matched by local name, so prefixed (x:row)
 * and Strict OOXML parts read too.
 */
public final class XlsxWorkbook implements SpreadsheetSource {

	private static final String BROKEN = "文件已损坏，Excel 内容无法读取";

	/**
	 * Sheet parts larger than this (uncompressed) are inflated ahead on a thread of their
	 * own.
	 */
	static final long READ_AHEAD_BYTES = 4L << 20;

	private final ZipFile zip;

	private final List<SheetInfo> sheets = new ArrayList<>();

	private final List<String> sheetParts = new ArrayList<>();

	private final String sharedStringsPart;

	private final boolean[] dateStyles;

	private final boolean date1904;

	/** Limits each sheet inflates within, or null: the package was prescanned whole. */
	private final ReaderLimits limits;

	private SharedStrings sharedStrings;

	private XlsxWorkbook(ZipFile zip, ReaderLimits limits) throws IOException, XMLStreamException {
		this.limits = limits;
		this.zip = zip;
		String workbookPart = "xl/workbook.xml";
		for (Relationship rel : relationships("", "_rels/.rels")) {
			if (rel.type().endsWith("/officeDocument")) {
				workbookPart = rel.target();
			}
		}
		String folder = workbookPart.contains("/") ? workbookPart.substring(0, workbookPart.lastIndexOf('/') + 1) : "";
		String relsPart = folder + "_rels/" + workbookPart.substring(folder.length()) + ".rels";
		Map<String, String> targets = new HashMap<>();
		String strings = null;
		String styles = null;
		for (Relationship rel : relationships(folder, relsPart)) {
			targets.put(rel.id(), rel.target());
			if (rel.type().endsWith("/sharedStrings")) {
				strings = rel.target();
			}
			else if (rel.type().endsWith("/styles")) {
				styles = rel.target();
			}
		}
		this.sharedStringsPart = strings != null ? strings : folder + "sharedStrings.xml";
		boolean[] workbook1904 = { false };
		readWorkbook(workbookPart, targets, workbook1904);
		this.date1904 = workbook1904[0];
		this.dateStyles = readStyles(styles != null ? styles : folder + "styles.xml");
	}

	/**
	 * @throws GridReadException when the zip or its workbook part is corrupt
	 */
	public static XlsxWorkbook open(Path file) throws GridReadException {
		return open(file, null);
	}

	/**
	 * As {@link #open(Path)}, each sheet inflated through an {@link InflateGuard} with
	 * {@code limits} (null: none) — for sheets streamed without a prescan inflating them
	 * first (lists).
	 * @throws GridReadException when the zip or its workbook part is corrupt
	 */
	public static XlsxWorkbook open(Path file, ReaderLimits limits) throws GridReadException {
		return open(OoxmlPackages.open(file), limits);
	}

	/**
	 * As {@link #open(Path, ReaderLimits)} over a zip already open (prescanned, say); the
	 * workbook closes it.
	 * @throws GridReadException when its workbook part is corrupt
	 */
	public static XlsxWorkbook open(ZipFile zip, ReaderLimits limits) throws GridReadException {
		try {
			return new XlsxWorkbook(zip, limits);
		}
		catch (IOException | XMLStreamException | RuntimeException ex) {
			closeQuietly(zip);
			throw new GridReadException(BROKEN + "（" + ex.getClass().getSimpleName() + "）", ex);
		}
	}

	@Override
	public String format() {
		return "xlsx";
	}

	@Override
	public List<SheetInfo> sheets() {
		return List.copyOf(sheets);
	}

	@Override
	public RowSource open(SheetInfo sheet) throws GridReadException {
		try {
			if (sharedStrings == null) {
				ZipEntry entry = zip.getEntry(sharedStringsPart);
				if (entry == null) {
					sharedStrings = SharedStrings.empty();
				}
				else {
					// read as far as the cells asked for need: a sniff of the first rows
					// reads only the start
					sharedStrings = SharedStrings.open(zip.getInputStream(entry));
				}
			}
			ZipEntry entry = zip.getEntry(sheetParts.get(sheet.index()));
			if (entry == null) {
				throw new GridReadException(BROKEN + "（缺少工作表“" + sheet.name() + "”的内容）", null);
			}
			InputStream in = zip.getInputStream(entry);
			if (limits != null) {
				// beneath the read-ahead: a bomb stops the inflater thread, and the
				// parser with it
				in = new InflateGuard(in, entry.getName(), entry.getCompressedSize(), limits);
			}
			if (entry.getSize() > READ_AHEAD_BYTES || entry.getSize() < 0) {
				// a large sheet is inflated on a thread of its own while this one parses
				in = new AheadInputStream(in, sheet.name());
			}
			try {
				return new XlsxSheetRows(sheet, in, sharedStrings, dateStyles, date1904);
			}
			catch (IOException | XMLStreamException | RuntimeException ex) {
				// a read-ahead thread would otherwise stay behind
				in.close();
				throw ex;
			}
		}
		catch (IOException | XMLStreamException | RuntimeException ex) {
			throw new GridReadException(BROKEN + "（" + ex.getClass().getSimpleName() + "）", ex);
		}
	}

	/** Strings in the shared strings table (0 before a sheet was opened). */
	public int sharedStringCount() {
		return sharedStrings == null ? 0 : sharedStrings.size();
	}

	@Override
	public void close() throws IOException {
		if (sharedStrings != null) {
			sharedStrings.close();
		}
		zip.close();
	}

	private record Relationship(String id, String type, String target) {
	}

	private List<Relationship> relationships(String folder, String part) throws IOException, XMLStreamException {
		List<Relationship> rels = new ArrayList<>();
		ZipEntry entry = zip.getEntry(part);
		if (entry == null) {
			return rels;
		}
		try (InputStream in = zip.getInputStream(entry)) {
			XMLStreamReader xml = XmlFactories.reader(in);
			while (xml.hasNext()) {
				if (xml.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.getLocalName())) {
					String target = xml.getAttributeValue(null, "Target");
					if (target != null && !"External".equals(xml.getAttributeValue(null, "TargetMode"))) {
						rels.add(new Relationship(xml.getAttributeValue(null, "Id"),
								String.valueOf(xml.getAttributeValue(null, "Type")), resolve(folder, target)));
					}
				}
			}
			xml.close();
		}
		return rels;
	}

	/**
	 * A relationship target as a zip entry name: relative to the source part's folder
	 * unless it starts with /.
	 */
	private static String resolve(String folder, String target) {
		String path = target.startsWith("/") ? target.substring(1) : folder + target;
		List<String> parts = new ArrayList<>();
		for (String part : path.split("/")) {
			if (part.equals("..")) {
				if (!parts.isEmpty()) {
					parts.remove(parts.size() - 1);
				}
			}
			else if (!part.isEmpty() && !part.equals(".")) {
				parts.add(part);
			}
		}
		return String.join("/", parts);
	}

	private void readWorkbook(String part, Map<String, String> targets, boolean[] date1904Out)
			throws IOException, XMLStreamException {
		ZipEntry entry = zip.getEntry(part);
		if (entry == null) {
			throw new ZipException("no workbook part " + part);
		}
		try (InputStream in = zip.getInputStream(entry)) {
			XMLStreamReader xml = XmlFactories.reader(in);
			while (xml.hasNext()) {
				if (xml.next() != XMLStreamConstants.START_ELEMENT) {
					continue;
				}
				String name = xml.getLocalName();
				if ("workbookPr".equals(name)) {
					String value = xml.getAttributeValue(null, "date1904");
					date1904Out[0] = "1".equals(value) || "true".equals(value);
				}
				else if ("sheet".equals(name)) {
					String id = null;
					for (int i = 0; i < xml.getAttributeCount(); i++) {
						if ("id".equals(xml.getAttributeLocalName(i))) {
							id = xml.getAttributeValue(i); // r:id, whatever the prefix
						}
					}
					String target = targets.get(id);
					String state = xml.getAttributeValue(null, "state");
					if (target != null) {
						sheets.add(new SheetInfo(sheets.size(), String.valueOf(xml.getAttributeValue(null, "name")),
								"hidden".equals(state) || "veryHidden".equals(state)));
						sheetParts.add(target);
					}
				}
			}
			xml.close();
		}
	}

	/** Per cell style (xf) index, whether its number format shows a date. */
	private boolean[] readStyles(String part) throws IOException, XMLStreamException {
		ZipEntry entry = zip.getEntry(part);
		if (entry == null) {
			return new boolean[0];
		}
		Map<Integer, String> customFormats = new HashMap<>();
		List<Boolean> dates = new ArrayList<>();
		try (InputStream in = zip.getInputStream(entry)) {
			XMLStreamReader xml = XmlFactories.reader(in);
			boolean inCellXfs = false;
			while (xml.hasNext()) {
				int event = xml.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					String name = xml.getLocalName();
					if ("numFmt".equals(name)) {
						Integer id = parseInt(xml.getAttributeValue(null, "numFmtId"));
						if (id != null) {
							customFormats.put(id, xml.getAttributeValue(null, "formatCode"));
						}
					}
					else if ("cellXfs".equals(name)) {
						inCellXfs = true;
					}
					else if (inCellXfs && "xf".equals(name)) {
						Integer id = parseInt(xml.getAttributeValue(null, "numFmtId"));
						int formatId = id == null ? 0 : id;
						// a custom code may redefine a built-in id; the code then decides
						String code = customFormats.get(formatId);
						dates.add(code != null ? CellTexts.isDateFormat(-1, code)
								: CellTexts.isDateFormat(formatId, null));
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT && "cellXfs".equals(xml.getLocalName())) {
					inCellXfs = false;
				}
			}
			xml.close();
		}
		boolean[] result = new boolean[dates.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = dates.get(i);
		}
		return result;
	}

	private static Integer parseInt(String text) {
		try {
			return text == null ? null : Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static void closeQuietly(ZipFile zip) {
		try {
			zip.close();
		}
		catch (IOException ex) {
			// already failing
		}
	}

}
