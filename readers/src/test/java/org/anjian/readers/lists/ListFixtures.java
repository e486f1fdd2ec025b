package org.anjian.readers.lists;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.Finding;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes list fixtures as a clerk would: the same rows as .xlsx, .xls or CSV; collects
 * what the reader sends.
 */
final class ListFixtures {

	/** The three formats every list kind is read from. */
	enum Format {

		XLSX, XLS, CSV

	}

	/**
	 * A date cell in a fixture row: an Excel date-formatted number (CSV: the text
	 * yyyy-MM-dd).
	 */
	record DateCell(java.time.LocalDate date) {
	}

	private ListFixtures() {
	}

	static final List<String> LEDGER_HEADER = List.of("企业名称", "统一社会信用代码", "所属乡镇（街道）", "行业类别", "隐患描述", "隐患等级", "发现日期",
			"隐患来源", "整改措施", "责任人", "整改资金（万元）", "整改期限", "整改状态", "整改完成日期", "应急预案", "备注");

	/** A good ledger row: values in {@link #LEDGER_HEADER} order. */
	static Object[] ledgerRow(String enterprise, String level, Object foundOn, String status, Object rectifiedOn) {
		return new Object[] { enterprise, "91350100M000100Y43", "新场镇", "化工", "消防通道堆放杂物", level, foundOn, "自查", "清理通道",
				"张三", 1.5, "2024-06-30", status, rectifiedOn, "有", "" };
	}

	static Path write(Path dir, String name, Format format, List<Object[]> rows) throws IOException {
		return switch (format) {
			case XLSX -> workbook(new XSSFWorkbook(), dir.resolve(name + ".xlsx"), rows);
			case XLS -> workbook(new HSSFWorkbook(), dir.resolve(name + ".xls"), rows);
			case CSV -> csv(dir.resolve(name + ".csv"), rows, java.nio.charset.StandardCharsets.UTF_8);
		};
	}

	static Path workbook(Workbook workbook, Path file, List<Object[]> rows) throws IOException {
		Sheet sheet = workbook.createSheet("清单");
		CellStyle dateStyle = workbook.createCellStyle();
		dateStyle.setDataFormat((short) 14);
		for (int r = 0; r < rows.size(); r++) {
			Object[] values = rows.get(r);
			if (values == null) {
				continue; // a blank row
			}
			Row row = sheet.createRow(r);
			for (int c = 0; c < values.length; c++) {
				Object value = values[c];
				if (value == null || "".equals(value)) {
					continue;
				}
				Cell cell = row.createCell(c);
				if (value instanceof Number number) {
					cell.setCellValue(number.doubleValue());
				}
				else if (value instanceof DateCell date) {
					cell.setCellValue(date.date());
					cell.setCellStyle(dateStyle);
				}
				else {
					cell.setCellValue(value.toString());
				}
			}
		}
		try (workbook; OutputStream out = Files.newOutputStream(file)) {
			workbook.write(out);
		}
		return file;
	}

	static Path csv(Path file, List<Object[]> rows, Charset charset) throws IOException {
		StringBuilder text = new StringBuilder();
		for (Object[] values : rows) {
			if (values != null) {
				for (int c = 0; c < values.length; c++) {
					text.append(c == 0 ? "" : ",").append(csvField(values[c]));
				}
			}
			text.append("\r\n");
		}
		Files.write(file, text.toString().getBytes(charset));
		return file;
	}

	private static String csvField(Object value) {
		if (value == null) {
			return "";
		}
		String text = value instanceof DateCell date ? date.date().toString()
				: value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : value.toString();
		return text.contains(",") || text.contains("\"") || text.contains("\n")
				? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

	/** Collects what the reader sends. */
	static final class Collected implements ListRowSink {

		final List<ListRow> rows = new ArrayList<>();

		final List<Finding> findings = new ArrayList<>();

		@Override
		public void row(ListRow row) {
			rows.add(row);
		}

		@Override
		public void finding(Finding finding) {
			findings.add(finding);
		}

		List<Finding> rule(String rule) {
			return findings.stream().filter(f -> f.rule().equals(rule)).toList();
		}

	}

}
