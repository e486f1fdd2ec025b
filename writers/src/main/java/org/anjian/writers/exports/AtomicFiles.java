package org.anjian.writers.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writing output files so that a reader sees either the old file or the complete new one:
 * write a temp file in the same folder (same file system, so the rename is atomic), fsync
 * it, then {@code ATOMIC_MOVE} it over the target.
 */
public final class AtomicFiles {

	/** Produces the content of a file. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * Produces a file at a given path (for writers that want a path, such as DuckDB's
	 * COPY).
	 */
	@FunctionalInterface
	public interface FileProducer {

		void produce(Path file) throws IOException;

	}

	private AtomicFiles() {
	}

	/** Replaces {@code target} atomically with what {@code content} writes. */
	public static void write(Path target, Content content) throws IOException {
		produce(target, tmp -> {
			try (OutputStream out = Files.newOutputStream(tmp)) {
				content.writeTo(out);
			}
		});
	}

	/**
	 * Replaces {@code target} atomically with the file {@code producer} writes at the
	 * temp path it is given.
	 */
	public static void produce(Path target, FileProducer producer) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			producer.produce(tmp);
			fsync(tmp);
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			fsync(dir);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/**
	 * Flushes a file's (or a directory's entries') data to disk; directories are best
	 * effort.
	 */
	public static void fsync(Path path) throws IOException {
		boolean dir = Files.isDirectory(path);
		try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
			ch.force(true);
		}
		catch (IOException ex) {
			if (!dir) {
				throw ex;
			}
		}
	}

	/** Deletes a directory tree (no-op when absent). */
	public static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

}
