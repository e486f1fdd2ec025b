package org.anjian.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code anjian-bench warm-intake}: the real {@code ingest} run again and again in this
 * JVM, each round into a new home, its per-form phases read from the step's log line. No
 * timing is asserted.
 */
class WarmIntakeFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void everyRoundTakesEveryFormAsNewAndTheLaterRoundsAreTheWarmCost() {
		BenchRun run = BenchRun.of("warm-intake", "--forms", "3", "--rounds", "2", "--warmup", "1", "--dir",
				tmp.toString());

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).as(run.toString())
			.containsPattern("第 1 轮（预热，不计）：ingest [0-9.]+ 秒（CPU [0-9.]+ 秒）；收件步骤 3 个文件")
			.containsPattern("第 2 轮：ingest [0-9.]+ 秒（CPU [0-9.]+ 秒）；收件步骤 3 个文件")
			.containsPattern("热进程（后 1 轮中位数）：[0-9.]+ 毫秒/份.*(达到|未达到)");
		// the rounds' homes are gone, the generated inbox is kept for the next run
		assertThat(tmp.resolve("home-1")).doesNotExist();
		assertThat(tmp.resolve("home-2")).doesNotExist();
		assertThat(Files.isDirectory(tmp.resolve("forms-3"))).isTrue();
	}

	@Test
	void asManyWarmUpRoundsAsRoundsIsAUsageError() {
		BenchRun run = BenchRun.of("warm-intake", "--rounds", "2", "--warmup", "2", "--dir", tmp.toString());

		assertThat(run.exitCode()).isEqualTo(64);
		assertThat(run.err()).contains("--rounds 应大于 --warmup");
	}

}
