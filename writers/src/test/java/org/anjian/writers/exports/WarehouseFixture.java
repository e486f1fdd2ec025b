package org.anjian.writers.exports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small county in a warehouse: reference data, the dim/fact tables the exports read
 * (their real DDL belongs to the warehouse module; these carry the contract's column
 * kinds) and materialized rollups for 2024-04 and 2024-05.
 */
public final class WarehouseFixture {

	public static final String COUNTY = "519902";

	public static final List<String> INDUSTRIES = List.of("yjgl", "jtys", "zj", "scjg");

	/** The F-000 measures, in form order. */
	public static final List<String> MEASURES = List.of("inspection_teams", "inspectors", "experts",
			"enterprises_inspected", "hazards_total", "hazards_major", "hazards_general", "rectified_total",
			"rectified_major", "rectified_general", "emergency_measures", "cases_filed", "fines_wan",
			"double_penalty_cases", "closures_requested", "licenses_revoked", "suspensions_ordered",
			"enforcement_documents", "joint_punishments", "criminal_transfers", "selfcheck_enterprises",
			"selfcheck_hazards", "selfcheck_hazards_major");

	private WarehouseFixture() {
	}

	/**
	 * A fresh in-memory DuckDB with the warehouse's landing and rollup DDL. Not
	 * {@code Warehouse.inMemory()}: that sets the TimeZone setting, which needs DuckDB's
	 * icu extension, and this machine cannot download it.
	 */
	public static Connection open() throws SQLException {
		Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
		try (Statement st = c.createStatement()) {
			for (String script : org.anjian.warehouse.Warehouse.index("schema/")) {
				for (String statement : org.anjian.warehouse.Warehouse.resource(script)
					.replaceAll("--[^\n]*", "")
					.split(";")) {
					if (!statement.isBlank()) {
						st.execute(statement);
					}
				}
			}
		}
		return c;
	}

	/**
	 * The warehouse in a new file, opened as anjian opens it ({@code Warehouse.open}) and
	 * so created in DuckDB storage version {@code storageVersion} (null: the default, the
	 * analysts' snapshot's).
	 */
	public static Connection openFile(java.nio.file.Path file, String storageVersion) {
		return org.anjian.warehouse.Warehouse.open(file, org.anjian.warehouse.Warehouse.storageVersion(storageVersion))
			.connection();
	}

	public static void referenceData(Connection c) throws SQLException {
		try (Statement st = c.createStatement()) {
			st.execute("""
					insert into ref_region values
					  ('519902', '鹤鸣县', 'county', null),
					  ('519902101', '桃源镇', 'township', '519902'),
					  ('519902103', '新场镇', 'township', '519902')""");
			// Deliberately not in code order: the official table prints industries in
			// reference-data order.
			st.execute("""
					insert into ref_industry values
					  ('yjgl', '应急管理', ['应急']), ('jtys', '交通运输', []), ('zj', '住建', ['住建局']),
					  ('scjg', '市场监管', []), ('xf', '消防', [])""");
			st.execute("""
					insert into ref_campaign (code, name, first_month, last_month, cutoff_day, title_keywords, form,
					  holiday_shift)
					values ('QA2024', '强安2024监管执法专项行动', date '2024-04-01',
					  date '2024-10-01', 22, ['强安2024'], 'F-000', 'earlier')""");
			st.execute("""
					insert into ref_submitter values
					  ('HM02', '桃源镇', 'township', '519902101', [], '彭永刚', '15082637714'),
					  ('HM04', '新场镇', 'township', '519902103', [], '曾德明', '18728350092'),
					  ('HM08', '鹤鸣县市场监督管理局', 'department', '519902', [], '蒋红', '13678004152')""");
		}
	}

	/**
	 * Star-schema tables shaped like the warehouse's marts (names and kinds of the
	 * contract columns).
	 */
	public static void starSchema(Connection c) throws SQLException {
		try (Statement st = c.createStatement()) {
			st.execute(
					"create table dim_region as select code as region_code, name as region_name, level from ref_region");
			st.execute(
					"create table dim_industry as select code as industry_code, name as industry_name from ref_industry");
			st.execute("""
					create table dim_submitter as select code as submitter_code, name as submitter_name, kind,
					  region_code, liaison, phone from ref_submitter""");
			st.execute("""
					create table dim_period as select cast(d as date) as period, year(d) as year, month(d) as month
					from range(date '2024-04-01', date '2024-11-01', interval 1 month) t(d)""");
			st.execute(
					"""
							create table fact_submission_line (sha256 varchar, submitter_code varchar, campaign varchar,
							  period date, industry_code varchar, hazards_total bigint, fines_wan decimal(18,4), note varchar)""");
			st.execute("""
					insert into fact_submission_line values
					  ('a1', 'HM02', 'QA2024', date '2024-04-01', 'yjgl', 12, 1.5500, '正常'),
					  ('a1', 'HM02', 'QA2024', date '2024-04-01', 'zj', 3, 0.0000, null),
					  ('b2', 'HM04', 'QA2024', date '2024-05-01', 'yjgl', 7, 2.1250, '=1+1'),
					  ('b2', 'HM04', 'QA2024', date '2024-05-01', 'scjg', 0, null, '-负数说明')""");
		}
	}

	/**
	 * Materialized rollups of 2024-04 and 2024-05 (cutoff, month-end, roster) for the
	 * county and one township.
	 */
	public static void rollups(Connection c) throws SQLException {
		for (YearMonth period : List.of(YearMonth.of(2024, 4), YearMonth.of(2024, 5))) {
			for (String region : List.of(COUNTY, "519902101")) {
				Map<String, BigDecimal> total = new LinkedHashMap<>();
				for (String industry : INDUSTRIES) {
					Map<String, BigDecimal> values = figures(period, region, industry);
					values.forEach((k, v) -> total.merge(k, v, BigDecimal::add));
					rollupRows(c, period, region, industry, values);
				}
				rollupRows(c, period, region, "ALL", total);
			}
			roster(c, period);
		}
	}

	/**
	 * Distinct figures per (period, region, industry, measure), so a figure in the wrong
	 * place shows.
	 */
	public static Map<String, BigDecimal> figures(YearMonth period, String region, String industry) {
		Map<String, BigDecimal> values = new LinkedHashMap<>();
		int base = period.getMonthValue() * 1000 + INDUSTRIES.indexOf(industry) * 100
				+ (COUNTY.equals(region) ? 0 : 50);
		for (int i = 0; i < MEASURES.size(); i++) {
			values.put(MEASURES.get(i),
					"fines_wan".equals(MEASURES.get(i))
							? new BigDecimal(base).movePointLeft(2).add(new BigDecimal("0.0025"))
							: BigDecimal.valueOf(base + i));
		}
		return values;
	}

	/**
	 * The month-end rollup's cumulative figure: the cutoff-shaped figure plus a marker so
	 * the two differ.
	 */
	public static BigDecimal cumulative(BigDecimal figure) {
		return figure.add(BigDecimal.valueOf(100000));
	}

	private static void rollupRows(Connection c, YearMonth period, String region, String industry,
			Map<String, BigDecimal> values) throws SQLException {
		String cols = String.join(", ", MEASURES);
		String cums = String.join(", ", MEASURES.stream().map(m -> m + "_cum").toList());
		String marks = String.join(", ", MEASURES.stream().map(m -> "?").toList());
		try (PreparedStatement cutoff = c.prepareStatement("insert into rollup_cutoff (campaign, period, region_code, "
				+ "industry_code, " + cols + ", submitters_expected, submitters_reported, submitters_carried_forward, "
				+ "as_of) values ('QA2024', ?, ?, ?, " + marks + ", 3, 2, 1, ?)");
				PreparedStatement monthEnd = c.prepareStatement("insert into rollup_month_end (campaign, period, "
						+ "region_code, industry_code, " + cols + ", " + cums + ", rectification_rate, "
						+ "major_rectification_rate, submitters_expected, submitters_reported, "
						+ "submitters_carried_forward, as_of) values ('QA2024', ?, ?, ?, " + marks + ", " + marks
						+ ", ?, ?, 3, 3, 0, ?)")) {
			List<BigDecimal> v = new ArrayList<>(values.values());
			cutoff.setDate(1, Date.valueOf(period.atDay(1)));
			cutoff.setString(2, region);
			cutoff.setString(3, industry);
			for (int i = 0; i < v.size(); i++) {
				cutoff.setBigDecimal(4 + i, v.get(i));
			}
			cutoff.setTimestamp(4 + v.size(), java.sql.Timestamp.valueOf(period.atDay(22).atTime(23, 59, 59)));
			cutoff.executeUpdate();
			monthEnd.setDate(1, Date.valueOf(period.atDay(1)));
			monthEnd.setString(2, region);
			monthEnd.setString(3, industry);
			for (int i = 0; i < v.size(); i++) {
				monthEnd.setBigDecimal(4 + i, v.get(i));
				monthEnd.setBigDecimal(4 + v.size() + i, cumulative(v.get(i)));
			}
			int next = 4 + 2 * v.size();
			BigDecimal found = cumulative(values.get("hazards_total"));
			BigDecimal fixed = cumulative(values.get("rectified_total"));
			monthEnd.setDouble(next, fixed.doubleValue() / found.doubleValue());
			monthEnd.setObject(next + 1, null);
			monthEnd.setTimestamp(next + 2, java.sql.Timestamp.valueOf(period.atEndOfMonth().atTime(23, 59, 59)));
			monthEnd.executeUpdate();
		}
	}

	/**
	 * Both rosters of {@code period}: 桃源镇 and the department on time, 新场镇 missing at the
	 * cutoff (its table for the month rejected, the month before carried forward) and
	 * late at month-end; received_at is the time of the table taken, as the rollup writes
	 * it.
	 */
	private static void roster(Connection c, YearMonth period) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("""
				insert into rollup_roster (campaign, period, kind, submitter_code, submitter_name, region_code, status,
				    carried_forward, carried_from_period, sha256, received_at, deadline, liaison, phone, as_of,
				    rejected_rules, rejected_at)
				values ('QA2024', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
			for (String kind : List.of("cutoff", "month-end")) {
				boolean cutoff = "cutoff".equals(kind);
				LocalDateTime onTime = period.atDay(20).atTime(10, 0);
				Object[][] rows = {
						{ "HM02", "桃源镇", "519902101", "on_time", false, null, "彭永刚", "15082637714", onTime, null },
						{ "HM04", "新场镇", "519902103", cutoff ? "missing" : "late", cutoff,
								cutoff ? period.minusMonths(1) : null, "曾德明", "18728350092",
								cutoff ? period.minusMonths(1).atDay(18).atTime(9, 30) : period.atDay(25).atTime(16, 0),
								cutoff ? "NEGATIVE" : null },
						{ "HM08", "鹤鸣县市场监督管理局", "519902", "on_time", false, null, "蒋红", "13678004152", onTime, null } };
				for (Object[] r : rows) {
					ps.setDate(1, Date.valueOf(period.atDay(1)));
					ps.setString(2, kind);
					ps.setString(3, (String) r[0]);
					ps.setString(4, (String) r[1]);
					ps.setString(5, (String) r[2]);
					ps.setString(6, (String) r[3]);
					ps.setBoolean(7, (Boolean) r[4]);
					ps.setDate(8, r[5] == null ? null : Date.valueOf(((YearMonth) r[5]).atDay(1)));
					ps.setString(9, "sha-" + r[0]);
					ps.setTimestamp(10, java.sql.Timestamp.valueOf((LocalDateTime) r[8]));
					ps.setDate(11, Date.valueOf(period.atDay(22)));
					ps.setString(12, (String) r[6]);
					ps.setString(13, (String) r[7]);
					ps.setTimestamp(14, java.sql.Timestamp.valueOf(period.atDay(22).atTime(23, 59, 59)));
					ps.setString(15, (String) r[9]);
					ps.setTimestamp(16,
							r[9] == null ? null : java.sql.Timestamp.valueOf(period.atDay(21).atTime(8, 0)));
					ps.executeUpdate();
				}
			}
		}
	}

}
