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
		// beside them the relaunch's: the application's classes, DuckDB's jar without its
		// native libraries
		assertThat(cached.keySet()).filteredOn(n -> n.startsWith("anjian-classes-") || n.endsWith("-no-native.jar"))
			.hasSize(2);
		cached.keySet().removeIf(n -> n.startsWith("anjian-classes-") || n.endsWith("-no-native.jar"));
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

	@Test
	void aCommandRunsInAChildJvmThatLoadsItsClassesFromTheArchiveItsFirstRunWrote() throws Exception {
		Path cache = tmp.resolve("cache");
		Path temp = Files.createDirectories(tmp.resolve("temp"));
		Path relaunched = tmp.resolve("relaunched");
		Path inProcess = tmp.resolve("in-process");
		List<String> off = List.of("-Danjian.relaunch=false");

		// an ingest that found nothing to read trains no archive: it loaded none of the
		// classes that read a workbook, which every later ingest would miss
		Path emptyInbox = Files.createDirectories(tmp.resolve("empty-inbox"));
		Run nothing = anjian(cache, temp, List.of(), "ingest", "--home", tmp.resolve("empty-home").toString(),
				"--inbox", emptyInbox.toString(), "--reference", SAMPLE_COUNTY.resolve("reference").toString());
		assertThat(nothing.exit()).as(nothing.output()).isZero();
		assertThat(nothing.output()).contains("处理文件 0 个");
		assertThat(archiveNames(archives(cache))).isEmpty();

		// the same output and exit code as in process, home by home
		Run ingest = anjian(cache, temp, List.of(), ingest(relaunched));
		Run ingestHere = anjian(cache, temp, off, ingest(inProcess));
		assertThat(ingest.exit()).as(ingest.output()).isZero();
		assertThat(ingest.output().replace(relaunched.toString(), "HOME"))
			.isEqualTo(ingestHere.output().replace(inProcess.toString(), "HOME"));
		Run status = anjian(cache, temp, List.of(), "status", "--home", relaunched.toString());
		Run statusHere = anjian(cache, temp, off, "status", "--home", relaunched.toString());
		assertThat(status.exit()).as(status.output()).isZero();
		assertThat(status.output()).contains("submissionsIntakeJob").isEqualTo(statusHere.output());
		Run wrong = anjian(cache, temp, List.of(), "status", "--no-such-option");
		Run wrongHere = anjian(cache, temp, off, "status", "--no-such-option");
		assertThat(wrong.exit()).isEqualTo(wrongHere.exit()).isEqualTo(64);
		assertThat(wrong.output()).isEqualTo(wrongHere.output());

		// each command's first successful run wrote its archive; later runs load the
		// application's classes from it
		Path archives = archives(cache);
		assertThat(archiveNames(archives)).containsExactly("ingest", "status");
		Run shared = anjian(cache, temp, List.of("-Xlog:class+load=info"), "status", "--home", relaunched.toString());
		assertThat(shared.exit()).as(shared.output()).isZero();
		assertThat(shared.output()).contains("org.anjian.jobs.AnjianApplication source: shared objects file")
			.contains("submissionsIntakeJob");
		Run sharedHere = anjian(cache, temp, List.of("-Xlog:class+load=info", "-Danjian.relaunch=false"), "status",
				"--home", relaunched.toString());
		assertThat(sharedHere.output()).doesNotContain("source: shared objects file (top)");

		// a damaged archive (cut short: the JVM would crash mapping it; overwritten: the
		// JVM rejects it) gives the same run, without a word about it
		Path archive = archive(archives, "status");
		byte[] whole = Files.readAllBytes(archive);
		archive.toFile().setWritable(true);
		Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));
		Run cut = anjian(cache, temp, List.of(), "status", "--home", relaunched.toString());
		assertThat(cut.exit()).isZero();
		assertThat(cut.output()).isEqualTo(status.output());
		archive = archive(archives, "status");
		archive.toFile().setWritable(true);
		byte[] overwritten = Files.readAllBytes(archive);
		java.util.Arrays.fill(overwritten, 0, 4096, (byte) 0x5a);
		Files.write(archive, overwritten);
		Run rejected = anjian(cache, temp, List.of(), "status", "--home", relaunched.toString());
		assertThat(rejected.exit()).isZero();
		assertThat(rejected.output()).isEqualTo(status.output());

		// a bare java -jar too, whose JVM reports no options at all (null, not none)
		Run export = anjian(cache, null, List.of(), "export", "--home", relaunched.toString(), "--reference",
				SAMPLE_COUNTY.resolve("reference").toString());
		assertThat(export.exit()).as(export.output()).isZero();
		assertThat(archiveNames(archives)).containsExactly("export", "ingest", "status");
	}

	@Test
	void anIngestOfSmallFilesRunsWithTheQuickCompilerOnlyALargeFileKeepsC2() throws Exception {
		Path cache = tmp.resolve("cache");
		Path temp = Files.createDirectories(tmp.resolve("temp"));
		List<String> flags = List.of("-XX:+PrintFlagsFinal");

		// the launcher's JVM prints its flags first, the command's second
		Run small = anjian(cache, temp, flags, ingest(tmp.resolve("small")));
		assertThat(small.exit()).as(small.output()).isZero();
		assertThat(tieredStopAtLevel(small.output())).as("the sample county's forms and lists: C1 only")
			.containsExactly("4", "1");

		// the same files beside a new file of 64 MB (sparse: no disk used; rejected as no
		// table, but the launcher decides before anything is read)
		Path inbox = Files.createDirectories(tmp.resolve("inbox"));
		try (Stream<Path> files = Files.walk(SAMPLE_COUNTY.resolve("inbox"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path copy = inbox.resolve(SAMPLE_COUNTY.resolve("inbox").relativize(file).toString());
				Files.createDirectories(copy.getParent());
				Files.copy(file, copy);
			}
		}
		try (java.io.RandomAccessFile large = new java.io.RandomAccessFile(inbox.resolve("大文件.bin").toFile(), "rw")) {
			large.setLength(64L << 20);
		}
		Run withLarge = anjian(cache, temp, flags, "ingest", "--home", tmp.resolve("large").toString(), "--inbox",
				inbox.toString(), "--reference", SAMPLE_COUNTY.resolve("reference").toString());
		assertThat(withLarge.exit()).as(withLarge.output()).isZero();
		assertThat(tieredStopAtLevel(withLarge.output())).as("a large file keeps C2").containsExactly("4", "4");

		// taken in (rejected, here): the home's warehouse was written after it arrived,
		// so
		// the next run of the same inbox is quick again
		Run again = anjian(cache, temp, flags, "ingest", "--home", tmp.resolve("large").toString(), "--inbox",
				inbox.toString(), "--reference", SAMPLE_COUNTY.resolve("reference").toString());
		assertThat(again.exit()).as(again.output()).isZero();
		assertThat(tieredStopAtLevel(again.output())).as("the large file already taken in").containsExactly("4", "1");
	}

	/** The value of -XX:TieredStopAtLevel each JVM printed, in order. */
	private static List<String> tieredStopAtLevel(String output) {
		return java.util.regex.Pattern.compile("TieredStopAtLevel\\s+= (\\d)")
			.matcher(output)
			.results()
			.map(m -> m.group(1))
			.toList();
	}

	@Test
	void stoppingTheLauncherStopsTheCommandItRelaunched() throws Exception {
		Path cache = tmp.resolve("cache");
		Path temp = Files.createDirectories(tmp.resolve("temp"));
		Path home = tmp.resolve("home");
		String[] schedule = { "schedule", "--home", home.toString(), "--inbox",
				SAMPLE_COUNTY.resolve("inbox").toString(), "--reference",
				SAMPLE_COUNTY.resolve("reference").toString() };

		// SIGTERM: the child stops as schedule does (the running job completes) and its
		// exit code is the launcher's
		Process launcher = start(cache, temp, List.of(), schedule);
		java.io.BufferedReader output = new java.io.BufferedReader(
				new java.io.InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
		List<ProcessHandle> children = untilStarted(launcher, output);
		assertThat(children).isNotEmpty();
		// SIGTERM (Process.destroy would close our end of its output too)
		launcher.toHandle().destroy();
		String rest = output.lines().collect(java.util.stream.Collectors.joining("\n"));
		assertThat(launcher.waitFor()).as(rest).isZero();
		assertThat(rest).contains("调度器已停止");
		assertThat(children).noneMatch(ProcessHandle::isAlive);

		// killed outright (the pid a user sees): the child does not run on unseen
		Process killed = start(cache, temp, List.of(), schedule);
		List<ProcessHandle> orphans = untilStarted(killed, new java.io.BufferedReader(
				new java.io.InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8)));
		killed.destroyForcibly().waitFor();
		for (ProcessHandle orphan : orphans) {
			orphan.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	/** The launcher's descendants once schedule says it started. */
	private static List<ProcessHandle> untilStarted(Process launcher, java.io.BufferedReader lines) throws IOException {
		StringBuilder seen = new StringBuilder();
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			seen.append(line).append('\n');
			if (line.startsWith("调度器已启动")) {
				return launcher.descendants().toList();
			}
		}
		throw new AssertionError("schedule did not start: " + seen);
	}

	private static String[] ingest(Path home) {
		return new String[] { "ingest", "--home", home.toString(), "--inbox", SAMPLE_COUNTY.resolve("inbox").toString(),
				"--reference", SAMPLE_COUNTY.resolve("reference").toString() };
	}

	/** The one folder of archives (one build, one JVM). */
	private static Path archives(Path cache) throws IOException {
		try (Stream<Path> folders = Files.list(cache.resolve("anjian").resolve("cds"))) {
			List<Path> all = folders.toList();
			assertThat(all).hasSize(1);
			return all.get(0);
		}
	}

	/** The commands with an archive, in name order. */
	private static List<String> archiveNames(Path archives) throws IOException {
		try (Stream<Path> files = Files.list(archives)) {
			return files.map(f -> f.getFileName().toString())
				.filter(n -> n.endsWith(".jsa") && !n.startsWith("."))
				.map(n -> n.substring(0, n.indexOf('.')))
				.sorted()
				.toList();
		}
	}

	private static Path archive(Path archives, String command) throws IOException {
		try (Stream<Path> files = Files.list(archives)) {
			return files.filter(f -> f.getFileName().toString().startsWith(command + ".")).findFirst().orElseThrow();
		}
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
		Process process = start(cache, temp, jvmOptions, args);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Run(process.waitFor(), output);
	}

	private Process start(Path cache, Path temp, List<String> jvmOptions, String... args) throws IOException {
		assertThat(ANJIAN).as("the jobs module is packaged before bench in the reactor").isRegularFile();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		if (temp != null) {
			command.addAll(List.of("-Xmx384m", "-Djava.io.tmpdir=" + temp));
		}
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", ANJIAN.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		// the user's cache is not shared with the tests (nor the launcher's options)
		builder.environment().put("XDG_CACHE_HOME", cache.toString());
		builder.environment().remove("JDK_JAVA_OPTIONS");
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("ANJIAN_RELAUNCH");
		return builder.start();
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
