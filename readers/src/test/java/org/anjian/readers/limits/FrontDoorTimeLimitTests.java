package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.anjian.readers.RecordListFile;
import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.UnreadableFile;
import org.anjian.readers.lists.ListDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, finding 5: the front door ran outside every time limit. It now opens each
 * file on a worker thread within the summary read's time limit (CPU time), so a file it
 * cannot finish in time is {@code READ_TIMEOUT}, and the same file within the limit is
 * what it is.
 */
class FrontDoorTimeLimitTests {

	@TempDir
	Path dir;

	@Test
	void aFrontDoorThatTakesLongerThanTheReadsTimeLimitRejectsTheFile() throws IOException {
		Path ledger = ledger(dir.resolve("台账.csv"), 300_000);
		SubmissionFiles tight = new SubmissionFiles(
				new SummaryTableFileReader(ReaderLimits.defaults().withReadTimeout(Duration.ofMillis(10))),
				ListDefinition.bundled(), ReaderLimits.forLists());

		SubmissionFile opened = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> tight.open(ledger));

		assertThat(opened).isInstanceOf(UnreadableFile.class);
		assertThat(((UnreadableFile) opened).rule().rule()).isEqualTo(ReaderLimits.READ_TIMEOUT);
		assertThat(((UnreadableFile) opened).rule().message()).contains("秒的时限").contains("CPU 时间");
		assertThat(new SubmissionFiles().open(ledger)).isInstanceOf(RecordListFile.class);
	}

	/**
	 * A hazard ledger CSV of {@code rows} rows (~60 bytes each): its prescan takes a
	 * while.
	 */
	static Path ledger(Path file, int rows) throws IOException {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("企业名称,隐患描述,隐患等级,发现日期\r\n");
			for (int i = 0; i < rows; i++) {
				out.write("某某化工有限公司" + i + ",消防通道堵塞,一般,2024-05-03\r\n");
			}
		}
		return file;
	}

}
