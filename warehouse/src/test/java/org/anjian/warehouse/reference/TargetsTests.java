package org.anjian.warehouse.reference;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * targets.csv: the seeds' defaults without it, the most specific row with it, a bad line
 * named.
 */
class TargetsTests {

	final ReferenceData demo = ReferenceDataLoader.loadDemo();

	final ReferenceData.Submitter township = demo.submitter("QC02").orElseThrow();

	final ReferenceData.Submitter department = demo.submitters()
		.stream()
		.filter(s -> s.kind().equals("department"))
		.findFirst()
		.orElseThrow();

	@Test
	void withoutTheFileTheSeedsTargetsHold(@TempDir Path dir) {
		Targets targets = Targets.load(dir, demo);
		assertThat(targets.minimum("QA2024", Targets.ENTERPRISES_INSPECTED, department))
			.contains(BigDecimal.valueOf(2));
		assertThat(targets.minimum("QA2024", Targets.ENTERPRISES_INSPECTED, township)).isEmpty();
		assertThat(targets.minimum("QA2024", Targets.KEY_DIRECTORY_COVERAGE, township))
			.contains(BigDecimal.valueOf(100));
		assertThat(targets.minimum("QA2024", Targets.RANDOM_CHECK_SHARE, department)).contains(BigDecimal.valueOf(5));
	}

	@Test
	void theMostSpecificRowWins(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve(Targets.FILE), """
				campaign,measure,who,minimum
				,enterprises_inspected,all,1
				QA2024,enterprises_inspected,townships,3
				QA2024,enterprises_inspected,%s,5
				""".formatted(department.code()));
		Targets targets = Targets.load(dir, demo);
		assertThat(targets.minimum("QA2024", Targets.ENTERPRISES_INSPECTED, department))
			.contains(BigDecimal.valueOf(5));
		assertThat(targets.minimum("QA2024", Targets.ENTERPRISES_INSPECTED, township)).contains(BigDecimal.valueOf(3));
		assertThat(targets.minimum("ZX2023", Targets.ENTERPRISES_INSPECTED, township)).contains(BigDecimal.ONE);
		// the file is the whole set: a measure it leaves out is not checked
		assertThat(targets.minimum("QA2024", Targets.RANDOM_CHECK_SHARE, department)).isEmpty();
	}

	@Test
	void aBadLineIsNamed(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve(Targets.FILE), "campaign,measure,who,minimum\n,random_check_share,all,120\n");
		assertThatThrownBy(() -> Targets.load(dir, demo)).isInstanceOf(ReferenceDataException.class)
			.hasMessage("targets.csv 第2行 minimum 列：应在 0 与 100（%） 之间");
		Files.writeString(dir.resolve(Targets.FILE), "campaign,measure,who,minimum\nXX,random_check_share,all,5\n");
		assertThatThrownBy(() -> Targets.load(dir, demo)).hasMessageContaining("第2行 campaign 列");
	}

}
