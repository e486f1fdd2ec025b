package org.anjian.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;

import org.springframework.boot.loader.launch.JarLauncher;
import org.springframework.boot.loader.launch.LaunchedClassLoader;

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

	public static void main(String[] args) throws Exception {
		new AnjianLauncher().launch(args);
	}

	@Override
	protected ClassLoader createClassLoader(Collection<URL> urls) throws Exception {
		// Boot's own class loader says which URLs, in which order (its class path index);
		// ours takes the same
		URLClassLoader standard = (URLClassLoader) super.createClassLoader(urls);
		return new CachingClassLoader(isExploded(), getArchive(), standard.getURLs(), getClass().getClassLoader());
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
				Path folder = cacheRoot().resolve(String.format("duckdb-%08x-%d", entry.getCrc(), entry.getSize()));
				Path library = folder.resolve(System.mapLibraryName("duckdb_java"));
				if (Files.isRegularFile(library) && Files.size(library) == entry.getSize()) {
					return library;
				}
				return unpack(connection, entry, folder, library);
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		private static Path cacheRoot() {
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

		private static Path unpack(URLConnection connection, ZipEntry entry, Path folder, Path library)
				throws IOException {
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
				try (InputStream in = new CheckedInputStream(connection.getInputStream(), crc);
						FileChannel channel = FileChannel.open(aside, StandardOpenOption.WRITE)) {
					OutputStream out = Channels.newOutputStream(channel);
					in.transferTo(out);
					channel.force(true);
				}
				if (crc.getValue() != entry.getCrc() || Files.size(aside) != entry.getSize()) {
					return null;
				}
				try {
					Files.move(aside, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					return null;
				}
				return library;
			}
			finally {
				Files.deleteIfExists(aside);
			}
		}

	}

}
