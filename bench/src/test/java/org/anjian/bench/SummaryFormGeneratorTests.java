package org.anjian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated forms are distinct files the summary reader reads whole, whatever quirk
 * each carries: every measure's header found, a 合计 row, no error.
 */
class SummaryFormGeneratorTests {

	@TempDir
	Path tmp;

	@Test
	void everyGeneratedFormIsDistinctAndReadsAsAFullF000Table() throws Exception {
		// when
		SummaryFormGenerator.Forms forms = new SummaryFormGenerator(ReferenceDataLoader.loadDemo(), 18).write(tmp, 24);

		// then
		List<Path> files;
		try (Stream<Path> walk = Files.walk(tmp)) {
			files = walk.filter(p -> p.toString().endsWith(".xlsx")).toList();
		}
		assertThat(files).hasSize(24);
		assertThat(forms.quirked()).isPositive();
		assertThat(forms.remarks()).isPositive();
		Set<String> hashes = new HashSet<>();
		SummaryTableFileReader reader = new SummaryTableFileReader();
		for (Path file : files) {
			hashes.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
			SubmissionRead read = reader.read(file);
			assertThat(read.hasTable()).as(file.toString()).isTrue();
			assertThat(read.findings()).as(file.toString()).noneMatch(f -> f.isError());
			assertThat(read.table().formId()).isEqualTo("F-000");
			assertThat(read.table().headerColumns()).as(file.toString()).hasSize(23);
			assertThat(read.table().totalRow()).as(file.toString()).isNotNull();
		}
		assertThat(hashes).hasSize(24);
	}

}
