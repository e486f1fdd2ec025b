package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.anjian.readers.SubmissionFileReader;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file's hang, heap exhaustion or bug is that file's rejection; the next file reads
 * normally.
 */
class TimeLimitedReaderTests {

	@TempDir
	Path dir;

	@Test
	void aReadThatHangsIsRejectedAfterTheTimeLimitAndTheNextFileStillReads() throws IOException {
		CountDownLatch never = new CountDownLatch(1);
		Path hanging = HostileFiles.write(dir.resolve("hangs.xlsx"), new byte[] { 1 });
		Path good = HostileFiles.write(dir.resolve("good.xlsx"), HostileFiles.sample());
		SummaryTableFileReader real = new SummaryTableFileReader();
		SubmissionFileReader reader = new TimeLimitedReader(file -> {
			if (file.equals(hanging)) {
				awaitIgnoringInterrupts(never);
			}
			return real.read(file);
		}, Duration.ofMillis(2500));
		real.read(good); // classes loaded, so the good file's read is well inside the
							// limit

		// the hang is the failure being tested: generous bound
		SubmissionRead timedOut = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> reader.read(hanging));
		SubmissionRead next = reader.read(good);
		never.countDown();

		HostileXlsxTests.assertRejected(timedOut, ReaderLimits.READ_TIMEOUT, "2.5 秒");
		assertThat(next.findings()).isEmpty();
		assertThat(next.table().rows()).isNotEmpty();
	}

	/**
	 * A read stuck in library code that swallows interrupts, the case a time limit cannot
	 * stop.
	 */
	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return;
			}
			catch (InterruptedException ex) {
				// swallowed, as some library code does
			}
		}
	}

	@Test
	void runningOutOfMemoryOnOneFileRejectsThatFileOnly() throws IOException {
		Path heavy = HostileFiles.write(dir.resolve("heavy.xlsx"), new byte[] { 1 });
		Path good = HostileFiles.write(dir.resolve("good.xlsx"), HostileFiles.sample());
		SummaryTableFileReader real = new SummaryTableFileReader();
		SubmissionFileReader reader = new TimeLimitedReader(file -> {
			if (file.equals(heavy)) {
				throw new OutOfMemoryError("Java heap space");
			}
			return real.read(file);
		}, ReaderLimits.defaults());

		SubmissionRead rejected = reader.read(heavy);
		SubmissionRead next = reader.read(good);

		HostileXlsxTests.assertRejected(rejected, ReaderLimits.OUT_OF_MEMORY, "内存不足");
		assertThat(next.table().rows()).isNotEmpty();
	}

	@Test
	void aReaderBugIsTheFilesRejectionNotTheRunsEnd() throws IOException {
		Path file = HostileFiles.write(dir.resolve("bug.xlsx"), new byte[] { 1 });
		SubmissionFileReader reader = new TimeLimitedReader(f -> {
			throw new StackOverflowError();
		}, ReaderLimits.defaults());

		SubmissionRead read = reader.read(file);

		assertThat(read.hasTable()).isFalse();
		assertThat(read.findings()).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo("FILE_UNREADABLE");
			assertThat(f.message()).contains("StackOverflowError").contains("bug.xlsx");
		});
	}

	@Test
	void aNormalReadComesBackUnchanged() throws IOException {
		Path good = HostileFiles.write(dir.resolve("good.xlsx"), HostileFiles.sample());
		SubmissionRead direct = new SummaryTableFileReader().read(good);

		SubmissionRead guarded = new TimeLimitedReader(new SummaryTableFileReader(), ReaderLimits.defaults())
			.read(good);

		assertThat(guarded).isEqualTo(direct);
		assertThat(List.of(guarded.format())).containsExactly("xlsx");
	}

}
