package org.anjian.writers.submissions;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.anjian.warehouse.MeasureCatalog;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;

/**
 * A submitter's earlier cumulative figures, for the advisory check “累计数比上月少” (a
 * cumulative figure lower than the same submitter's previous month).
 */
public class SubmissionHistory {

	private final Warehouse warehouse;

	private final MeasureCatalog measures = MeasureCatalog.standard();

	public SubmissionHistory(Warehouse warehouse) {
		this.warehouse = warehouse;
	}

	/**
	 * The current ('loaded') table of the latest month before {@code period} for which
	 * the submitter has one: industry_code → (measure code → value), leaving out measures
	 * the table did not have; empty when there is none.
	 */
	public Map<String, Map<String, BigDecimal>> previousCumulative(String submitterCode, String campaign,
			YearMonth period) {
		return previousTable(submitterCode, campaign, period).figures();
	}

	/**
	 * The submitter's current table of the latest month before another: its month and its
	 * cumulative figures.
	 *
	 * @param period the month of that table, or null when there is none
	 * @param figures industry_code → (measure code → value); empty when there is none
	 */
	public record PreviousTable(YearMonth period, Map<String, Map<String, BigDecimal>> figures) {
	}

	/**
	 * Like {@link #previousCumulative}, with the month the figures are of.
	 */
	public PreviousTable previousTable(String submitterCode, String campaign, YearMonth period) {
		List<String> codes = measures.codes();
		String sql = "select l.industry_code, f.period, "
				+ String.join(", ", codes.stream().map(c -> "l." + c).toList()) + """

						from land_submission_line l
						join audit_file f on f.sha256 = l.sha256
						where f.status = 'loaded' and f.submitter_code = ? and f.campaign = ?
						  and f.period = (
						    select max(period) from audit_file
						    where status = 'loaded' and submitter_code = ? and campaign = ? and period < ?)
						order by l.industry_code""";
		Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
		YearMonth found = null;
		try {
			PreparedStatement ps = warehouse.prepared(sql);
			ps.setString(1, submitterCode);
			ps.setString(2, campaign);
			ps.setString(3, submitterCode);
			ps.setString(4, campaign);
			ps.setObject(5, period.atDay(1));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					Map<String, BigDecimal> row = new LinkedHashMap<>();
					for (int i = 0; i < codes.size(); i++) {
						BigDecimal value = rs.getBigDecimal(i + 3);
						if (value != null) {
							row.put(codes.get(i), measures.get(codes.get(i)).isDecimal() ? value
									: BigDecimal.valueOf(value.longValueExact()));
						}
					}
					out.put(rs.getString(1), row);
					found = YearMonth.from(rs.getDate(2).toLocalDate());
				}
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询上月累计数失败：" + ex.getMessage(), ex);
		}
		return new PreviousTable(found, out);
	}

	/**
	 * The header of the submitter's latest accepted table of a form received before
	 * {@code before}: measure code → header cell as written; empty when there is none.
	 */
	public Map<String, AuditedFile.HeaderCell> previousHeader(String submitterCode, String form,
			java.time.LocalDateTime before) {
		Map<String, AuditedFile.HeaderCell> out = new LinkedHashMap<>();
		try (PreparedStatement ps = warehouse.connection().prepareStatement("""
				with previous as (
				    select f.sha256 from audit_file f
				    where f.submitter_code = ? and f.form = ? and f.status in ('loaded', 'superseded')
				      and f.received_at < ?
				      and exists (select 1 from audit_header h where h.sha256 = f.sha256)
				    order by f.received_at desc, f.path desc
				    limit 1
				)
				select h.measure, h.cell, h.header_text from audit_header h join previous using (sha256)
				order by h.measure""")) {
			ps.setString(1, submitterCode);
			ps.setString(2, form);
			ps.setObject(3, before);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.put(rs.getString(1),
							new AuditedFile.HeaderCell(rs.getString(1), rs.getString(2), rs.getString(3)));
				}
			}
		}
		catch (SQLException ex) {
			throw new org.anjian.warehouse.WarehouseException("查询此前报表的表头失败：" + ex.getMessage(), ex);
		}
		return out;
	}

}
