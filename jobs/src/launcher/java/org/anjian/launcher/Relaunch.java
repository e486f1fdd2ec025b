package org.anjian.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Enumeration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Runs the command in a child JVM on a plain class path with a class-data sharing archive
 * of that command's classes, while this process only waits (issue 18 part 4). JDK 17's
 * dynamic archive cannot hold classes that Boot's nested-jar loader defines, and
 * {@code java -jar} cannot carry {@code -XX:SharedArchiveFile}; the child can. In the
 * user's cache beside the unpacked library jars: the application's classes as a jar
 * ({@code BOOT-INF/classes} with {@link Relaunched}), DuckDB's jar without its native
 * libraries (the child loads the cached one through {@code java.library.path}) and, per
 * build, JVM and command, the archive a first successful run wrote at its exit. The
 * first run of a command is slower by the dump; later runs load the classes the archive
 * holds without reading or verifying them.
 *
 * <p>
 * Runs in process instead (as before) when switched off ({@code -Danjian.relaunch=false},
 * environment {@code ANJIAN_RELAUNCH=false}), when the JVM carries what a second JVM
 * should not get again (an agent, a debugger, the user's own CDS or library path
 * options), or whenever the cache cannot be prepared.
 */
final class Relaunch {

	/** {@link #run}'s answer: the command was not relaunched. */
	static final int IN_PROCESS = -1;

	private static final String CLASSES = "BOOT-INF/classes/";

	private static final String LIB = "BOOT-INF/lib/";

	private static final String NATIVE = "libduckdb_java.so_";

	/** An archive is named by its command, so only command-like words name one. */
	private static final Pattern COMMAND = Pattern.compile("[a-z][a-z-]{0,23}");

	/** Options a second JVM must not repeat, or that decide what this class decides. */
	private static final List<String> UNSAFE = List.of("-agentlib", "-agentpath", "-javaagent", "-Xrun", "-Xdebug",
			"-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit", "-Xshare", "-XX:SharedClassListFile",
			"-XX:DumpLoadedClassList", "-Djava.library.path");

	/**
	 * The child's system property naming the archive its exit writes; a file of that name
	 * plus {@link #SKIP} asks the launcher not to keep it: the run loaded too little of
	 * the command's classes (an {@code ingest} that found nothing new reads no workbook),
	 * and a command's archive serves all its later runs.
	 */
	static final String DUMP_PROPERTY = "anjian.relaunch.dump";

	static final String SKIP = ".skip";

	/** An archive folder of another build or JVM, unchanged this long, is removed. */
	private static final Duration STALE = Duration.ofDays(7);

	private final List<String> jvmOptions;

	private final String[] args;

	private Relaunch(List<String> jvmOptions, String[] args) {
		this.jvmOptions = jvmOptions;
		this.args = args;
	}

	/** The child's exit code, or {@link #IN_PROCESS}. */
	static int run(String[] args, boolean quick) {
		String enabled = System.getProperty("anjian.relaunch", System.getenv("ANJIAN_RELAUNCH"));
		if ("false".equals(enabled)) {
			return IN_PROCESS;
		}
		List<String> jvmOptions = runtimeArguments();
		if (jvmOptions == null) {
			return IN_PROCESS;
		}
		// loops, not streams or lambdas, on this process's path: their first use costs
		// a JVM that runs nothing else more than the rest of its work
		for (String option : jvmOptions) {
			for (String unsafe : UNSAFE) {
				if (option.startsWith(unsafe)) {
					return IN_PROCESS;
				}
			}
		}
		try {
			return new Relaunch(jvmOptions, args).relaunch(quick);
		}
		catch (IOException | RuntimeException ex) {
			// the cache cannot be prepared (no home folder, read-only, full) or the child
			// not started: nothing has run yet
			return IN_PROCESS;
		}
	}

	/**
	 * The JVM's options as given (the command line's, {@code JDK_JAVA_OPTIONS}'s and
	 * {@code JAVA_TOOL_OPTIONS}'), read where the management API reads them without
	 * starting it (the manifest exports {@code jdk.internal.misc} to the jar); null when
	 * they cannot be read.
	 */
	private static List<String> runtimeArguments() {
		try {
			String[] arguments = (String[]) Class.forName("jdk.internal.misc.VM")
				.getMethod("getRuntimeArguments")
				.invoke(null);
			// null when the command line has none
			return arguments == null ? List.of() : List.of(arguments);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private int relaunch(boolean quick) throws IOException {
		Path jar = outerJar();
		if (jar == null) {
			return IN_PROCESS;
		}
		Path cache = AnjianLauncher.cacheRoot();
		Path jars = cache.resolve("jars");
		List<Path> classPath = new ArrayList<>();
		Path library = null;
		String startClass;
		try (JarFile outer = new JarFile(jar.toFile(), false)) {
			Manifest manifest = outer.getManifest();
			startClass = manifest == null ? null : manifest.getMainAttributes().getValue("Start-Class");
			if (startClass == null) {
				return IN_PROCESS;
			}
			classPath.add(applicationClasses(outer, manifest, jars));
			for (String name : libraries(outer)) {
				Path plain = AnjianLauncher.LibraryCache.cached(outer, outer.getEntry(name), jars);
				if (plain == null) {
					return IN_PROCESS;
				}
				if (name.startsWith(LIB + "duckdb_jdbc-")) {
					library = duckDbLibrary(plain, cache);
					plain = withoutNativeLibraries(plain);
					if (library == null || plain == null) {
						return IN_PROCESS;
					}
				}
				classPath.add(plain);
			}
		}
		String command = args.length > 0 && COMMAND.matcher(args[0]).matches() ? args[0] : null;
		Path archives = cache.resolve("cds").resolve(key(classPath));
		Path archive = command == null ? null : archive(archives, command);
		// a help text's classes are not the command's
		boolean train = command != null && archive == null && !asksHelp(args);
		Path dump = null;
		if (train) {
			Files.createDirectories(archives);
			dump = Files.createTempFile(archives, ".dumping-" + command + "-", ".jsa");
			// the JVM writes it anew
			Files.delete(dump);
		}
		List<String> child = new ArrayList<>();
		child.add(java());
		// the dump's notes on classes it skips, an archive of another build or damaged
		// (then the classes are loaded as usual): not the user's business
		child.add("-Xlog:cds*=off");
		if (archive != null) {
			child.add("-XX:SharedArchiveFile=" + archive);
		}
		else if (dump != null) {
			child.add("-XX:ArchiveClassesAtExit=" + dump);
			// where the command says its run was not one to learn from (SKIP)
			child.add("-D" + DUMP_PROPERTY + "=" + dump);
		}
		if (quick && "true".equals(System.getProperty("anjian.short-run", "true"))) {
			// what ShortRun's compiler directives stand in for
			child.add("-XX:TieredStopAtLevel=1");
			child.add("-Danjian.short-run.applied=true");
		}
		if (library != null) {
			child.add("-Djava.library.path=" + library.getParent());
		}
		child.addAll(jvmOptions);
		child.add("-cp");
		child.add(joined(classPath));
		child.add(Relaunched.class.getName());
		child.add(Long.toString(ProcessHandle.current().pid()));
		child.add(startClass);
		child.addAll(Arrays.asList(args));
		ProcessBuilder builder = new ProcessBuilder(child).inheritIO();
		if (System.getenv("JDK_JAVA_OPTIONS") != null || System.getenv("JAVA_TOOL_OPTIONS") != null) {
			// already among the runtime arguments passed on: not twice (nor their notes)
			builder.environment().remove("JDK_JAVA_OPTIONS");
			builder.environment().remove("JAVA_TOOL_OPTIONS");
		}
		CountDownLatch kept = new CountDownLatch(1);
		AtomicReference<Process> started = new AtomicReference<>();
		// before the start: an exception from here on would run the command again in
		// process. SIGTERM, SIGINT, SIGHUP here stop the child; the archive it wrote at
		// its exit is kept, and this process ends with the child's code (the JVM would
		// report 143 for the signal)
		Runtime.getRuntime().addShutdownHook(new Thread("anjian-relaunch-stop") {
			@Override
			public void run() {
				Process process = started.get();
				if (process == null) {
					return;
				}
				process.destroy();
				int code = exitCode(process);
				try {
					kept.await(1, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					// ends now
				}
				Runtime.getRuntime().halt(code);
			}
		});
		Process process = builder.start();
		started.set(process);
		try {
			int code = exitCode(process);
			if (dump != null) {
				keep(dump, code, archives, command, classPath);
			}
			return code;
		}
		finally {
			kept.countDown();
		}
	}

	private static int exitCode(Process process) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return process.waitFor();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static boolean asksHelp(String[] args) {
		for (String arg : args) {
			if (arg.equals("-h") || arg.equals("--help")) {
				return true;
			}
		}
		return false;
	}

	private static String joined(List<Path> classPath) {
		StringBuilder joined = new StringBuilder();
		for (Path file : classPath) {
			joined.append(joined.length() == 0 ? "" : java.io.File.pathSeparator).append(file);
		}
		return joined.toString();
	}

	/** The jar this launcher runs from; null when it runs from a folder. */
	private static Path outerJar() {
		try {
			Path jar = Path.of(AnjianLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return Files.isRegularFile(jar) ? jar : null;
		}
		catch (URISyntaxException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The nested library jars in the order of Boot's class path index, then any it does
	 * not list, as Boot's loader orders them.
	 */
	private static Set<String> libraries(JarFile outer) throws IOException {
		Set<String> names = new LinkedHashSet<>();
		ZipEntry index = outer.getEntry("BOOT-INF/classpath.idx");
		if (index != null) {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(outer.getInputStream(index), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.startsWith("- \"") && line.endsWith("\"")) {
						names.add(line.substring(3, line.length() - 1));
					}
				}
			}
		}
		for (Enumeration<JarEntry> entries = outer.entries(); entries.hasMoreElements();) {
			String name = entries.nextElement().getName();
			if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * {@code BOOT-INF/classes} as a plain jar (a dynamic archive cannot be dumped with a
	 * folder on the class path), named by the CRC-32 of its entries' names, CRCs and
	 * sizes; with the outer manifest's descriptive attributes (the implementation
	 * version Boot's loader gives the application's package) and {@link Relaunched}.
	 */
	private static Path applicationClasses(JarFile outer, Manifest manifest, Path folder) throws IOException {
		String relaunched = Relaunched.class.getName().replace('.', '/') + ".class";
		List<ZipEntry> entries = new ArrayList<>();
		for (Enumeration<JarEntry> all = outer.entries(); all.hasMoreElements();) {
			JarEntry entry = all.nextElement();
			if (entry.getName().startsWith(CLASSES) && entry.getName().length() > CLASSES.length()) {
				entries.add(entry);
			}
		}
		ZipEntry main = outer.getEntry(relaunched);
		if (main == null) {
			throw new NoSuchFileException(relaunched);
		}
		entries.add(main);
		CRC32 key = new CRC32();
		for (ZipEntry entry : entries) {
			key.update(entry.getName().getBytes(StandardCharsets.UTF_8));
			key.update(Long.toString(entry.getCrc()).getBytes(StandardCharsets.UTF_8));
			key.update(Long.toString(entry.getSize()).getBytes(StandardCharsets.UTF_8));
		}
		Path target = folder.resolve("anjian-classes-" + AnjianLauncher.hex8(key.getValue()) + "-" + entries.size() + ".jar");
		if (Files.isRegularFile(target)) {
			return target;
		}
		return written(folder, target, out -> {
			Manifest plain = new Manifest();
			plain.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
			manifest.getMainAttributes().forEach((name, value) -> {
				String n = name.toString();
				if (n.startsWith("Implementation-") || n.startsWith("Specification-")) {
					plain.getMainAttributes().put(name, value);
				}
			});
			out.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
			plain.write(out);
			out.putNextEntry(new ZipEntry("org/"));
			out.putNextEntry(new ZipEntry("org/anjian/"));
			out.putNextEntry(new ZipEntry("org/anjian/launcher/"));
			for (ZipEntry entry : entries) {
				String name = entry == main ? relaunched : entry.getName().substring(CLASSES.length());
				if (name.equals("org/") || name.equals("org/anjian/") || name.equals("org/anjian/launcher/")) {
					continue;
				}
				// directory entries too: Spring's class path scanning lists them
				out.putNextEntry(new ZipEntry(name));
				try (InputStream in = outer.getInputStream(entry)) {
					in.transferTo(out);
				}
			}
		});
	}

	/** DuckDB's native library for this platform, unpacked into the cache if missing. */
	private static Path duckDbLibrary(Path duckDb, Path cache) throws IOException {
		try (ZipFile jar = new ZipFile(duckDb.toFile())) {
			// the name DuckDBNative asks for
			ZipEntry entry = jar.getEntry(NATIVE + os() + "_" + arch());
			if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
				return null;
			}
			Path library = AnjianLauncher.duckDbLibrary(cache, entry);
			// the check first: no lambda's first bootstrap in the common case
			return AnjianLauncher.present(library, entry) ? library
					: AnjianLauncher.unpack(() -> jar.getInputStream(entry), entry, library.getParent(), library);
		}
	}

	private static String os() {
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).trim();
		return os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : os.startsWith("linux") ? "linux" : os;
	}

	private static String arch() {
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT).trim();
		return Map.of("x86_64", "amd64", "aarch64", "arm64").getOrDefault(arch, arch);
	}

	/**
	 * DuckDB's jar without its native libraries: finding none, the driver calls
	 * {@code System.loadLibrary}, which finds the cached one on the child's
	 * {@code java.library.path}, instead of copying 71 MB into a temporary file.
	 */
	private static Path withoutNativeLibraries(Path duckDb) throws IOException {
		String name = duckDb.getFileName().toString();
		Path target = duckDb.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-no-native.jar");
		if (Files.isRegularFile(target)) {
			return target;
		}
		return written(duckDb.getParent(), target, out -> {
			try (ZipFile jar = new ZipFile(duckDb.toFile())) {
				for (ZipEntry entry : jar.stream().filter(e -> !e.getName().startsWith(NATIVE)).toList()) {
					out.putNextEntry(new ZipEntry(entry.getName()));
					try (InputStream in = jar.getInputStream(entry)) {
						in.transferTo(out);
					}
				}
			}
		});
	}

	interface JarContent {

		void write(ZipOutputStream out) throws IOException;

	}

	/**
	 * {@code target} as it is, else written aside, flushed and linked into place: never
	 * replaced once there, since an archive records each class path file's time and size.
	 */
	private static Path written(Path folder, Path target, JarContent content) throws IOException {
		Files.createDirectories(folder);
		Path aside = Files.createTempFile(folder, ".writing-", ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.WRITE)) {
				JarOutputStream out = new JarOutputStream(Channels.newOutputStream(channel));
				content.write(out);
				out.finish();
				out.flush();
				channel.force(true);
			}
			return linked(aside, target);
		}
		finally {
			Files.deleteIfExists(aside);
		}
	}

	/** {@code file} at {@code target} unless another process put one there first. */
	private static Path linked(Path file, Path target) throws IOException {
		try {
			Files.createLink(target, file);
		}
		catch (FileAlreadyExistsException ex) {
			// a concurrent first run's: the same content
		}
		catch (UnsupportedOperationException | IOException ex) {
			if (!Files.exists(target)) {
				Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		return target;
	}

	/**
	 * The archive folder's name: the JVM and each class path file's path, size and time.
	 * The JVM rejects an archive when any of them differs; a new key gets a new archive.
	 */
	private static String key(List<Path> classPath) throws IOException {
		CRC32 key = new CRC32();
		StringBuilder text = new StringBuilder(System.getProperty("java.home")).append('\n')
			.append(System.getProperty("java.vm.version"));
		for (Path file : classPath) {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			text.append('\n')
				.append(file)
				.append(' ')
				.append(attributes.size())
				.append(' ')
				.append(attributes.lastModifiedTime().toMillis());
		}
		key.update(text.toString().getBytes(StandardCharsets.UTF_8));
		return AnjianLauncher.hex8(key.getValue());
	}

	/**
	 * The command's archive, {@code <command>.<size>.jsa}; null when there is none. One
	 * of another size is removed (a truncated archive crashes the JVM: SIGBUS), so that
	 * the next run writes it again.
	 */
	private static Path archive(Path folder, String command) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, command + ".*.jsa")) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				String size = name.substring(command.length() + 1, name.length() - ".jsa".length());
				if (size.matches("[0-9]{1,18}") && Files.size(file) == Long.parseLong(size)) {
					return file;
				}
				Files.deleteIfExists(file);
			}
		}
		catch (NoSuchFileException ex) {
			// none yet
		}
		return null;
	}

	/**
	 * The archive the child wrote at its exit, checked by a JVM that must map it
	 * ({@code -Xshare:on}) and put in place; only from a run that succeeded, whose classes
	 * are the command's, and did not ask to be skipped ({@link #DUMP_PROPERTY}).
	 */
	private void keep(Path dump, int code, Path folder, String command, List<Path> classPath) {
		Path skip = dump.resolveSibling(dump.getFileName() + SKIP);
		try {
			if (code == 0 && Files.isRegularFile(dump) && !Files.exists(skip) && archive(folder, command) == null
					&& mapped(dump, classPath)) {
				linked(dump, folder.resolve(command + "." + Files.size(dump) + ".jsa"));
				removeStale(folder);
			}
		}
		catch (IOException | RuntimeException ex) {
			// not kept: the next run writes one (the command has run: never an exception
			// from here, which would run it again in process)
		}
		finally {
			try {
				Files.deleteIfExists(skip);
				Files.deleteIfExists(dump);
			}
			catch (IOException ex) {
				// removed with the stale ones
			}
		}
	}

	/** Whether a JVM started with this archive ({@code -Xshare:on}) can map it. */
	private boolean mapped(Path dump, List<Path> classPath) throws IOException {
		List<String> check = new ArrayList<>(List.of(java(), "-Xshare:on", "-XX:SharedArchiveFile=" + dump));
		check.addAll(jvmOptions);
		check.addAll(List.of("-Xlog:disable", "-cp",
				joined(classPath),
				"-version"));
		Process process = new ProcessBuilder(check).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		return exitCode(process) == 0;
	}

	/**
	 * Archive folders of other builds or JVMs not written to for a week, and dumps that
	 * runs killed outright left here over a day ago.
	 */
	private static void removeStale(Path current) {
		Instant before = Instant.now().minus(STALE);
		try (Stream<Path> dumps = Files.list(current)) {
			for (Path dump : dumps.filter(f -> f.getFileName().toString().startsWith(".dumping-")).toList()) {
				if (Files.getLastModifiedTime(dump).toInstant().isBefore(Instant.now().minus(Duration.ofDays(1)))) {
					Files.deleteIfExists(dump);
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// another run removes them
		}
		try (Stream<Path> folders = Files.list(current.getParent())) {
			for (Path folder : folders.filter(f -> !f.equals(current)).toList()) {
				if (Files.getLastModifiedTime(folder).compareTo(FileTime.from(before)) < 0) {
					try (Stream<Path> files = Files.walk(folder)) {
						for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
							Files.deleteIfExists(file);
						}
					}
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// another run removes them
		}
	}

}
