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
 */
public record TableRow(int rowNumber, String labelColumn, String label, boolean total, Map<String, CellValue> cells) {
}
