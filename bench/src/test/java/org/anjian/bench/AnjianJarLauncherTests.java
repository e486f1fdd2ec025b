package org.anjian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code anjian.jar} as a user starts it ({@code java -jar}): its launcher
 * unpacks DuckDB's native library once into the user's cache and every later process
 * loads that copy — shown by a {@code status} that reads the analysts' snapshot with no
 * usable temporary folder at all, where the stock driver would have to unpack the library
 * — and unpacks the nested library jars once, so that later processes load their classes
 * from plain files. Lives in bench because only here is the packaged jar built before the
 * tests run.
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

	@Test
	void theLibraryJarsAreUnpackedOnceIntoTheUsersCacheAndClassesLoadedFromThere() throws Exception {
		Path cache = tmp.resolve("cache");
		Path temp = Files.createDirectories(tmp.resolve("temp"));
		Map<String, ZipEntry> nested = new TreeMap<>();
		try (ZipFile jar = new ZipFile(ANJIAN.toFile())) {
			jar.stream()
				.filter(e -> e.getName().startsWith("BOOT-INF/lib/") && e.getName().endsWith(".jar"))
				.forEach(e -> nested.put(e.getName().substring("BOOT-INF/lib/".length()), e));
		}
		assertThat(nested).containsKey("picocli-4.7.7.jar").hasSizeGreaterThan(50);

		Run first = anjian(cache, temp, List.of("-Xlog:class+load=info"), "rollup", "--help");

		assertThat(first.exit()).as(first.output()).isZero();
		assertThat(first.output()).contains("Usage: anjian rollup");
		// every library once, named by its CRC-32 and size, byte for byte the jar's entry
		Map<String, Path> cached = new TreeMap<>();
		try (Stream<Path> files = Files.list(cache.resolve("anjian").resolve("jars"))) {
			files.forEach(f -> cached.put(f.getFileName().toString(), f));
		}
		assertThat(cached).hasSameSizeAs(nested);
		for (Map.Entry<String, ZipEntry> e : nested.entrySet()) {
			String name = e.getKey().substring(0, e.getKey().length() - ".jar".length())
					+ String.format("-%08x-%d.jar", e.getValue().getCrc(), e.getValue().getSize());
			assertThat(cached).containsKey(name);
			assertThat(crc(cached.get(name))).as(name).isEqualTo(e.getValue().getCrc());
		}
		// the classes came from the cached files, not from the jar inside the jar
		Path picocli = cached.values()
			.stream()
			.filter(f -> f.getFileName().toString().startsWith("picocli-"))
			.findFirst()
			.orElseThrow();
		assertThat(first.output()).contains("picocli.CommandLine source: file:" + picocli);

		// a later process uses them as they are; a damaged one (another size) is unpacked
		// again
		FileTime unpacked = Files.getLastModifiedTime(picocli);
		Path spring = cached.values()
			.stream()
			.filter(f -> f.getFileName().toString().startsWith("spring-core-"))
			.findFirst()
			.orElseThrow();
		Files.write(spring, new byte[] { 'P', 'K' });
		Run second = anjian(cache, temp, List.of(), "rollup", "--help");
		assertThat(second.exit()).as(second.output()).isZero();
		assertThat(Files.getLastModifiedTime(picocli)).as("not unpacked again").isEqualTo(unpacked);
		assertThat(crc(spring)).isEqualTo(
				nested.get(spring.getFileName().toString().replaceAll("-[0-9a-f]{8}-[0-9]+\\.jar$", ".jar")).getCrc());

		// no usable cache (a file where the folder goes): the nested jars, as before
		Path notAFolder = Files.writeString(tmp.resolve("not-a-folder"), "x");
		Run fallback = anjian(notAFolder, temp, List.of(), "rollup", "--help");
		assertThat(fallback.exit()).as(fallback.output()).isZero();
		assertThat(fallback.output()).isEqualTo(second.output());
	}

	private static long crc(Path file) throws IOException {
		CRC32 crc = new CRC32();
		crc.update(Files.readAllBytes(file));
		return crc.getValue();
	}

	private record Run(int exit, String output) {
	}

	private Run anjian(Path cache, Path temp, String... args) throws IOException, InterruptedException {
		return anjian(cache, temp, List.of(), args);
	}

	private Run anjian(Path cache, Path temp, List<String> jvmOptions, String... args)
			throws IOException, InterruptedException {
		assertThat(ANJIAN).as("the jobs module is packaged before bench in the reactor").isRegularFile();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-Djava.io.tmpdir=" + temp));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", ANJIAN.toString()));
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
