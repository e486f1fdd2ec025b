package org.anjian.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which recorded files are versions of one another, and which version is current: the one
 * version ranking of {@code audit_file}. The writers' {@code AuditLedger} calls it in
 * each file's transaction; tests that simulate corrections call it too, so nothing else
 * re-states it.
 *
 * <p>
 * Files are versions of one another when they share a {@link Scope}: for a summary table
 * the submitter, campaign and month; for a record-level list the submitter, the list kind
 * and the list's own scope ({@code audit_file.list_scope}), which the list's rows decide
 * ({@link #scopeList}):
 * <ul>
 * <li>{@code enterprise_directory}: its tier, {@code key} or {@code general}. 001 asks
 * for a 重点检查企业名录库 and a 一般检查企业名录库 (附件4/5): two lists that coexist, the key one for full
 * coverage, the general one the 双随机 pool.</li>
 * <li>{@code inspection_record}: its month, {@code 2024-05} — the month most of its
 * inspections fall in (ties: the later). 003's 统计表（一） is sent “每月30日前报送上月”: each month's
 * records are a list of their own, a corrected list of the same month replaces it, and a
 * record of the month before that came late does not move the list into that month. The
 * month is also the file's {@code period}.</li>
 * <li>{@code hazard_ledger}, {@code liaison_list}: none. A 隐患台账 is the running register
 * of every hazard with its 整改状态 as of sending, a 联络员名单 the current liaisons: a later one
 * replaces the whole earlier one.</li>
 * </ul>
 * A list naming no submitter (a county-wide directory) supersedes nothing: its scope
 * matches no file ({@code submitter_code = null}).
 */
public final class FileVersions {

	/**
	 * Among the accepted files of one scope the latest received (ties: the later path) is
	 * {@code loaded}, every other {@code superseded} by it, whatever order they arrived
	 * in (CONTRACT.md "A later accepted table … supersedes"). The window spells out the
	 * whole version key, so one statement ranks one scope or every scope at once.
	 */
	private static final String RANK = """
			with versions as (
			    select sha256, path,
			        row_number() over versions_of_one_file as version_rank,
			        first_value(sha256) over versions_of_one_file as current_sha256
			    from audit_file
			    where %s and status in ('loaded', 'superseded')
			    window versions_of_one_file as (
			        partition by submitter_code, list_kind, list_scope,
			            case when list_kind is null then campaign end, case when list_kind is null then period end
			        order by received_at desc, path desc)
			)
			update audit_file
			set status = case when versions.version_rank = 1 then 'loaded' else 'superseded' end,
			    superseded_by = case when versions.version_rank = 1 then null else versions.current_sha256 end
			from versions
			where audit_file.sha256 = versions.sha256 and audit_file.path = versions.path""";

	/**
	 * A list kind's scope from the landed rows of the files {@code %s} selects (a
	 * {@code sha256 in (…)} list): {@code sha256, list_scope, period} (null: the period
	 * stays). Kinds not listed have no scope.
	 */
	private static final Map<String, String> LIST_SCOPES = Map.of("enterprise_directory", """
			select sha256, min(list) as list_scope, cast(null as date) as period
			from raw_enterprise_directory
			where sha256 in (%s)
			group by sha256""", "inspection_record", """
			select sha256, left(cast(month as varchar), 7) as list_scope, month as period
			from (
			    select sha256, cast(date_trunc('month', try_cast(inspected_on as date)) as date) as month,
			        count(*) as inspections
			    from raw_inspection_record
			    where sha256 in (%s) and try_cast(inspected_on as date) is not null
			    group by all
			)
			qualify row_number() over (partition by sha256 order by inspections desc, month desc) = 1""");

	private FileVersions() {
	}

	/** What the files that are versions of one another share. */
	public sealed interface Scope permits Scope.SummaryScope, Scope.ListScope {

		/** The {@code audit_file} filter, with one {@code ?} per value. */
		String filter();

		List<Object> values();

		static Scope summary(String submitterCode, String campaign, YearMonth period) {
			return new SummaryScope(submitterCode, campaign, period);
		}

		/**
		 * @param listKind the list kind's code ({@code hazard_ledger} …)
		 * @param listScope the list's own scope ({@link FileVersions#scopeList}), or null
		 */
		static Scope list(String submitterCode, String listKind, String listScope) {
			return new ListScope(submitterCode, listKind, listScope);
		}

		/** Summary tables (统计汇总表): submitter × campaign × month. */
		record SummaryScope(String submitterCode, String campaign, YearMonth period) implements Scope {

			@Override
			public String filter() {
				return "submitter_code = ? and campaign = ? and period = ?";
			}

			@Override
			public List<Object> values() {
				return List.of(submitterCode, campaign, period.atDay(1));
			}

		}

		/**
		 * Record-level lists (明细清单): submitter × list kind × the list's own scope (a
		 * directory's tier, inspection records' month; none for ledgers and liaison
		 * lists).
		 */
		record ListScope(String submitterCode, String listKind, String listScope) implements Scope {

			@Override
			public String filter() {
				return "submitter_code = ? and list_kind = ? and list_scope is not distinct from ?";
			}

			@Override
			public List<Object> values() {
				// the scope may be null: none
				return Arrays.asList(submitterCode, listKind, listScope);
			}

		}

	}

	/**
	 * Re-ranks the accepted versions in one scope by received time (ties: the later
	 * path); set-based, one statement, in the caller's transaction.
	 */
	public static void rank(Warehouse warehouse, Scope scope) throws SQLException {
		PreparedStatement ps = warehouse.prepared(RANK.formatted(scope.filter()));
		List<Object> values = scope.values();
		for (int i = 0; i < values.size(); i++) {
			ps.setObject(i + 1, values.get(i));
		}
		ps.executeUpdate();
	}

	/**
	 * As {@link #rank(Warehouse, Scope)} for several scopes in one statement: each
	 * scope's versions are a partition of their own, so ranking them together leaves what
	 * ranking each did (a statement per scope was a quarter of a chunk's summary write,
	 * issue 18 part 5).
	 */
	public static void rank(Warehouse warehouse, Collection<? extends Scope> scopes) throws SQLException {
		if (scopes.isEmpty()) {
			return;
		}
		List<String> filters = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		for (Scope scope : scopes) {
			filters.add("(" + scope.filter() + ")");
			values.addAll(scope.values());
		}
		PreparedStatement ps = warehouse.prepared(RANK.formatted("(" + String.join(" or ", filters) + ")"));
		for (int i = 0; i < values.size(); i++) {
			ps.setObject(i + 1, values.get(i));
		}
		ps.executeUpdate();
	}

	/**
	 * The order of versions {@link #rank} ranks by, for a caller that keeps versions in
	 * memory (the intake's remembering history): received time, then path as DuckDB
	 * orders varchar (UTF-8 bytes); the greatest is the current version.
	 */
	public static int compare(LocalDateTime receivedAt, String path, LocalDateTime otherReceivedAt, String otherPath) {
		int byTime = receivedAt.compareTo(otherReceivedAt);
		return byTime != 0 ? byTime : Arrays.compareUnsigned(path.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				otherPath.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/**
	 * Records a landed list file's own scope, from its rows
	 * ({@code audit_file.list_scope}, and for inspection records the {@code period}), and
	 * returns the scope it is a version in. Call after its rows and its
	 * {@code audit_file} row are written, in the same transaction.
	 */
	public static Scope scopeList(Warehouse warehouse, String sha256, String path) throws SQLException {
		PreparedStatement kindOf = warehouse
			.prepared("select submitter_code, list_kind from audit_file where sha256 = ? and path = ?");
		kindOf.setString(1, sha256);
		kindOf.setString(2, path);
		String submitter;
		String kind;
		try (ResultSet rs = kindOf.executeQuery()) {
			if (!rs.next()) {
				throw new SQLException("入库记录中没有文件 " + path);
			}
			submitter = rs.getString(1);
			kind = rs.getString(2);
		}
		String scopes = LIST_SCOPES.get(kind);
		if (scopes == null) {
			return Scope.list(submitter, kind, null);
		}
		PreparedStatement ps = warehouse.prepared(assignScopes(kind, scopes.formatted("?")));
		ps.setString(1, sha256);
		ps.executeUpdate();
		PreparedStatement scopeOf = warehouse
			.prepared("select list_scope from audit_file where sha256 = ? and path = ?");
		scopeOf.setString(1, sha256);
		scopeOf.setString(2, path);
		try (ResultSet rs = scopeOf.executeQuery()) {
			rs.next();
			return Scope.list(submitter, kind, rs.getString(1));
		}
	}

	/**
	 * A warehouse written before lists had a scope: true when {@code audit_file} has
	 * {@code list_kind} but no {@code list_scope} yet.
	 */
	static boolean listsUnscoped(Connection connection) throws SQLException {
		try (var st = connection.createStatement();
				ResultSet rs = st.executeQuery(
						"""
								select count(*) filter (where column_name = 'list_kind'), count(*) filter (where column_name = 'list_scope')
								from information_schema.columns where table_name = 'audit_file' and table_schema = 'main'""")) {
			rs.next();
			return rs.getLong(1) > 0 && rs.getLong(2) == 0;
		}
	}

	/**
	 * Brings a warehouse written before lists had a scope up to the rule, in the caller's
	 * transaction: adds {@code list_scope}, scopes every recorded list from its landed
	 * rows, and re-ranks every list (a 一般 directory stops superseding the 重点 one, a
	 * month's inspection records stop superseding another month's).
	 */
	static void scopeRecordedLists(Warehouse warehouse) throws SQLException {
		try (var st = warehouse.connection().createStatement()) {
			st.execute("alter table audit_file add column if not exists list_scope varchar");
			for (Map.Entry<String, String> kind : LIST_SCOPES.entrySet()) {
				st.execute(assignScopes(kind.getKey(), kind.getValue()
					.formatted("select sha256 from audit_file where list_kind = '" + kind.getKey() + "'")));
			}
			st.execute(RANK.formatted("list_kind is not null and submitter_code is not null"));
		}
	}

	private static String assignScopes(String kind, String scopes) {
		return """
				update audit_file
				set list_scope = scopes.list_scope, period = coalesce(scopes.period, audit_file.period)
				from (%s) as scopes
				where audit_file.sha256 = scopes.sha256 and audit_file.list_kind = '%s'""".formatted(scopes, kind);
	}

}
