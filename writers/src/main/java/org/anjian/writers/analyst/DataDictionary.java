package org.anjian.writers.analyst;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.MeasureCatalog;
import org.anjian.warehouse.reference.CsvTable;
import org.anjian.writers.exports.AtomicFiles;

/**
 * The data dictionary, generated from the live schema ({@code duckdb_columns()}, the
 * information schema plus column comments) and the measure catalog
 * ({@code measures.csv}), so it cannot go stale: {@code data_dictionary.md} and
 * {@code data_dictionary.csv} (table, column, type, unit, 中文名称, description). Measure
 * columns take their label and unit from the catalog ({@code <code>_cum} = 累计数; in
 * {@code rollup_month_end} the plain code = 本月数); other columns from
 * {@code analyst/columns.csv} (a {@code table.column} row before a {@code column} row); a
 * column comment in the warehouse wins over both.
 */
public final class DataDictionary {

	public static final String MARKDOWN = "data_dictionary.md";

	public static final String CSV = "data_dictionary.csv";

	/** One documented column. */
	public record Entry(String table, String column, String type, String unit, String labelZh, String description) {
	}

	private DataDictionary() {
	}

	/**
	 * Writes both files into {@code dir} (each replaced atomically); returns the entries
	 * written.
	 */
	public static List<Entry> write(Connection warehouse, Path dir) throws IOException, SQLException {
		List<Entry> entries = entries(warehouse);
		StringBuilder csv = new StringBuilder("\uFEFFtable,column,type,unit,中文名称,description\n");
		for (Entry e : entries) {
			csv.append(String.join(",",
					List.of(csv(e.table), csv(e.column), csv(e.type), csv(e.unit), csv(e.labelZh), csv(e.description))))
				.append('\n');
		}
		StringBuilder md = new StringBuilder("# 数据字典 (data dictionary)\n\n");
		md.append("Generated from the warehouse's live schema and the measure catalog; do not edit by hand.\n");
		String table = null;
		for (Entry e : entries) {
			if (!e.table.equals(table)) {
				table = e.table;
				md.append("\n## ").append(table).append("\n\n");
				md.append("| column | type | unit | 中文名称 | description |\n| --- | --- | --- | --- | --- |\n");
			}
			md.append("| ").append(md(e.column)).append(" | ").append(md(e.type)).append(" | ").append(md(e.unit));
			md.append(" | ").append(md(e.labelZh)).append(" | ").append(md(e.description)).append(" |\n");
		}
		AtomicFiles.write(dir.resolve(CSV), out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
		AtomicFiles.write(dir.resolve(MARKDOWN), out -> out.write(md.toString().getBytes(StandardCharsets.UTF_8)));
		return entries;
	}

	/**
	 * Every column of every table and view of the warehouse's main schema,
	 * dim/fact/rollup tables first.
	 */
	public static List<Entry> entries(Connection warehouse) throws SQLException {
		MeasureCatalog measures = MeasureCatalog.standard();
		Map<String, CsvTable.Row> columns = new HashMap<>();
		CsvTable
			.parse("columns.csv", resource("columns.csv"), List.of("column", "label_zh", "unit", "description"),
					List.of())
			.rows()
			.forEach(row -> columns.put(row.get("column"), row));
		List<Entry> out = new ArrayList<>();
		try (Statement st = warehouse.createStatement(); ResultSet rs = st.executeQuery("""
				select table_name, column_name, data_type, comment
				from duckdb_columns()
				where database_name = current_database() and schema_name = current_schema()
				order by case when regexp_matches(table_name, '^(dim|fact|rollup)_') then 0 else 1 end,
				    table_name, column_index""")) {
			while (rs.next()) {
				String table = rs.getString(1);
				String column = rs.getString(2);
				String comment = rs.getString(4);
				String[] doc = describe(table, column, measures, columns);
				String description = comment != null && !comment.isBlank() ? comment : doc[2];
				out.add(new Entry(table, column, rs.getString(3), doc[0], doc[1], description));
			}
		}
		return out;
	}

	/** {unit, 中文名称, description} of a column. */
	private static String[] describe(String table, String column, MeasureCatalog measures,
			Map<String, CsvTable.Row> columns) {
		String code = column.endsWith("_cum") ? column.substring(0, column.length() - 4) : column;
		if (measures.contains(code)) {
			MeasureCatalog.Measure m = measures.get(code);
			String label = m.labelZh();
			String description = m.description();
			if (column.endsWith("_cum")) {
				label += "（累计数）";
				description += "; cumulative from the campaign's first month";
			}
			else if (table.equals("rollup_month_end")) {
				label += "（本月数）";
				description += "; the month's figure (cumulative M minus cumulative M-1)";
			}
			else if (table.equals("rollup_cutoff")) {
				label += "（累计数）";
				description += "; cumulative from the campaign's first month";
			}
			return new String[] { m.unit(), label, description };
		}
		// "table.column" first, for a name that means something else in that table
		// (fact_hazard.deadline = 整改期限)
		CsvTable.Row c = columns.getOrDefault(table + "." + column, columns.get(column));
		if (c != null) {
			return new String[] { c.get("unit"), c.get("label_zh"), c.get("description") };
		}
		return new String[] { "", "", "" };
	}

	private static String csv(String s) {
		if (s == null) {
			return "";
		}
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}

	private static String md(String s) {
		return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
	}

	private static String resource(String name) {
		try (InputStream in = DataDictionary.class.getClassLoader().getResourceAsStream("analyst/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
