package org.anjian.warehouse;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Region;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * Tiny given tables for warehouse tests: a two-township county and rows appended straight
 * into the landing tables, the way the submission writer leaves them.
 */
public final class Given {

	public static final String COUNTY = "510000";

	public static final String EAST = "510000101";

	public static final String WEST = "510000102";

	/** A township-level region with no submitter of its own: still gets a 合计 row. */
	public static final String PARK = "510000401";

	private Given() {
	}

	public static Path samples() {
		return Path.of(System.getProperty("anjian.samples", "../samples"));
	}

	public static ReferenceData sampleReference() {
		return ReferenceDataLoader.load(samples().resolve("reference"));
	}

	/** The second-round sample county (samples-b/ beside samples/). */
	public static Path samplesB() {
		return samples().toAbsolutePath().normalize().resolveSibling("samples-b");
	}

	/**
	 * samples-b's reference data, copied into {@code dir} without its F-003-II campaign
	 * ZF2024 (a form the loader does not accept yet).
	 */
	public static ReferenceData samplesBReference(Path dir) {
		try {
			for (String name : List.of("regions.csv", "industries.csv", "submitters.csv", "holidays.csv")) {
				java.nio.file.Files.copy(samplesB().resolve("reference").resolve(name), dir.resolve(name));
			}
			List<String> campaigns = java.nio.file.Files.readAllLines(samplesB().resolve("reference/campaigns.csv"))
				.stream()
				.filter(line -> !line.startsWith("ZF2024,"))
				.toList();
			java.nio.file.Files.write(dir.resolve("campaigns.csv"), campaigns);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return ReferenceDataLoader.load(dir);
	}

	/**
	 * 东镇 (T1 in EAST), 西镇 (T2 in WEST), 应急局 (D1, county); campaign X from 2024-04 to
	 * 2024-06, due the 22nd.
	 */
	public static ReferenceData tinyCounty() {
		return new ReferenceData(
				List.of(new Region(COUNTY, "测试县", "county", null), new Region(EAST, "东镇", "township", COUNTY),
						new Region(WEST, "西镇", "township", COUNTY), new Region(PARK, "测试园区", "park", COUNTY)),
				List.of(new Industry("yjgl", "应急管理", List.of()), new Industry("zj", "住建", List.of())),
				List.of(new Submitter("T1", "东镇", "township", EAST, List.of(), "张三", "13800000001"),
						new Submitter("T2", "西镇", "township", WEST, List.of(), "李四", "13800000002"),
						new Submitter("D1", "测试县应急管理局", "department", COUNTY, List.of(), "王五", "13800000003")),
				List.of(new Campaign("X", "测试专项行动", YearMonth.of(2024, 4), YearMonth.of(2024, 6), 22, List.of("测试"),
						"F-000", "earlier")),
				List.of());
	}

	/** One accepted (or other status) file row of audit_file. */
	public static void file(Warehouse w, String sha, String submitter, YearMonth period, LocalDateTime receivedAt,
			String status) {
		exec(w, """
				insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
				    error_count, warning_count, ingested_at)
				values (?, ?, ?, ?, ?, 'X', ?, 0, 0, ?)""", sha, sha + ".xlsx", receivedAt, status, submitter,
				period.atDay(1), receivedAt);
	}

	/**
	 * One industry row of a table: hazards found (major, general) and rectified (major,
	 * general); totals derived.
	 */
	public static void line(Warehouse w, String sha, int row, String submitter, String region, YearMonth period,
			String industry, LocalDateTime receivedAt, long hazardsMajor, long hazardsGeneral, long rectifiedMajor,
			long rectifiedGeneral) {
		exec(w, """
				insert into land_submission_line (sha256, sheet, row_number, submitter_code, campaign, period,
				    region_code, industry_code, received_at, hazards_total, hazards_major, hazards_general,
				    rectified_total, rectified_major, rectified_general, fines_wan)
				values (?, 'Sheet1', ?, ?, 'X', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1.5)""", sha, row, submitter,
				period.atDay(1), region, industry, receivedAt, hazardsMajor + hazardsGeneral, hazardsMajor,
				hazardsGeneral, rectifiedMajor + rectifiedGeneral, rectifiedMajor, rectifiedGeneral);
	}

	/**
	 * A list file's audit_file row, the way the writers' ListWriter records it (no
	 * campaign, period left null).
	 */
	public static void listFile(Warehouse w, String sha, String listKind, String submitter, LocalDateTime receivedAt,
			String status) {
		exec(w, """
				insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
				    error_count, warning_count, ingested_at, list_kind)
				values (?, ?, ?, ?, ?, null, null, 0, 0, ?, ?)""", sha, sha + ".xlsx", receivedAt, status, submitter,
				receivedAt, listKind);
	}

	/**
	 * One landed list row: {@code columnsAndValues} alternates raw column names and their
	 * text, e.g. {@code "enterprise_name", "某某公司", "level", "major"}; columns not named
	 * stay NULL.
	 */
	public static void listRow(Warehouse w, String rawTable, String sha, int row, String... columnsAndValues) {
		StringBuilder columns = new StringBuilder("sha256, row_number");
		StringBuilder marks = new StringBuilder("?, ?");
		Object[] params = new Object[2 + columnsAndValues.length / 2];
		params[0] = sha;
		params[1] = row;
		for (int i = 0; i < columnsAndValues.length; i += 2) {
			columns.append(", ").append(columnsAndValues[i]);
			marks.append(", ?");
			params[2 + i / 2] = columnsAndValues[i + 1];
		}
		exec(w, "insert into " + rawTable + " (" + columns + ") values (" + marks + ")", params);
	}

	/** A valid 统一社会信用代码 (GB 32100-2015 check character) from its first 17 characters. */
	public static String uscc(String first17) {
		String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		int[] weights = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += chars.indexOf(first17.charAt(i)) * weights[i];
		}
		return first17 + chars.charAt((31 - sum % 31) % 31);
	}

	public static void exec(Warehouse w, String sql, Object... params) {
		try (PreparedStatement ps = w.connection().prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			ps.execute();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/**
	 * Rows of an ordered query, each as a list of column values rendered as strings (null
	 * stays null).
	 */
	public static List<List<String>> rows(Warehouse w, String sql, Object... params) {
		try (PreparedStatement ps = w.connection().prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			try (var rs = ps.executeQuery()) {
				int n = rs.getMetaData().getColumnCount();
				List<List<String>> out = new java.util.ArrayList<>();
				while (rs.next()) {
					List<String> row = new java.util.ArrayList<>();
					for (int i = 1; i <= n; i++) {
						Object v = rs.getObject(i);
						row.add(v == null ? null : v.toString());
					}
					out.add(row);
				}
				return out;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

}
