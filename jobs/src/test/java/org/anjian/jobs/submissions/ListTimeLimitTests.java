package org.anjian.jobs.submissions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.readers.RecordListFile;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListFileSummary;
import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.lists.ListWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A list whose reading does not end within the list time limit (here a reader that keeps
 * sending rows, as a pathological file could) is abandoned: its rows are rolled back and
 * the file is rejected with READ_TIMEOUT naming the limit; the run goes on.
 */
class ListTimeLimitTests {

	@TempDir
	Path tmp;

	private Warehouse warehouse;

	@AfterEach
	void close() {
		warehouse.close();
	}

	@Test
	void aListReadThatOutlastsTheTimeLimitIsRolledBackAndRejected() throws Exception {
		warehouse = Warehouse.open(tmp.resolve("home/warehouse.duckdb"));
		Path ledger = Files.writeString(tmp.resolve("台账.csv"), "企业名称,隐患描述,隐患等级,发现日期\n");
		ListFileReader endless = new ListFileReader() {
			@Override
			public ListFileSummary read(Path file, ListRowSink sink) {
				String[] values = new String[ListKind.HAZARD_LEDGER.columns().size()];
				values[0] = "甲公司";
				for (int row = 2; !Thread.currentThread().isInterrupted(); row++) {
					sink.row(new ListRow(row, values, List.of()));
					if (row % 1000 == 0) {
						Thread.onSpinWait();
					}
				}
				throw new IllegalStateException("interrupted");
			}
		};
		ListSubmissionWriter writer = new ListSubmissionWriter(endless, new ListWriter(warehouse),
				Duration.ofSeconds(1));
		InboxFile file = new InboxFile(ledger, "台账.csv", "sha-endless", LocalDateTime.of(2024, 5, 20, 9, 0),
				Files.size(ledger));
		RecordListFile sniff = new RecordListFile(ledger, "csv", ListKind.HAZARD_LEDGER, "台账", null);
		Files.setLastModifiedTime(ledger,
				java.nio.file.attribute.FileTime.from(file.receivedAt().atZone(OfficeTime.ZONE).toInstant()));

		String status = writer.write(new ListSubmission(file, sniff, "HM02", List.of()));

		assertThat(status).isEqualTo("rejected");
		assertThat(count("select count(*) from raw_hazard_ledger")).isZero();
		assertThat(count("select count(*) from audit_issue where rule = 'READ_TIMEOUT' and message like '%1 秒%"
				+ IntakeSettings.LIST_READ_TIMEOUT_SECONDS + "%'"))
			.isEqualTo(1);
		// the abandoned reader stops, and leaves no staging file beside the warehouse
		Thread.sleep(500);
		try (var files = Files.list(tmp.resolve("home"))) {
			assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith(".anjian-list-"));
		}
	}

	private long count(String sql) throws SQLException {
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
