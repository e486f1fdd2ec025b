package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file's name never matters to reading it: spaces, Chinese, #, %, a newline, 250-byte
 * names.
 */
class OddFileNameTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "带 空格 的 报表.xlsx", "附件1#强安2024%5月.xlsx", "%E4%B8%AD.xlsx", "换行\n文件名.xlsx", " 前后空格 .xlsx",
			"没有扩展名", "..两个点.xlsx", "-以减号开头.xlsx" })
	void readsTheTableWhateverTheName(String name) throws IOException {
		Path file;
		try {
			file = HostileFiles.write(dir.resolve(name), HostileFiles.sample());
		}
		catch (InvalidPathException | IOException ex) {
			// a file system that refuses the name (a newline on some) cannot hold such a
			// file either
			org.junit.jupiter.api.Assumptions.abort("file system refuses the name: " + ex.getMessage());
			return;
		}

		SubmissionRead read = new SummaryTableFileReader().read(file);

		assertThat(read.findings()).isEmpty();
		assertThat(read.table().rows()).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 80 })
	void readsAFileWithANameAtTheFileSystemsLength(int chineseCharacters) throws IOException {
		// 80 × 3 bytes + ".xlsx" = 245 bytes, under the 255-byte limit of ext4 and most
		// others
		Path file = HostileFiles.write(dir.resolve("表".repeat(chineseCharacters) + ".xlsx"), HostileFiles.sample());

		SubmissionRead read = new SummaryTableFileReader().read(file);

		assertThat(read.table().rows()).isNotEmpty();
		assertThat(read.findings()).isEmpty();
		assertThat(Files.exists(file)).isTrue();
	}

}
