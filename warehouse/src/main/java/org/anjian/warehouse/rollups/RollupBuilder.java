package org.anjian.warehouse.rollups;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;

/**
 * Materializes one rollup ({@link RollupRequest}) of one (campaign, month) from the SQL
 * under {@code warehouse/rollups/}, parameterized by DuckDB variables {@code campaign},
 * {@code period}, {@code as_of}, {@code deadline} and {@code kind}.
 *
 * <p>
 * The rollup's rows for (campaign, period) and the roster and deliverables roster rows
 * for (campaign, period, kind) are deleted and inserted in one transaction, so re-running
 * replaces them and a reader never sees a half-written rollup. A what-if
 * ({@link RollupRequest#isWhatIf}) writes the {@code whatif_} tables instead, replacing
 * only the rows of its own {@code as_of} ({@link RollupTables}), and leaves the
 * deliverables roster alone. Expects the reference data already written to {@code ref_*}
 * (ReferenceDataLoader.write).
 */
public final class RollupBuilder {

	private final Warehouse warehouse;

	private final ReferenceData reference;

	private final DeadlineCalendar calendar;

	public RollupBuilder(Warehouse warehouse, ReferenceData reference) {
		this.warehouse = warehouse;
		this.reference = reference;
		this.calendar = new DeadlineCalendar(reference.holidays());
	}

	/**
	 * Materializes {@code request}; its campaign month must be one of the reference
	 * data's (RollupRequest.of).
	 */
	public RollupResult materialize(RollupRequest request) {
		Campaign c = reference.campaign(request.campaign())
			.orElseThrow(() -> new IllegalArgumentException("未知的专项行动代码“" + request.campaign() + "”"));
		String campaign = c.code();
		YearMonth period = request.period();
		RollupKind kind = request.kind();
		LocalDateTime effectiveAsOf = request.asOf();
		LocalDate deadline = calendar.deadline(c, period);
		RollupTables tables = request.tables(reference);
		warehouse.buildStaging();
		int[] written = new int[1];
		List<RollupResult.RosterEntry> roster = new ArrayList<>();
		warehouse.inTransaction(() -> {
			Connection connection = warehouse.connection();
			try (Statement st = connection.createStatement()) {
				st.execute("set variable campaign = " + Warehouse.literal(campaign));
				st.execute("set variable period = date '" + period.atDay(1) + "'");
				st.execute("set variable as_of = timestamp '" + effectiveAsOf + "'");
				st.execute("set variable deadline = date '" + deadline + "'");
				st.execute("set variable kind = '" + kind.code() + "'");
				for (String model : Warehouse.index("rollups/int_")) {
					st.execute("create or replace temp view " + Warehouse.modelName(model) + " as\n"
							+ Warehouse.resource(model));
				}
			}
			if (tables.whatIf()) {
				addMissingColumns(connection, kind.table(), tables.rollup());
				addMissingColumns(connection, "rollup_roster", tables.roster());
			}
			written[0] = replace(connection, tables.rollup(), tables.rollupWhere(), kind.table(),
					bind(tables, campaign, period, null, effectiveAsOf));
			replace(connection, tables.roster(), tables.rosterWhere(), "rollup_roster",
					bind(tables, campaign, period, kind.code(), effectiveAsOf));
			if (!tables.whatIf()) {
				// deliverables.csv's roster (empty without it): instances due this month
				// or
				// before
				replace(connection, "rollup_deliverables", "campaign = ? and period = ? and kind = ?",
						"rollup_deliverables", bind(tables, campaign, period, kind.code(), effectiveAsOf));
			}
			try (PreparedStatement ps = connection.prepareStatement("""
					select submitter_code, submitter_name, status, carried_forward, liaison, phone
					from %s where %s
					order by submitter_code""".formatted(tables.roster(), tables.rosterWhere()))) {
				List<Object> values = bind(tables, campaign, period, kind.code(), effectiveAsOf);
				for (int i = 0; i < values.size(); i++) {
					ps.setObject(i + 1, values.get(i));
				}
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						roster.add(new RollupResult.RosterEntry(rs.getString(1), rs.getString(2), rs.getString(3),
								rs.getBoolean(4), rs.getString(5), rs.getString(6)));
					}
				}
			}
		});
		return new RollupResult(campaign, period, kind, written[0], effectiveAsOf, deadline, List.copyOf(roster));
	}

	/**
	 * The values of {@link RollupTables#rollupWhere()} or (with a kind) its roster twin.
	 */
	private static List<Object> bind(RollupTables tables, String campaign, YearMonth period, String kind,
			LocalDateTime asOf) {
		List<Object> values = new ArrayList<>(List.of(campaign, period.atDay(1)));
		if (kind != null) {
			values.add(kind);
		}
		if (tables.whatIf()) {
			values.add(asOf);
		}
		return values;
	}

	/**
	 * Deletes the rollup's rows of {@code table} and inserts them again from the model
	 * {@code model}.
	 */
	private static int replace(Connection connection, String table, String where, String model, List<Object> values)
			throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement("delete from " + table + " where " + where)) {
			for (int i = 0; i < values.size(); i++) {
				ps.setObject(i + 1, values.get(i));
			}
			ps.executeUpdate();
		}
		try (Statement st = connection.createStatement()) {
			return st
				.executeUpdate("insert into " + table + " by name\n" + Warehouse.resource("rollups/" + model + ".sql"));
		}
	}

	/**
	 * Gives a what-if table every column a later migration added to its official twin
	 * (V006 copied the columns the official table had then).
	 */
	private static void addMissingColumns(Connection connection, String official, String whatIf) throws SQLException {
		List<String> additions = new ArrayList<>();
		try (PreparedStatement ps = connection.prepareStatement("""
				select column_name, data_type from information_schema.columns o
				where o.table_schema = 'main' and o.table_name = ? and not exists (
				    select 1 from information_schema.columns w
				    where w.table_schema = 'main' and w.table_name = ? and w.column_name = o.column_name)
				order by o.ordinal_position""")) {
			ps.setString(1, official);
			ps.setString(2, whatIf);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					additions.add("alter table " + whatIf + " add column " + rs.getString(1) + " " + rs.getString(2));
				}
			}
		}
		try (Statement st = connection.createStatement()) {
			for (String sql : additions) {
				st.execute(sql);
			}
		}
	}

}
