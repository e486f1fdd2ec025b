package org.anjian.jobs.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads a warehouse file read-only after a command has finished, as an analyst would. */
public final class WarehouseQueries {

	private WarehouseQueries() {
	}

	public static List<Map<String, Object>> query(Path home, String sql, Object... params) {
		Properties props = new Properties();
		props.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"), props);
				PreparedStatement st = prepare(c, sql, params);
				ResultSet rs = st.executeQuery()) {
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

	private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
		PreparedStatement ps = c.prepareStatement(sql);
		for (int i = 0; i < params.length; i++) {
			ps.setObject(i + 1, params[i]);
		}
		return ps;
	}

}
