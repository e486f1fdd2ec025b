package org.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home written before lists had a scope: when the new version opens it, every recorded
 * list gets its scope from its rows and is ranked again, so what the old ranking wrongly
 * superseded is current again.
 */
class FileVersionsTests {

	@TempDir
	Path dir;

	@Test
	void aWarehouseWrittenBeforeListsHadAScopeIsScopedAndRankedAgainWhenOpened() throws Exception {
		// given: the old schema (everything before V012) and what the old ranking, one
		// version per submitter and list kind, left in it
		Path file = dir.resolve("warehouse.duckdb");
		try (Connection old = DriverManager.getConnection("jdbc:duckdb:" + file);
				Statement st = old.createStatement()) {
			for (String script : Warehouse.index("schema/")) {
				if (!script.contains("V012")) {
					for (String statement : Warehouse.statements(Warehouse.resource(script))) {
						st.execute(statement);
					}
				}
			}
			list(st, "key-may", "enterprise_directory", "T1", 5, "superseded", "general-june");
			st.execute("insert into raw_enterprise_directory (sha256, row_number, list, enterprise_name) "
					+ "values ('key-may', 3, 'key', '甲'), ('key-may', 4, 'key', '乙')");
			list(st, "general-june", "enterprise_directory", "T1", 6, "loaded", null);
			st.execute("insert into raw_enterprise_directory (sha256, row_number, list, enterprise_name) "
					+ "values ('general-june', 3, 'general', '丙')");
			st.execute("insert into raw_inspection_record (sha256, row_number, enterprise_name, inspected_on) "
					+ "values ('insp-may', 4, '甲', '2024-04-30'), ('insp-may', 5, '乙', '2024-05-08'), "
					+ "('insp-may', 6, '丙', '2024-05-20')");
			list(st, "insp-may", "inspection_record", "D1", 6, "superseded", "insp-june");
			st.execute("insert into raw_inspection_record (sha256, row_number, enterprise_name, inspected_on) "
					+ "values ('insp-june', 4, '甲', '2024-06-03')");
			list(st, "insp-june", "inspection_record", "D1", 7, "loaded", null);
			list(st, "ledger-may", "hazard_ledger", "T1", 5, "superseded", "ledger-june");
			list(st, "ledger-june", "hazard_ledger", "T1", 6, "loaded", null);
		}
		// when
		try (Warehouse warehouse = Warehouse.open(file)) {
			// then: the 重点 and 一般 directories and May's and June's records are current;
			// a later ledger still replaces the earlier one
			assertThat(Given.rows(warehouse,
					"select sha256, status, superseded_by, list_scope, period from audit_file order by sha256"))
				.containsExactly(Arrays.asList("general-june", "loaded", null, "general", null),
						Arrays.asList("insp-june", "loaded", null, "2024-06", "2024-06-01"),
						Arrays.asList("insp-may", "loaded", null, "2024-05", "2024-05-01"),
						Arrays.asList("key-may", "loaded", null, "key", null),
						Arrays.asList("ledger-june", "loaded", null, null, null),
						Arrays.asList("ledger-may", "superseded", "ledger-june", null, null));
		}
		// and opening it again changes nothing
		try (Warehouse warehouse = Warehouse.open(file)) {
			assertThat(Given.rows(warehouse, "select count(*) from audit_file where status = 'loaded'"))
				.containsExactly(List.of("5"));
		}
	}

	/** A list file's audit_file row as the old version recorded it. */
	static void list(Statement st, String sha, String kind, String submitter, int month, String status,
			String supersededBy) throws Exception {
		String received = "2024-%02d-25 09:00:00".formatted(month);
		// the old writer's period of inspection records: the month of the earliest
		String period = kind.equals("inspection_record")
				? "(select cast(date_trunc('month', min(cast(inspected_on as date))) as date) from raw_inspection_record where sha256 = '"
						+ sha + "')"
				: "null";
		st.execute("""
				insert into audit_file (sha256, path, received_at, status, submitter_code, period, error_count,
				    warning_count, ingested_at, list_kind, superseded_by)
				values ('%s', '%s.xlsx', timestamp '%s', '%s', '%s', %s, 0, 0, timestamp '%s', '%s', %s)""".formatted(
				sha, sha, received, status, submitter, period, received, kind,
				supersededBy == null ? "null" : "'" + supersededBy + "'"));
	}

}
