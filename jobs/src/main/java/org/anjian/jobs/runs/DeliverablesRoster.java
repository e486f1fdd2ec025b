package org.anjian.jobs.runs;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Objects;

import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.rollups.RollupRequest;

/**
 * The deliverables roster (rollup_deliverables) as {@code rollup} prints it: every
 * deliverable due in the rollup's month, submitter by submitter, and those due earlier
 * that are still missing; the liaison to call beside each late, missing or pending one.
 * Prints nothing when the campaign declares no deliverables.
 */
final class DeliverablesRoster {

	private DeliverablesRoster() {
	}

	static void print(Warehouse warehouse, RollupRequest request, RunProgress out) throws SQLException {
		try (PreparedStatement ps = warehouse.connection().prepareStatement("""
				select deliverable_code, deliverable_name, instance, due_on, due_this_month, submitter_code,
				       submitter_name, status, received_at, received_as, liaison, phone
				from rollup_deliverables
				where campaign = ? and period = ? and kind = ? and (due_this_month or status = 'missing')
				order by not due_this_month, due_on, deliverable_code, instance,
				         case status when 'missing' then 0 when 'late' then 1 when 'pending' then 2 else 3 end,
				         submitter_code""")) {
			ps.setString(1, request.campaign());
			ps.setObject(2, request.period().atDay(1));
			ps.setString(3, request.kind().code());
			try (ResultSet rs = ps.executeQuery()) {
				String group = null;
				Boolean thisMonth = null;
				while (rs.next()) {
					boolean dueThisMonth = rs.getBoolean("due_this_month");
					if (!Objects.equals(thisMonth, dueThisMonth)) {
						thisMonth = dueThisMonth;
						out.line(dueThisMonth ? "应报材料（" + request.period() + " 到期）：" : "此前到期仍未报送的材料：");
						group = null;
					}
					String instance = rs.getString("instance");
					String key = rs.getString("deliverable_code") + "/" + instance;
					if (!key.equals(group)) {
						group = key;
						out.line("  " + rs.getString("deliverable_code") + " " + rs.getString("deliverable_name")
								+ ("once".equals(instance) ? "" : " " + instance) + "（截止 " + rs.getObject("due_on")
								+ "）");
					}
					out.line(line(rs));
				}
			}
		}
	}

	private static String line(ResultSet rs) throws SQLException {
		String status = rs.getString("status");
		StringBuilder line = new StringBuilder(String.format("    %-6s %-14s %s", rs.getString("submitter_code"),
				rs.getString("submitter_name"), switch (status) {
					case "on_time" -> "按时报送";
					case "late" -> "逾期报送";
					case "pending" -> "未到期";
					default -> "未报";
				}));
		Timestamp received = rs.getTimestamp("received_at");
		if (received != null) {
			line.append(' ')
				.append(received.toLocalDateTime().toString().replace('T', ' '))
				.append("（")
				.append(switch (rs.getString("received_as")) {
					case "document" -> "文档";
					case "liaison_list" -> "联络员名单";
					case "enterprise_directory" -> "企业名录库";
					case "hazard_ledger" -> "隐患台账";
					case "inspection_record" -> "执法检查记录";
					default -> rs.getString("received_as");
				})
				.append("）");
		}
		if (!"on_time".equals(status) && rs.getString("liaison") != null) {
			line.append("  联络员 ").append(rs.getString("liaison")).append(' ').append(rs.getString("phone"));
		}
		return line.toString();
	}

}
