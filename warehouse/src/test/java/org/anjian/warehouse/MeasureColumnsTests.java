package org.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.anjian.warehouse.MeasureCatalog.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The measure columns are written out in the DDL (V002 land_submission_line, V007 its
 * twin land_submission_month_line; V003 rollup_cutoff, rollup_month_end and its
 * {@code _cum} twin) and in stg_submissions__lines; {@code measures.csv} is the catalog.
 * Each relation's whole column list — names, types and order, as DuckDB reports them in
 * {@code information_schema.columns} — must be its own columns around the catalog's
 * measures, so a measure added, dropped, renamed, moved or retyped in one place and not
 * the other fails here. Order matters: the submission writer's Appender fills
 * land_submission_line by position (its lineage columns, then the measures), and the
 * exports and the data dictionary show the columns in table order. README "Decisions"
 * says why the lists are written out rather than generated from the catalog.
 */
class MeasureColumnsTests {

	private static final MeasureCatalog CATALOG = MeasureCatalog.standard();

	private static final List<String> ROLLUP_KEY = List.of("campaign VARCHAR", "period DATE", "region_code VARCHAR",
			"industry_code VARCHAR");

	private static final List<String> ROLLUP_COUNTS = List.of("submitters_expected INTEGER",
			"submitters_reported INTEGER", "submitters_carried_forward INTEGER", "as_of TIMESTAMP");

	@Test
	void theLandingTableIsItsLineageThenEveryMeasureInCatalogOrder() throws SQLException {
		try (Warehouse warehouse = Warehouse.inMemory()) {
			assertThat(columns(warehouse.connection(), "land_submission_line"))
				.isEqualTo(expected("land_submission_line"));
		}
	}

	/**
	 * V007 writes the 本月数 rows' landing table out again: the same columns in the same
	 * order, since the writer fills both with one Appender routine and the staging view
	 * stacks them.
	 */
	@Test
	void theMonthRowsLandingTableHasTheLineLandingTablesColumns() throws SQLException {
		try (Warehouse warehouse = Warehouse.inMemory()) {
			assertThat(columns(warehouse.connection(), "land_submission_month_line"))
				.isEqualTo(expected("land_submission_line"));
		}
	}

	@Test
	void theCutoffRollupIsItsKeyThenEveryMeasureThenTheSubmitterCounts() throws SQLException {
		try (Warehouse warehouse = Warehouse.inMemory()) {
			assertThat(columns(warehouse.connection(), "rollup_cutoff")).isEqualTo(expected("rollup_cutoff"));
		}
	}

	@Test
	void theMonthEndRollupIsItsKeyThenTheMonthsMeasuresThenTheCumulativeOnesThenRatesAndCounts() throws SQLException {
		try (Warehouse warehouse = Warehouse.inMemory()) {
			assertThat(columns(warehouse.connection(), "rollup_month_end")).isEqualTo(expected("rollup_month_end"));
		}
	}

	@Test
	void theStagingViewOfTheLinesKeepsEveryMeasureInCatalogOrder() throws SQLException {
		try (Warehouse warehouse = Warehouse.inMemory()) {
			warehouse.buildStaging();
			assertThat(columns(warehouse.connection(), "stg_submissions__lines"))
				.isEqualTo(expected("stg_submissions__lines"));
		}
	}

	@Test
	void theCatalogHasOnlyTheTwoTypesTheDdlKnows() {
		assertThat(CATALOG.measures()).extracting(Measure::type).containsOnly("integer", "decimal");
		assertThat(CATALOG.codes()).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z][a-z_]*"));
	}

	/**
	 * The guard itself: the schema script as shipped, run in a fresh database, gives the
	 * expected columns; with one drift of each kind it does not.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					two measures swapped    | V002__submissions.sql | land_submission_line | hazards_major bigint,\\n    hazards_general bigint,         | hazards_general bigint,\\n    hazards_major bigint,
					a measure retyped       | V002__submissions.sql | land_submission_line | fines_wan decimal(18,4)                                       | fines_wan decimal(18,2)
					a measure renamed       | V002__submissions.sql | land_submission_line | blacklisted bigint                                            | blacklist bigint
					a measure dropped       | V002__submissions.sql | land_submission_line | \\n    report_rewards bigint,                                  | ''
					a measure added         | V003__rollups.sql     | rollup_cutoff        | exposures bigint,                                             | exposures bigint,\\n    exposure_records bigint,
					a cumulative swapped    | V003__rollups.sql     | rollup_month_end     | hazards_major_cum bigint,\\n    hazards_general_cum bigint, | hazards_general_cum bigint,\\n    hazards_major_cum bigint,
					a cumulative retyped    | V003__rollups.sql     | rollup_month_end     | fines_wan_cum decimal(18,4)                                   | fines_wan_cum double
					""")
	void aDriftInTheDdlIsCaught(String drift, String script, String table, String from, String to) throws SQLException {
		String shipped = Warehouse.resource("schema/" + script);
		String find = from.replace("\\n", "\n");
		assertThat(shipped).as("the drift applies to %s", script).contains(find);
		String drifted = shipped.replace(find, to.replace("\\n", "\n"));

		assertThat(columnsAfter(shipped, table)).as("as shipped").isEqualTo(expected(table));
		assertThat(columnsAfter(drifted, table)).as(drift).isNotEmpty().isNotEqualTo(expected(table));
	}

	/**
	 * What the catalog says a relation's columns are: its own columns around the
	 * measures.
	 */
	private static List<String> expected(String relation) {
		return switch (relation) {
			case "land_submission_line" -> concat(List.of("sha256 VARCHAR", "sheet VARCHAR", "row_number INTEGER",
					"submitter_code VARCHAR", "campaign VARCHAR", "period DATE", "region_code VARCHAR",
					"industry_code VARCHAR", "received_at TIMESTAMP"), measures(""));
			case "rollup_cutoff" -> concat(ROLLUP_KEY, measures(""), ROLLUP_COUNTS);
			case "rollup_month_end" -> concat(ROLLUP_KEY, measures(""), measures("_cum"),
					List.of("rectification_rate DOUBLE", "major_rectification_rate DOUBLE", "coverage_rate DOUBLE"),
					ROLLUP_COUNTS);
			case "stg_submissions__lines" -> concat(
					List.of("sha256 VARCHAR", "submitter_code VARCHAR", "campaign VARCHAR", "region_code VARCHAR",
							"industry_code VARCHAR", "sheet VARCHAR", "figures VARCHAR", "row_number INTEGER"),
					measures(""), List.of("period DATE", "received_at TIMESTAMP"));
			default -> throw new IllegalArgumentException(relation);
		};
	}

	private static List<String> columnsAfter(String script, String table) throws SQLException {
		try (Connection fresh = DriverManager.getConnection("jdbc:duckdb:"); Statement st = fresh.createStatement()) {
			for (String statement : Warehouse.statements(script)) {
				st.execute(statement);
			}
			return columns(fresh, table);
		}
	}

	/**
	 * Every catalog measure as “column TYPE”: whole counts are BIGINT, the one decimal
	 * (万元) DECIMAL(18,4).
	 */
	private static List<String> measures(String suffix) {
		return CATALOG.measures()
			.stream()
			.map(m -> m.code() + suffix + " " + (m.isDecimal() ? "DECIMAL(18,4)" : "BIGINT"))
			.toList();
	}

	@SafeVarargs
	private static List<String> concat(List<String>... parts) {
		List<String> out = new ArrayList<>();
		for (List<String> part : parts) {
			out.addAll(part);
		}
		return out;
	}

	/** A relation's columns as “column TYPE”, in ordinal order. */
	private static List<String> columns(Connection connection, String relation) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement(
				"select column_name, data_type from information_schema.columns where table_name = ? order by ordinal_position")) {
			ps.setString(1, relation);
			List<String> out = new ArrayList<>();
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(rs.getString(1) + " " + rs.getString(2));
				}
			}
			return out;
		}
	}

}
