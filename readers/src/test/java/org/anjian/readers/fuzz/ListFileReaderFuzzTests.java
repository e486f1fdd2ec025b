package org.anjian.readers.fuzz;

import java.io.IOException;
import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.lists.LimitedListFileReader;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz tests of {@link org.anjian.readers.SubmissionFiles#open} and
 * {@link ListFileReader#read}, plain and behind {@link LimitedListFileReader}: whatever
 * the bytes, both return within {@link ListReaderInvariants#BOUND}, throw nothing (no
 * {@code Error} either) and report consistent counts ({@link ListReaderInvariants}).
 * Plain {@code mvn test} replays the corpus under
 * {@code src/test/resources/org/anjian/readers/fuzz/ListFileReaderFuzzTestsInputs/<method>/}
 * (small ledgers of every list kind as .xlsx, .xls and CSV, made by
 * {@link ListFuzzSeeds}, and every crash found); {@code JAZZER_FUZZ=1} fuzzes
 * (readers/README.md).
 */
@Tag("fuzz")
class ListFileReaderFuzzTests {

	private static final ListFileReader PLAIN = new ListFileReader();

	/**
	 * The reader as the intake uses it: list-sized limits checked first
	 * ({@code ListPrecheck}).
	 */
	private static final ListReader LIMITED = new LimitedListFileReader(PLAIN, ReaderLimits.forLists());

	/**
	 * Both readers: the plain one has no Error handler to hide behind, the limited one
	 * adds the prescans.
	 */
	private static void check(Path file) {
		ListReaderInvariants.check(PLAIN, file);
		ListReaderInvariants.check(LIMITED, file);
	}

	private static final FuzzInputs.Scratch SCRATCH = new FuzzInputs.Scratch("anjian-list-fuzz");

	/**
	 * Any bytes as a file: sniffing, zip, OLE2 and text paths all see mutated ledgers.
	 */
	@FuzzTest(maxDuration = "10m")
	void anyFile(byte[] data) throws IOException {
		check(SCRATCH.write(data, "input"));
	}

	/**
	 * A generated ledger .xlsx with one part replaced by, spliced with or cut to fuzzed
	 * bytes, re-zipped with valid CRCs, so the fuzzer works inside the worksheet, shared
	 * strings, styles and relationships XML.
	 */
	@FuzzTest(maxDuration = "10m")
	void xlsxPart(FuzzedDataProvider data) throws IOException {
		check(SCRATCH.write(FuzzInputs.xlsxWithMutatedPart(data, ListFuzzSeeds.xlsx()), "part.xlsx"));
	}

	/**
	 * Fuzzed text as a CSV list, in UTF-8 (with or without BOM) or GB18030, the way
	 * clerks' CSV files arrive.
	 */
	@FuzzTest(maxDuration = "10m")
	void csvText(FuzzedDataProvider data) throws IOException {
		check(SCRATCH.write(FuzzInputs.csvBytes(data), "input.csv"));
	}

	@AfterAll
	static void cleanUp() throws IOException {
		SCRATCH.delete();
	}

}
