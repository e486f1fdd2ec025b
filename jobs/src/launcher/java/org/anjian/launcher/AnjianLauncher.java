package org.anjian.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;

import javax.management.DynamicMBean;

import org.springframework.boot.loader.launch.JarLauncher;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.nested.NestedLocation;

/**
 * The runnable jar's {@code Main-Class}: Spring Boot's {@link JarLauncher} with one
 * change, so that DuckDB's 71 MB native library is unpacked once per user instead of once
 * per process (issue 18 part 4).
 *
 * <p>
 * DuckDB's JDBC driver loads its library in {@code DuckDBNative}'s static initializer:
 * when its class loader finds the resource {@code libduckdb_java.so_<os>_<arch>}, it
 * copies it into a fresh temporary file and loads that (about a second per process, and a
 * killed process leaves the 71 MB file in /tmp); otherwise it calls
 * {@code System.loadLibrary("duckdb_java")}, which asks the class loader's
 * {@code findLibrary} first. This launcher's class loader unpacks the resource into
 * {@code $XDG_CACHE_HOME/anjian} (else {@code ~/.cache/anjian}), in a folder named by the
 * zip entry's CRC-32 and size, checks the CRC-32 of what it wrote, moves it into place
 * atomically, then hides the resource and answers {@code findLibrary} with that file. A
 * later process finds the file of that size and loads it. Whenever the cache cannot be
 * used (no home folder, a read-only one, a failed write) the driver does what it did
 * before. Compiled against the loader classes of the repackaged jar and added to its root
 * at {@code package} (jobs/pom.xml); tests, which run on a plain class path, do not use
 * it.
 */
public class AnjianLauncher extends JarLauncher {

	public AnjianLauncher() throws Exception {
	}

	/**
	 * The short commands of {@code AnjianApplication} (its {@code SHORT}): they run
	 * without C2 from the first instruction, before Boot's loader reads the nested jars.
	 */
	private static final Set<String> SHORT = Set.of("status", "rollup", "export", "explain", "bulletin");

	/**
	 * The commands that read an inbox once and end: without C2 too, unless the inbox holds
	 * a file of {@link #LARGE_FILE} or more.
	 */
	private static final Set<String> INTAKE = Set.of("ingest", "nightly", "demo");

	/**
	 * From this size on a file keeps C2 for its run. Below it C2 costs more than it
	 * earns: its compiler thread took one of two cores for the run's whole length,
	 * compiling POI, XMLBeans and the collections under them while 200 warned forms got
	 * their 审核意见 (11.0 → 6.6 s, 20 → 10 CPU s with the quick compiler alone); a
	 * 100,000-row ledger (6.4 MB) 3.8–3.9 → 3.0–3.3 s, a 300,000-row one (19 MB) 4.6–6.1
	 * → 3.9–4.6 s. At a million rows (64.5 and 94.5 MB) C1 alone was even or up to ≈ 0.8
	 * s behind: such files keep C2, as every run did before.
	 */
	static final long LARGE_FILE = 32L << 20;

	public static void main(String[] args) throws Exception {
		boolean quick = quick(args);
		int code = Relaunch.run(args, quick);
		if (code != Relaunch.IN_PROCESS) {
			System.exit(code);
		}
		if (quick) {
			quickCompilerOnly();
		}
		new AnjianLauncher().launch(args);
	}

	/**
	 * Whether the command runs with the quick compiler only: a short command, or an
	 * intake whose inbox ({@code --inbox}; demo's is generated) holds no large file newer
	 * than the home's warehouse. An inbox keeps every file it was sent, so a large file
	 * already taken in (the warehouse was written after it arrived) no longer counts: the
	 * forms of later runs get the quick compiler again.
	 */
	static boolean quick(String[] args) {
		if (args.length == 0) {
			return false;
		}
		if (SHORT.contains(args[0])) {
			return true;
		}
		if (!INTAKE.contains(args[0])) {
			return false;
		}
		String inbox = option(args, "--inbox");
		if (inbox == null) {
			return args[0].equals("demo");
		}
		// the home as the command line reads it: the option, else ANJIAN_HOME, else the
		// default
		String home = option(args, "--home");
		if (home == null) {
			home = System.getenv("ANJIAN_HOME");
		}
		try {
			Path warehouse = Path.of(home == null || home.isBlank() ? "anjian-data" : home, "warehouse.duckdb");
			long taken = Files.isRegularFile(warehouse) ? Files.getLastModifiedTime(warehouse).toMillis() : 0;
			return !holdsLargeFile(Path.of(inbox), taken);
		}
		catch (IOException | RuntimeException ex) {
			// no such folder: the command says so, whichever compiler
			return false;
		}
	}

	/** The value of {@code --name VALUE} or {@code --name=VALUE}, the last given; null. */
	private static String option(String[] args, String name) {
		String value = null;
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals(name) && i + 1 < args.length) {
				value = args[i + 1];
			}
			else if (args[i].startsWith(name + "=")) {
				value = args[i].substring(name.length() + 1);
			}
		}
		return value;
	}

	/**
	 * Whether a file under the folder (links not followed, as the intake) is large and
	 * modified after {@code taken} (epoch milliseconds).
	 */
	private static boolean holdsLargeFile(Path folder, long taken) throws IOException {
		boolean[] large = { false };
		Files.walkFileTree(folder, new SimpleFileVisitor<Path>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (attributes.isRegularFile() && attributes.size() >= LARGE_FILE
						&& attributes.lastModifiedTime().toMillis() > taken) {
					large[0] = true;
					return FileVisitResult.TERMINATE;
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				return FileVisitResult.CONTINUE;
			}

		});
		return large[0];
	}

	/**
	 * {@code ShortRun.quickCompilerOnly} (the JVM's {@code Compiler.directives_add}
	 * excluding C2), done here, first: by the time the application's main ran, Boot's
	 * loader had had about a hundred methods compiled by C2. Through the diagnostic command
	 * MBean itself (the manifest opens {@code jdk.management/com.sun.management.internal}
	 * to the jar), not JMX's platform MBean server, which registers every platform MXBean
	 * first. On success {@code anjian.short-run.applied} tells ShortRun it is done; on any
	 * failure ShortRun tries again its own way.
	 */
	private static void quickCompilerOnly() {
		if (!"true".equals(System.getProperty("anjian.short-run", "true"))) {
			return;
		}
		String internal = "com.sun.management.internal";
		Module management = ModuleLayer.boot().findModule("jdk.management").orElse(null);
		if (management == null || !management.isOpen(internal, AnjianLauncher.class.getModule())) {
			return;
		}
		try {
			Path directives = Files.createTempFile("anjian-c1-", ".json");
			try {
				Files.writeString(directives, "[{ match: \"*.*\", c2: { Exclude: true } }]");
				// its static initializer loads the native library the commands live in
				Class.forName(internal + ".PlatformMBeanProviderImpl", true, ClassLoader.getPlatformClassLoader());
				Method mbean = Class
					.forName(internal + ".DiagnosticCommandImpl", true, ClassLoader.getPlatformClassLoader())
					.getDeclaredMethod("getDiagnosticCommandMBean");
				mbean.setAccessible(true);
				((DynamicMBean) mbean.invoke(null)).invoke("compilerDirectivesAdd",
						new Object[] { new String[] { directives.toString() } },
						new String[] { String[].class.getName() });
				System.setProperty("anjian.short-run.applied", "true");
			}
			finally {
				Files.deleteIfExists(directives);
			}
		}
		catch (Exception | LinkageError ex) {
			// ShortRun tries through the platform MBean server
		}
	}

	@Override
	protected ClassLoader createClassLoader(Collection<URL> urls) throws Exception {
		// Boot's own class loader says which URLs, in which order (its class path index);
		// ours takes the same
		URLClassLoader standard = (URLClassLoader) super.createClassLoader(urls);
		return new CachingClassLoader(isExploded(), getArchive(), LibraryCache.plainJars(standard.getURLs()),
				getClass().getClassLoader());
	}

	/**
	 * The nested library jars ({@code BOOT-INF/lib/*.jar}) as plain files, unpacked once
	 * per user into {@code <cache>/anjian/jars/}: the JDK reads classes from a plain jar
	 * file with less work than Boot's loader from a jar inside a jar, and class loading
	 * was most of a short command's time (issue 18 part 4). Each file is named by its
	 * entry's name, CRC-32 and size, written aside, CRC-checked, flushed and moved into
	 * place as DuckDB's library is; a later process uses it when a file of that size is
	 * there. A jar of another build (another CRC) gets its own file; unchanged libraries
	 * are shared between builds. Any jar that cannot be cached stays nested, as before.
	 */
	static final class LibraryCache {

		private static final String LIB = "BOOT-INF/lib/";

		private LibraryCache() {
		}

		/** The same class path, in the same order, with cached files where possible. */
		static URL[] plainJars(URL[] urls) {
			if (!"true".equals(System.getProperty("anjian.jar-cache", "true"))) {
				return urls;
			}
			URL[] out = urls.clone();
			Path outer = null;
			java.util.zip.ZipFile zip = null;
			try {
				Path folder = cacheRoot().resolve("jars");
				for (int i = 0; i < urls.length; i++) {
					NestedLocation nested = nested(urls[i]);
					if (nested == null || !nested.nestedEntryName().startsWith(LIB)
							|| !nested.nestedEntryName().endsWith(".jar")) {
						continue;
					}
					if (zip == null) {
						outer = nested.path();
						zip = new java.util.zip.ZipFile(outer.toFile());
					}
					else if (!outer.equals(nested.path())) {
						continue;
					}
					Path jar = cached(zip, zip.getEntry(nested.nestedEntryName()), folder);
					if (jar != null) {
						out[i] = jar.toUri().toURL();
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// the cache is not usable (no home folder, read-only, full): what is cached
				// so far is used, the rest stays nested
			}
			finally {
				if (zip != null) {
					try {
						zip.close();
					}
					catch (IOException ex) {
						// read only
					}
				}
			}
			return out;
		}

		/**
		 * The cached file of one nested jar ({@code BOOT-INF/lib/x.jar}), unpacked now if
		 * missing; null: not a library jar, or not usable.
		 */
		static Path cached(java.util.zip.ZipFile zip, ZipEntry entry, Path folder) throws IOException {
			if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0 || !entry.getName().startsWith(LIB)
					|| !entry.getName().endsWith(".jar")) {
				return null;
			}
			String name = entry.getName().substring(LIB.length());
			if (name.contains("/")) {
				return null;
			}
			Path jar = folder.resolve(
					name.substring(0, name.length() - ".jar".length()) + "-" + crcAndSize(entry) + ".jar");
			if (present(jar, entry)) {
				// the common case, without a lambda's first bootstrap (Relaunch's launcher
				// process does little else)
				return jar;
			}
			return unpack(() -> zip.getInputStream(entry), entry, folder, jar);
		}

		/** {@code jar:nested:/…/anjian.jar/!BOOT-INF/lib/x.jar!/} → its location. */
		private static NestedLocation nested(URL url) {
			String spec = url.toString();
			if (!spec.startsWith("jar:nested:") || !spec.endsWith("!/")) {
				return null;
			}
			try {
				return NestedLocation.fromUri(new URI(spec.substring("jar:".length(), spec.length() - "!/".length())));
			}
			catch (URISyntaxException | RuntimeException ex) {
				return null;
			}
		}

	}

	static final class CachingClassLoader extends LaunchedClassLoader {

		static {
			ClassLoader.registerAsParallelCapable();
		}

		private static final String RESOURCE_PREFIX = "libduckdb_java.so_";

		/** Library name ({@code duckdb_java}) → the cached file loaded for it. */
		private final Map<String, Path> cached = new ConcurrentHashMap<>();

		CachingClassLoader(boolean exploded, org.springframework.boot.loader.launch.Archive archive, URL[] urls,
				ClassLoader parent) {
			super(exploded, archive, urls, parent);
		}

		/**
		 * Classes this loader's jars do not hold. XMLBeans tries
		 * {@code org.apache.xerces.util.SecurityManager} for every part POI reads, and each
		 * miss searched every jar again; the jars never change while the process runs. A
		 * class defined later by a proxy generator is still found: {@code loadClass} asks
		 * {@code findLoadedClass} before {@code findClass}.
		 */
		private final Set<String> missing = ConcurrentHashMap.newKeySet();

		@Override
		protected Class<?> findClass(String name) throws ClassNotFoundException {
			if (missing.contains(name)) {
				throw new ClassNotFoundException(name);
			}
			try {
				return super.findClass(name);
			}
			catch (ClassNotFoundException ex) {
				if (ex.getCause() == null) {
					// not found (a jar that could not be read says why: tried again)
					missing.add(name);
				}
				throw ex;
			}
		}

		@Override
		public URL getResource(String name) {
			URL resource = super.getResource(name);
			if (resource == null || !name.startsWith(RESOURCE_PREFIX) || name.contains("/")) {
				return resource;
			}
			Path library = cache(resource);
			if (library == null) {
				return resource;
			}
			cached.put("duckdb_java", library);
			// the driver then calls System.loadLibrary, which asks findLibrary below
			return null;
		}

		@Override
		protected String findLibrary(String name) {
			Path library = cached.get(name);
			return library != null ? library.toString() : super.findLibrary(name);
		}

		/** The cached copy of the resource, unpacked now if missing; null: not usable. */
		private static Path cache(URL resource) {
			try {
				URLConnection connection = resource.openConnection();
				if (!(connection instanceof JarURLConnection jar)) {
					return null;
				}
				ZipEntry entry = jar.getJarEntry();
				if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
					return null;
				}
				Path library = duckDbLibrary(cacheRoot(), entry);
				return cachedOrUnpacked(connection::getInputStream, entry, library.getParent(), library);
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

	}

	/** Where an entry's content comes from. */
	interface Content {

		InputStream open() throws IOException;

	}

	/**
	 * The user's cache folder for anjian: {@code $XDG_CACHE_HOME/anjian}, else
	 * {@code ~/.cache/anjian}.
	 */
	static Path cacheRoot() {
		String xdg = System.getenv("XDG_CACHE_HOME");
		if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
			return Path.of(xdg, "anjian");
		}
		String home = System.getProperty("user.home");
		if (home == null || home.isBlank() || "?".equals(home)) {
			throw new IllegalStateException("no home folder for a cache");
		}
		return Path.of(home, ".cache", "anjian");
	}

	/**
	 * {@code <crc32>-<size>} of a zip entry, as cached files are named (not
	 * {@code String.format}, whose first use loads locale data).
	 */
	static String crcAndSize(ZipEntry entry) {
		return hex8(entry.getCrc()) + "-" + entry.getSize();
	}

	/** Eight lower-case hex digits. */
	static String hex8(long value) {
		String hex = Long.toHexString(value & 0xffffffffL);
		return "00000000".substring(hex.length()) + hex;
	}

	/**
	 * {@code target} when a file of the entry's size is already there (written by
	 * {@link #unpack}, which moves only a checked copy into place), else the entry unpacked
	 * there now; null: not usable.
	 */
	static Path cachedOrUnpacked(Content content, ZipEntry entry, Path folder, Path target) throws IOException {
		return present(target, entry) ? target : unpack(content, entry, folder, target);
	}

	/**
	 * Whether the cached copy of the entry is there: a file of its size at
	 * {@code target} ({@link #unpack} moves only a checked copy into place).
	 */
	static boolean present(Path target, ZipEntry entry) throws IOException {
		return Files.isRegularFile(target) && Files.size(target) == entry.getSize();
	}

	/**
	 * Where DuckDB's native library of this jar entry is cached, whichever class loader
	 * loads the driver (this launcher's, or the relaunched child's through
	 * {@code java.library.path}).
	 */
	static Path duckDbLibrary(Path cache, ZipEntry entry) {
		return cache.resolve("duckdb-" + crcAndSize(entry)).resolve(System.mapLibraryName("duckdb_java"));
	}

	/**
	 * The entry's content written to {@code target} in {@code folder}; null when what was
	 * written is not the entry (CRC-32 or size differ) or cannot be moved into place
	 * atomically.
	 */
	static Path unpack(Content content, ZipEntry entry, Path folder, Path target) throws IOException {
		Files.createDirectories(folder);
		// written aside, checked, flushed to disk, then moved into place: a process
		// killed meanwhile leaves only the aside file, which no one loads
		Path aside = Files.createTempFile(folder, ".unpacking-", ".tmp");
		try {
			try {
				Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-r--r--"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: its default permissions
			}
			CRC32 crc = new CRC32();
			try (InputStream in = new CheckedInputStream(content.open(), crc);
					FileChannel channel = FileChannel.open(aside, StandardOpenOption.WRITE)) {
				OutputStream out = Channels.newOutputStream(channel);
				in.transferTo(out);
				channel.force(true);
			}
			if (crc.getValue() != entry.getCrc() || Files.size(aside) != entry.getSize()) {
				return null;
			}
			try {
				Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				return null;
			}
			return target;
		}
		finally {
			Files.deleteIfExists(aside);
		}
	}

}
