package org.anjian.writers.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.anjian.readers.Finding;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.submissions.AuditedFile.FactLine;
import org.anjian.writers.submissions.AuditedFile.HeaderCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The intake's remembered history answers what the warehouse queries answer, file after
 * file: corrections of earlier months arriving late or out of order, older versions
 * arriving after newer ones, rejected files, duplicates, tables from before the run.
 */
class SubmissionHistoryRememberingTests {

	static final List<String> SUBMITTERS = List.of("HM01", "HM02");

	Warehouse warehouse;

	@BeforeEach
	void open() {
		warehouse = Warehouse.inMemory();
	}

	@AfterEach
	void close() {
		warehouse.close();
	}

	@Test
	void rememberedHistoryAnswersAsTheWarehouseAfterEveryFile() {
		for (long seed = 1; seed <= 8; seed++) {
			Random random = new Random(seed);
			List<AuditedFile> files = files(random, 40);
			// given: a run that finds some tables written before it
			SubmissionWriter earlier = new SubmissionWriter(warehouse);
			files.subList(0, 10).forEach(earlier::write);
			SubmissionHistory remembered = SubmissionHistory.remembering(warehouse);
			SubmissionHistory queried = new SubmissionHistory(warehouse);
			SubmissionWriter writer = new SubmissionWriter(warehouse, remembered);
			// when: the run writes the rest, asking before each file as the checks do
			for (AuditedFile file : files.subList(10, files.size())) {
				// then
				assertThat(remembered.previousTable(file.submitterCode(), file.campaign(), file.period()))
					.as("seed %d, before %s", seed, file.path())
					.isEqualTo(queried.previousTable(file.submitterCode(), file.campaign(), file.period()));
				assertThat(remembered.previousHeader(file.submitterCode(), "F-000", file.receivedAt()))
					.as("seed %d, before %s", seed, file.path())
					.containsExactlyEntriesOf(queried.previousHeader(file.submitterCode(), "F-000", file.receivedAt()));
				writer.write(file);
			}
			// and the writer that skips re-ranking a month's only version records what
			// the plain one does
			try (Warehouse plain = Warehouse.inMemory()) {
				SubmissionWriter plainWriter = new SubmissionWriter(plain);
				files.forEach(plainWriter::write);
				assertThat(ledger(warehouse)).as("seed %d", seed).isEqualTo(ledger(plain));
			}
			warehouse.close();
			warehouse = Warehouse.inMemory();
		}
	}

	static List<String> ledger(Warehouse warehouse) {
		List<String> out = new ArrayList<>();
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery("""
				select sha256, path, status, superseded_by, duplicate_of, error_count, warning_count
				from audit_file order by sha256, path""")) {
			while (rs.next()) {
				out.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getString(7)));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return out;
	}

	/**
	 * Tables of two submitters over months April–September, received out of order, some
	 * corrected (same month, received before or after), some rejected, some the same
	 * bytes again.
	 */
	static List<AuditedFile> files(Random random, int count) {
		List<AuditedFile> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (i > 0 && random.nextInt(8) == 0) {
				AuditedFile again = out.get(random.nextInt(out.size()));
				out.add(new AuditedFile(again.sha256(), "copy-" + i + "/" + again.path(),
						again.receivedAt().plusDays(1), again.sizeBytes(), again.format(), again.accepted(),
						again.submitterCode(), again.campaign(), again.period(), again.regionCode(), again.sheet(),
						again.form(), again.findings(), again.lines(), again.monthLines(), again.header(), null));
				continue;
			}
			String submitter = SUBMITTERS.get(random.nextInt(SUBMITTERS.size()));
			YearMonth period = YearMonth.of(2024, 4 + random.nextInt(6));
			// the same minute now and then: the path decides between versions
			LocalDateTime received = period.plusMonths(1).atDay(1).atTime(9, 0).plusMinutes(random.nextInt(3) * 60L);
			boolean accepted = random.nextInt(6) != 0;
			String path = period + "/" + submitter + "-" + (char) ('a' + random.nextInt(3)) + i + ".xlsx";
			List<FactLine> lines = new ArrayList<>();
			for (String industry : List.of("yjgl", "zj", "jt")) {
				if (random.nextInt(4) != 0) {
					lines.add(new FactLine(7 + lines.size(), industry,
							Map.of("hazards_total", BigDecimal.valueOf(random.nextInt(50)), "fines_wan",
									new BigDecimal(random.nextInt(300) + "." + random.nextInt(10)))));
				}
			}
			List<HeaderCell> header = List.of(new HeaderCell("hazards_total", "F5", "发现隐患/总计" + random.nextInt(2)),
					new HeaderCell("fines_wan", "M5", "罚款（万元）"));
			out.add(new AuditedFile("sha" + i, path, received, 1000, "xlsx", accepted, submitter, "QA2024", period,
					"519902102", "Sheet1", "F-000",
					accepted ? List.of() : List.of(Finding.error("TOTAL_MISMATCH", "Sheet1", 9, "F", "合计不符")),
					accepted ? lines : List.of(), List.of(), header, null));
		}
		return out;
	}

}
