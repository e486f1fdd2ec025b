package org.anjian.jobs.cli;

import static org.anjian.jobs.cli.RollupWithoutSpringTests.copy;
import static org.anjian.jobs.cli.RollupWithoutSpringTests.jobHistory;
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
import java.util.TreeMap;
import java.util.stream.Stream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.system.HomeLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} runs without a Spring context ({@link WithoutSpring}, issue 18 part 4)
 * and must do exactly what it did in the context: the same exports on two copies of one
 * home, one through each path, leave the same printed lines and exit codes, the same
 * {@code exports/} tree (every Parquet file's rows read back, every CSV and the export
 * state byte for byte), the same analysts' snapshot (every table's rows) and the same job
 * history, including a failed export and its restart, and the error cases.
 */
class ExportWithoutSpringTests {

	@TempDir
	static Path shared;

	static SampleCounty samples;

	/** The sample county ingested and rolled up once, copied for each path. */
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
		// rollup rows and a liaison roster, so the rollup exports and CSV copies hold
		// rows
		CliRun rollup = CliRun.of("rollup", "--home", ingested.toString(), "--reference",
				samples.reference().toString(), "--campaign", "QA2024", "--period", "2024-05", "--kind", "month-end");
		assertThat(rollup.exitCode()).as(rollup.toString()).isZero();
	}

	@Test
	void theSameExportsLeaveTheSameFilesSnapshotAndJobHistory() throws Exception {
		Path context = copy(ingested, tmp.resolve("context"));
		Path direct = copy(ingested, tmp.resolve("direct"));
		// a new instance, the same again (already complete), then unmasked (a new one)
		List<String[]> requests = List.of(new String[0], new String[0], new String[] { "--no-mask-phones" });
		for (String[] request : requests) {
			CliRun inContext = export(true, context, request);
			CliRun withoutContext = export(false, direct, request);
			assertThat(withoutContext.exitCode()).as(String.join(" ", request)).isZero();
			assertThat(withoutContext).as(String.join(" ", request)).isEqualTo(inContext);
			assertThat(exports(direct)).as(String.join(" ", request)).isEqualTo(exports(context));
			assertThat(snapshot(direct)).as(String.join(" ", request)).isEqualTo(snapshot(context));
		}
		assertThat(exports(direct)).containsKey("csv/rollup_roster.csv")
			.anySatisfy((name, rows) -> assertThat(name).endsWith(".parquet"));
		assertThat(snapshot(direct)).isNotEmpty();
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context)).hasSizeGreaterThan(4);
	}

	@Test
	void aFailedExportIsRecordedAndRestartedAlike() throws Exception {
		Path context = copy(ingested, tmp.resolve("context"));
		Path direct = copy(ingested, tmp.resolve("direct"));
		for (Path home : List.of(context, direct)) {
			// the snapshot cannot be published: a file where the analysts' folder goes
			FileSystemUtils.deleteRecursively(home.resolve("analyst"));
			Files.writeString(home.resolve("analyst"), "not a folder");
		}
		CliRun failedInContext = export(true, context);
		CliRun failedWithoutContext = export(false, direct);
		assertThat(failedWithoutContext.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
		assertThat(failedWithoutContext).isEqualTo(failedInContext);
		assertThat(Files.readString(Cli.logFile(direct))).contains("analystSnapshotPublish");
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context)).anyMatch(row -> row.contains("FAILED"));
		assertThat(exports(direct)).isEqualTo(exports(context)).isNotEmpty();
		for (Path home : List.of(context, direct)) {
			Files.delete(home.resolve("analyst"));
		}
		// the failed instance restarts from its failed step, whichever path runs it
		CliRun restartedInContext = export(true, context);
		CliRun restartedWithoutContext = export(false, direct);
		assertThat(restartedWithoutContext.exitCode()).isZero();
		assertThat(restartedWithoutContext).isEqualTo(restartedInContext);
		assertThat(jobHistory(direct)).isEqualTo(jobHistory(context));
		assertThat(snapshot(direct)).isEqualTo(snapshot(context)).isNotEmpty();
	}

	@Test
	void theErrorCasesEndWithTheSameCodeAndReason() throws Exception {
		Path context = copy(ingested, tmp.resolve("context"));
		Path direct = copy(ingested, tmp.resolve("direct"));
		// a home another process works in
		for (Path home : List.of(context, direct)) {
			try (HomeLock held = HomeLock.acquire(home)) {
				assertThat(held).isNotNull();
				CliRun busy = export(home == context, home);
				assertThat(busy.exitCode()).isEqualTo(ExitCodes.BUSY);
				assertThat(busy.err()).contains("另一个 anjian 进程正在使用数据目录");
			}
		}
		assertThat(export(true, context)).isEqualTo(export(false, direct));
		// reference data that does not load: the context loads it at start, so export
		// stops alike
		Path badReference = samples.copyReference(tmp.resolve("bad-reference"));
		Files.writeString(badReference.resolve("campaigns.csv"), "this is not,a campaign table\n\"unclosed\n");
		Path context2 = copy(ingested, tmp.resolve("context2"));
		Path direct2 = copy(ingested, tmp.resolve("direct2"));
		CliRun inContext = export(true, context2, badReference);
		CliRun withoutContext = export(false, direct2, badReference);
		assertThat(withoutContext.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
		assertThat(withoutContext).isEqualTo(inContext);
		// nothing was run or recorded
		assertThat(jobHistory(direct2)).isEqualTo(jobHistory(context2)).isEqualTo(jobHistory(ingested));
		assertThat(Files.exists(direct2.resolve("exports"))).isEqualTo(Files.exists(ingested.resolve("exports")));
		// a warehouse that does not open (it is opened beside the job repository, on a
		// thread of its own): the same code and reason, nothing run
		Path context3 = copy(ingested, tmp.resolve("context3"));
		Path direct3 = copy(ingested, tmp.resolve("direct3"));
		for (Path home : List.of(context3, direct3)) {
			Files.writeString(home.resolve("warehouse.duckdb"), "not a DuckDB file, not a warehouse");
		}
		CliRun brokenInContext = export(true, context3);
		CliRun brokenWithoutContext = export(false, direct3);
		assertThat(brokenWithoutContext.exitCode()).isNotZero();
		assertThat(brokenWithoutContext.err()).contains("无法打开数据仓库");
		assertThat(brokenWithoutContext).isEqualTo(brokenInContext);
		assertThat(jobHistory(direct3)).isEqualTo(jobHistory(context3)).isEqualTo(jobHistory(ingested));
	}

	private CliRun export(boolean inContext, Path home, String... request) {
		return export(inContext, home, samples.reference(), request);
	}

	private CliRun export(boolean inContext, Path home, Path reference, String... request) {
		List<String> argv = new ArrayList<>(
				List.of("export", "--home", home.toString(), "--reference", reference.toString()));
		argv.addAll(List.of(request));
		return CliRun.inContext(inContext, home, argv);
	}

	/**
	 * Every file under {@code exports/}: a Parquet file as its rows read back (row order
	 * is the table's, not promised), anything else (CSV copies, the export state) as its
	 * text.
	 */
	private static Map<String, List<String>> exports(Path home) throws IOException, SQLException {
		Map<String, List<String>> out = new TreeMap<>();
		Path exports = home.resolve("exports");
		if (!Files.isDirectory(exports)) {
			return out;
		}
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
				Statement st = c.createStatement();
				Stream<Path> walk = Files.walk(exports)) {
			for (Path f : walk.filter(Files::isRegularFile).toList()) {
				String name = exports.relativize(f).toString();
				if (name.endsWith(".parquet")) {
					out.put(name, rows(st,
							"select * from read_parquet('" + f + "', hive_partitioning = false)" + " order by all"));
				}
				else {
					out.put(name, List.of(Files.readString(f)));
				}
			}
		}
		return out;
	}

	/**
	 * The analysts' snapshot: every table's rows, and the other files of its folder (the
	 * data dictionary, the publish state but the snapshot file's checksum).
	 */
	private static Map<String, List<String>> snapshot(Path home) throws IOException, SQLException {
		Map<String, List<String>> out = new TreeMap<>();
		Path analyst = home.resolve("analyst");
		if (!Files.isRegularFile(analyst.resolve("anjian.duckdb"))) {
			return out;
		}
		Properties ro = new Properties();
		ro.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + analyst.resolve("anjian.duckdb"), ro);
				Statement st = c.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables"
					+ " where table_catalog = current_database() order by 1")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			for (String table : tables) {
				out.put(table, rows(st, "select * from \"" + table + "\" order by all"));
			}
		}
		try (Stream<Path> files = Files.list(analyst)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				String name = f.getFileName().toString();
				if (!name.startsWith("anjian.duckdb")) {
					// the publish state's first line is the snapshot file's size and
					// checksum: DuckDB's file bytes differ from run to run, its rows do
					// not
					out.put("file:" + name, List.of(Files.readString(f).replaceFirst("^(\\d+)/[0-9a-f]+", "$1/-")));
				}
			}
		}
		return out;
	}

}
