package org.anjian.writers.analyst;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.writers.exports.AtomicFiles;

/**
 * What the published snapshot holds, kept beside it in
 * {@code analyst/.anjian.duckdb.state} so that the next publish copies only the tables
 * whose rows changed ({@link AnalystSnapshot}): the file it describes (size and a
 * checksum of its bytes — a snapshot replaced by anything else, or by a publish that
 * stopped before writing this file, no longer matches), how it was written (storage
 * version, DuckDB version, the warehouse's catalogue: tables' DDL, views, macros), and
 * each large table's content key (row count and order-independent hash; none after a
 * whole copy). A missing, unreadable or unmatched state only means the whole warehouse is
 * copied, as before.
 *
 * @param file the snapshot file's identity
 * @param how storage version, DuckDB version and catalogue fingerprint
 * @param tables content key by table (large tables only)
 */
record SnapshotState(String file, String how, Map<String, String> tables) {

	static final String FILE_NAME = "." + AnalystSnapshot.FILE_NAME + ".state";

	/**
	 * The state beside {@code snapshot}, or null when there is none that describes it.
	 */
	static SnapshotState read(Path snapshot) {
		Path path = snapshot.resolveSibling(FILE_NAME);
		if (!Files.isRegularFile(path) || !Files.isRegularFile(snapshot)) {
			return null;
		}
		try {
			List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
			if (lines.size() < 2) {
				return null;
			}
			Map<String, String> tables = new LinkedHashMap<>();
			for (String line : lines.subList(2, lines.size())) {
				String[] fields = line.split("\t");
				if (fields.length != 2) {
					return null;
				}
				tables.put(fields[0], fields[1]);
			}
			SnapshotState state = new SnapshotState(lines.get(0), lines.get(1), tables);
			return state.file.equals(identity(snapshot)) ? state : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Writes this state beside {@code snapshot} (atomically: all of it or the old one).
	 */
	void write(Path snapshot) throws IOException {
		StringBuilder text = new StringBuilder().append(file).append('\n').append(how).append('\n');
		tables.forEach((table, key) -> text.append(table).append('\t').append(key).append('\n'));
		AtomicFiles.write(snapshot.resolveSibling(FILE_NAME),
				out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/** Removes the state (before the snapshot it described is replaced). */
	static void delete(Path snapshot) throws IOException {
		Files.deleteIfExists(snapshot.resolveSibling(FILE_NAME));
	}

	/**
	 * The file's identity: its size and a CRC-32C of its bytes. By content, so a snapshot
	 * restored byte for byte still matches, and one changed or replaced by anything else
	 * does not.
	 */
	static String identity(Path file) throws IOException {
		java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(1 << 20);
		long size = 0;
		try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
			while (channel.read(buffer) >= 0) {
				buffer.flip();
				size += buffer.remaining();
				crc.update(buffer);
				buffer.clear();
			}
		}
		return size + "/" + Long.toHexString(crc.getValue());
	}

	static String digest(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
