package org.anjian.jobs.submissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.readers.Finding;
import org.anjian.readers.SummaryTable;
import org.anjian.writers.submissions.AuditedFile.HeaderCell;

/**
 * {@code TEMPLATE_CHANGED} against the same submitter's previous accepted table of the
 * form (advisory; the table loads as before): a column renamed, moved (to another column
 * or another group), added or dropped. The readers report a header that is not the form's
 * known wording; a cell they already named is not named again.
 */
final class TemplateDrift {

	static final String RULE = "TEMPLATE_CHANGED";

	private TemplateDrift() {
	}

	/**
	 * @param current the table's header: measure → cell
	 * @param previous the previous accepted table's header, empty when there is none
	 * @param earlier findings so far (the readers' TEMPLATE_CHANGED among them)
	 */
	static List<Finding> against(SummaryTable table, Map<String, HeaderCell> current, Map<String, HeaderCell> previous,
			List<Finding> earlier) {
		List<Finding> out = new ArrayList<>();
		if (previous.isEmpty() || current.isEmpty()) {
			return out;
		}
		String where = "工作表“" + table.sheet() + "”";
		for (HeaderCell now : current.values()) {
			HeaderCell before = previous.get(now.measure());
			String letter = letters(now.cell());
			if (before == null) {
				out.add(Finding.warning(RULE, table.sheet(), row(now.cell()), letter,
						where + now.cell() + "单元格的栏目“" + now.text() + "”是新增的：本单位上次报送的表中没有这一栏；请使用规定的报表模板"));
				continue;
			}
			boolean renamed = !before.text().equals(now.text());
			boolean moved = !letters(before.cell()).equals(letter);
			if (!renamed && !moved || renamed && !moved && flagged(earlier, table.sheet(), row(now.cell()), letter)) {
				continue;
			}
			String change = renamed && moved
					? "表头由上次的“" + before.text() + "”（" + before.cell() + "）改为“" + now.text() + "”，并移到了" + now.cell()
					: renamed ? "表头由上次的“" + before.text() + "”改为“" + now.text() + "”"
							: "栏目“" + now.text() + "”由上次的 " + letters(before.cell()) + " 列移到了 " + letter + " 列";
			out.add(Finding.warning(RULE, table.sheet(), row(now.cell()), letter,
					where + now.cell() + "单元格：" + change + "（与本单位上次报送的表不同，已按栏目名称读取）；请改回规定的报表模板"));
		}
		for (HeaderCell before : previous.values()) {
			if (!current.containsKey(before.measure())) {
				out.add(Finding.warning(RULE, table.sheet(), table.headerRow(), null, where + "的表头少了栏目“" + before.text()
						+ "”（本单位上次报送的表在 " + before.cell() + "）；请使用规定的报表模板，没有数据的填 0"));
			}
		}
		return out;
	}

	private static boolean flagged(List<Finding> earlier, String sheet, int row, String letter) {
		return earlier.stream()
			.anyMatch(f -> RULE.equals(f.rule()) && sheet.equals(f.sheet())
					&& Integer.valueOf(row).equals(f.rowNumber()) && letter.equals(f.column()));
	}

	private static String letters(String cell) {
		return cell.replaceAll("\\d", "");
	}

	/** The header cell's row: a merged header's first (the cell Excel shows). */
	private static int row(String cell) {
		return Integer.parseInt(cell.replaceAll("\\D", ""));
	}

}
