package org.anjian.readers;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.anjian.readers.forms.FormDefinition;
import org.anjian.readers.forms.HeaderPattern;
import org.anjian.readers.forms.HeaderText;
import org.anjian.readers.forms.MeasureColumn;
import org.anjian.readers.forms.RateColumn;
import org.anjian.readers.grid.CellRange;
import org.anjian.readers.grid.Grid;

/**
 * Finds a summary table in a grid and reads it, the same way for every form: the form
 * definition says which header texts make which measure, which rows to keep and where the
 * grid ends.
 *
 * <p>
 * The header is found by meaning, not position: for every candidate band of 1–4
 * consecutive visible rows, each column's header path (merged group cell, then its own
 * cell) is matched against every form's header patterns; the band and form matching most
 * measures wins.
 */
final class TableLocator {

	/**
	 * A header lower than this is not looked for: summary forms put it within the first
	 * rows.
	 */
	private static final int HEADER_SEARCH_ROWS = 60;

	private static final int MAX_HEADER_ROWS = 4;

	/**
	 * Advisory: a header differs from the form's known wording (or, checked at intake,
	 * from the submitter's previous accepted table).
	 */
	static final String TEMPLATE_CHANGED = "TEMPLATE_CHANGED";

	private static final Pattern FOOTER_REST = Pattern.compile("\\p{IsHan}{0,4}:.*");

	private static final Pattern PLACEHOLDER = Pattern.compile("[.…。⋯·、]+");

	private final List<FormDefinition> forms;

	/**
	 * How each distinct header path matches each form's measures, and each header text
	 * normalised, kept across the grids this locator searches: the same forms arrive
	 * again and again, so most files need no header matching of their own (issue 18 part
	 * 5). Read from the readers' worker threads at once; bounded.
	 */
	private final Map<FormDefinition, Map<HeaderPath, Passes>> sharedPasses;

	private final Map<String, HeaderCell> sharedCells = new ConcurrentHashMap<>();

	/**
	 * Each form's row-label headers as a set: every cell of every band is looked up in
	 * them.
	 */
	private final Map<FormDefinition, Set<String>> labelHeaders = new IdentityHashMap<>();

	/** Entries each shared map keeps at most; beyond, a text is worked out per grid. */
	private static final int SHARED_LIMIT = 20_000;

	TableLocator(List<FormDefinition> forms) {
		this.forms = List.copyOf(forms);
		// filled here, only read afterwards (unmodifiable): safe to share between threads
		Map<FormDefinition, Map<HeaderPath, Passes>> passes = new IdentityHashMap<>();
		for (FormDefinition form : this.forms) {
			passes.put(form, new ConcurrentHashMap<>());
		}
		this.sharedPasses = java.util.Collections.unmodifiableMap(passes);
		for (FormDefinition form : this.forms) {
			labelHeaders.put(form, Set.copyOf(form.labelHeaders()));
		}
	}

	/**
	 * Where a form's header sits in a grid.
	 *
	 * @param form the form whose header matched best
	 * @param top first header row (0-based)
	 * @param bottom last header row
	 * @param columns measure code → column, in the form's order (found measures only)
	 * @param headerTexts measure code → header path as found, “/”-joined
	 * @param labelColumn column of the row labels, or -1
	 * @param missing measures of the form not found
	 * @param score matched minus missing measures
	 * @param rateColumns rate code → column, for the form's rate columns found
	 * @param unfamiliar measures whose header matched only loosely (contains a known
	 * text): not the form's known wording ({@code TEMPLATE_CHANGED})
	 */
	record HeaderMatch(FormDefinition form, int top, int bottom, Map<String, Integer> columns,
			Map<String, String> headerTexts, int labelColumn, List<MeasureColumn> missing, int score,
			Map<String, Integer> rateColumns, Set<String> unfamiliar) {
	}

	/** Whether {@code other} looks for the same forms (its headers are this one's). */
	boolean sameForms(TableLocator other) {
		return other == this || forms.equals(other.forms);
	}

	/**
	 * @return the best header in the grid, or null when no band looks like a summary
	 * table header
	 */
	HeaderMatch locate(Grid grid) {
		HeaderMatch best = null;
		Texts texts = new Texts(sharedPasses, sharedCells);
		int lastTop = Math.min(grid.rowCount(), HEADER_SEARCH_ROWS);
		// whether a row ends every band above it, worked out once a row: the bands
		// overlap
		Boolean[] ends = new Boolean[Math.min(grid.rowCount(), lastTop + MAX_HEADER_ROWS)];
		for (int top = 0; top < lastTop; top++) {
			// a hidden row still holds data Excel sums, but it is never the header people
			// read
			if (grid.isRowHidden(top) || grid.isBlankRow(top)) {
				continue;
			}
			for (int bottom = top; bottom < Math.min(grid.rowCount(), top + MAX_HEADER_ROWS); bottom++) {
				if (bottom > top && endsBands(grid, bottom, ends, texts)) {
					break;
				}
				List<HeaderPath> paths = headerPaths(grid, top, bottom, texts);
				for (FormDefinition form : forms) {
					HeaderMatch match = match(form, labelHeaders.get(form), top, bottom, paths, texts);
					if (match != null && (best == null || match.score() > best.score()
							|| match.score() == best.score() && (match.top() > best.top()
									|| match.top() == best.top() && match.bottom() > best.bottom()))) {
						best = match;
					}
				}
			}
		}
		return best;
	}

	/**
	 * A header cell's text normalised, and without its bracketed parts, each computed
	 * once per text: every band and every form's every pattern compares against both.
	 */
	private static final class HeaderCell {

		private final String text;

		private final String bare;

		/**
		 * Kept: a cell is hashed, as part of its column's path, for every band and form.
		 */
		private final int hash;

		HeaderCell(String text, String bare) {
			this.text = text;
			this.bare = bare;
			this.hash = 31 * text.hashCode() + bare.hashCode();
		}

		String text() {
			return text;
		}

		String bare() {
			return bare;
		}

		@Override
		public boolean equals(Object other) {
			// the texts' cells are shared, so equal cells are mostly the same cell
			return other == this || other instanceof HeaderCell cell && cell.hash == hash && cell.text.equals(text)
					&& cell.bare.equals(bare);
		}

		@Override
		public int hashCode() {
			return hash;
		}

		@Override
		public String toString() {
			return text;
		}

	}

	/**
	 * A column's header path, the key its matches are kept by: hashed once, when the band
	 * is built, not at each form's lookup; equal to any list of the same cells. Every
	 * path a search makes is one ({@link #headerPaths}).
	 */
	private static final class HeaderPath extends AbstractList<HeaderCell> implements RandomAccess {

		private final HeaderCell[] cells;

		private final int hash;

		HeaderPath(List<HeaderCell> cells) {
			this.cells = cells.toArray(HeaderCell[]::new);
			this.hash = Arrays.hashCode(this.cells);
		}

		@Override
		public HeaderCell get(int index) {
			return cells[index];
		}

		@Override
		public int size() {
			return cells.length;
		}

		@Override
		public boolean equals(Object other) {
			if (other instanceof HeaderPath path) {
				return path == this || path.hash == hash && Arrays.equals(path.cells, cells);
			}
			// a list of the same cells (List's contract)
			return super.equals(other);
		}

		@Override
		public int hashCode() {
			return hash;
		}

	}

	/**
	 * How a header path matches each measure of a form ({@link #matchPass}: measure index
	 * → pass, 0 none), and whether it matches any: most paths (titles, figures) match
	 * none, and need not be looked through for each measure.
	 */
	private record Passes(int[] pass, boolean any) {
	}

	/**
	 * The texts of one grid's search, normalised once each, and how each distinct header
	 * path matches each form's measures: the bands overlap, so most paths recur, and so
	 * do the forms (the locator's maps, shared by its searches).
	 */
	private static final class Texts {

		private final Map<String, HeaderCell> cells = new HashMap<>();

		private final Map<FormDefinition, Map<HeaderPath, Passes>> passes;

		/** Forms the shared passes do not know: this search's own. */
		private final Map<FormDefinition, Map<HeaderPath, Passes>> own = new IdentityHashMap<>();

		private final Map<String, HeaderCell> shared;

		/** A search of its own, nothing shared. */
		Texts() {
			this(Map.of(), null);
		}

		/**
		 * @param passes kept across searches by form (a form missing from it: this
		 * search's own)
		 * @param shared normalised texts kept across searches, or null
		 */
		Texts(Map<FormDefinition, Map<HeaderPath, Passes>> passes, Map<String, HeaderCell> shared) {
			this.passes = passes;
			this.shared = shared;
		}

		/**
		 * Measure index → {@link #matchPass} of the path, for every measure of the form
		 * (not to be changed: it may be shared).
		 */
		Passes passes(FormDefinition form, HeaderPath path) {
			Map<HeaderPath, Passes> byPath = passes.get(form);
			if (byPath == null) {
				byPath = own.computeIfAbsent(form, f -> new HashMap<>());
			}
			Passes row = byPath.get(path);
			if (row == null) {
				int[] pass = new int[form.measures().size()];
				boolean any = false;
				for (int m = 0; m < pass.length; m++) {
					pass[m] = matchPass(form, form.measures().get(m), path);
					any |= pass[m] != 0;
				}
				row = new Passes(pass, any);
				if (byPath.size() < SHARED_LIMIT) {
					// a header path is immutable: kept as it is
					byPath.put(path, row);
				}
			}
			return row;
		}

		HeaderCell of(String raw) {
			HeaderCell cell = cells.get(raw);
			if (cell == null) {
				cell = shared == null ? null : shared.get(raw);
				if (cell == null) {
					String text = HeaderText.normalise(raw);
					cell = new HeaderCell(text, HeaderText.withoutBrackets(text));
					if (shared != null && shared.size() < SHARED_LIMIT) {
						shared.put(raw, cell);
					}
				}
				cells.put(raw, cell);
			}
			return cell;
		}

		String normalised(String raw) {
			return of(raw).text();
		}

	}

	/**
	 * A hidden row, a units row or a row with a figure is below any header: no band goes
	 * down to it.
	 */
	private boolean endsBands(Grid grid, int row, Boolean[] ends, Texts texts) {
		Boolean known = ends[row];
		if (known == null) {
			known = grid.isRowHidden(row) || isUnitsRow(grid, row, forms.get(0), texts) || hasFigure(grid, row);
			ends[row] = known;
		}
		return known;
	}

	private static boolean hasFigure(Grid grid, int row) {
		for (int c = 0; c < grid.columnCount(); c++) {
			if (CellNumbers.isFigure(grid.text(row, c))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * For each column, the distinct normalised header texts from the top of the band
	 * down.
	 */
	private static List<HeaderPath> headerPaths(Grid grid, int top, int bottom, Texts texts) {
		List<HeaderPath> paths = new ArrayList<>(grid.columnCount());
		for (int c = 0; c < grid.columnCount(); c++) {
			List<HeaderCell> path = new ArrayList<>();
			for (int r = top; r <= bottom; r++) {
				HeaderCell cell = texts.of(groupText(grid, r, c, bottom));
				if (!cell.text().isEmpty()
						&& (path.isEmpty() || !path.get(path.size() - 1).text().equals(cell.text()))) {
					path.add(cell);
				}
			}
			paths.add(new HeaderPath(path));
		}
		return paths;
	}

	/**
	 * The header text at a cell; a blank, unmerged cell of a group row takes the group
	 * text written to its left when both columns have their own header below (CSV has no
	 * merges, and some clerks centre a group across the selection instead of merging).
	 */
	private static String groupText(Grid grid, int row, int column, int bottom) {
		String shown = grid.shownText(row, column);
		if (!shown.isBlank() || row == bottom || grid.mergedRegion(row, column) != null
				|| !hasTextBelow(grid, row, column, bottom)) {
			return shown;
		}
		for (int left = column - 1; left >= 0; left--) {
			if (grid.mergedRegion(row, left) != null) {
				return shown;
			}
			String text = grid.text(row, left);
			if (!text.isBlank()) {
				return hasTextBelow(grid, row, left, bottom) ? text : shown;
			}
			if (!hasTextBelow(grid, row, left, bottom)) {
				return shown;
			}
		}
		return shown;
	}

	private static boolean hasTextBelow(Grid grid, int row, int column, int bottom) {
		for (int r = row + 1; r <= bottom; r++) {
			if (!grid.shownText(r, column).isBlank()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param labels the form's {@link FormDefinition#labelHeaders()}
	 */
	private static HeaderMatch match(FormDefinition form, Set<String> labels, int top, int bottom,
			List<HeaderPath> paths, Texts cache) {
		int labelColumn = -1;
		for (int c = 0; c < paths.size() && labelColumn < 0; c++) {
			for (HeaderCell cell : paths.get(c)) {
				if (labels.contains(cell.text()) || labels.contains(cell.bare())) {
					labelColumn = c;
					break;
				}
			}
		}
		Map<String, Integer> found = new LinkedHashMap<>();
		Set<String> loose = new java.util.LinkedHashSet<>();
		boolean[] taken = new boolean[paths.size()];
		if (labelColumn >= 0) {
			taken[labelColumn] = true;
		}
		// how each column matches each measure, worked out once per distinct path
		List<MeasureColumn> measures = form.measures();
		int[][] passes = new int[paths.size()][];
		for (int c = 0; c < paths.size(); c++) {
			if (!paths.get(c).isEmpty()) {
				Passes column = cache.passes(form, paths.get(c));
				passes[c] = column.any() ? column.pass() : null;
			}
		}
		// each measure's matching columns, in column order: most columns match no
		// measure, and this runs for every band and form of every sheet (issue 18 part 5)
		int[][] candidates = new int[measures.size()][];
		int[] buffer = new int[paths.size()];
		for (int m = 0; m < measures.size(); m++) {
			int n = 0;
			for (int c = 0; c < paths.size(); c++) {
				if (passes[c] != null && passes[c][m] >= 1 && passes[c][m] <= 3) {
					buffer[n++] = c;
				}
			}
			candidates[m] = java.util.Arrays.copyOf(buffer, n);
		}
		// strict matches first (the column's own cell), then a single text on a group
		// cell, then loose containment; a measure takes the first free column
		for (int pass = 1; pass <= 3; pass++) {
			for (int m = 0; m < measures.size(); m++) {
				MeasureColumn measure = measures.get(m);
				if (found.containsKey(measure.code())) {
					continue;
				}
				for (int c : candidates[m]) {
					if (!taken[c] && passes[c][m] == pass) {
						found.put(measure.code(), c);
						taken[c] = true;
						if (pass == 3) {
							loose.add(measure.code());
						}
						break;
					}
				}
			}
		}
		int matched = found.size();
		if (matched < 3 || matched * 3 < form.measures().size()) {
			return null;
		}
		Map<String, Integer> columns = new LinkedHashMap<>();
		Map<String, String> texts = new LinkedHashMap<>();
		List<MeasureColumn> missing = new ArrayList<>();
		for (MeasureColumn measure : form.measures()) {
			Integer column = found.get(measure.code());
			if (column == null) {
				missing.add(measure);
			}
			else {
				columns.put(measure.code(), column);
				texts.put(measure.code(), joined(paths.get(column)));
			}
		}
		if (labelColumn < 0) {
			// no 行业部门 header: the labels are in the column just left of the first measure
			int first = columns.values().stream().mapToInt(Integer::intValue).min().orElse(0);
			labelColumn = first - 1;
		}
		int score = matched - missing.size() + (labelColumn >= 0 ? 1 : 0);
		return new HeaderMatch(form, top, bottom, columns, texts, labelColumn, List.copyOf(missing), score,
				rateColumns(form, paths, taken), loose);
	}

	/** A header path as found, “/”-joined. */
	private static String joined(List<HeaderCell> path) {
		if (path.size() == 1) {
			return path.get(0).text();
		}
		StringBuilder text = new StringBuilder(path.get(0).text());
		for (int i = 1; i < path.size(); i++) {
			text.append('/').append(path.get(i).text());
		}
		return text.toString();
	}

	/**
	 * The form's rate columns among the columns no measure took: the column's own header
	 * (its “(%)” dropped) is one of the rate's texts, else contains one.
	 */
	private static Map<String, Integer> rateColumns(FormDefinition form, List<HeaderPath> paths, boolean[] taken) {
		Map<String, Integer> rates = new LinkedHashMap<>();
		for (int loose = 0; loose <= 1; loose++) {
			for (RateColumn rate : form.rates()) {
				if (rates.containsKey(rate.code())) {
					continue;
				}
				for (int c = 0; c < paths.size(); c++) {
					if (taken[c] || rates.containsValue(c) || paths.get(c).isEmpty()) {
						continue;
					}
					HeaderCell leaf = paths.get(c).get(paths.get(c).size() - 1);
					if (loose == 0 ? matches(rate.headers(), leaf) : containsAny(leaf.text(), rate.headers())) {
						rates.put(rate.code(), c);
						break;
					}
				}
			}
		}
		return rates;
	}

	/**
	 * @return 1 own-cell match, 2 single text on a group cell, 3 loose containment, 0
	 * none
	 */
	private static int matchPass(FormDefinition form, MeasureColumn measure, List<HeaderCell> path) {
		HeaderCell leaf = path.get(path.size() - 1);
		List<HeaderCell> above = path.subList(0, path.size() - 1);
		int best = 0;
		for (HeaderPattern pattern : measure.patterns()) {
			int pass = 0;
			if (pattern.singleLevel()) {
				if (matches(pattern.leaf(), leaf)) {
					pass = 1;
				}
				else if (anyMatches(pattern.leaf(), above)) {
					pass = 2;
				}
				else if (!ignored(form, leaf.text()) && containsAny(leaf.text(), pattern.leaf())) {
					pass = 3;
				}
			}
			else if (matches(pattern.leaf(), leaf) && anyMatches(pattern.group(), above)) {
				pass = 1;
			}
			else if (!ignored(form, leaf.text()) && containsAny(leaf.text(), pattern.leaf())
					&& anyContains(above, pattern.group())) {
				pass = 3;
			}
			if (pass > 0 && (best == 0 || pass < best)) {
				best = pass;
				if (best == 1) {
					break;
				}
			}
		}
		return best;
	}

	private static boolean matches(List<String> alternatives, HeaderCell cell) {
		return alternatives.contains(cell.text()) || alternatives.contains(cell.bare());
	}

	private static boolean anyMatches(List<String> alternatives, List<HeaderCell> cells) {
		for (HeaderCell cell : cells) {
			if (matches(alternatives, cell)) {
				return true;
			}
		}
		return false;
	}

	private static boolean anyContains(List<HeaderCell> cells, List<String> alternatives) {
		for (HeaderCell cell : cells) {
			if (containsAny(cell.text(), alternatives)) {
				return true;
			}
		}
		return false;
	}

	private static boolean containsAny(String text, List<String> alternatives) {
		for (String alternative : alternatives) {
			if (alternative.length() >= 2 && text.contains(alternative)) {
				return true;
			}
		}
		return false;
	}

	private static boolean ignored(FormDefinition form, String text) {
		for (String word : form.ignoreWords()) {
			if (text.contains(word)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isUnitsRow(Grid grid, int row, FormDefinition form) {
		return isUnitsRow(grid, row, form, new Texts());
	}

	private static boolean isUnitsRow(Grid grid, int row, FormDefinition form, Texts texts) {
		int units = 0;
		for (int c = 0; c < grid.columnCount(); c++) {
			if (grid.isMergeContinuation(row, c)) {
				continue;
			}
			String text = texts.normalised(grid.text(row, c)).replace("(", "").replace(")", "");
			if (text.isEmpty()) {
				continue;
			}
			if (!form.units().contains(text)) {
				return false;
			}
			units++;
		}
		return units >= 2;
	}

	/** Reads the rows, fields, title and period of a located table. */
	SummaryTable read(Grid grid, HeaderMatch header, List<Finding> findings) {
		FormDefinition form = header.form();
		Map<String, String> fields = SheetFields.newMap();
		List<String> titleLines = new ArrayList<>();
		PeriodRange period = null;
		for (int r = 0; r < header.top(); r++) {
			List<String> lineTexts = new ArrayList<>();
			for (int c = 0; c < grid.columnCount(); c++) {
				String text = CellNumbers.trim(grid.text(r, c));
				if (text.isEmpty()) {
					continue;
				}
				if (SheetFields.isField(text)) {
					SheetFields.collect(text, fields);
				}
				else {
					lineTexts.add(text);
					if (period == null) {
						period = PeriodRange.find(text);
					}
				}
			}
			String line = String.join(" ", lineTexts);
			if (line.contains("统计") || line.contains("表")) {
				titleLines.add(line);
			}
		}

		List<TableRow> rows = new ArrayList<>();
		List<TableRow> monthRows = new ArrayList<>();
		TableRow totalRow = null;
		String labelLetter = header.labelColumn() >= 0 ? Grid.columnLetter(header.labelColumn()) : "";
		int footer = grid.rowCount();
		boolean seenData = false;
		String blockUnit = "";
		for (int r = header.bottom() + 1; r < grid.rowCount(); r++) {
			if (isFooterRow(grid, r, form)) {
				footer = r;
				break;
			}
			if (!seenData && isUnitsRow(grid, r, form)) {
				continue;
			}
			String label = header.labelColumn() >= 0 ? CellNumbers.trim(grid.shownText(r, header.labelColumn())) : "";
			Map<String, CellValue> cells = new LinkedHashMap<>();
			boolean anyValue = false;
			for (Map.Entry<String, Integer> column : header.columns().entrySet()) {
				String raw = CellNumbers.trim(grid.text(r, column.getValue()));
				anyValue |= !raw.isEmpty();
				cells.put(column.getKey(),
						new CellValue(Grid.columnLetter(column.getValue()), raw, CellNumbers.parse(raw)));
			}
			Map<String, CellValue> rates = new LinkedHashMap<>();
			for (Map.Entry<String, Integer> column : header.rateColumns().entrySet()) {
				String raw = CellNumbers.trim(grid.text(r, column.getValue()));
				rates.put(column.getKey(),
						new CellValue(Grid.columnLetter(column.getValue()), raw, CellNumbers.parse(raw)));
			}
			String kind = rowKind(grid, r, header, form);
			if (label.isEmpty() && !anyValue && kind == null) {
				continue;
			}
			if (!anyValue && PLACEHOLDER.matcher(HeaderText.normalise(label)).matches()) {
				continue;
			}
			seenData = true;
			if (kind != null) {
				boolean labelIsKind = isKind(form, label);
				if (!labelIsKind && !label.isEmpty()) {
					blockUnit = label;
				}
				if (form.dropRows().contains(kind)) {
					continue;
				}
				if (labelIsKind || label.isEmpty()) {
					// a one-unit form (单位 column holds 本月数/累计数) is labelled with its
					// 填报单位, a block with its unit
					String unit = blockUnit.isEmpty() ? fields.getOrDefault("填报单位", "") : blockUnit;
					label = unit.isEmpty() ? label : unit;
				}
			}
			boolean total = form.totalLabels().contains(HeaderText.normalise(label));
			TableRow row = new TableRow(r + 1, labelLetter, label, total, cells, rates);
			if (kind != null && form.monthRows().contains(kind)) {
				// the 本月数 row of a unit: kept beside its 累计数 row (a 合计 block's is not)
				if (!total) {
					monthRows.add(row);
				}
			}
			else if (!total) {
				rows.add(row);
			}
			else if (totalRow == null) {
				totalRow = row;
			}
			else {
				findings.add(Finding.warning("TOTAL_ROW_REPEATED", grid.name(), r + 1, labelLetter, "工作表“" + grid.name()
						+ "”第" + (r + 1) + "行又是一行“" + label + "”，已按第" + totalRow.rowNumber() + "行的合计行处理，本行未读取"));
			}
		}
		for (int r = footer; r < grid.rowCount(); r++) {
			for (int c = 0; c < grid.columnCount(); c++) {
				String text = grid.text(r, c);
				if (!text.isBlank()) {
					SheetFields.collect(text, fields);
				}
			}
		}
		if (period == null && fields.containsKey("月份")) {
			period = PeriodRange.find(fields.get("月份"));
		}

		Map<String, String> headerColumns = new LinkedHashMap<>();
		Map<String, ShownCell> shown = new LinkedHashMap<>();
		Map<String, String> headerCells = new LinkedHashMap<>();
		header.columns().forEach((code, column) -> {
			headerColumns.put(code, Grid.columnLetter(column));
			shown.put(code, ShownCell.of(grid, header.bottom(), column));
			headerCells.put(code, shown.get(code).reference());
		});
		for (MeasureColumn measure : form.measures()) {
			if (header.unfamiliar().contains(measure.code())) {
				ShownCell at = shown.get(measure.code());
				String cell = at.reference();
				findings.add(Finding.warning(TEMPLATE_CHANGED, grid.name(), at.rowNumber(), at.letter(),
						"工作表“" + grid.name() + "”" + cell + "单元格的表头“" + header.headerTexts().get(measure.code()) + "”与《"
								+ form.name() + "》规定的写法“" + measure.display() + "”不同（已按“" + measure.display()
								+ "”读取）；请使用规定的报表模板，不要改动表头"));
			}
		}
		return new SummaryTable(grid.name(), form.id(), String.join(" ", titleLines), fields,
				period == null ? null : period.first(), period == null ? null : period.last(), headerColumns,
				header.headerTexts(), List.copyOf(rows), totalRow, List.copyOf(monthRows), form, header.bottom() + 1,
				Explanations.belowTable(grid, footer), headerCells);
	}

	/**
	 * The cell Excel shows for a grid cell: a merged header (C4:C6) is shown, selected
	 * and annotated in its first cell (C4), not in the row the measure's own header ends
	 * on.
	 *
	 * @param rowNumber 1-based sheet row
	 * @param letter column letter
	 */
	private record ShownCell(int rowNumber, String letter) {

		static ShownCell of(Grid grid, int row, int column) {
			CellRange merge = grid.mergedRegion(row, column);
			return merge == null ? new ShownCell(row + 1, Grid.columnLetter(column))
					: new ShownCell(merge.firstRow() + 1, Grid.columnLetter(merge.firstColumn()));
		}

		String reference() {
			return letter + rowNumber;
		}

	}

	/**
	 * The 本月数/累计数 kind of a row, from the label column or a column between it and the
	 * first measure.
	 */
	private static String rowKind(Grid grid, int row, HeaderMatch header, FormDefinition form) {
		if (form.keepRows().isEmpty() && form.dropRows().isEmpty() && form.monthRows().isEmpty()) {
			return null;
		}
		int firstMeasure = header.columns().values().stream().mapToInt(Integer::intValue).min().orElse(0);
		for (int c = Math.max(0, header.labelColumn()); c < firstMeasure; c++) {
			String text = HeaderText.normalise(grid.shownText(row, c));
			if (isKind(form, text)) {
				return text;
			}
		}
		return null;
	}

	private static boolean isKind(FormDefinition form, String text) {
		String normalised = HeaderText.normalise(text);
		return form.keepRows().contains(normalised) || form.dropRows().contains(normalised)
				|| form.monthRows().contains(normalised);
	}

	private static boolean isFooterRow(Grid grid, int row, FormDefinition form) {
		for (int c = 0; c < grid.columnCount(); c++) {
			String text = HeaderText.normalise(grid.text(row, c));
			for (String key : form.footerKeys()) {
				if (text.startsWith(key)) {
					String rest = text.substring(key.length());
					// 负责人：… / 注1. / 备注、 / 填报人签字：… / a bare 负责人
					if (rest.isEmpty() || rest.startsWith("、") || Character.isDigit(rest.charAt(0))
							|| rest.startsWith("(") || FOOTER_REST.matcher(rest).matches()) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
