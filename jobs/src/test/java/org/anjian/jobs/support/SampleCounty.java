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
 * A generated sample county at the repository root (鹤鸣县; samples/, or samples-b/ of the
 * second round): its reference data, a copy of its inbox with the received times of
 * expected.json restored as mtimes (git does not keep them), and expected.json itself.
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

	/** The first-round sample county, samples/ (or -Danjian.samples). */
	public static SampleCounty load() {
		return load(System.getProperty("anjian.samples", "../samples"));
	}

	/**
	 * A sample county at {@code location}; a relative location naming a sibling of
	 * samples/ (e.g. {@code ../samples-b}) is taken beside wherever samples/ is.
	 */
	public static SampleCounty load(String location) {
		Path root = Path.of(location).toAbsolutePath().normalize();
		if (!Files.isDirectory(root)) {
			Path samples = Path.of(System.getProperty("anjian.samples", "../samples")).toAbsolutePath().normalize();
			root = samples.resolveSibling(Path.of(location).getFileName());
		}
		if (!Files.isDirectory(root)) {
			throw new IllegalStateException("sample county not found at " + root + " (set -Danjian.samples)");
		}
		return new SampleCounty(root);
	}

	/**
	 * Copies the reference data into {@code target}, leaving out the campaigns whose
	 * codes are given (e.g. one of a form anjian does not accept yet).
	 */
	public Path copyReference(Path target, String... leaveOut) {
		try {
			Files.createDirectories(target);
			try (Stream<Path> files = Files.list(reference())) {
				for (Path p : (Iterable<Path>) files::iterator) {
					Files.copy(p, target.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
			Path campaigns = target.resolve("campaigns.csv");
			List<String> kept = Files.readAllLines(campaigns)
				.stream()
				.filter(line -> java.util.Arrays.stream(leaveOut).noneMatch(code -> line.startsWith(code + ",")))
				.toList();
			Files.write(campaigns, kept);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return target;
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
	 * Whether expected.json has an accepted table (loaded or later superseded) of the
	 * campaign month received by {@code asOf}: a rollup with none is not produced (no
	 * official table of nothing but carried-forward figures).
	 */
	public boolean anyAcceptedTableBy(String campaign, String month, String asOf) {
		LocalDateTime by = LocalDateTime.parse(asOf);
		return files().stream()
			.filter(f -> campaign.equals(f.get("campaign")) && month.equals(f.get("period")))
			.filter(f -> "loaded".equals(f.get("status")) || "superseded".equals(f.get("status")))
			.anyMatch(f -> !LocalDateTime.parse((String) f.get("received_at")).isAfter(by));
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
