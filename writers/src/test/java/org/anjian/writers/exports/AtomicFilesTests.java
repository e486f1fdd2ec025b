package org.anjian.writers.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output file is the old one or the complete new one: a failure half-way (a full disk)
 * leaves the old one.
 */
class AtomicFilesTests {

	@TempDir
	Path dir;

	@Test
	void aWriteFailingHalfWayLeavesThePreviousFileAndNoTempFile() throws IOException {
		Path target = Files.writeString(dir.resolve("县汇总表.xlsx"), "上一版完整内容");

		assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
			out.write(new byte[512 * 1024]);
			throw new IOException("No space left on device");
		})).hasMessageContaining("No space left");

		assertThat(Files.readString(target)).isEqualTo("上一版完整内容");
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("县汇总表.xlsx");
		}
	}

	@Test
	void aFirstWriteFailingLeavesNoFileAtAll() throws IOException {
		Path target = dir.resolve("outbox/QA2024/2024-05/cutoff/表.xlsx");

		assertThatThrownBy(() -> AtomicFiles.produce(target, tmp -> {
			Files.writeString(tmp, "半个文件");
			throw new IllegalStateException("写到一半失败");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(target).doesNotExist();
		try (Stream<Path> files = Files.list(target.getParent())) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aSuccessfulWriteReplacesTheFileWhole() throws IOException {
		Path target = Files.writeString(dir.resolve("a.csv"), "old");

		AtomicFiles.write(target, out -> out.write("new".getBytes()));

		assertThat(Files.readString(target)).isEqualTo("new");
	}

}
