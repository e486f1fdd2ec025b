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
 * replaces them and a reader never sees a half-written rollup. Expects the reference data
 * already written to {@code ref_*} (ReferenceDataLoader.write).
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
			written[0] = replace(connection, kind.table(), "campaign = ? and period = ?", campaign, period, null);
			replace(connection, "rollup_roster", "campaign = ? and period = ? and kind = ?", campaign, period,
					kind.code());
			// deliverables.csv's roster (empty without it): instances due this month or
			// before
			replace(connection, "rollup_deliverables", "campaign = ? and period = ? and kind = ?", campaign, period,
					kind.code());
			try (PreparedStatement ps = connection.prepareStatement("""
					select submitter_code, submitter_name, status, carried_forward, liaison, phone
					from rollup_roster where campaign = ? and period = ? and kind = ?
					order by submitter_code""")) {
				ps.setString(1, campaign);
				ps.setObject(2, period.atDay(1));
				ps.setString(3, kind.code());
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

	private static int replace(Connection connection, String table, String where, String campaign, YearMonth period,
			String kind) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement("delete from " + table + " where " + where)) {
			ps.setString(1, campaign);
			ps.setObject(2, period.atDay(1));
			if (kind != null) {
				ps.setString(3, kind);
			}
			ps.executeUpdate();
		}
		try (Statement st = connection.createStatement()) {
			return st
				.executeUpdate("insert into " + table + " by name\n" + Warehouse.resource("rollups/" + table + ".sql"));
		}
	}

}
