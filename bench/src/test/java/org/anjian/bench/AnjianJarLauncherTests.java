package org.anjian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code anjian.jar} as a user starts it ({@code java -jar}): its launcher
 * unpacks DuckDB's native library once into the user's cache and every later process
 * loads that copy — shown by a {@code status} that reads the analysts' snapshot with no
 * usable temporary folder at all, where the stock driver would have to unpack the
 * library. Lives in bench because only here is the packaged jar built before the tests
 * run.
 */
class AnjianJarLauncherTests {

	private static final Path ANJIAN = Path.of("../jobs/target/anjian.jar").toAbsolutePath().normalize();

	private static final Path SAMPLE_COUNTY = Path.of("../samples").toAbsolutePath().normalize();

	@TempDir
	Path tmp;

	@Test
	void duckDbsLibraryIsUnpackedOnceIntoTheUsersCacheAndLoadedFromThereByLaterProcesses() throws Exception {
		Path cache = tmp.resolve("cache");
		Path home = tmp.resolve("home");
		Path temp = Files.createDirectories(tmp.resolve("temp"));

		// the first process unpacks it into the cache
		Run ingest = anjian(cache, temp, "ingest", "--home", home.toString(), "--inbox",
				SAMPLE_COUNTY.resolve("inbox").toString(), "--reference",
				SAMPLE_COUNTY.resolve("reference").toString());
		assertThat(ingest.exit()).as(ingest.output()).isZero();
		Run export = anjian(cache, temp, "export", "--home", home.toString(), "--reference",
				SAMPLE_COUNTY.resolve("reference").toString());
		assertThat(export.exit()).as(export.output()).isZero();
		List<Path> libraries = libraries(cache.resolve("anjian"));
		assertThat(libraries).as("one cached copy").hasSize(1);
		FileTime unpacked = Files.getLastModifiedTime(libraries.get(0));

		// a later process loads that copy: it needs no temporary folder for the library
		Run status = anjian(cache, tmp.resolve("no-such-folder"), "status", "--home", home.toString(), "--reference",
				SAMPLE_COUNTY.resolve("reference").toString());

		assertThat(status.exit()).as(status.output()).isZero();
		assertThat(status.output()).contains("各月报送（截至最近一次导出）：").contains("QA2024 2024-05 loaded");
		assertThat(libraries(cache.resolve("anjian"))).containsExactlyElementsOf(libraries);
		assertThat(Files.getLastModifiedTime(libraries.get(0))).as("not unpacked again").isEqualTo(unpacked);
	}

	private record Run(int exit, String output) {
	}

	private Run anjian(Path cache, Path temp, String... args) throws IOException, InterruptedException {
		assertThat(ANJIAN).as("the jobs module is packaged before bench in the reactor").isRegularFile();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-Djava.io.tmpdir=" + temp, "-jar", ANJIAN.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("XDG_CACHE_HOME", cache.toString());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Run(process.waitFor(), output);
	}

	private static List<Path> libraries(Path root) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(p -> p.getFileName().toString().startsWith("libduckdb_java")).sorted().toList();
		}
	}

}
