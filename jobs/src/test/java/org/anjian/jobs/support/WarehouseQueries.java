package org.anjian.jobs.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads a warehouse file read-only after a command has finished, as an analyst would. */
public final class WarehouseQueries {

	private WarehouseQueries() {
	}

	public static List<Map<String, Object>> query(Path home, String sql) {
		Properties props = new Properties();
		props.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"), props);
				Statement st = c.createStatement();
				ResultSet rs = st.executeQuery(sql)) {
			List<Map<String, Object>> rows = new ArrayList<>();
			ResultSetMetaData md = rs.getMetaData();
			while (rs.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= md.getColumnCount(); i++) {
					row.put(md.getColumnLabel(i), rs.getObject(i));
				}
				rows.add(row);
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

}
