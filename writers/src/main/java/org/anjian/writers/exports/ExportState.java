package org.anjian.writers.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each Parquet file of an export was written from, kept beside it in
 * {@code exports/.export-state.tsv} (path, key, rows): the key is a digest of the file's
 * query and of its rows' content (count and order-independent hash), so the next export
 * hard-links a file whose key is unchanged instead of writing it again. A missing or
 * unreadable state only means every file is written.
 */
final class ExportState {

	static final String FILE = ".export-state.tsv";

	record Entry(String key, long rows) {
	}

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final Path root;

	ExportState() {
		this(null);
	}

	private ExportState(Path root) {
		this.root = root;
	}

	/** The state of the export in {@code exportsDir}, empty when there is none. */
	static ExportState read(Path exportsDir) {
		ExportState state = new ExportState(exportsDir);
		Path file = exportsDir.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return state;
		}
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				String[] fields = line.split("\t");
				if (fields.length == 3) {
					state.entries.put(fields[0], new Entry(fields[1], Long.parseLong(fields[2])));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			state.entries.clear();
		}
		return state;
	}

	static String key(String query, String content) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(query.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(String.valueOf(content).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Entry get(String relative) {
		return entries.get(relative);
	}

	void put(String relative, String key, long rows) {
		entries.put(relative, new Entry(key, rows));
	}

	/**
	 * Hard-links the file the previous export wrote at {@code relative} to
	 * {@code target}; false when it is gone or the file system cannot link (then the
	 * caller writes it).
	 */
	boolean link(String relative, Path target) {
		Path source = root == null ? null : root.resolve(relative);
		if (source == null || !Files.isRegularFile(source)) {
			return false;
		}
		try {
			Files.createLink(target, source);
			return true;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	void write(Path exportsDir) throws IOException {
		StringBuilder text = new StringBuilder();
		entries.forEach((path, entry) -> text.append(path)
			.append('\t')
			.append(entry.key())
			.append('\t')
			.append(entry.rows())
			.append('\n'));
		Files.writeString(exportsDir.resolve(FILE), text, StandardCharsets.UTF_8);
	}

}
