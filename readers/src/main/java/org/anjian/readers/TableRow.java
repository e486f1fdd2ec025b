package org.anjian.readers;

import java.util.Map;

/**
 * One data row of a summary table: an industry row or the 合计 row.
 *
 * @param rowNumber 1-based sheet row as a spreadsheet program shows it
 * @param labelColumn column letter of the row label
 * @param label the row label as written, trimmed (e.g. “住建局”, “合 计”)
 * @param total whether this is the 合计 (total) row
 * @param cells measure code → cell, in the form's column order
 * @param rates rate code → the rate cell as written (forms with rate columns, e.g.
 * F-003-II's 检查覆盖率); empty otherwise
 */
public record TableRow(int rowNumber, String labelColumn, String label, boolean total, Map<String, CellValue> cells,
		Map<String, CellValue> rates) {

	/** A row of a form without rate columns. */
	public TableRow(int rowNumber, String labelColumn, String label, boolean total, Map<String, CellValue> cells) {
		this(rowNumber, labelColumn, label, total, cells, Map.of());
	}

}
