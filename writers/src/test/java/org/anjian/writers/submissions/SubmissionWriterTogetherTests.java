package org.anjian.writers.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.anjian.warehouse.Warehouse;
import org.anjian.writers.submissions.AuditedFile.FactLine;
import org.junit.jupiter.api.Test;

/**
 * Summary tables written several to a DuckDB transaction
 * ({@link SubmissionWriter#writeTogether}, issue 18 part 5) end exactly as written one by
 * one: the same statuses returned, the same ledger, lines and headers, and each file's
 * checks, run when it is taken, see the same earlier tables. A failing file leaves its
 * whole transaction unwritten and the history as the warehouse then is.
 */
class SubmissionWriterTogetherTests {

	@Test
	void filesWrittenTogetherEndAsWrittenOneByOne() {
		for (long seed = 1; seed <= 8; seed++) {
			Random random = new Random(seed);
			List<AuditedFile> files = SubmissionHistoryRememberingTests.files(random, 60);
			try (Warehouse alone = Warehouse.inMemory(); Warehouse together = Warehouse.inMemory()) {
				// one by one, asking before each file as the checks do
				SubmissionHistory aloneHistory = SubmissionHistory.remembering(alone);
				SubmissionWriter aloneWriter = new SubmissionWriter(alone, aloneHistory);
				List<String> seen = new ArrayList<>();
				List<String> statuses = new ArrayList<>();
				for (AuditedFile file : files) {
					seen.add(asked(aloneHistory, file));
					statuses.add(aloneWriter.write(file));
				}
				// together, in chunks of 1 to 20, asking when each file is taken
				SubmissionHistory history = SubmissionHistory.remembering(together);
				SubmissionWriter writer = new SubmissionWriter(together, history);
				List<String> seenTogether = new ArrayList<>();
				List<String> statusesTogether = new ArrayList<>();
				for (int from = 0; from < files.size();) {
					int to = Math.min(files.size(), from + 1 + random.nextInt(20));
					List<SubmissionWriter.Pending> chunk = new ArrayList<>();
					for (AuditedFile file : files.subList(from, to)) {
						chunk.add(new SubmissionWriter.Pending(file.sha256(), () -> {
							seenTogether.add(asked(history, file));
							return file;
						}));
					}
					statusesTogether.addAll(writer.writeTogether(chunk));
					from = to;
				}
				assertThat(seenTogether).as("seed %d", seed).containsExactlyElementsOf(seen);
				assertThat(statusesTogether).as("seed %d", seed).containsExactlyElementsOf(statuses);
				assertThat(contents(together)).as("seed %d", seed).isEqualTo(contents(alone));
				assertThat(statuses).as("seed %d: the files cover every outcome", seed)
					.contains("loaded", "superseded", "duplicate", "rejected");
			}
		}
	}

	@Test
	void aFailingFileLeavesItsTransactionUnwrittenAndTheHistoryAsTheWarehouse() {
		List<AuditedFile> files = SubmissionHistoryRememberingTests.files(new Random(3), 30);
		try (Warehouse warehouse = Warehouse.inMemory()) {
			SubmissionHistory history = SubmissionHistory.remembering(warehouse);
			SubmissionWriter writer = new SubmissionWriter(warehouse, history);
			writer.writeTogether(files.subList(0, 10).stream().map(SubmissionWriterTogetherTests::pending).toList());
			String before = contents(warehouse);
			List<String> askedBefore = files.stream().map(f -> asked(history, f)).toList();
			AuditedFile good = files.get(10);
			AuditedFile bad = notWhole(good);

			List<SubmissionWriter.Pending> chunk = new ArrayList<>();
			files.subList(10, 20).forEach(f -> chunk.add(pending(f)));
			chunk.add(pending(bad));
			assertThatThrownBy(() -> writer.writeTogether(chunk)).hasMessageContaining("不是整数");

			assertThat(contents(warehouse)).isEqualTo(before);
			assertThat(files.stream().map(f -> asked(history, f)).toList()).isEqualTo(askedBefore);
			// and the same files without the bad one land as written alone
			writer.writeTogether(files.subList(10, 20).stream().map(SubmissionWriterTogetherTests::pending).toList());
			try (Warehouse alone = Warehouse.inMemory()) {
				SubmissionWriter aloneWriter = new SubmissionWriter(alone, SubmissionHistory.remembering(alone));
				files.subList(0, 20).forEach(aloneWriter::write);
				assertThat(contents(warehouse)).isEqualTo(contents(alone));
			}
		}
	}

	private static SubmissionWriter.Pending pending(AuditedFile file) {
		return new SubmissionWriter.Pending(file.sha256(), () -> file);
	}

	/** An accepted file like {@code file}, new bytes, a count of 2.5 on its last line. */
	private static AuditedFile notWhole(AuditedFile file) {
		List<FactLine> lines = new ArrayList<>(file.lines());
		lines.add(new FactLine(20, "wh", Map.of("hazards_total", new BigDecimal("2.5"))));
		return new AuditedFile("bad", "bad/" + file.path(), file.receivedAt().plusHours(1), 1000, "xlsx", true,
				file.submitterCode(), file.campaign(), file.period(), file.regionCode(), file.sheet(), file.form(),
				List.of(), lines, List.of(), file.header(), null);
	}

	/** What the checks ask the history before a file. */
	private static String asked(SubmissionHistory history, AuditedFile file) {
		return history.previousTable(file.submitterCode(), file.campaign(), file.period()) + " / "
				+ history.previousHeader(file.submitterCode(), "F-000", file.receivedAt()) + " / "
				+ history.noTableOf(file.submitterCode(), file.campaign(), file.period());
	}

	private static String contents(Warehouse warehouse) {
		StringBuilder out = new StringBuilder();
		for (String sql : List.of("""
				select sha256, path, status, superseded_by, duplicate_of, error_count, warning_count, submitter_code,
				       campaign, period
				from audit_file order by all""", "select * from audit_issue order by all",
				"select * from audit_header order by all", "select * from land_submission_line order by all")) {
			try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
				int columns = rs.getMetaData().getColumnCount();
				while (rs.next()) {
					for (int i = 1; i <= columns; i++) {
						out.append(rs.getString(i)).append('|');
					}
					out.append('\n');
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			out.append("--\n");
		}
		return out.toString();
	}

}
