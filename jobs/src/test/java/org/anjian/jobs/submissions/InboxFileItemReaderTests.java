package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the inbox walk hands out, and what it leaves for the next run (reported, never
 * silently dropped).
 */
class InboxFileItemReaderTests {

	private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

	private static final FileTime RESTED = FileTime.from(NOW.minus(Duration.ofDays(1)));

	@TempDir
	Path tmp;

	Path inbox;

	Path outside;

	final Map<String, String> skipped = new LinkedHashMap<>();

	@BeforeEach
	void setUp() throws IOException {
		inbox = Files.createDirectories(tmp.resolve("inbox"));
		outside = Files.createDirectories(tmp.resolve("outside"));
		Files.writeString(outside.resolve("secret.csv"), "机密,1\n2,3\n");
	}

	@Test
	void linksToFilesAndFoldersOutsideTheInboxAreNeverFollowed() throws IOException {
		file("2024-05/石门镇.xlsx", RESTED);
		Files.createDirectories(inbox.resolve("links"));
		Files.createSymbolicLink(inbox.resolve("links/secret.csv"), outside.resolve("secret.csv"));
		Files.createSymbolicLink(inbox.resolve("links/outside-folder"), outside);
		Files.createSymbolicLink(inbox.resolve("links/loop"), inbox);

		List<InboxFile> files = readAll(Duration.ofSeconds(60));

		assertThat(files).extracting(InboxFile::path).containsExactly("2024-05/石门镇.xlsx");
		assertThat(skipped).containsOnlyKeys("links/secret.csv", "links/outside-folder", "links/loop");
		assertThat(skipped.get("links/secret.csv")).contains("符号链接");
	}

	@Test
	void aFifoIsSkippedInsteadOfBlockingTheRun() throws Exception {
		file("a.xlsx", RESTED);
		Process mkfifo;
		try {
			mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("pipe.csv").toString()).start();
		}
		catch (IOException ex) {
			Assumptions.abort("mkfifo not available: " + ex.getMessage());
			return;
		}
		Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");

		List<InboxFile> files = readAll(Duration.ofSeconds(60));

		assertThat(files).extracting(InboxFile::path).containsExactly("a.xlsx");
		assertThat(skipped).containsOnlyKeys("pipe.csv");
		assertThat(skipped.get("pipe.csv")).contains("不是普通文件");
	}

	@Test
	void aFileModifiedWithinTheSettleTimeIsLeftForTheNextRun() throws IOException {
		file("old.xlsx", RESTED);
		file("being-copied.xlsx", FileTime.from(NOW.minusSeconds(10)));

		List<InboxFile> files = readAll(Duration.ofSeconds(60));

		assertThat(files).extracting(InboxFile::path).containsExactly("old.xlsx");
		assertThat(skipped).containsOnlyKeys("being-copied.xlsx");
		assertThat(skipped.get("being-copied.xlsx")).contains("60 秒").contains("仍在写入");
	}

	@Test
	void withNoSettleTimeAFreshFileIsReadAtOnce() throws IOException {
		file("being-copied.xlsx", FileTime.from(NOW.minusSeconds(10)));

		assertThat(readAll(Duration.ZERO)).extracting(InboxFile::path).containsExactly("being-copied.xlsx");
		assertThat(skipped).isEmpty();
	}

	@Test
	void oddNamesArriveWithTheirPathsAsWritten() throws IOException {
		List<String> names = new ArrayList<>(
				List.of("带 空格.xlsx", "2024-05/附件1#5月%20.xlsx", "新场镇（更正）.xls", "表".repeat(80) + ".xlsx", " 前后空格 .csv"));
		try {
			file("换行\n名.xlsx", FileTime.from(RESTED.toInstant().minusSeconds(1)));
			names.add(0, "换行\n名.xlsx");
		}
		catch (IOException | java.nio.file.InvalidPathException ex) {
			// a file system that refuses a newline cannot hold such a file either
		}
		for (String name : names.subList(names.get(0).contains("\n") ? 1 : 0, names.size())) {
			file(name, RESTED);
		}

		List<InboxFile> files = readAll(Duration.ofSeconds(60));

		assertThat(files).extracting(InboxFile::path).containsExactlyInAnyOrderElementsOf(names);
		assertThat(skipped).isEmpty();
	}

	private void file(String name, FileTime modified) throws IOException {
		Path p = inbox.resolve(name);
		Files.createDirectories(p.getParent());
		Files.writeString(p, name);
		Files.setLastModifiedTime(p, modified);
	}

	private List<InboxFile> readAll(Duration settle) {
		InboxFileItemReader reader = new InboxFileItemReader(inbox, (sha, path) -> false, null, settle,
				Clock.fixed(NOW, ZoneOffset.UTC), skipped::put);
		List<InboxFile> out = new ArrayList<>();
		for (InboxFile f = reader.read(); f != null; f = reader.read()) {
			out.add(f);
		}
		return out;
	}

}
