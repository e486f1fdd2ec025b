package org.anjian.readers.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.lists.LimitedListFileReader;
import org.anjian.readers.lists.ListFileReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz tests of {@link ListFileReader#sniff} and {@link ListFileReader#read}, plain and behind
 * {@link LimitedListFileReader}: whatever the bytes, both return
 * within {@link ListReaderInvariants#BOUND}, throw nothing (no {@code Error} either) and report consistent counts
 * ({@link ListReaderInvariants}). Plain {@code mvn test} replays the corpus under
 * {@code src/test/resources/org/anjian/readers/fuzz/ListFileReaderFuzzTestsInputs/<method>/} (small ledgers of every
 * list kind as .xlsx, .xls and CSV, made by {@link ListFuzzSeeds}, and every crash found); {@code JAZZER_FUZZ=1}
 * fuzzes (readers/README.md).
 */
@Tag("fuzz")
class ListFileReaderFuzzTests {

	private static final ListFileReader PLAIN = new ListFileReader();

	/** The reader as the intake uses it: list-sized limits checked first ({@code ListPrecheck}). */
	private static final ListFileReader LIMITED = new LimitedListFileReader(PLAIN, ReaderLimits.forLists());

	/** Both readers: the plain one has no Error handler to hide behind, the limited one adds the prescans. */
	private static void check(Path file) {
		ListReaderInvariants.check(PLAIN, file);
		ListReaderInvariants.check(LIMITED, file);
	}

	private static Path scratch;

	/** Any bytes as a file: sniffing, zip, OLE2 and text paths all see mutated ledgers. */
	@FuzzTest(maxDuration = "10m")
	void anyFile(byte[] data) throws IOException {
		check(write(data, "input"));
	}

	/**
	 * A generated ledger .xlsx with one part replaced by, spliced with or cut to fuzzed bytes, re-zipped with valid
	 * CRCs, so the fuzzer works inside the worksheet, shared strings, styles and relationships XML.
	 */
	@FuzzTest(maxDuration = "10m")
	void xlsxPart(FuzzedDataProvider data) throws IOException {
		List<FuzzSeeds.Seed> bases = ListFuzzSeeds.xlsx();
		byte[] base = bases.get(data.consumeInt(0, bases.size() - 1)).bytes();
		List<String> names = new ArrayList<>();
		List<byte[]> parts = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(base))) {
			for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
				names.add(e.getName());
				parts.add(zip.readAllBytes());
			}
		}
		int target = data.consumeInt(0, parts.size() - 1);
		byte[] part = parts.get(target);
		int mode = data.consumeInt(0, 2);
		int at = data.consumeInt(0, part.length);
		byte[] fuzz = data.consumeBytes(4096);
		ByteArrayOutputStream mutated = new ByteArrayOutputStream();
		switch (mode) {
			case 0 -> mutated.write(fuzz);
			case 1 -> {
				mutated.write(part, 0, at);
				mutated.write(fuzz);
				mutated.write(part, at, part.length - at);
			}
			default -> {
				mutated.write(part, 0, at);
				mutated.write(fuzz);
			}
		}
		parts.set(target, mutated.toByteArray());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (int i = 0; i < names.size(); i++) {
				zip.putNextEntry(new ZipEntry(names.get(i)));
				zip.write(parts.get(i));
				zip.closeEntry();
			}
		}
		check(write(out.toByteArray(), "part.xlsx"));
	}

	/** Fuzzed text as a CSV list, in UTF-8 (with or without BOM) or GB18030, the way clerks' CSV files arrive. */
	@FuzzTest(maxDuration = "10m")
	void csvText(FuzzedDataProvider data) throws IOException {
		int encoding = data.consumeInt(0, 2);
		String text = data.consumeRemainingAsString();
		byte[] bytes = switch (encoding) {
			case 0 -> text.getBytes(StandardCharsets.UTF_8);
			case 1 -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
			default -> text.getBytes(Charset.forName("GB18030"));
		};
		check(write(bytes, "input.csv"));
	}

	private static synchronized Path write(byte[] data, String name) throws IOException {
		if (scratch == null) {
			scratch = Files.createTempDirectory("anjian-list-fuzz");
		}
		Path file = scratch.resolve(name);
		Files.write(file, data);
		return file;
	}

	@AfterAll
	static void cleanUp() throws IOException {
		if (scratch != null) {
			try (var files = Files.list(scratch)) {
				for (Path p : files.toList()) {
					Files.deleteIfExists(p);
				}
			}
			Files.deleteIfExists(scratch);
		}
	}

}
