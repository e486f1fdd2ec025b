package org.anjian.writers.official;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.warehouse.rollups.RollupTables;

/**
 * For every row of an official table, the submissions it was added up from: the table
 * each expected submitter counts with in the rollup (its roster entry: sha256, received
 * time, carried forward or not) when that table has a line for the row's industry; the 合计
 * row lists every table counted. Written into the manifest beside the table, so a figure
 * is traced to files: an upper level's manifest names the lower level's table by the
 * sha256 the lower level's own manifest carries as {@code sha256}.
 */
final class OfficialTableLineage {

	/** The 合计 row's industry code, as in the rollups. */
	static final String TOTAL = "ALL";

	/** One submission counted in a row. */
	record Source(String submitterCode, String submitterName, String sha256, String receivedAt, boolean carriedForward,
			String carriedFromPeriod) {
	}

	/** One printed row: its label, industry code ({@code ALL} for 合计) and sources. */
	record Row(String label, String industryCode, List<Source> sources) {
	}

	private final Connection connection;

	OfficialTableLineage(Connection connection) {
		this.connection = connection;
	}

	/**
	 * The sources of every row of {@code table}, in its print order: industries by the
	 * reference data's names (an industry no longer there by its code, as printed), then
	 * 合计.
	 */
	List<Row> rows(RollupRequest request, RollupTables tables, OfficialTable table) throws SQLException {
		Map<String, String> codeByLabel = new LinkedHashMap<>();
		try (PreparedStatement ps = connection.prepareStatement("select code, name from ref_industry");
				ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				codeByLabel.put(rs.getString(2), rs.getString(1));
			}
		}
		Map<String, List<Source>> byIndustry = new LinkedHashMap<>();
		List<Source> all = new ArrayList<>();
		DateTimeFormatter iso = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
		try (PreparedStatement ps = connection.prepareStatement("""
				select r.submitter_code, r.submitter_name, r.sha256, r.received_at, r.carried_forward,
				    r.carried_from_period, l.industry_code
				from %s as r
				left join (select distinct sha256, industry_code from land_submission_line) as l on l.sha256 = r.sha256
				where %s and r.sha256 is not null
				order by r.submitter_code, l.industry_code""".formatted(tables.roster(), tables.rosterWhere()))) {
			ps.setString(1, request.campaign());
			ps.setDate(2, Date.valueOf(request.period().atDay(1)));
			ps.setString(3, request.kind().code());
			if (tables.whatIf()) {
				ps.setTimestamp(4, Timestamp.valueOf(request.asOf()));
			}
			try (ResultSet rs = ps.executeQuery()) {
				String last = null;
				while (rs.next()) {
					Timestamp received = rs.getTimestamp(4);
					Date from = rs.getDate(6);
					Source source = new Source(rs.getString(1), rs.getString(2), rs.getString(3),
							received == null ? null : received.toLocalDateTime().format(iso), rs.getBoolean(5),
							from == null ? null : YearMonth.from(from.toLocalDate()).toString());
					if (!source.sha256().equals(last)) {
						all.add(source);
						last = source.sha256();
					}
					String industry = rs.getString(7);
					if (industry != null) {
						byIndustry.computeIfAbsent(industry, k -> new ArrayList<>()).add(source);
					}
				}
			}
		}
		List<Row> rows = new ArrayList<>();
		for (OfficialRow row : table.rows()) {
			if (table.rows().size() == 1 && !codeByLabel.containsKey(row.label())) {
				// a figures-rows table (F-003-II: 本月数 over 累计数) adds up every table
				// counted
				rows.add(new Row(row.label(), TOTAL, List.copyOf(all)));
				continue;
			}
			String code = codeByLabel.getOrDefault(row.label(), row.label());
			rows.add(new Row(row.label(), code, List.copyOf(byIndustry.getOrDefault(code, List.of()))));
		}
		rows.add(new Row(table.total().label(), TOTAL, List.copyOf(all)));
		return rows;
	}

	/** Appends {@code "rows": [...]} to a manifest being written. */
	static void json(StringBuilder json, List<Row> rows) {
		json.append("  \"rows\": [");
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			json.append(i == 0 ? "\n" : ",\n")
				.append("    {\"label\": ")
				.append(OfficialTableExporter.quote(row.label()))
				.append(", \"industry_code\": ")
				.append(OfficialTableExporter.quote(row.industryCode()))
				.append(", \"sources\": [");
			for (int j = 0; j < row.sources().size(); j++) {
				Source s = row.sources().get(j);
				json.append(j == 0 ? "\n" : ",\n")
					.append("      {\"submitter_code\": ")
					.append(OfficialTableExporter.quote(s.submitterCode()))
					.append(", \"submitter\": ")
					.append(OfficialTableExporter.quote(s.submitterName()))
					.append(", \"sha256\": ")
					.append(OfficialTableExporter.quote(s.sha256()))
					.append(", \"received_at\": ")
					.append(s.receivedAt() == null ? "null" : OfficialTableExporter.quote(s.receivedAt()))
					.append(", \"carried_forward\": ")
					.append(s.carriedForward())
					.append(", \"carried_from_period\": ")
					.append(s.carriedFromPeriod() == null ? "null" : OfficialTableExporter.quote(s.carriedFromPeriod()))
					.append("}");
			}
			json.append(row.sources().isEmpty() ? "]}" : "\n    ]}");
		}
		json.append(rows.isEmpty() ? "]" : "\n  ]");
	}

	/**
	 * The explanations (上报说明) of advisory findings in the tables this rollup adds up, for
	 * the manifest's {@code explanations[]}: who explained what, when, for which file
	 * version, so the office above sees why a figure that looks wrong is right.
	 */
	void explanationsJson(StringBuilder json, RollupRequest request, RollupTables tables) throws SQLException {
		json.append("  \"explanations\": [");
		int n = 0;
		try (PreparedStatement ps = connection.prepareStatement(
				"""
						select r.submitter_code, r.submitter_name, e.sha256, e.rule, e.cell, e.text, e.explained_by,
						    strftime(timezone('Asia/Shanghai', e.explained_at), '%%Y-%%m-%%dT%%H:%%M:%%S') || '+08:00' as explained_at, e.source,
						    (select string_agg(i.message, '；' order by i.issue_no) from audit_issue i
						     where i.sha256 = e.sha256 and i.rule = e.rule and i.severity = 'warning'
						       and (e.cell is null or e.cell = i.sheet || '!' || i.column_name || i.row_number)) as findings
						from %s as r
						join audit_explanation e on e.sha256 = r.sha256
						where %s and r.sha256 is not null and e.rule <> '*'
						order by r.submitter_code, e.explained_at, e.rule"""
					.formatted(tables.roster(), tables.rosterWhere()))) {
			ps.setString(1, request.campaign());
			ps.setDate(2, Date.valueOf(request.period().atDay(1)));
			ps.setString(3, request.kind().code());
			if (tables.whatIf()) {
				ps.setTimestamp(4, Timestamp.valueOf(request.asOf()));
			}
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					json.append(n++ == 0 ? "\n" : ",\n").append("    {\"submitter_code\": ").append(q(rs.getString(1)));
					json.append(", \"submitter\": ").append(q(rs.getString(2)));
					json.append(", \"sha256\": ").append(q(rs.getString(3)));
					json.append(", \"rule\": ").append(q(rs.getString(4)));
					json.append(", \"cell\": ").append(q(rs.getString(5)));
					json.append(", \"finding\": ").append(q(rs.getString(10)));
					json.append(", \"text\": ").append(q(rs.getString(6)));
					json.append(", \"by\": ").append(q(rs.getString(7)));
					json.append(", \"at\": ").append(q(rs.getString(8)));
					json.append(", \"source\": ").append(q(rs.getString(9))).append("}");
				}
			}
		}
		json.append(n == 0 ? "]" : "\n  ]");
	}

	private static String q(String value) {
		return value == null ? "null" : OfficialTableExporter.quote(value);
	}

}
