package org.anjian.jobs.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.anjian.warehouse.calendar.OfficeTime;

/**
 * The generated sample county of samples/ at the repository root (鹤鸣县): its reference
 * data, a copy of its inbox with the received times of expected.json restored as mtimes
 * (git does not keep them), and expected.json itself.
 */
public final class SampleCounty {

	public static final ZoneId SHANGHAI = OfficeTime.ZONE;

	private final Path root;

	private final Object expected;

	private SampleCounty(Path root) {
		this.root = root;
		try {
			this.expected = JsonPath.parse(Files.readString(root.resolve("expected.json"))).json();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static SampleCounty load() {
		String location = System.getProperty("anjian.samples", "../samples");
		Path root = Path.of(location).toAbsolutePath().normalize();
		if (!Files.isDirectory(root)) {
			throw new IllegalStateException("sample county not found at " + root + " (set -Danjian.samples)");
		}
		return new SampleCounty(root);
	}

	public Path reference() {
		return root.resolve("reference");
	}

	public <T> T read(String jsonPath) {
		return JsonPath.read(expected, jsonPath);
	}

	public List<Map<String, Object>> files() {
		return read("$.files");
	}

	/**
	 * Copies the inbox into {@code target} with every file's mtime set to its expected
	 * received time.
	 */
	public Path copyInbox(Path target) {
		Path source = root.resolve("inbox");
		try (Stream<Path> walk = Files.walk(source)) {
			for (Path p : (Iterable<Path>) walk::iterator) {
				Path to = target.resolve(source.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(to);
				}
				else {
					Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			for (Map<String, Object> f : files()) {
				LocalDateTime received = LocalDateTime.parse((String) f.get("received_at"));
				Files.setLastModifiedTime(target.resolve((String) f.get("path")),
						FileTime.from(received.atZone(SHANGHAI).toInstant()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return target;
	}

}
