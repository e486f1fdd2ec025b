package org.anjian.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.system.HomeLock;
import org.anjian.jobs.system.JobRepositoryStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollup} runs without a Spring context ({@link WithoutSpring}, issue 18 part 4)
 * and must do exactly what it did in the context: the same requests on two copies of one
 * home, one through each path, leave the same printed lines and exit codes, the same
 * outbox files (workbook entries byte for byte but POI's creation time, manifests but
 * their write time and the workbook's checksum), the same rollup tables and the same job
 * history — instances, executions, parameters, step executions and their contexts —
 * including a failed rollup and its restart, and the error cases.
 */
class RollupWithoutSpringTests {

	@TempDir
	static Path shared;

	static SampleCounty samples;

	/** The sample county ingested once, copied for each path. */
	static Path ingested;

	@TempDir
	Path tmp;

	@BeforeAll
	static void ingestSamples() {
		samples = SampleCounty.load();
		ingested = shared.resolve("home");
		CliRun ingest = CliRun.of("ingest", "--home", ingested.toString(), "--reference",
				samples.reference().toString(), "--inbox", samples.copyInbox(shared.resolve("inbox")).toString());
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
	}

	@Test
	void theSameRollupsLeaveTheSameOutputOutboxTablesAndJobHistory() throws Exception {
		Path context = copy(ingested, tmp.resolve("context"));
		Path direct = copy(ingested, tmp.resolve("direct"));
		List<String[]> requests = List.of(
				// a new instance, then the same again (already complete)
				new String[] { "--campaign", "QA2024", "--period", "2024-05", "--kind", "month-end" },
				new String[] { "--campaign", "QA2024", "--period", "2024-05", "--kind", "month-end" },
				new String[] { "--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff" },
				// a what-if: its own tables and outbox folder
				new String[] { "--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff", "--as-of",
						"2024-05-14T12:00:00" },
				// a month nobody reported for yet
				new String[] { "--campaign", "QA2024", "--period", "2024-07", "--kind", "month-end" });
		for (String[] request : requests) {
			CliRun inContext = rollup(true, context, request);
			CliRun withoutContext = rollup(false, direct, request);
			assertThat(withoutContext.exitCode()).as(String.join(" ", request)).isZero();
			assertThat(withoutContext).as(String.join(" ", request)).isEqualTo(inContext);
		}
		assertThat(outbox(direct)).isEqualTo(outbox(context)).isNotEmpty();
		assertThat(rollupTables(direct)).isEqualTo(rollupTables(context));
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context)).hasSizeGreaterThan(4);
	}

	@Test
	void aFailedRollupIsRecordedAndRestartedAlike() throws Exception {
		Path context = copy(ingested, tmp.resolve("context"));
		Path direct = copy(ingested, tmp.resolve("direct"));
		String[] request = { "--campaign", "QA2024", "--period", "2024-05", "--kind", "month-end" };
		for (Path home : List.of(context, direct)) {
			// the official table cannot be written: a file where the campaign's outbox
			// folder goes
			Files.writeString(home.resolve("outbox").resolve("QA2024"), "not a folder");
		}
		CliRun failedInContext = rollup(true, context, request);
		CliRun failedWithoutContext = rollup(false, direct, request);
		assertThat(failedWithoutContext.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
		assertThat(failedWithoutContext).isEqualTo(failedInContext);
		assertThat(Files.readString(Cli.logFile(direct))).contains("officialTableWrite");
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context)).anyMatch(row -> row.contains("FAILED"));
		for (Path home : List.of(context, direct)) {
			Files.delete(home.resolve("outbox").resolve("QA2024"));
		}
		// the failed instance restarts from its failed step, whichever path runs it
		CliRun restartedInContext = rollup(true, context, request);
		CliRun restartedWithoutContext = rollup(false, direct, request);
		assertThat(restartedWithoutContext.exitCode()).isZero();
		assertThat(restartedWithoutContext).isEqualTo(restartedInContext);
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context));
		assertThat(outbox(direct)).isEqualTo(outbox(context)).isNotEmpty();
		assertThat(rollupTables(direct)).isEqualTo(rollupTables(context));
	}

	@Test
	void theErrorCasesEndWithTheSameCodeAndReason() throws Exception {
		Path context = copy(ingested, tmp.resolve("context"));
		Path direct = copy(ingested, tmp.resolve("direct"));
		List<String[]> requests = List.of(
				new String[] { "--campaign", "NOPE", "--period", "2024-05", "--kind", "month-end" },
				new String[] { "--campaign", "QA2024", "--period", "2023-01", "--kind", "month-end" },
				new String[] { "--campaign", "QA2024", "--period", "2024-5", "--kind", "month-end" },
				new String[] { "--campaign", "QA2024", "--period", "2024-05", "--kind", "weekly" }, new String[] {
						"--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff", "--as-of", "yesterday" });
		for (String[] request : requests) {
			CliRun inContext = rollup(true, context, request);
			CliRun withoutContext = rollup(false, direct, request);
			assertThat(withoutContext.exitCode()).as(String.join(" ", request)).isEqualTo(ExitCodes.USAGE);
			assertThat(withoutContext).as(String.join(" ", request)).isEqualTo(inContext);
		}
		// a home another process works in
		for (Path home : List.of(context, direct)) {
			try (HomeLock held = HomeLock.acquire(home)) {
				assertThat(held).isNotNull();
				CliRun busy = rollup(home == context, home, requests.get(0));
				assertThat(busy.exitCode()).isEqualTo(ExitCodes.BUSY);
				assertThat(busy.err()).contains("另一个 anjian 进程正在使用数据目录");
			}
		}
		// reference data that does not load
		Path badReference = samples.copyReference(tmp.resolve("bad-reference"));
		Files.writeString(badReference.resolve("campaigns.csv"), "this is not,a campaign table\n\"unclosed\n");
		CliRun inContext = rollup(true, context, "--reference", badReference.toString(), requests.get(0));
		CliRun withoutContext = rollup(false, direct, "--reference", badReference.toString(), requests.get(0));
		assertThat(withoutContext.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
		assertThat(withoutContext).isEqualTo(inContext);
		// nothing was run or recorded
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context)).isEqualTo(jobHistory(ingested));
		assertThat(outbox(direct)).isEqualTo(outbox(context)).isEqualTo(outbox(ingested));
	}

	private CliRun rollup(boolean inContext, Path home, String... request) {
		return rollup(inContext, home, null, request);
	}

	private CliRun rollup(boolean inContext, Path home, String referenceOption, String referenceValue,
			String... request) {
		return rollup(inContext, home, new String[] { referenceOption, referenceValue }, request);
	}

	private CliRun rollup(boolean inContext, Path home, String[] reference, String... request) {
		List<String> argv = new ArrayList<>(List.of("rollup", "--home", home.toString()));
		argv.addAll(reference == null ? List.of("--reference", samples.reference().toString()) : List.of(reference));
		argv.addAll(List.of(request));
		return CliRun.inContext(inContext, home, argv);
	}

	static Path copy(Path from, Path to) throws IOException {
		try (Stream<Path> walk = Files.walk(from)) {
			for (Path f : walk.toList()) {
				Path target = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) {
					Files.createDirectories(target);
				}
				else if (!f.getFileName().toString().endsWith(".lock.db")) {
					Files.copy(f, target);
				}
			}
		}
		return to;
	}

	/**
	 * Every outbox file: a workbook as its zip entries (bytes as text), POI's creation
	 * time left out; a manifest without its write time and the workbook's checksum (the
	 * zip entries carry their write time).
	 */
	static Map<String, String> outbox(Path home) throws IOException {
		Map<String, String> out = new TreeMap<>();
		Path outbox = home.resolve("outbox");
		if (!Files.isDirectory(outbox)) {
			return out;
		}
		try (Stream<Path> walk = Files.walk(outbox)) {
			for (Path f : walk.filter(Files::isRegularFile).toList()) {
				String name = outbox.relativize(f).toString();
				if (name.endsWith(".xlsx")) {
					try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(f))) {
						for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
							String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
							if (e.getName().equals("docProps/core.xml")) {
								text = text.replaceAll("<dcterms:created[^<]*</dcterms:created>", "");
							}
							out.put(name + "!" + e.getName(), text);
						}
					}
				}
				else {
					out.put(name,
							Files.readString(f)
								.replaceAll("\"generated_at\"\\s*:\\s*\"[^\"]*\"", "\"generated_at\": \"-\"")
								.replaceAll("\"sha256\"\\s*:\\s*\"[0-9a-f]{64}\",\\s*\"campaign\"",
										"\"sha256\": \"-\", \"campaign\""));
				}
			}
		}
		return out;
	}

	/** The rollup tables (official and what-if, with their rosters), every row. */
	private static Map<String, List<String>> rollupTables(Path home) throws SQLException {
		Map<String, List<String>> out = new TreeMap<>();
		Properties ro = new Properties();
		ro.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"), ro);
				Statement st = c.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables "
					+ "where table_name like '%rollup%' and table_type = 'BASE TABLE' order by 1")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			assertThat(tables).contains("rollup_cutoff", "rollup_month_end", "rollup_roster");
			for (String table : tables) {
				out.put(table, rows(st, "select * from \"" + table + "\" order by all"));
			}
		}
		return out;
	}

	/**
	 * The job repository as status and the workbench read it, and as a restart reads it:
	 * every instance, execution, parameter, step execution and execution context, in id
	 * order; only the times differ between two runs (a failure's stack trace: its first
	 * line, the frames below the job differ).
	 */
	static List<String> jobHistory(Path home) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Connection c = JobRepositoryStore.forReading(home.resolve("batch"), "", "", "");
				Statement st = c.createStatement()) {
			out.addAll(rows(st, "select job_instance_id, job_name, job_key, version from batch_job_instance"
					+ " order by job_instance_id"));
			out.addAll(rows(st,
					"select job_execution_id, job_instance_id, status, exit_code,"
							+ " regexp_replace(exit_message, '\\n.*', '', 'n'), version from batch_job_execution"
							+ " order by job_execution_id"));
			out.addAll(rows(st, "select * from batch_job_execution_params order by job_execution_id, parameter_name"));
			// a step execution by its job execution and step name, not its id: the intake
			// job's last two steps run side by side, and either may get the lower id
			out.addAll(rows(st,
					"select job_execution_id || '/' || step_name, status, commit_count, read_count,"
							+ " filter_count, write_count, read_skip_count, write_skip_count, process_skip_count,"
							+ " rollback_count, exit_code, regexp_replace(exit_message, '\\n.*', '', 'n'), version"
							+ " from batch_step_execution order by job_execution_id, step_name"));
			out.addAll(rows(st, "select * from batch_job_execution_context order by job_execution_id"));
			out.addAll(rows(st, "select e.job_execution_id || '/' || e.step_name, c.short_context, c.serialized_context"
					+ " from batch_step_execution_context c join batch_step_execution e"
					+ " on e.step_execution_id = c.step_execution_id order by e.job_execution_id, e.step_name"));
		}
		// a failure names the file it could not write
		out.replaceAll(row -> row.replace(home.toString(), "HOME"));
		return out;
	}

	static List<String> rows(Statement st, String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (ResultSet rs = st.executeQuery(sql)) {
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= n; i++) {
					row.append(rs.getString(i)).append('|');
				}
				rows.add(row.toString());
			}
		}
		catch (SQLException ex) {
			throw new SQLException(sql + ": " + ex.getMessage(), ex);
		}
		return rows;
	}

}
