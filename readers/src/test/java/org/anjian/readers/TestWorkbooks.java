package org.anjian.readers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds the quirk fixtures with POI, the way township clerks lay their tables out. */
final class TestWorkbooks {

	/**
	 * F-000 header columns in the form's order: group (null when the column has none) and
	 * leaf.
	 */
	static final List<String[]> F000_COLUMNS = List.of(col(null, "派出检查小组"), col(null, "出动执法人员"), col(null, "聘用安全专家"),
			col(null, "检查企业数量"), col("发现隐患数量", "总计"), col("发现隐患数量", "重大事故隐患"), col("发现隐患数量", "一般事故隐患"),
			col("已整改隐患数量", "总计"), col("已整改隐患数量", "重大事故隐患"), col("已整改隐患数量", "一般事故隐患"),
			col("现场紧急处置", "含暂扣许可证、暂时停产停业、暂时停止建设（使用设备）、停止供电、停止使用民爆物品等处置措施"), col("行政处罚", "立案"), col("行政处罚", "罚款"),
			col("行政处罚", "一案双罚、一案多罚"), col("行政处罚", "提请关闭"), col("行政处罚", "吊销许可证"), col("行政处罚", "责令停产停业"),
			col(null, "下达执法文书"), col(null, "联合惩戒"), col(null, "行刑衔接"), col("企业自查情况", "上报自查台账企业"),
			col("企业自查情况", "自查发现隐患"), col("企业自查情况", "重大事故隐患"));

	static final List<String> F000_CODES = List.of("inspection_teams", "inspectors", "experts", "enterprises_inspected",
			"hazards_total", "hazards_major", "hazards_general", "rectified_total", "rectified_major",
			"rectified_general", "emergency_measures", "cases_filed", "fines_wan", "double_penalty_cases",
			"closures_requested", "licenses_revoked", "suspensions_ordered", "enforcement_documents",
			"joint_punishments", "criminal_transfers", "selfcheck_enterprises", "selfcheck_hazards",
			"selfcheck_hazards_major");

	private TestWorkbooks() {
	}

	static String[] col(String group, String leaf) {
		return new String[] { group, leaf };
	}

	static Path write(Workbook workbook, Path file) throws IOException {
		try (workbook; OutputStream out = Files.newOutputStream(file)) {
			workbook.write(out);
		}
		return file;
	}

	/** Sets the row's cells from column A on: String, Number, or null for no cell. */
	static Row row(Sheet sheet, int rowIndex, Object... values) {
		Row row = sheet.getRow(rowIndex) == null ? sheet.createRow(rowIndex) : sheet.getRow(rowIndex);
		for (int c = 0; c < values.length; c++) {
			Object value = values[c];
			if (value == null) {
				continue;
			}
			Cell cell = row.createCell(c);
			if (value instanceof Number number) {
				cell.setCellValue(number.doubleValue());
			}
			else {
				cell.setCellValue(value.toString());
			}
		}
		return row;
	}

	static void merge(Sheet sheet, String ref) {
		sheet.addMergedRegion(CellRangeAddress.valueOf(ref));
	}

	/**
	 * Writes a two-row merged header (group row, leaf row) at {@code top}, label header
	 * in column A merged down, then the given columns from column B on; groups must be
	 * contiguous.
	 * @return the row index after the header
	 */
	static int header(Sheet sheet, int top, String labelHeader, List<String[]> columns) {
		Row groupRow = sheet.getRow(top) == null ? sheet.createRow(top) : sheet.getRow(top);
		Row leafRow = sheet.getRow(top + 1) == null ? sheet.createRow(top + 1) : sheet.getRow(top + 1);
		groupRow.createCell(0).setCellValue(labelHeader);
		merge(sheet, new CellRangeAddress(top, top + 1, 0, 0).formatAsString());
		int c = 1;
		while (c <= columns.size()) {
			String[] column = columns.get(c - 1);
			if (column[0] == null) {
				groupRow.createCell(c).setCellValue(column[1]);
				sheet.addMergedRegion(new CellRangeAddress(top, top + 1, c, c));
				c++;
				continue;
			}
			int end = c;
			while (end < columns.size() && column[0].equals(columns.get(end)[0])) {
				end++;
			}
			groupRow.createCell(c).setCellValue(column[0]);
			if (end > c) {
				sheet.addMergedRegion(new CellRangeAddress(top, top, c, end));
			}
			for (int leaf = c; leaf <= end; leaf++) {
				leafRow.createCell(leaf).setCellValue(columns.get(leaf - 1)[1]);
			}
			c = end + 1;
		}
		return top + 2;
	}

	/** A data row: label then one value per column. */
	static Row dataRow(Sheet sheet, int rowIndex, String label, List<?> values) {
		List<Object> all = new ArrayList<>();
		all.add(label);
		all.addAll(values);
		return row(sheet, rowIndex, all.toArray());
	}

	/** Values 1, 2, 3 … times {@code factor}, one per F-000 column. */
	static List<Integer> counting(int factor) {
		List<Integer> values = new ArrayList<>();
		for (int i = 1; i <= F000_COLUMNS.size(); i++) {
			values.add(i * factor);
		}
		return values;
	}

	/**
	 * The official layout with one industry row, written to {@code file}: title lines
	 * (rows 1–3, for April–May), the two-row header of {@code columns} (rows 4–5), then
	 * 应急管理 with the figures 1, 2, 3 ….
	 */
	static Path oneRowTable(Path file, String sheetName, String unit, List<String[]> columns) throws IOException {
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet(sheetName);
		int row = titleLines(sheet, "（2024年4月至5月）", unit);
		row = header(sheet, row, "行业部门", columns);
		dataRow(sheet, row, "应急管理", counting(1));
		return write(workbook, file);
	}

	/** Title, period line and 填报单位 line, as rows 1–3 of the official form. */
	static int titleLines(Sheet sheet, String period, String unit) {
		row(sheet, 0, "全县安全生产“强安2024”监管执法专项行动统计汇总表");
		row(sheet, 1, period);
		row(sheet, 2, "填报单位：" + unit);
		return 3;
	}

}
