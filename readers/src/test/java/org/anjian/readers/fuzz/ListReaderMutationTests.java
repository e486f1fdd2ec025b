package org.anjian.readers.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.lists.LimitedListFileReader;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deterministic mutation harness of {@link ReaderMutationTests}, over the list seeds
 * ({@link ListFuzzSeeds}: every list kind as .xlsx, .xls, CSV in UTF-8 with BOM and GBK)
 * and {@link ListFileReader}, plain and limited: byte flips, truncation, zip entries
 * dropped / cut / doubled / swapped, XML inserts, CSV inserts, and list-specific cell
 * values. Each mutated file must satisfy {@link ListReaderInvariants} (returns within its
 * bound, throws nothing, counts consistent). A failing input is kept in
 * {@code target/mutation-failures/}. {@code -Danjian.mutations=5000} runs longer.
 */
class ListReaderMutationTests {

	/** Fixed, so a failure reproduces. */
	private static final long SEED = 20261122L;

	private static final int ITERATIONS = Integer.getInteger("anjian.mutations", 250);

	/**
	 * Values that exercise the row checks: dates, amounts, vocabularies, USCC, mobiles,
	 * footers, a repeated header.
	 */
	private static final String[] LIST_INSERTS = { "2024-02-30", "45420", "-1", "1E308", "NaN", "重大", "已整改",
			"91350100M000100Y43", "+86 138-0013-8000", "注：", "填报人：", "……", "企业名称,隐患描述,隐患等级,发现日期", "1. 2. 3.",
			"\"\r\n\"", "\uD800", "０１２", "9999年99月99日" };

	@TempDir
	Path dir;

	@Test
	void noMutationOfAListCrashesHangsOrGivesInconsistentCounts() throws IOException {
		Random random = new Random(SEED);
		List<FuzzSeeds.Seed> seeds = ListFuzzSeeds.all();
		ListFileReader plain = new ListFileReader();
		ListReader limited = new LimitedListFileReader(plain, ReaderLimits.forLists());
		List<String> failures = new ArrayList<>();
		int read = 0;
		for (int i = 0; i < ITERATIONS; i++) {
			FuzzSeeds.Seed seed = seeds.get(random.nextInt(seeds.size()));
			String[] how = new String[1];
			byte[] mutated = seed.name().endsWith(".csv") && random.nextBoolean() ? listInserts(seed, random, how)
					: ReaderMutationTests.mutate(seed, random, how);
			Path file = dir.resolve("m" + i + seed.name().substring(seed.name().lastIndexOf('.')));
			Files.write(file, mutated);
			try {
				ListReaderInvariants.check(plain, file);
				ListReaderInvariants.check(limited, file);
				ListReaderInvariants.CheckingSink sink = new ListReaderInvariants.CheckingSink();
				read += limited.read(file, sink).rowsAccepted() > 0 ? 1 : 0;
			}
			catch (AssertionError ex) {
				Path kept = Path.of("target", "mutation-failures", "list-m" + i + "-" + seed.name());
				Files.createDirectories(kept.getParent());
				Files.write(kept, mutated);
				failures.add("#" + i + " " + seed.name() + " " + how[0] + ": " + ex.getMessage() + " (kept as " + kept
						+ ")");
			}
			Files.delete(file);
		}
		assertThat(failures).isEmpty();
		// the mutations must leave many lists readable, or the harness only tests the
		// rejection paths
		assertThat(read).isGreaterThan(ITERATIONS / 10);
	}

	/**
	 * CSV: list-shaped values inserted at field boundaries, in the seed's own encoding
	 * where it can say them.
	 */
	private static byte[] listInserts(FuzzSeeds.Seed seed, Random random, String[] how) {
		java.nio.charset.Charset charset = seed.name().endsWith("-gbk.csv") ? java.nio.charset.Charset.forName("GBK")
				: StandardCharsets.UTF_8;
		String text = new String(seed.bytes(), charset);
		StringBuilder out = new StringBuilder(text);
		int n = 1 + random.nextInt(4);
		for (int k = 0; k < n; k++) {
			String insert = LIST_INSERTS[random.nextInt(LIST_INSERTS.length)];
			int at = out.indexOf(",", random.nextInt(out.length() + 1));
			out.insert(at < 0 ? out.length() : at + 1, insert);
		}
		how[0] = n + " list value inserts";
		return out.toString().getBytes(charset);
	}

}
