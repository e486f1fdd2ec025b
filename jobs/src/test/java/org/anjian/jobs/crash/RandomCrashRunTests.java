package org.anjian.jobs.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The randomized crash run (not part of {@code mvn verify}; minutes per dozen instants):
 *
 * <pre>
 * mvn -o -pl jobs -am verify -Dtest=RandomCrashRunTests -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Danjian.crash.random=60 [-Danjian.crash.seed=N]
 * </pre>
 *
 * A home goes through four commands: {@code ingest} (files received by 14 May),
 * {@code rollup} (April month-end), {@code export}, {@code nightly} (22 June: the rest of
 * the inbox, every rollup due, exports). Each instant is one of those commands run in a
 * child JVM halted at a random crash point and arrival ({@code ANJIAN_CRASH_AT}), on a
 * copy of the home as the commands before it left it; then that command runs again and
 * the rest follow, and the home must equal the uninterrupted run's
 * ({@link HomeContents}). Instants whose arrival the command never reaches are drawn
 * again; the run ends after {@code anjian.crash.random} halted instants.
 */
@EnabledIfSystemProperty(named = "anjian.crash.random", matches = "\\d+")
class RandomCrashRunTests {

	@TempDir
	Path tmp;

	@Test
	void everyRandomInstantEndsAsTheCleanRun() throws Exception {
		int wanted = Integer.getInteger("anjian.crash.random");
		long seed = Long.getLong("anjian.crash.seed", System.nanoTime());
		Random random = new Random(seed);
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		List<String[]> commands = List.of(
				new String[] { "ingest", "--reference", samples.reference().toString(), "--inbox", inbox.toString(),
						"--now", "2024-05-14T00:00" },
				new String[] { "rollup", "--reference", samples.reference().toString(), "--campaign", "QA2024",
						"--period", "2024-04", "--kind", "month-end" },
				new String[] { "export", "--reference", samples.reference().toString() },
				new String[] { "nightly", "--reference", samples.reference().toString(), "--inbox", inbox.toString(),
						"--now", "2024-06-22T02:00" });
		// the clean run, and the home as it is before each command
		List<Path> before = new ArrayList<>();
		Path clean = tmp.resolve("clean");
		for (int i = 0; i < commands.size(); i++) {
			Path copy = tmp.resolve("before-" + i);
			copyTree(clean, copy);
			before.add(copy);
			CliRun run = CliRun.of(withHome(commands.get(i), clean));
			assertThat(run.exitCode()).as(run.toString()).isZero();
		}
		Map<String, String> expected = HomeContents.of(clean);

		List<String> log = new ArrayList<>();
		int halted = 0;
		int drawn = 0;
		while (halted < wanted) {
			drawn++;
			int c = random.nextInt(commands.size());
			String crashAt = point(c, random);
			Path home = tmp.resolve("crash-" + drawn);
			copyTree(before.get(c), home);
			Child child = Child.run(crashAt, withHome(commands.get(c), home));
			if (!child.crashed()) {
				assertThat(child.exitCode()).as(crashAt + " not reached: " + child).isZero();
				deleteTree(home);
				continue;
			}
			halted++;
			for (int i = c; i < commands.size(); i++) {
				CliRun run = CliRun.of(withHome(commands.get(i), home));
				assertThat(run.exitCode()).as(commands.get(i)[0] + " after " + crashAt + ": " + run).isZero();
			}
			List<String> differences = HomeContents.differences(expected, HomeContents.of(home));
			String line = String.format("%2d %-8s %-26s %s", halted, commands.get(c)[0], crashAt,
					differences.isEmpty() ? "identical" : "DIFFERENT " + differences);
			log.add(line);
			System.out.println("[random crash run, seed " + seed + "] " + line);
			assertThat(differences).as(line).isEmpty();
			deleteTree(home);
		}
		System.out.println("[random crash run, seed " + seed + "] " + halted + " halted instants of " + drawn
				+ " drawn, every one identical to the clean run");
		Files.writeString(Path.of("target", "random-crash-run.txt"), "seed " + seed + "\n" + String.join("\n", log)
				+ "\n" + halted + " halted instants of " + drawn + " drawn, every one identical to the clean run\n");
	}

	/**
	 * A crash point the command meets, with an arrival drawn from its plausible range.
	 */
	private static String point(int command, Random random) {
		List<String> points = switch (command) {
			case 0 -> List.of("batch-schema:" + (1 + random.nextInt(9)),
					"summary-before-commit:" + (1 + random.nextInt(11)), "file-written:" + (1 + random.nextInt(11)));
			case 1 -> List.of("rollup-outbox:1");
			case 2 -> List.of("export-table:" + (1 + random.nextInt(14)), "snapshot-rename:1");
			default -> List.of("summary-before-commit:" + (1 + random.nextInt(7)),
					"file-written:" + (1 + random.nextInt(7)), "rollup-outbox:" + (1 + random.nextInt(4)),
					"export-table:" + (1 + random.nextInt(14)), "snapshot-rename:1");
		};
		return points.get(random.nextInt(points.size()));
	}

	private static String[] withHome(String[] command, Path home) {
		String[] out = new String[command.length + 2];
		out[0] = command[0];
		out[1] = "--home";
		out[2] = home.toString();
		System.arraycopy(command, 1, out, 3, command.length - 1);
		return out;
	}

	private static void copyTree(Path from, Path to) {
		try {
			Files.createDirectories(to);
			if (!Files.exists(from)) {
				return;
			}
			try (Stream<Path> walk = Files.walk(from)) {
				for (Path p : walk.toList()) {
					Path target = to.resolve(from.relativize(p).toString());
					if (Files.isDirectory(p)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		org.anjian.writers.exports.AtomicFiles.deleteTree(dir);
	}

}
