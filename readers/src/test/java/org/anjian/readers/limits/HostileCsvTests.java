package org.anjian.readers.limits;

import static org.anjian.readers.limits.HostileXlsxTests.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile CSV: huge lines and files are streamed, never built into a String; mixed
 * encodings are named.
 */
class HostileCsvTests {

	private static final String HEADER = "行业部门,派出检查小组,出动执法人员\r\n";

	private static final ReaderLimits LIMITS = ReaderLimits.defaults();

	@TempDir
	Path dir;

	@Test
	void aHundredMegabyteLineIsRefusedWhileStreaming() throws IOException {
		// allow the file's size, so that the line limit is what stops it
		ReaderLimits limits = LIMITS.withMaxFileBytes(200L * 1024 * 1024);
		Path file = dir.resolve("long-line.csv");
		byte[] chunk = new byte[1024 * 1024];
		Arrays.fill(chunk, (byte) 'x');
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
			out.write(HEADER.getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < 100; i++) {
				out.write(chunk);
			}
			out.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}

		SubmissionRead read = assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> new SummaryTableFileReader(limits).read(file));

		assertRejected(read, ReaderLimits.LINE_TOO_LONG, "1 MB");
		assertThat(read.findings().get(0).message()).contains("第 2 行");
	}

	@Test
	void aHundredMegabyteFileIsRefusedByItsSizeAlone() throws IOException {
		Path file = dir.resolve("huge.csv");
		try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
			raf.write(HEADER.getBytes(StandardCharsets.UTF_8));
			raf.setLength(100L * 1024 * 1024);
		}

		assertRejected(new SummaryTableFileReader(LIMITS).read(file), ReaderLimits.FILE_TOO_LARGE, "20 MB");
	}

	@Test
	void aCellLongerThanExcelAllowsIsTooLong() throws IOException {
		Path file = dir.resolve("cell.csv");
		Files.writeString(file, HEADER + "应急管理," + "隐".repeat(40_000) + ",3\r\n", StandardCharsets.UTF_8);

		assertRejected(new SummaryTableFileReader(LIMITS).read(file), ReaderLimits.CELL_TOO_LONG, "32767");
	}

	@Test
	void moreFieldsOnALineThanColumnsAllowedIsTooManyColumns() throws IOException {
		Path file = dir.resolve("wide.csv");
		Files.writeString(file, HEADER + "应急管理" + ",1".repeat(300) + "\r\n", StandardCharsets.UTF_8);

		assertRejected(new SummaryTableFileReader(LIMITS).read(file), ReaderLimits.TOO_MANY_COLUMNS, "256");
	}

	@Test
	void moreLinesThanRowsAllowedIsTooManyRows() throws IOException {
		Path file = dir.resolve("tall.csv");
		Files.writeString(file, HEADER + "住建,1,2\r\n".repeat(70_000), StandardCharsets.UTF_8);

		assertRejected(new SummaryTableFileReader(LIMITS).read(file), ReaderLimits.TOO_MANY_ROWS, "65536");
	}

	@Test
	void linesEndedByALoneCarriageReturnCountAsLinesToo() throws IOException {
		Path file = dir.resolve("old-mac.csv");
		Files.writeString(file, HEADER.replace("\r\n", "\r") + "住建,1,2\r".repeat(70_000), StandardCharsets.UTF_8);

		assertRejected(new SummaryTableFileReader(LIMITS).read(file), ReaderLimits.TOO_MANY_ROWS, "65536");
	}

	@Test
	void utf8AndGbkLinesInOneFileAreNamedAsMixedEncodings() throws IOException {
		Path file = dir.resolve("mixed.csv");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(HEADER.getBytes(Charset.forName("GBK")));
			out.write("应急管理,1,2\r\n".getBytes(StandardCharsets.UTF_8));
			out.write("住建局,3,4\r\n".getBytes(Charset.forName("GBK")));
		}

		SubmissionRead read = new SummaryTableFileReader(LIMITS).read(file);

		assertThat(read.hasTable()).isFalse();
		assertThat(read.findings()).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo(SummaryTableFileReader.FILE_ENCODING);
			assertThat(f.message()).contains("UTF-8").contains("GBK");
		});
	}

	@Test
	void aGbkFileIsNotMistakenForAMixedOne() throws IOException {
		Path file = dir.resolve("gbk.csv");
		Files.write(file, (HEADER + "应急管理,1,2\r\n住建局,3,4\r\n消防,5,6\r\n").getBytes(Charset.forName("GBK")));

		SubmissionRead read = new SummaryTableFileReader(LIMITS).read(file);

		assertThat(read.format()).isEqualTo("csv");
		assertThat(read.findings()).noneMatch(f -> f.rule().equals(SummaryTableFileReader.FILE_ENCODING));
	}

}
