package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

import org.anjian.readers.RecordListFile;
import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.UnreadableFile;
import org.anjian.readers.lists.ListFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, finding 5: a 2 KB file with a cell at A1 and one far away made the front
 * door's sniff build a dense grid of the rows × columns between them (107 s and 6.3 GB
 * before OUT_OF_MEMORY). The sniff holds only the cells present and counts each against
 * the limits, so the far cell is rejected by a limit at once; in a child JVM with a 100
 * MB heap, as the issue asks.
 */
class FarCellTests {

	/** The read's time limit (the summary default): the rejection must come within it. */
	private static final Duration TIME_LIMIT = ReaderLimits.defaults().readTimeout();

	@TempDir
	Path dir;

	@Test
	void aFarCellIsRejectedByTheColumnLimitInA100MbHeap() throws Exception {
		String out = frontDoorIn100Mb(FarCellFiles.xlsx(dir.resolve("far.xlsx"), "XFD1048576", false));

		assertThat(out).contains("result=" + ReaderLimits.TOO_MANY_COLUMNS).contains("XFD");
	}

	@Test
	void aFarCellWithADimensionClaimingTheWholeSheetIsRejectedTheSameWay() throws Exception {
		String out = frontDoorIn100Mb(FarCellFiles.xlsx(dir.resolve("far-dimension.xlsx"), "XFD1048576", true));

		assertThat(out).contains("result=" + ReaderLimits.TOO_MANY_COLUMNS);
	}

	@Test
	void aFarCellWithinTheListLimitsCostsOnlyTheCellsPresent() throws Exception {
		// column 1024 and row 1,048,576 are within a list's limits: nothing to reject
		// there, but the grid must not be rows × columns (4 GB)
		String out = frontDoorIn100Mb(FarCellFiles.xlsx(dir.resolve("far-within.xlsx"), "AMJ1048576", false));

		assertThat(out).contains("result=" + ListFileReader.NO_LIST);
	}

	@Test
	void anXlsWithItsLastCellCostsOnlyTheCellsPresent() throws Exception {
		// IV65536: the .xls format's own last cell, within every limit
		String out = frontDoorIn100Mb(FarCellFiles.xls(dir.resolve("far.xls"), 65535, 255));

		assertThat(out).contains("result=" + ListFileReader.NO_LIST);
	}

	@Test
	void aFarCellIsRejectedInProcessWithTheCellNamed() throws IOException {
		Path file = FarCellFiles.xlsx(dir.resolve("far.xlsx"), "XFD1048576", true);

		SubmissionFile opened = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> new SubmissionFiles().open(file));

		assertThat(opened).isInstanceOf(UnreadableFile.class);
		UnreadableFile unreadable = (UnreadableFile) opened;
		assertThat(unreadable.rule().rule()).isEqualTo(ReaderLimits.TOO_MANY_COLUMNS);
		assertThat(unreadable.rule().message()).contains("XFD").contains("1024").doesNotContain("清单");
		assertThat(unreadable.beyondLimits()).isTrue();
	}

	@Test
	void theSniffHoldsAListsFirstRowsToItsLimitsButNotToTheCellLength() throws IOException {
		// decided: a value in column XFD among the first 60 rows is beyond a list's 1 024
		// columns at the front door; further down the streaming read passes it
		// (HostileListTests); a long cell is not the sniff's business
		Path wide = ledgerWith(dir.resolve("wide.xlsx"),
				xml -> xml.replaceFirst("</row>", "<c r=\"XFD1\" t=\"n\"><v>1</v></c></row>"));
		Path longCell = ledgerWith(dir.resolve("long.xlsx"), xml -> xml.replaceFirst("</row>",
				"<c r=\"F1\" t=\"inlineStr\"><is><t>" + "长".repeat(40_000) + "</t></is></c></row>"));

		SubmissionFile opened = new SubmissionFiles().open(wide);
		assertThat(opened).isInstanceOf(UnreadableFile.class);
		assertThat(((UnreadableFile) opened).rule().rule()).isEqualTo(ReaderLimits.TOO_MANY_COLUMNS);
		assertThat(new SubmissionFiles().open(longCell)).isInstanceOf(RecordListFile.class);
	}

	private static Path ledgerWith(Path file, UnaryOperator<String> edit) throws IOException {
		Map<String, byte[]> parts = HostileFiles.parts(HostileListTests.ledger());
		parts.put(HostileFiles.SHEET, edit.apply(new String(parts.get(HostileFiles.SHEET), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8));
		return HostileFiles.write(file, HostileFiles.zip(parts));
	}

	/**
	 * Runs {@link FrontDoorMain} on the file in a JVM with {@code -Xmx100m}; it must end
	 * normally within the time limit.
	 */
	private static String frontDoorIn100Mb(Path file) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx100m", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), FrontDoorMain.class.getName(), file.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		long start = System.nanoTime();
		boolean ended = process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
		if (!ended) {
			process.destroyForcibly();
		}
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.println(file.getFileName() + " in -Xmx100m: " + millis + " ms, " + out.strip());
		assertThat(ended).as("the front door ended within %s: %s", TIME_LIMIT, out).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		assertThat(out).doesNotContain(ReaderLimits.OUT_OF_MEMORY).doesNotContain("OutOfMemoryError");
		// the heap pools' peaks added up: the young generation's (~30 MB of a 100 MB
		// serial heap) plus what survived; a dense grid of the .xls's 65,536 × 256 cells
		// came to 88
		Matcher peak = Pattern.compile("peakHeapMB=(\\d+)").matcher(out);
		assertThat(peak.find()).as(out).isTrue();
		assertThat(Integer.parseInt(peak.group(1))).as(out).isLessThan(64);
		return out;
	}

}
