package org.anjian.warehouse.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One RFC 4180 CSV file with a header row, parsed strictly enough that every complaint
 * can name its line.
 *
 * <p>
 * Lines are 1-based physical lines of the file with the header on line 1; a record whose
 * quoted value spans lines is reported at the line it starts on.
 */
public final class CsvTable {

	/** A data record: its first physical line and its values by header name. */
	public record Row(int line, Map<String, String> values) {

		public String get(String column) {
			return values.getOrDefault(column, "");
		}

	}

	final String file;

	final List<String> header;

	final List<Row> rows;

	private CsvTable(String file, List<String> header, List<Row> rows) {
		this.file = file;
		this.header = header;
		this.rows = rows;
	}

	/** The data records in file order, blank lines left out. */
	public List<Row> rows() {
		return rows;
	}

	/**
	 * Parses {@code text} and checks its header: every {@code required} column present,
	 * no column outside {@code required} + {@code optional}, no column twice.
	 */
	public static CsvTable parse(String file, String text, List<String> required, List<String> optional) {
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<Record> records = records(file, text);
		if (records.isEmpty()) {
			throw new ReferenceDataException(file + " 第1行：文件为空，缺少表头 " + String.join(",", required));
		}
		List<String> header = records.get(0).fields().stream().map(String::strip).toList();
		for (int i = 0; i < header.size(); i++) {
			String col = header.get(i);
			if (!required.contains(col) && !optional.contains(col)) {
				throw new ReferenceDataException(
						file + " 第1行 第" + (i + 1) + "列：多余的列“" + col + "”，应为 " + String.join(",", required));
			}
			if (header.indexOf(col) != i) {
				throw new ReferenceDataException(file + " 第1行 " + col + " 列：列名重复");
			}
		}
		for (String col : required) {
			if (!header.contains(col)) {
				throw new ReferenceDataException(file + " 第1行：缺少列“" + col + "”，表头应为 " + String.join(",", required));
			}
		}
		List<Row> rows = new ArrayList<>();
		for (Record r : records.subList(1, records.size())) {
			if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
				continue; // blank line
			}
			if (r.fields().size() != header.size()) {
				throw new ReferenceDataException(
						file + " 第" + r.line() + "行：有 " + r.fields().size() + " 个值，表头有 " + header.size() + " 列");
			}
			Map<String, String> values = new LinkedHashMap<>();
			for (int i = 0; i < header.size(); i++) {
				values.put(header.get(i), r.fields().get(i).strip());
			}
			rows.add(new Row(r.line(), values));
		}
		return new CsvTable(file, header, rows);
	}

	private record Record(int line, List<String> fields) {
	}

	private static List<Record> records(String file, String text) {
		List<Record> out = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int line = 1;
		int recordLine = 1;
		boolean quoted = false;
		boolean afterQuote = false;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
						afterQuote = true;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
			}
			else if (c == '"') {
				if (afterQuote || !field.toString().isBlank()) {
					throw new ReferenceDataException(file + " 第" + line + "行：引号位置不对（值中间的引号要写成两个 \"\"）");
				}
				field.setLength(0);
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
				afterQuote = false;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				fields.add(field.toString());
				out.add(new Record(recordLine, List.copyOf(fields)));
				fields.clear();
				field.setLength(0);
				afterQuote = false;
				line++;
				recordLine = line;
			}
			else {
				if (afterQuote && !Character.isWhitespace(c)) {
					throw new ReferenceDataException(file + " 第" + line + "行：引号后面紧跟了多余的字符“" + c + "”");
				}
				if (!afterQuote) {
					field.append(c);
				}
			}
			i++;
		}
		if (quoted) {
			throw new ReferenceDataException(file + " 第" + recordLine + "行：引号没有闭合");
		}
		if (!fields.isEmpty() || field.length() > 0) {
			fields.add(field.toString());
			out.add(new Record(recordLine, List.copyOf(fields)));
		}
		return out;
	}

}
