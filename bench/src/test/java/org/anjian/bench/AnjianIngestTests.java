package org.anjian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

import org.anjian.jobs.submissions.ListIntake;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest workload goes through the intake's own classes, and the generated ledger
 * loads as a county's would.
 */
class AnjianIngestTests {

	@TempDir
	Path tmp;

	@Test
	void generatedLedgerLoadsThroughTheRealIntakeFromARecognisedSender() throws Exception {
		// given a ledger with two bad rows and the demo county's reference data
		Path ledger = tmp.resolve("ledger.xlsx");
		new LedgerWorkbookGenerator().write(ledger, 2000, 2);
		ReferenceData reference = ReferenceDataLoader.loadDemo();

		try (Warehouse warehouse = Warehouse.open(tmp.resolve("w.duckdb"))) {
			// when
			String status = ListIntake.of(warehouse, reference, IntakeSettings.from(setting -> null)).ingest(ledger);

			// then loaded, its sender recognised, the good rows landed and the bad ones
			// reported by row
			assertThat(status).isEqualTo("loaded");
			assertThat(query(warehouse, "select submitter_code || ' ' || list_kind || ' ' || path from audit_file"))
				.isEqualTo("QC07 hazard_ledger ledger.xlsx");
			assertThat(query(warehouse, "select count(*) from raw_hazard_ledger")).isEqualTo("1998");
			assertThat(query(warehouse, "select count(distinct row_number) from audit_issue where severity = 'error'"))
				.isEqualTo("2");
		}
	}

	@Test
	void workloadCountsEveryRowItHandledAndSaysWhereItsTimeWent() throws Exception {
		// given
		Path ledger = tmp.resolve("ledger.xlsx");
		new LedgerWorkbookGenerator().write(ledger, 1000, 3);
		Path scratch = Files.createDirectories(tmp.resolve("scratch"));
		AnjianIngest ingest = new AnjianIngest();
		BenchWorkload.Run run = new BenchWorkload.Run(ledger, 1000, LedgerWorkbookGenerator.DEFAULT_SEED, scratch);

		// when
		ingest.prepare(run);
		long rows = ingest.run(run);

		// then
		assertThat(rows).isEqualTo(1000);
		assertThat(ingest.phases()).startsWith("阶段：哈希 ");
	}

	private static String query(Warehouse warehouse, String sql) throws Exception {
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
