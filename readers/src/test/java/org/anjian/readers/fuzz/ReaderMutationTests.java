package org.anjian.readers.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.limits.TimeLimitedReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A structure-aware mutation harness that runs in every {@code mvn test}, beside the
 * Jazzer tests: real sample files and their .xls/CSV conversions, mutated with a fixed
 * seed at the byte level, the zip-entry level (drop, truncate, duplicate, splice) and the
 * XML level (huge or negative cell references, removed or repeated elements, DTDs, broken
 * tags), each read on a time-limited worker. Every result must satisfy
 * {@link ReaderInvariants}; a failing input is kept under
 * {@code target/mutation-failures/} to become a regression file.
 */
class ReaderMutationTests {

	/**
	 * Fixed, so a failure reproduces; raise {@code -Danjian.mutations} for a longer local
	 * run.
	 */
	private static final long SEED = 20240522L;

	private static final int ITERATIONS = Integer.getInteger("anjian.mutations", 250);

	private static final ReaderLimits LIMITS = ReaderLimits.defaults();

	private static final String[] XML_MUTATIONS = { " r=\"XFD1048576\"", " r=\"-1\"", " r=\"A0\"", " t=\"s\"",
			" t=\"e\"", " s=\"99999\"", "<v>2147483648</v>", "<v>-1</v>", "<v>1E308</v>", "<v>NaN</v>", "<!DOCTYPE x>",
			"<c>", "</row>", "<row r=\"1\">", "&amp;", "&#0;", "<![CDATA[]]>", "<mergeCell ref=\"A1:XFD1048576\"/>",
			"<mergeCell ref=\"B2:A1\"/>", "<dimension ref=\"A1:XFD1048576\"/>", "\uD800", "<is><t>合计</t></is>" };

	@TempDir
	Path dir;

	@Test
	void noMutationOfARealFileCrashesHangsOrGivesAnInsaneTable() throws IOException {
		Random random = new Random(SEED);
		List<FuzzSeeds.Seed> seeds = FuzzSeeds.all();
		TimeLimitedReader reader = new TimeLimitedReader(new SummaryTableFileReader(LIMITS), LIMITS);
		List<String> failures = new ArrayList<>();
		int tables = 0;
		for (int i = 0; i < ITERATIONS; i++) {
			FuzzSeeds.Seed seed = seeds.get(random.nextInt(seeds.size()));
			String[] how = new String[1];
			byte[] mutated = mutate(seed, random, how);
			Path file = dir.resolve("m" + i + extension(seed.name()));
			Files.write(file, mutated);
			try {
				SubmissionRead read = reader.read(file);
				ReaderInvariants.check(read, LIMITS);
				tables += read.hasTable() ? 1 : 0;
			}
			catch (AssertionError ex) {
				Path kept = Path.of("target", "mutation-failures", "m" + i + "-" + seed.name());
				Files.createDirectories(kept.getParent());
				Files.write(kept, mutated);
				failures.add("#" + i + " " + seed.name() + " " + how[0] + ": " + ex.getMessage() + " (kept as " + kept
						+ ")");
			}
			Files.delete(file);
		}
		assertThat(failures).isEmpty();
		// the mutations must leave many files readable, or the harness only tests the
		// rejection paths
		assertThat(tables).isGreaterThan(ITERATIONS / 10);
	}

	/**
	 * One random mutation of {@code seed}; {@code how[0]} says which. Also used by
	 * {@link ListReaderMutationTests}.
	 */
	static byte[] mutate(FuzzSeeds.Seed seed, Random random, String[] how) throws IOException {
		boolean zip = seed.name().endsWith(".xlsx");
		int kind = random.nextInt(zip ? 6 : 3);
		byte[] bytes = seed.bytes().clone();
		switch (kind) {
			case 0 -> {
				int flips = 1 + random.nextInt(16);
				for (int f = 0; f < flips; f++) {
					bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
				}
				how[0] = "flip " + flips + " bytes";
				return bytes;
			}
			case 1 -> {
				int length = random.nextInt(bytes.length);
				how[0] = "truncate at " + length;
				return java.util.Arrays.copyOf(bytes, length);
			}
			case 2 -> {
				if (!zip) {
					return mutateText(bytes, random, how);
				}
				return mutateEntries(bytes, random, how);
			}
			default -> {
				return mutateXml(bytes, random, how);
			}
		}
	}

	/**
	 * CSV: delimiters, quotes and line breaks inserted where the table's structure lives.
	 */
	private static byte[] mutateText(byte[] bytes, Random random, String[] how) {
		String[] inserts = { ",", "\"", "\r\n", "\n\n\n", ";", "\t", "合计", "，", "\"\"", "\uFEFF", "填报单位：" };
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		StringBuilder out = new StringBuilder(text);
		int n = 1 + random.nextInt(8);
		for (int k = 0; k < n; k++) {
			String insert = new String(inserts[random.nextInt(inserts.length)].getBytes(StandardCharsets.UTF_8),
					StandardCharsets.ISO_8859_1);
			out.insert(random.nextInt(out.length() + 1), insert);
		}
		how[0] = n + " CSV inserts";
		return out.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Zip level: drop, truncate, duplicate or cross-splice entries; the zip itself stays
	 * valid.
	 */
	private static byte[] mutateEntries(byte[] bytes, Random random, String[] how) throws IOException {
		Map<String, byte[]> parts = parts(bytes);
		List<String> names = new ArrayList<>(parts.keySet());
		String name = names.get(random.nextInt(names.size()));
		byte[] part = parts.get(name);
		switch (random.nextInt(4)) {
			case 0 -> {
				parts.remove(name);
				how[0] = "drop " + name;
			}
			case 1 -> {
				parts.put(name, java.util.Arrays.copyOf(part, random.nextInt(part.length + 1)));
				how[0] = "truncate " + name;
			}
			case 2 -> {
				String other = names.get(random.nextInt(names.size()));
				parts.put(name, parts.get(other));
				how[0] = "replace " + name + " by " + other;
			}
			default -> {
				byte[] doubled = new byte[part.length * 2];
				System.arraycopy(part, 0, doubled, 0, part.length);
				System.arraycopy(part, 0, doubled, part.length, part.length);
				parts.put(name, doubled);
				how[0] = "double " + name;
			}
		}
		return zip(parts);
	}

	/**
	 * XML level: one part's text with an attribute, element or markup inserted at a tag
	 * boundary.
	 */
	private static byte[] mutateXml(byte[] bytes, Random random, String[] how) throws IOException {
		Map<String, byte[]> parts = parts(bytes);
		List<String> xml = parts.keySet().stream().filter(n -> n.endsWith(".xml")).toList();
		String name = random.nextInt(2) == 0 && parts.containsKey("xl/worksheets/sheet1.xml")
				? "xl/worksheets/sheet1.xml" : xml.get(random.nextInt(xml.size()));
		String text = new String(parts.get(name), StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder(text);
		int n = 1 + random.nextInt(4);
		for (int k = 0; k < n; k++) {
			String insert = XML_MUTATIONS[random.nextInt(XML_MUTATIONS.length)];
			int at = random.nextInt(out.length());
			// attributes go just before a tag's end, elements just after one: mutations
			// the parser gets past
			int boundary = insert.startsWith(" ") ? out.indexOf(">", at) : out.indexOf(">", at) + 1;
			if (boundary <= 0) {
				boundary = at;
			}
			if (insert.startsWith(" ") && boundary > 0 && out.charAt(boundary - 1) == '/') {
				boundary--;
			}
			out.insert(boundary, insert);
		}
		parts.put(name, out.toString().getBytes(StandardCharsets.UTF_8));
		how[0] = n + " XML inserts in " + name;
		return zip(parts);
	}

	private static Map<String, byte[]> parts(byte[] xlsx) throws IOException {
		Map<String, byte[]> parts = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
			for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
				parts.put(e.getName(), zip.readAllBytes());
			}
		}
		return parts;
	}

	private static byte[] zip(Map<String, byte[]> parts) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, byte[]> part : parts.entrySet()) {
				zip.putNextEntry(new ZipEntry(part.getKey()));
				zip.write(part.getValue());
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	private static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot);
	}

}
