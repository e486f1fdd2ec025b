package org.anjian.jobs.cli;

import static org.anjian.jobs.cli.RollupWithoutSpringTests.copy;
import static org.anjian.jobs.cli.RollupWithoutSpringTests.outbox;
import static org.anjian.jobs.cli.RollupWithoutSpringTests.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.system.HomeLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} runs without a Spring context ({@link WithoutSpring}, issue 18 part 4)
 * and must do exactly what it did in the context: the same intakes into two homes, one
 * through each path, leave the same printed lines and exit codes, the same warehouse
 * (every table's rows but the times a row was written), the same annotated workbooks
 * (审核意见) and other outbox files, the same home log lines (times and durations aside), the
 * same files in the home and the same job history — instances, executions, parameters
 * (the run's token aside), step executions and their contexts — for an empty inbox into a
 * new home, a month of forms, the same again, the rest with a correction, a duplicate and
 * a rejected table, an unreadable file; a failed intake and its restart; and the error
 * cases. An intake with workers, or asked for the context, runs in it.
 */
class IngestWithoutSpringTests {

	/**
	 * Written when the row was: {@code ingested_at} (audit and landing tables),
	 * {@code written_at} (audit_feedback), {@code built_at} (the model build's state),
	 * and {@code row_hash} (the model build's hash of an audit_file row, its
	 * {@code ingested_at} included).
	 */
	private static final Set<String> WRITE_TIMES = Set.of("ingested_at", "written_at", "built_at", "row_hash");

	@TempDir
	static Path shared;

	static SampleCounty samples;

	/** The sample county's inbox, its files' times the received times. */
	static Path inbox;

	/** The sample county's April ingested once, copied for each path. */
	static Path april;

	@TempDir
	Path tmp;

	@BeforeAll
	static void ingestApril() {
		samples = SampleCounty.load();
		inbox = samples.copyInbox(shared.resolve("inbox"));
		april = shared.resolve("april");
		CliRun ingest = CliRun.of("ingest", "--home", april.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString(), "--now", "2024-04-30T23:59:59");
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
	}

	@Test
	void theSameIntakesLeaveTheSameOutputWarehouseFilesAndJobHistory() throws Exception {
		Path context = tmp.resolve("context");
		Path direct = tmp.resolve("direct");
		Path empty = Files.createDirectories(tmp.resolve("empty-inbox"));
		Path growing = samples.copyInbox(tmp.resolve("inbox"));
		List<List<String>> requests = List.of(
				// an empty inbox into a new home
				List.of("--inbox", empty.toString()),
				// April's forms, then the same again (already complete)
				List.of("--inbox", growing.toString(), "--now", "2024-04-30T23:59:59"),
				List.of("--inbox", growing.toString(), "--now", "2024-04-30T23:59:59"),
				// May: a correction, a duplicate forwarded, a table rejected
				List.of("--inbox", growing.toString()), List.of("--inbox", growing.toString()));
		for (List<String> request : requests) {
			sameIntake(context, direct, request);
		}
		// a file that is no workbook, and one more form: one new file each
		Files.writeString(growing.resolve("2024-05").resolve("损坏的报表.xlsx"), "not a workbook");
		sameIntake(context, direct, List.of("--inbox", growing.toString()));
		Files.copy(inbox.resolve("2024-05").resolve("新场镇5月统计表.xlsx"),
				growing.resolve("2024-05").resolve("新场镇5月统计表（再报）.xlsx"));
		sameIntake(context, direct, List.of("--inbox", growing.toString()));

		assertThat(warehouse(direct)).isEqualTo(warehouse(context))
			.hasEntrySatisfying("audit_file", rows -> assertThat(rows).hasSize(20));
		assertThat(outbox(direct)).isEqualTo(outbox(context))
			.anySatisfy((name, entry) -> assertThat(name).startsWith("feedback/").contains("审核意见.xlsx!"));
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context)).anyMatch(row -> row.contains("COMPLETED"));
		assertThat(logLines(direct)).isEqualTo(logLines(context)).anyMatch(line -> line.contains("IntakePhaseTimes"));
		assertThat(files(direct)).isEqualTo(files(context));
	}

	@Test
	void aFailedIntakeIsRecordedAndRestartedAlike() throws Exception {
		Path context = copy(april, tmp.resolve("context"));
		Path direct = copy(april, tmp.resolve("direct"));
		for (Path home : List.of(context, direct)) {
			// the reference data cannot be written: the warehouse's region table has a
			// column the loader does not fill
			sql(home, "alter table ref_region add column not_ours varchar");
		}
		List<String> request = List.of("--inbox", inbox.toString());
		CliRun failedInContext = ingest(true, context, request);
		CliRun failedWithoutContext = ingest(false, direct, request);
		assertThat(failedWithoutContext.exitCode()).as(failedWithoutContext.toString()).isEqualTo(ExitCodes.JOB_FAILED);
		assertThat(failedWithoutContext).isEqualTo(failedInContext);
		assertThat(failedWithoutContext.err()).contains("入库失败（FAILED）");
		assertThat(Files.readString(Cli.logFile(direct))).contains("referenceLoad");
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context)).anyMatch(row -> row.contains("FAILED"));
		for (Path home : List.of(context, direct)) {
			sql(home, "alter table ref_region drop column not_ours");
		}
		// the failed instance restarts (its parameters identify it), whichever path runs
		// it
		CliRun restartedInContext = ingest(true, context, request);
		CliRun restartedWithoutContext = ingest(false, direct, request);
		assertThat(restartedWithoutContext.exitCode()).as(restartedWithoutContext.toString()).isZero();
		assertThat(restartedWithoutContext).isEqualTo(restartedInContext);
		assertThat(restartedWithoutContext.out()).contains("入库完成：处理文件 10 个");
		List<String> history = jobHistory(direct);
		assertThat(history).isEqualTo(jobHistory(context));
		// one instance of this inbox, two executions of it
		assertThat(history.stream().filter(row -> row.matches("\\d+\\|\\d+\\|(FAILED|COMPLETED)\\|.*"))).hasSize(3);
		assertThat(warehouse(direct)).isEqualTo(warehouse(context));
		assertThat(outbox(direct)).isEqualTo(outbox(context)).isNotEmpty();
	}

	@Test
	void theErrorCasesEndWithTheSameCodeAndReason() throws Exception {
		Path context = copy(april, tmp.resolve("context"));
		Path direct = copy(april, tmp.resolve("direct"));
		Map<List<String>, Integer> requests = Map.of(
				// no inbox option: refused before anything starts
				List.of(), ExitCodes.USAGE,
				// a --now that is no time
				List.of("--inbox", inbox.toString(), "--now", "yesterday"), ExitCodes.USAGE,
				// an inbox that is not there
				List.of("--inbox", tmp.resolve("no-such-inbox").toString()), ExitCodes.DATA_ERROR,
				// an intake limit that is not a number, as an option
				List.of("--inbox", inbox.toString(), "--max-file-mb", "lots"), ExitCodes.USAGE);
		for (Map.Entry<List<String>, Integer> request : requests.entrySet()) {
			CliRun inContext = ingest(true, context, request.getKey());
			CliRun withoutContext = ingest(false, direct, request.getKey());
			assertThat(withoutContext.exitCode()).as(withoutContext.toString()).isEqualTo(request.getValue());
			assertThat(withoutContext).as(String.join(" ", request.getKey())).isEqualTo(inContext);
		}
		// an intake limit that is not a number, as a setting (a system property, read
		// before the environment): the context's bean fails to start
		System.setProperty("ANJIAN_SETTLE_SECONDS", "soon");
		try {
			CliRun inContext = ingest(true, context, List.of("--inbox", inbox.toString()));
			CliRun withoutContext = ingest(false, direct, List.of("--inbox", inbox.toString()));
			assertThat(withoutContext.exitCode()).as(withoutContext.toString()).isEqualTo(ExitCodes.SOFTWARE);
			assertThat(withoutContext.err()).contains("ANJIAN_SETTLE_SECONDS");
			assertThat(withoutContext).isEqualTo(inContext);
		}
		finally {
			System.clearProperty("ANJIAN_SETTLE_SECONDS");
		}
		// a home another process works in
		for (Path home : List.of(context, direct)) {
			try (HomeLock held = HomeLock.acquire(home)) {
				assertThat(held).isNotNull();
				CliRun busy = ingest(home == context, home, List.of("--inbox", inbox.toString()));
				assertThat(busy.exitCode()).isEqualTo(ExitCodes.BUSY);
				assertThat(busy.err()).contains("另一个 anjian 进程正在使用数据目录");
			}
		}
		// reference data that does not load
		Path badReference = samples.copyReference(tmp.resolve("bad-reference"));
		Files.writeString(badReference.resolve("campaigns.csv"), "this is not,a campaign table\n\"unclosed\n");
		CliRun inContext = ingest(true, context, badReference, List.of("--inbox", inbox.toString()));
		CliRun withoutContext = ingest(false, direct, badReference, List.of("--inbox", inbox.toString()));
		assertThat(withoutContext.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
		assertThat(withoutContext).isEqualTo(inContext);
		// nothing was run or recorded
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context)).isEqualTo(jobHistory(april));
		assertThat(warehouse(direct)).isEqualTo(warehouse(context)).isEqualTo(warehouse(april));
	}

	@Test
	void anIntakeWithWorkersOrAskedForTheContextRunsInTheContext() {
		Map<String, String> plain = Map.of("inbox", inbox.toString());
		Map<String, String> remote = Map.of("inbox", inbox.toString(), "remote", "amqp://guest:guest@127.0.0.1:5672");
		assertThat(WithoutSpring.enabled(new CliArgs("ingest", plain), Map.of())).isTrue();
		// the workers' broker, as an option or a setting: the manager's step is the
		// context's
		assertThat(WithoutSpring.enabled(new CliArgs("ingest", remote), Map.of())).isFalse();
		assertThat(WithoutSpring.enabled(new CliArgs("ingest", plain), Map.of("ANJIAN_REMOTE", "amqp://broker")))
			.isFalse();
		System.setProperty("ANJIAN_REMOTE", "amqp://broker");
		try {
			assertThat(WithoutSpring.enabled(new CliArgs("ingest", plain), Map.of())).isFalse();
		}
		finally {
			System.clearProperty("ANJIAN_REMOTE");
		}
		// the broker is the intake's only: a rollup beside it still runs without
		assertThat(WithoutSpring.enabled(new CliArgs("rollup", Map.of()), Map.of("ANJIAN_REMOTE", "amqp://broker")))
			.isTrue();
		System.setProperty("anjian.ingest-context", "true");
		try {
			assertThat(WithoutSpring.enabled(new CliArgs("ingest", plain), Map.of())).isFalse();
		}
		finally {
			System.clearProperty("anjian.ingest-context");
		}
	}

	private void sameIntake(Path context, Path direct, List<String> request) {
		CliRun inContext = ingest(true, context, request);
		CliRun withoutContext = ingest(false, direct, request);
		assertThat(withoutContext.exitCode()).as(withoutContext.toString()).isZero();
		assertThat(withoutContext).as(String.join(" ", request)).isEqualTo(inContext);
	}

	private CliRun ingest(boolean inContext, Path home, List<String> request) {
		return ingest(inContext, home, samples.reference(), request);
	}

	private CliRun ingest(boolean inContext, Path home, Path reference, List<String> request) {
		List<String> argv = new ArrayList<>(
				List.of("ingest", "--home", home.toString(), "--reference", reference.toString()));
		argv.addAll(request);
		return CliRun.inContext(inContext, home, argv);
	}

	private static void sql(Path home, String statement) throws SQLException {
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"));
				Statement st = c.createStatement()) {
			st.execute(statement);
		}
	}

	/**
	 * Every table of the warehouse, every row, in order, without the times the rows were
	 * written.
	 */
	static Map<String, List<String>> warehouse(Path home) throws SQLException {
		Map<String, List<String>> out = new TreeMap<>();
		Properties ro = new Properties();
		ro.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"), ro);
				Statement st = c.createStatement()) {
			Map<String, List<String>> columns = new TreeMap<>();
			try (ResultSet rs = st.executeQuery("select c.table_name, c.column_name from information_schema.columns c"
					+ " join information_schema.tables t using (table_catalog, table_schema, table_name)"
					+ " where t.table_type = 'BASE TABLE' and t.table_catalog = current_database()"
					+ " order by c.table_name, c.ordinal_position")) {
				while (rs.next()) {
					columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>());
					if (!WRITE_TIMES.contains(rs.getString(2))) {
						columns.get(rs.getString(1)).add('"' + rs.getString(2) + '"');
					}
				}
			}
			assertThat(columns).containsKeys("audit_file", "audit_issue", "audit_feedback", "land_submission_line",
					"ref_region");
			for (Map.Entry<String, List<String>> table : columns.entrySet()) {
				out.put(table.getKey(), rows(st, "select " + String.join(", ", table.getValue()) + " from \""
						+ table.getKey() + "\" order by all"));
			}
		}
		return out;
	}

	/**
	 * The job repository ({@link RollupWithoutSpringTests#jobHistory}), the run's token
	 * (a fresh UUID each run) and a retry's start time left out.
	 */
	private static List<String> jobHistory(Path home) throws SQLException {
		List<String> out = RollupWithoutSpringTests.jobHistory(home);
		out.replaceAll(row -> row.replaceAll("\\|run\\|java.lang.String\\|[0-9a-f-]{36}\\|", "|run|java.lang.String|-|")
			.replaceAll("\\|retry\\|java.lang.String\\|[^|]*\\|", "|retry|java.lang.String|-|"));
		return out;
	}

	/**
	 * The home's log, each line without its time and with every number as #, sorted: the
	 * lines of the two steps after the intake, which run side by side, interleave as they
	 * come.
	 */
	private static List<String> logLines(Path home) throws IOException {
		return Files.readAllLines(Cli.logFile(home))
			.stream()
			.map(line -> line.replaceFirst("^\\S+ \\S+ ", "").replaceAll("\\d+(\\.\\d+)?", "#"))
			.sorted()
			.toList();
	}

	/** Every file in the home (its relative path), the job repository's and log aside. */
	private static List<String> files(Path home) throws IOException {
		try (Stream<Path> walk = Files.walk(home)) {
			return walk.filter(Files::isRegularFile).map(f -> home.relativize(f).toString()).sorted().toList();
		}
	}

}
