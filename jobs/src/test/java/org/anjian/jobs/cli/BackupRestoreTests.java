package org.anjian.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's backup and restore procedure: with anjian stopped, the home folder copied
 * whole is a backup; copied into a new folder it is a working home again — {@code status}
 * says the same, and a rollup run in both gives the same roster, rows and official table.
 */
class BackupRestoreTests {

	@TempDir
	Path tmp;

	@Test
	void aHomeCopiedWholeIntoANewFolderAgreesWithTheOriginal() throws Exception {
		SampleCounty samples = SampleCounty.load();
		String reference = samples.reference().toString();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path original = tmp.resolve("srv").resolve("anjian-data");
		ok(CliRun.of("ingest", "--home", original.toString(), "--reference", reference, "--inbox", inbox.toString()));
		ok(CliRun.of("rollup", "--home", original.toString(), "--reference", reference, "--campaign", "QA2024",
				"--period", "2024-04", "--kind", "cutoff"));
		ok(CliRun.of("export", "--home", original.toString(), "--reference", reference));

		// backup (anjian stopped: no process holds the home), then restore into a new
		// folder
		Path backup = copy(original, tmp.resolve("backup").resolve("anjian-data"));
		Path restored = copy(backup, tmp.resolve("restored").resolve("anjian-data"));

		CliRun statusBefore = ok(CliRun.of("status", "--home", original.toString(), "--reference", reference));
		CliRun statusAfter = ok(CliRun.of("status", "--home", restored.toString(), "--reference", reference));
		assertThat(statusAfter.out()).isEqualTo(statusBefore.out()).contains("submissionsIntakeJob", "rollupJob");
		CliRun jsonBefore = ok(CliRun.of("status", "--home", original.toString(), "--json"));
		CliRun jsonAfter = ok(CliRun.of("status", "--home", restored.toString(), "--json"));
		assertThat(jsonAfter.out().replace(restored.toString(), "HOME"))
			.isEqualTo(jsonBefore.out().replace(original.toString(), "HOME"));

		// the same rollup, on each: the same roster, rows and outbox table
		String[] rollup = { "rollup", "--reference", reference, "--campaign", "QA2024", "--period", "2024-05", "--kind",
				"month-end" };
		CliRun before = ok(CliRun.of(with(rollup, original)));
		CliRun after = ok(CliRun.of(with(rollup, restored)));
		assertThat(after.out().replace(restored.toString(), "HOME"))
			.isEqualTo(before.out().replace(original.toString(), "HOME"));
		for (String table : new String[] { "rollup_cutoff", "rollup_month_end", "audit_file" }) {
			String sql = "select * from " + table + " order by all";
			assertThat(WarehouseQueries.query(restored, sql)).as(table)
				.isNotEmpty()
				.isEqualTo(WarehouseQueries.query(original, sql));
		}
		try (Stream<Path> files = Files.walk(restored.resolve("outbox"))) {
			assertThat(files.filter(Files::isRegularFile).map(restored::relativize).map(Path::toString).sorted())
				.isEqualTo(outbox(original));
		}
	}

	private static java.util.List<String> outbox(Path home) throws IOException {
		try (Stream<Path> files = Files.walk(home.resolve("outbox"))) {
			return files.filter(Files::isRegularFile).map(home::relativize).map(Path::toString).sorted().toList();
		}
	}

	private static String[] with(String[] args, Path home) {
		return Stream.concat(Stream.of(args), Stream.of("--home", home.toString())).toArray(String[]::new);
	}

	private static CliRun ok(CliRun run) {
		assertThat(run.exitCode()).as(run.toString()).isZero();
		return run;
	}

	/** {@code cp -a home target}: every file, with its modification time. */
	private static Path copy(Path home, Path target) throws IOException {
		try (Stream<Path> walk = Files.walk(home)) {
			for (Path p : (Iterable<Path>) walk::iterator) {
				Path to = target.resolve(home.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(to);
				}
				else {
					Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		return target;
	}

}
