package org.anjian.jobs.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.anjian.writers.exports.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temp files a home's own writers make and a killed run leaves behind, removed by the
 * next run that holds the home lock (so no other process is writing them):
 * {@code .exports.tmp-<uuid>} and {@code .exports.old-<uuid>} (the export's swap
 * folders), {@code analyst/.anjian.duckdb.<uuid>.tmp} and its {@code .wal} (a snapshot
 * not yet renamed), {@code .<name>.<uuid>.tmp} under {@code outbox/}, {@code analyst/}
 * and {@code exports/} (atomic file writes) and the list loader's staging chunks
 * {@code .anjian-list-*} beside the warehouse.
 */
public final class HomeTempFiles {

	private static final Logger log = LoggerFactory.getLogger(HomeTempFiles.class);

	/**
	 * A temp file of AtomicFiles or AnalystSnapshot: {@code .<name>.<uuid>.tmp[.wal]}.
	 */
	private static final Pattern TEMP_FILE = Pattern
		.compile("^\\..+\\.[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\\.tmp(\\.wal)?$");

	private static final Pattern SWAP_DIR = Pattern
		.compile("^\\..+\\.(tmp|old)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

	private HomeTempFiles() {
	}

	/**
	 * Removes them; the caller holds the home lock. Failures are logged: leftovers cost
	 * disk, not correctness.
	 * @return what was removed
	 */
	public static List<Path> sweep(AnjianSettings settings) {
		List<Path> removed = new ArrayList<>();
		Path home = settings.home();
		if (!Files.isDirectory(home)) {
			return removed;
		}
		try {
			Path exportsParent = settings.exportsDir().toAbsolutePath().getParent();
			String exportsName = "." + settings.exportsDir().getFileName();
			for (Path dir : List.of(home, exportsParent)) {
				try (Stream<Path> files = Files.list(dir)) {
					for (Path f : files.toList()) {
						String name = f.getFileName().toString();
						if ((name.startsWith(exportsName + ".") && SWAP_DIR.matcher(name).matches())
								|| name.startsWith(".anjian-list-") || TEMP_FILE.matcher(name).matches()) {
							AtomicFiles.deleteTree(f);
							removed.add(f);
						}
					}
				}
			}
			for (Path dir : List.of(home.resolve("analyst"), settings.outboxDir(), settings.exportsDir())) {
				if (!Files.isDirectory(dir)) {
					continue;
				}
				try (Stream<Path> walk = Files.walk(dir)) {
					for (Path f : walk.filter(Files::isRegularFile)
						.filter(f -> TEMP_FILE.matcher(f.getFileName().toString()).matches())
						.toList()) {
						Files.deleteIfExists(f);
						removed.add(f);
					}
				}
			}
		}
		catch (IOException ex) {
			log.warn("清理数据目录 {} 中遗留的临时文件失败：{}", home, ex.toString());
		}
		if (!removed.isEmpty()) {
			log.info("已清理上次中断的运行遗留的临时文件 {} 个：{}", removed.size(), removed);
		}
		return removed;
	}

}
