package org.anjian.writers.official;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/**
 * The printed layout of one official form, read from {@code official/forms/<form>.layout}
 * (format described in {@code F-000.layout}): where the title lines go, the merged header
 * cells of rows 4–6, and the data columns with their measure codes, units and widths. One
 * writer serves every form; a form is configuration.
 *
 * @param formId e.g. F-000
 * @param title range of the title line
 * @param span range of the period line
 * @param submitter range of 填报单位
 * @param filled range of 填报时间
 * @param label the row-label column's header cell
 * @param measures data columns in the form's order
 * @param headers header cells of the measure columns
 * @param footers the 负责人 / 填报人 / 联系电话 line, as column ranges
 * @param texts the wording of the lines around the table: the title pattern (with
 * {county} and {campaign}; null: the county table's usual title), the 填报单位 and 填报时间
 * prefixes, the 月份 line's prefix
 * @param month range of the 月份 line (the month reported), or null for none
 * @param unit the unit column left of the row labels (the whole deployment's name merged
 * over the data rows, as 附件2 has 单位 over two columns), or null
 * @param rates rate columns, printed as percentages of two measures of the row
 * @param unitsRow whether a units row (个, 人次 …) follows the header
 * @param figureRows true: the data rows are 本月数 and 累计数 of the whole deployment
 * (F-003-II) instead of one row per industry and 合计
 * @param stocks measures that are stocks (监管企业总数): a 本月数 row prints their value, never a
 * difference
 */
public record FormLayout(String formId, CellRangeAddress title, CellRangeAddress span, CellRangeAddress submitter,
		CellRangeAddress filled, Header label, double labelWidth, List<Measure> measures, List<Header> headers,
		List<Footer> footers, Texts texts, CellRangeAddress month, Unit unit, List<Rate> rates, boolean unitsRow,
		boolean figureRows, List<String> stocks) {

	/** The wording of the lines around the table. */
	public record Texts(String title, String submitter, String filled, String month) {

		static final Texts DEFAULT = new Texts(null, "填报单位：", "填报时间：", "月份：");

	}

	/** A column left of the row labels holding the unit, merged over the data rows. */
	public record Unit(int column, double width) {
	}

	/**
	 * A rate column: {@code numerator / denominator} of the row, printed as a percentage;
	 * “/” when the denominator is 0.
	 */
	public record Rate(int column, String numerator, String denominator, double width) {
	}

	/** The 0-based column of the row labels (right of the unit column, if any). */
	public int labelColumn() {
		return unit == null ? label.range().getFirstColumn() : label.range().getLastColumn();
	}

	/**
	 * A header cell; {@code range} covers one or more cells; {@code vertical}: the text
	 * runs top to bottom, one character under the other, as the printed form has it in
	 * its narrow columns.
	 */
	public record Header(CellRangeAddress range, String text, boolean vertical) {

		public Header(CellRangeAddress range, String text) {
			this(range, text, false);
		}

	}

	/**
	 * The width of a header cell in characters: the sum of its columns' widths.
	 */
	public double width(Header header) {
		double w = 0;
		for (int c = header.range().getFirstColumn(); c <= header.range().getLastColumn(); c++) {
			int column = c;
			w += columnWidth(column);
		}
		return w;
	}

	/** The width of one column in characters. */
	public double columnWidth(int column) {
		if (unit != null && column == unit.column()) {
			return unit.width();
		}
		if (column == labelColumn()) {
			return labelWidth;
		}
		for (Measure m : measures) {
			if (m.column() == column) {
				return m.width();
			}
		}
		for (Rate r : rates) {
			if (r.column() == column) {
				return r.width();
			}
		}
		return 0;
	}

	/** A data column. */
	public record Measure(int column, String code, String unit, double width) {
	}

	/**
	 * A footer cell spanning columns {@code firstColumn..lastColumn} of the footer row.
	 */
	public record Footer(int firstColumn, int lastColumn, String text) {
	}

	static final String RESOURCE_ROOT = "official/forms/";

	/**
	 * Loads the layout of a form; a form without a layout file is a configuration error.
	 */
	public static FormLayout of(String formId) {
		String resource = RESOURCE_ROOT + formId + ".layout";
		try (InputStream in = FormLayout.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("没有表式 " + formId + " 的版式文件 " + resource);
			}
			return parse(formId, new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static FormLayout parse(String formId, String text) {
		CellRangeAddress title = null;
		CellRangeAddress span = null;
		CellRangeAddress submitter = null;
		CellRangeAddress filled = null;
		Header label = null;
		double labelWidth = 10;
		List<Measure> measures = new ArrayList<>();
		List<Header> headers = new ArrayList<>();
		List<Footer> footers = new ArrayList<>();
		List<Rate> rates = new ArrayList<>();
		String titleText = null;
		String submitterText = Texts.DEFAULT.submitter();
		String filledText = Texts.DEFAULT.filled();
		String monthText = Texts.DEFAULT.month();
		CellRangeAddress month = null;
		Unit unit = null;
		boolean unitsRow = true;
		boolean figureRows = false;
		List<String> stocks = new ArrayList<>();
		int lineNumber = 0;
		for (String line : text.split("\n")) {
			lineNumber++;
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			String[] f = trimmed.split("\t");
			try {
				switch (f[0]) {
					case "title" -> {
						title = CellRangeAddress.valueOf(f[1]);
						titleText = f.length > 2 ? f[2] : null;
					}
					case "span" -> span = CellRangeAddress.valueOf(f[1]);
					case "submitter" -> {
						submitter = CellRangeAddress.valueOf(f[1]);
						submitterText = f.length > 2 ? f[2] : submitterText;
					}
					case "filled" -> {
						filled = CellRangeAddress.valueOf(f[1]);
						filledText = f.length > 2 ? f[2] : filledText;
					}
					case "month" -> {
						month = CellRangeAddress.valueOf(f[1]);
						monthText = f.length > 2 ? f[2] : monthText;
					}
					case "unit" ->
						unit = new Unit(CellReference.convertColStringToIndex(f[1]), Double.parseDouble(f[2]));
					case "rate" -> rates.add(new Rate(CellReference.convertColStringToIndex(f[1]), f[2], f[3],
							Double.parseDouble(f[4])));
					case "units" -> unitsRow = !"none".equals(f[1]);
					case "rows" -> figureRows = "figures".equals(f[1]);
					case "stock" -> stocks.add(f[1]);
					case "label" -> {
						label = new Header(CellRangeAddress.valueOf(f[1]), f[2]);
						labelWidth = Double.parseDouble(f[3]);
					}
					case "measure" -> measures.add(new Measure(CellReference.convertColStringToIndex(f[1]), f[2], f[3],
							Double.parseDouble(f[4])));
					case "header" -> headers
						.add(new Header(CellRangeAddress.valueOf(f[1]), f[2], f.length > 3 && f[3].equals("vertical")));
					case "footer" -> {
						String[] cols = f[1].split(":");
						footers.add(new Footer(CellReference.convertColStringToIndex(cols[0]),
								CellReference.convertColStringToIndex(cols[1]), f[2]));
					}
					default -> throw new IllegalArgumentException("未知的行类型 " + f[0]);
				}
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(
						"表式 " + formId + " 版式文件第 " + lineNumber + " 行有误：" + trimmed + "（" + ex.getMessage() + "）", ex);
			}
		}
		if (title == null || submitter == null || label == null || measures.isEmpty()
				|| (span == null || filled == null) && month == null) {
			throw new IllegalArgumentException(
					"表式 " + formId + " 版式文件缺少 title/submitter/label/measure 行，或 span/filled（无 month 行时）");
		}
		return new FormLayout(formId, title, span, submitter, filled, label, labelWidth, List.copyOf(measures),
				List.copyOf(headers), List.copyOf(footers), new Texts(titleText, submitterText, filledText, monthText),
				month, unit, List.copyOf(rates), unitsRow, figureRows, List.copyOf(stocks));
	}

	/** 0-based index of the first data row: after the units row, if the form has one. */
	public int firstDataRow() {
		return unitsRow ? unitsRowIndex() + 1 : unitsRowIndex();
	}

	/** 0-based index of the units row: the row under the deepest header cell. */
	public int unitsRowIndex() {
		int last = label.range().getLastRow() - 1;
		for (Header h : headers) {
			last = Math.max(last, h.range().getLastRow());
		}
		return last + 1;
	}

	/** 0-based index of the first header row. */
	public int firstHeaderRow() {
		int first = label.range().getFirstRow();
		for (Header h : headers) {
			first = Math.min(first, h.range().getFirstRow());
		}
		return first;
	}

	/** 0-based index of the last column of the table. */
	public int lastColumn() {
		return title.getLastColumn();
	}

	/** Measure codes in the form's column order. */
	public List<String> measureCodes() {
		return measures.stream().map(Measure::code).toList();
	}

}
