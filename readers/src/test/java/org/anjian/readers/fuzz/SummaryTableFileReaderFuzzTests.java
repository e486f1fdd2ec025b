package org.anjian.readers.fuzz;

import java.io.IOException;
import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.limits.ReaderLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz tests of {@link SummaryTableFileReader#read}: whatever the bytes, it
 * returns (never throws, never an Error) and any table it gives is sane
 * ({@link ReaderInvariants}). Plain {@code mvn test} replays the corpus under
 * {@code src/test/resources/org/anjian/readers/fuzz/SummaryTableFileReaderFuzzTestsInputs/<method>/}
 * (real sample files, their .xls and CSV conversions, and every crash found so far);
 * {@code JAZZER_FUZZ=1} fuzzes (readers/README.md).
 */
@Tag("fuzz")
class SummaryTableFileReaderFuzzTests {

	private static final ReaderLimits LIMITS = ReaderLimits.defaults();

	private static final SummaryTableFileReader READER = new SummaryTableFileReader(LIMITS);

	private static final FuzzInputs.Scratch SCRATCH = new FuzzInputs.Scratch("anjian-fuzz");

	/**
	 * Any bytes as a file: format sniffing, zip, OLE2 and text paths all see mutated real
	 * files.
	 */
	@FuzzTest(maxDuration = "10m")
	void anyFile(byte[] data) throws IOException {
		check(SCRATCH.write(data, "input"));
	}

	/**
	 * A real .xlsx with one part replaced by, spliced with or cut to fuzzed bytes,
	 * re-zipped with valid CRCs, so the fuzzer spends its time inside the XML of
	 * worksheets, shared strings, styles and relationships.
	 */
	@FuzzTest(maxDuration = "10m")
	void xlsxPart(FuzzedDataProvider data) throws IOException {
		check(SCRATCH.write(FuzzInputs.xlsxWithMutatedPart(data, FuzzSeeds.xlsx()), "part.xlsx"));
	}

	/**
	 * Fuzzed text as CSV, in UTF-8 (with or without BOM) or GBK, the way clerks' CSV
	 * files arrive.
	 */
	@FuzzTest(maxDuration = "10m")
	void csvText(FuzzedDataProvider data) throws IOException {
		check(SCRATCH.write(FuzzInputs.csvBytes(data), "input.csv"));
	}

	private static void check(Path file) {
		SubmissionRead read = READER.read(file);
		ReaderInvariants.check(read, LIMITS);
	}

	@AfterAll
	static void cleanUp() throws IOException {
		SCRATCH.delete();
	}

}
