package org.anjian.writers.submissions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.anjian.warehouse.MeasureCatalog;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.anjian.writers.ledger.AuditLedger;

/**
 * A submitter's earlier cumulative figures, for the advisory check “累计数比上月少” (a
 * cumulative figure lower than the same submitter's previous month), and its earlier
 * headers ({@code TEMPLATE_CHANGED}).
 *
 * <p>
 * Asked for every file of an intake, these were two of the largest DuckDB queries per
 * small form (issue 18 part 5). {@link #remembering} keeps what it read, per submitter ×
 * campaign and submitter × form, for one intake run, and is told of each table the run
 * lands ({@link #landed}), so a file sees the one written just before it (a correction of
 * last month earlier in the same inbox) exactly as the queries would.
 */
public class SubmissionHistory {

	private final Warehouse warehouse;

	private final MeasureCatalog measures = MeasureCatalog.standard();

	/**
	 * Remembering: submitter × campaign → month → the loaded table's figures (empty: a
	 * loaded table without lines); null when every call asks the warehouse.
	 */
	private final Map<List<String>, NavigableMap<YearMonth, Map<String, Map<String, BigDecimal>>>> loaded;

	/**
	 * Remembering: submitter × form → accepted tables with a header, by received time and
	 * path → the header by measure.
	 */
	private final Map<List<String>, NavigableMap<Received, Map<String, AuditedFile.HeaderCell>>> headers;

	/**
	 * Remembering: submitter × campaign → month → its latest accepted version (the loaded
	 * one, as {@link org.anjian.warehouse.FileVersions} ranks), read with {@link #loaded}
	 * and told of every accepted table landed.
	 */
	private final Map<List<String>, Map<YearMonth, Received>> latest;

	public SubmissionHistory(Warehouse warehouse) {
		this(warehouse, false);
	}

	private SubmissionHistory(Warehouse warehouse, boolean remembering) {
		this.warehouse = warehouse;
		this.loaded = remembering ? new HashMap<>() : null;
		this.headers = remembering ? new HashMap<>() : null;
		this.latest = remembering ? new HashMap<>() : null;
	}

	/**
	 * A history for one intake run that reads each submitter's history once and must be
	 * told of every summary table the run lands ({@link #landed}); nothing else may
	 * change audit_file's summary tables meanwhile (the run holds the home's lock).
	 */
	public static SubmissionHistory remembering(Warehouse warehouse) {
		return new SubmissionHistory(warehouse, true);
	}

	/**
	 * A table the run has just recorded as {@code status} (committed, or in a transaction
	 * whose rollback is followed by {@link #forget}): a loaded one is its month's current
	 * table now, and an accepted one (loaded or superseded) with a header is the
	 * submitter's latest of its form from its received time on. Rejected files and files
	 * recorded before change neither and need not be told.
	 */
	public void landed(AuditedFile file, String status) {
		if (loaded == null || !file.accepted()
				|| !(AuditLedger.LOADED.equals(status) || AuditLedger.SUPERSEDED.equals(status))) {
			return;
		}
		List<String> key = List.of(file.submitterCode(), file.campaign());
		var months = loaded.get(key);
		if (months != null && AuditLedger.LOADED.equals(status)) {
			months.put(file.period(), figures(file.lines()));
		}
		var versions = latest.get(key);
		if (versions != null) {
			versions.merge(file.period(), new Received(file.receivedAt(), file.path()),
					(a, b) -> a.compareTo(b) >= 0 ? a : b);
		}
		if (file.form() != null && !file.header().isEmpty()) {
			var tables = headers.get(List.of(file.submitterCode(), file.form()));
			if (tables != null) {
				Map<String, AuditedFile.HeaderCell> header = new TreeMap<>();
				file.header().forEach(cell -> header.put(cell.measure(), cell));
				tables.put(new Received(file.receivedAt(), file.path()), new LinkedHashMap<>(header));
			}
		}
	}

	/**
	 * Forgets what it remembers, to read it again from the warehouse when next asked:
	 * after a transaction that told it of tables ({@link #landed} before the commit, as
	 * {@link SubmissionWriter#writeTogether} does) was rolled back.
	 */
	public void forget() {
		if (loaded != null) {
			loaded.clear();
			headers.clear();
			latest.clear();
		}
	}

	/**
	 * Whether an accepted version of the submitter's month received after this one (ties:
	 * the later path) is recorded, those the run told it of included: the status
	 * {@link org.anjian.warehouse.FileVersions#rank} will leave a file recorded now —
	 * superseded at once — without a query. Only for a remembering history, and only
	 * after {@link #noTableOf} or {@link #previousTable} asked about the submitter ×
	 * campaign.
	 */
	public boolean laterVersionRecorded(String submitterCode, String campaign, YearMonth period,
			LocalDateTime receivedAt, String path) {
		var versions = latest.get(List.of(submitterCode, campaign));
		if (versions == null) {
			throw new IllegalStateException("未读取 " + submitterCode + " " + campaign + " 的此前报表");
		}
		Received last = versions.get(period);
		return last != null && last.compareTo(new Received(receivedAt, path)) > 0;
	}

	/**
	 * True when this run remembers its history and no accepted table of the submitter's
	 * month is recorded: a table accepted now is then the month's only version, loaded as
	 * recorded, and there is nothing to re-rank. False when not remembering.
	 */
	public boolean noTableOf(String submitterCode, String campaign, YearMonth period) {
		if (loaded == null) {
			return false;
		}
		// every month with an accepted table has one loaded (the latest received)
		return !loaded.computeIfAbsent(List.of(submitterCode, campaign), key -> loadedTables(submitterCode, campaign))
			.containsKey(period);
	}

	/**
	 * An accepted table's place among its versions: received time, then path as DuckDB
	 * orders varchar (UTF-8 bytes).
	 */
	private record Received(LocalDateTime at, String path) implements Comparable<Received> {

		@Override
		public int compareTo(Received other) {
			return org.anjian.warehouse.FileVersions.compare(at, path, other.at, other.path);
		}

	}

	/** A landed table's figures as the warehouse gives them back. */
	private Map<String, Map<String, BigDecimal>> figures(List<AuditedFile.FactLine> lines) {
		Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
		for (AuditedFile.FactLine line : lines) {
			Map<String, BigDecimal> row = new LinkedHashMap<>();
			for (String code : measures.codes()) {
				BigDecimal value = line.measures().get(code);
				if (value != null) {
					row.put(code, landed(code, value));
				}
			}
			out.put(line.industryCode(), row);
		}
		return out;
	}

	/**
	 * A figure as land_submission_line holds it (and {@link SubmissionWriter} writes it):
	 * a count as a whole number, a decimal at scale 4.
	 */
	private BigDecimal landed(String code, BigDecimal value) {
		return measures.get(code).isDecimal() ? value.setScale(4, RoundingMode.HALF_UP)
				: BigDecimal.valueOf(value.longValueExact());
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
		if (loaded != null) {
			var months = loaded.computeIfAbsent(List.of(submitterCode, campaign),
					key -> loadedTables(submitterCode, campaign));
			var previous = months.lowerEntry(period);
			// as the query: a loaded table without lines is no table
			return previous == null || previous.getValue().isEmpty() ? new PreviousTable(null, new TreeMap<>())
					: new PreviousTable(previous.getKey(), copy(previous.getValue()));
		}
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
					out.put(rs.getString(1), row(rs, codes, 3));
					found = YearMonth.from(rs.getDate(2).toLocalDate());
				}
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询上月累计数失败：" + ex.getMessage(), ex);
		}
		return new PreviousTable(found, out);
	}

	/** Every loaded table of a submitter × campaign: month → figures. */
	private NavigableMap<YearMonth, Map<String, Map<String, BigDecimal>>> loadedTables(String submitterCode,
			String campaign) {
		List<String> codes = measures.codes();
		NavigableMap<YearMonth, Map<String, Map<String, BigDecimal>>> out = new TreeMap<>();
		Map<YearMonth, Received> versions = new HashMap<>();
		try {
			// each month's loaded table is its latest accepted version
			PreparedStatement months = warehouse.prepared("""
					select period, received_at, path from audit_file
					where status = 'loaded' and submitter_code = ? and campaign = ? and period is not null""");
			months.setString(1, submitterCode);
			months.setString(2, campaign);
			try (ResultSet rs = months.executeQuery()) {
				while (rs.next()) {
					YearMonth month = YearMonth.from(rs.getObject(1, LocalDate.class));
					out.put(month, new TreeMap<>());
					versions.merge(month, new Received(rs.getObject(2, LocalDateTime.class), rs.getString(3)),
							(a, b) -> a.compareTo(b) >= 0 ? a : b);
				}
			}
			PreparedStatement ps = warehouse.prepared("select f.period, l.industry_code, "
					+ String.join(", ", codes.stream().map(c -> "l." + c).toList())
					+ """

							from land_submission_line l
							join audit_file f on f.sha256 = l.sha256
							where f.status = 'loaded' and f.submitter_code = ? and f.campaign = ? and f.period is not null""");
			ps.setString(1, submitterCode);
			ps.setString(2, campaign);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.get(YearMonth.from(rs.getObject(1, LocalDate.class))).put(rs.getString(2), row(rs, codes, 3));
				}
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询上月累计数失败：" + ex.getMessage(), ex);
		}
		latest.put(List.of(submitterCode, campaign), versions);
		return out;
	}

	/** One line's figures from column {@code first} on, leaving out absent measures. */
	private Map<String, BigDecimal> row(ResultSet rs, List<String> codes, int first) throws SQLException {
		Map<String, BigDecimal> row = new LinkedHashMap<>();
		for (int i = 0; i < codes.size(); i++) {
			BigDecimal value = rs.getBigDecimal(i + first);
			if (value != null) {
				row.put(codes.get(i),
						measures.get(codes.get(i)).isDecimal() ? value : BigDecimal.valueOf(value.longValueExact()));
			}
		}
		return row;
	}

	/** A copy the caller may keep or change. */
	private static Map<String, Map<String, BigDecimal>> copy(Map<String, Map<String, BigDecimal>> figures) {
		Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
		figures.forEach((industry, row) -> out.put(industry, new LinkedHashMap<>(row)));
		return out;
	}

	/**
	 * The header of the submitter's latest accepted table of a form received before
	 * {@code before}: measure code → header cell as written; empty when there is none.
	 */
	public Map<String, AuditedFile.HeaderCell> previousHeader(String submitterCode, String form, LocalDateTime before) {
		if (headers != null) {
			var tables = headers.computeIfAbsent(List.of(submitterCode, form),
					key -> headerTables(submitterCode, form));
			// received before: every table at an earlier time, whatever its path
			var previous = tables.lowerEntry(new Received(before, ""));
			return previous == null ? new LinkedHashMap<>() : new LinkedHashMap<>(previous.getValue());
		}
		Map<String, AuditedFile.HeaderCell> out = new LinkedHashMap<>();
		try {
			PreparedStatement ps = warehouse.prepared("""
					with previous as (
					    select f.sha256 from audit_file f
					    where f.submitter_code = ? and f.form = ? and f.status in ('loaded', 'superseded')
					      and f.received_at < ?
					      and exists (select 1 from audit_header h where h.sha256 = f.sha256)
					    order by f.received_at desc, f.path desc
					    limit 1
					)
					select h.measure, h.cell, h.header_text from audit_header h join previous using (sha256)
					order by h.measure""");
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
			throw new WarehouseException("查询此前报表的表头失败：" + ex.getMessage(), ex);
		}
		return out;
	}

	/**
	 * Every accepted table of a submitter × form with a header: received time and path →
	 * the header by measure.
	 */
	private NavigableMap<Received, Map<String, AuditedFile.HeaderCell>> headerTables(String submitterCode,
			String form) {
		NavigableMap<Received, Map<String, AuditedFile.HeaderCell>> out = new TreeMap<>();
		try {
			PreparedStatement ps = warehouse.prepared("""
					select f.received_at, f.path, h.measure, h.cell, h.header_text
					from audit_file f join audit_header h on h.sha256 = f.sha256
					where f.submitter_code = ? and f.form = ? and f.status in ('loaded', 'superseded')
					order by h.measure""");
			ps.setString(1, submitterCode);
			ps.setString(2, form);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.computeIfAbsent(new Received(rs.getObject(1, LocalDateTime.class), rs.getString(2)),
							key -> new LinkedHashMap<>())
						.put(rs.getString(3),
								new AuditedFile.HeaderCell(rs.getString(3), rs.getString(4), rs.getString(5)));
				}
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询此前报表的表头失败：" + ex.getMessage(), ex);
		}
		return out;
	}

}
