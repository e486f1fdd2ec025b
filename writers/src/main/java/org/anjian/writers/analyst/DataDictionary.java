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
import org.anjian.warehouse.rollups.RollupTables;
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
	 * Writes both files into {@code dir} (each replaced atomically) for the connection's
	 * current database; returns the entries written.
	 */
	public static List<Entry> write(Connection warehouse, Path dir) throws IOException, SQLException {
		List<Entry> entries = entries(warehouse);
		write(entries, dir);
		return entries;
	}

	/** Writes both files into {@code dir} (each replaced atomically). */
	public static void write(List<Entry> entries, Path dir) throws IOException {
		StringBuilder csv = new StringBuilder("\uFEFFtable,column,type,unit,中文名称,description\n");
		for (Entry e : entries) {
			csv.append(String.join(",",
					List.of(csv(e.table), csv(e.column), csv(e.type), csv(e.unit), csv(e.labelZh), csv(e.description))))
				.append('\n');
		}
		StringBuilder md = new StringBuilder("# 数据字典 (data dictionary)\n\n");
		md.append("Generated from the live schema and the measure catalog; do not edit by hand. ");
		md.append("Tables first, then views (the analysts' views `v_*` are in the snapshot).\n");
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
	}

	/**
	 * Every column of every table and view of the connection's current database (main
	 * schema), dim/fact/rollup tables first.
	 */
	public static List<Entry> entries(Connection warehouse) throws SQLException {
		return entries(warehouse, null);
	}

	/**
	 * Every column of every table and view of {@code database} (an attached database's
	 * alias; null: the current database), main schema: dim/fact/rollup tables first, then
	 * the other tables, then the analysts' views ({@code v_*}), then other views.
	 */
	public static List<Entry> entries(Connection warehouse, String database) throws SQLException {
		MeasureCatalog measures = MeasureCatalog.standard();
		Map<String, CsvTable.Row> columns = columnsCsv();
		List<Entry> out = new ArrayList<>();
		try (java.sql.PreparedStatement st = warehouse.prepareStatement("""
				select c.table_name, c.column_name, c.data_type, c.comment
				from duckdb_columns() c
				where c.database_name = coalesce(?, current_database()) and c.schema_name = 'main'
				order by case when regexp_matches(c.table_name, '^(dim|fact|rollup)_') then 0
				              when not c.internal and c.table_name not in (
				                  select view_name from duckdb_views() v
				                  where v.database_name = c.database_name and v.schema_name = 'main') then 1
				              when starts_with(c.table_name, 'v_') then 2 else 3 end,
				    c.table_name, c.column_index""")) {
			st.setString(1, database);
			try (ResultSet rs = st.executeQuery()) {
				while (rs.next()) {
					String table = rs.getString(1);
					String column = rs.getString(2);
					String comment = rs.getString(4);
					String[] doc = describe(table, column, measures, columns);
					String description = comment != null && !comment.isBlank() ? comment : doc[2];
					out.add(new Entry(table, column, rs.getString(3), doc[0], doc[1], description));
				}
			}
		}
		return out;
	}

	/**
	 * The 中文名称 of a column as the dictionary gives it (without a warehouse column
	 * comment); empty when none is known.
	 */
	public static String labelZh(String table, String column) {
		return describe(table, column, MeasureCatalog.standard(), columnsCsv())[1];
	}

	/**
	 * {@code columns.csv} by column, parsed once per process: it is a resource of the
	 * jar, and the export asks for a label per CSV column (some 250 parses of the file, ≈
	 * 0.2 s, before this was kept).
	 */
	private static Map<String, CsvTable.Row> columnsCsv() {
		return ColumnsCsv.BY_COLUMN;
	}

	private static final class ColumnsCsv {

		static final Map<String, CsvTable.Row> BY_COLUMN = parse();

		private static Map<String, CsvTable.Row> parse() {
			Map<String, CsvTable.Row> columns = new HashMap<>();
			CsvTable
				.parse("columns.csv", resource("columns.csv"), List.of("column", "label_zh", "unit", "description"),
						List.of())
				.rows()
				.forEach(row -> columns.put(row.get("column"), row));
			return java.util.Collections.unmodifiableMap(columns);
		}

	}

	/** {unit, 中文名称, description} of a column. */
	private static String[] describe(String table, String column, MeasureCatalog measures,
			Map<String, CsvTable.Row> columns) {
		String code = column.endsWith("_cum") ? column.substring(0, column.length() - 4) : column;
		// a what-if table means what its official twin means
		table = table.startsWith(RollupTables.WHAT_IF_PREFIX) ? table.substring(RollupTables.WHAT_IF_PREFIX.length())
				: table;
		if (measures.contains(code)) {
			MeasureCatalog.Measure m = measures.get(code);
			String label = m.labelZh();
			String description = m.description();
			if (column.endsWith("_cum")) {
				label += "（累计数）";
				description += "; cumulative from the campaign's first month";
			}
			else if (table.equals("rollup_month_end") || table.startsWith("v_")) {
				// the analysts' views read rollup_month_end: a plain code is the month's
				// figure there too
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
