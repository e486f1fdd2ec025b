package org.anjian.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.anjian.warehouse.calendar.OfficeTime;
import org.springframework.stereotype.Component;

/**
 * The pages read the analysts' snapshot ({@code <home>/analyst/anjian.duckdb}), never the
 * warehouse, exactly as an analyst does during the nightly: read-only, one connection per
 * question, closed again, so each question sees the latest published copy and no job ever
 * waits for the workbench (README "For analysts"). The SQL is the warehouse's
 * ({@code warehouse/src/main/resources/workbench/*.sql}).
 */
@Component
class Snapshot {

	private final WorkbenchSettings settings;

	Snapshot(WorkbenchSettings settings) {
		this.settings = settings;
	}

	boolean available() {
		return Files.isRegularFile(settings.snapshot());
	}

	/** When the snapshot was published (Asia/Shanghai), or null before the first. */
	LocalDateTime publishedAt() {
		try {
			return available() ? LocalDateTime.ofInstant(Files.getLastModifiedTime(settings.snapshot()).toInstant(),
					OfficeTime.ZONE) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Rows of {@code workbench/<name>.sql} with its {@code ?} parameters; none before the
	 * first export.
	 */
	List<Map<String, Object>> query(String name, Object... parameters) {
		if (!available()) {
			return List.of();
		}
		Properties readOnly = new Properties();
		readOnly.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + settings.snapshot(), readOnly);
				PreparedStatement ps = c.prepareStatement(sql(name))) {
			for (int i = 0; i < parameters.length; i++) {
				ps.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				ResultSetMetaData meta = rs.getMetaData();
				List<Map<String, Object>> rows = new ArrayList<>();
				while (rs.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= meta.getColumnCount(); i++) {
						row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value(rs.getObject(i)));
					}
					rows.add(row);
				}
				return rows;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("读取分析快照失败（" + name + "）：" + ex.getMessage(), ex);
		}
	}

	private static Object value(Object v) {
		if (v instanceof java.sql.Timestamp t) {
			return t.toLocalDateTime();
		}
		if (v instanceof java.sql.Date d) {
			return d.toLocalDate();
		}
		if (v instanceof java.time.OffsetDateTime o) {
			return o.atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDateTime();
		}
		return v;
	}

	static String sql(String name) {
		try (InputStream in = Snapshot.class.getResourceAsStream("/workbench/" + name + ".sql")) {
			if (in == null) {
				throw new IllegalStateException("缺少 SQL 文件 workbench/" + name + ".sql");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
