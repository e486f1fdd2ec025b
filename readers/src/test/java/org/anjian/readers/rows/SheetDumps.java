package org.anjian.readers.rows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A worksheet part read straight from its bytes (no zip) with a chosen parser and scanner
 * buffer size, written out as everything a caller of {@link RowSource} can see, so two
 * reads compare as strings.
 */
final class SheetDumps {

	private SheetDumps() {
	}

	static String dump(byte[] sheetXml, String sharedStringsXml, boolean[] dateStyles, XmlFactories.SheetParser parser,
			int bufferBytes) throws Exception {
		SharedStrings strings = sharedStringsXml == null ? SharedStrings.empty()
				: SharedStrings.read(new ByteArrayInputStream(sharedStringsXml.getBytes(StandardCharsets.UTF_8)));
		List<String> out = new ArrayList<>();
		try (XlsxSheetRows rows = new XlsxSheetRows(new SheetInfo(0, "表", false), new ByteArrayInputStream(sheetXml),
				strings, dateStyles, false, parser, bufferBytes)) {
			while (rows.next()) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < rows.width(); c++) {
					cells.add(rows.text(c) + (rows.isBlank(c) ? "·" : ""));
				}
				out.add((rows.rowIndex() + 1) + (rows.rowHidden() ? "h" : "") + ":" + String.join("|", cells));
			}
			out.add("merged " + rows.mergedRegions() + " hidden columns " + new TreeSet<>(rows.hiddenColumns()));
		}
		return String.join("\n", out);
	}

	static String dump(String sheetXml, XmlFactories.SheetParser parser, int bufferBytes) throws Exception {
		return dump(sheetXml.getBytes(StandardCharsets.UTF_8), null, new boolean[0], parser, bufferBytes);
	}

}
