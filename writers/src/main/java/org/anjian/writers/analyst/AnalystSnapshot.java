package org.anjian.writers.analyst;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.anjian.warehouse.Warehouse;
import org.anjian.writers.exports.AtomicFiles;

/**
 * Publishes {@code <home>/analyst/anjian.duckdb}: a consistent, read-only copy of the
 * warehouse for analysts' SQL while jobs keep writing the warehouse (DuckDB allows one
 * writing process per file, so analysts never open the warehouse itself).
 *
 * <p>
 * How: {@code ATTACH} a new temp file beside the snapshot, {@code COPY FROM DATABASE}
 * (one transaction, so one consistent point in time), create the documented views
 * ({@code analyst/*.sql}), {@code CHECKPOINT}, {@code DETACH}, fsync, then rename the
 * temp file over {@code anjian.duckdb}. The publisher never opens the published file, it
 * only renames onto it, so an analyst's lock on it never blocks a publish; an analyst who
 * has the old file open keeps reading the old inode (Linux) until reconnecting. The data
 * dictionary, the snapshot's tables and views, is written beside it.
 *
 * <p>
 * Storage version: the file is attached with {@code STORAGE_VERSION} (setting
 * {@value #STORAGE_VERSION_ENV}, default {@value #DEFAULT_STORAGE_VERSION}), so that the
 * DuckDB releases analysts have installed (CLIs, DBeaver's driver, the Node and Python
 * packages of the 1.x line) can open it; the shipped 2.x driver would otherwise write a
 * format only 2.x reads. {@code DuckDbClientCompatibilityTests} opens it with an older
 * DuckDB JDBC jar.
 */
public final class AnalystSnapshot {

	public static final String FILE_NAME = "anjian.duckdb";

	static final String VIEWS = "analyst/";

	/** The environment variable naming the snapshot's DuckDB storage version. */
	public static final String STORAGE_VERSION_ENV = "ANJIAN_SNAPSHOT_STORAGE_VERSION";

	/**
	 * The storage format of DuckDB 1.0.0 (storage number 64), which every DuckDB from
	 * 1.0.0 (June 2024) reads, and which keeps every type and view the snapshot uses.
	 */
	public static final String DEFAULT_STORAGE_VERSION = "v1.0.0";

	private AnalystSnapshot() {
	}

	/**
	 * Publishes a new snapshot of the warehouse behind {@code warehouse} under
	 * {@code home/analyst/}.
	 * @return the published snapshot file
	 */
	public static Path publish(Connection warehouse, Path home) throws IOException, SQLException {
		return publish(warehouse, home, storageVersion(System.getenv(STORAGE_VERSION_ENV)));
	}

	/**
	 * The storage version to write: {@code setting} when given ({@code v1.2.0}, or
	 * {@code latest} for the driver's own newest format), else the default.
	 * @throws IllegalArgumentException for anything else, naming the setting
	 */
	public static String storageVersion(String setting) {
		if (setting == null || setting.isBlank()) {
			return DEFAULT_STORAGE_VERSION;
		}
		String v = setting.strip();
		if (!v.matches("latest|v\\d+\\.\\d+\\.\\d+")) {
			throw new IllegalArgumentException(
					STORAGE_VERSION_ENV + "=" + setting + "：应为 DuckDB 版本号（如 v1.0.0、v1.4.0）或 latest");
		}
		return v;
	}

	/**
	 * Publishes a new snapshot written in DuckDB storage version {@code storageVersion}
	 * ({@code latest}: the running driver's own format).
	 * @return the published snapshot file
	 */
	public static Path publish(Connection warehouse, Path home, String storageVersion)
			throws IOException, SQLException {
		String storage = storageVersion(storageVersion);
		List<DataDictionary.Entry> dictionary;
		Path dir = Files.createDirectories(home.toAbsolutePath().resolve("analyst"));
		Path target = dir.resolve(FILE_NAME);
		String id = UUID.randomUUID().toString().replace("-", "");
		Path tmp = dir.resolve("." + FILE_NAME + "." + id + ".tmp");
		String alias = "analyst_snapshot_" + id;
		try (Statement st = warehouse.createStatement()) {
			String source = currentDatabase(st);
			st.execute("attach " + Warehouse.literal(tmp.toString()) + " as " + alias
					+ (storage.equals("latest") ? "" : " (storage_version '" + storage + "')"));
			boolean attached = true;
			try {
				st.execute("copy from database " + ident(source) + " to " + alias);
				// Views are created from inside the snapshot so their names resolve in
				// the snapshot file on its own.
				st.execute("use " + alias);
				try {
					for (String view : views()) {
						st.execute("create or replace view " + ident(viewName(view)) + " as\n" + resource(view));
					}
				}
				finally {
					st.execute("use " + ident(source));
				}
				dictionary = DataDictionary.entries(warehouse, alias);
				st.execute("checkpoint " + alias);
				st.execute("detach " + alias);
				attached = false;
			}
			finally {
				if (attached) {
					st.execute("detach database if exists " + alias);
				}
			}
			AtomicFiles.fsync(tmp);
			readOnly(tmp);
			org.anjian.warehouse.CrashPoints.reach("snapshot-rename");
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			AtomicFiles.fsync(dir);
		}
		finally {
			Files.deleteIfExists(tmp);
			Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
		}
		DataDictionary.write(dictionary, dir);
		return target;
	}

	/**
	 * Takes the write permission off the snapshot file, so that an analyst's tool opening
	 * it read-write by mistake fails instead of changing what others query (the publisher
	 * only renames onto it, which needs the folder's permission, not the file's). No-op
	 * on file systems without POSIX permissions.
	 */
	static void readOnly(Path file) throws IOException {
		if (Files.getFileStore(file).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
			Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
		}
	}

	/** The view files, in index order ({@code analyst/views.index}). */
	public static List<String> views() {
		List<String> out = new ArrayList<>();
		for (String line : resource("views.index").split("\n")) {
			String entry = line.strip();
			if (!entry.isEmpty() && !entry.startsWith("#")) {
				out.add(entry);
			}
		}
		return out;
	}

	static String viewName(String file) {
		return file.substring(0, file.length() - ".sql".length());
	}

	static String resource(String name) {
		try (InputStream in = AnalystSnapshot.class.getClassLoader().getResourceAsStream(VIEWS + name)) {
			if (in == null) {
				throw new IllegalStateException("缺少资源文件 " + VIEWS + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String currentDatabase(Statement st) throws SQLException {
		try (ResultSet rs = st.executeQuery("select current_database()")) {
			rs.next();
			return rs.getString(1);
		}
	}

	static String ident(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
