package org.anjian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar anjian-bench.jar} as a user runs it, on a small ledger: behaviour
 * only, no timings asserted.
 */
class BenchCommandFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void smallBenchRunsEveryWorkloadInItsOwnJvmAndPrintsATableRowForEach() throws Exception {
		// when
		BenchRun run = BenchRun.of("--rows", "2000", "--dir", tmp.toString(), "--xmx", "256m");

		// then
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("2 核", "-Xmx256m", "台账 2,000 行：已生成");
		List<String> tableRows = run.out().lines().filter(l -> l.trim().startsWith("2,000 ")).toList();
		assertThat(tableRows).as(run.toString()).hasSize(BenchWorkloads.ALL.size());
		for (BenchWorkload workload : BenchWorkloads.ALL) {
			assertThat(tableRows).anySatisfy(l -> assertThat(l).contains(" " + workload.name() + " "));
		}
		assertThat(tableRows).filteredOn(l -> l.contains(BenchWorkloads.BASELINE))
			.singleElement()
			.asString()
			.endsWith("1.00");
		assertThat(run.out()).contains("-Xmx256m 内全部完成：成立").doesNotContain("！处理了");
		// the whole ingest says where its time went
		assertThat(run.out())
			.containsPattern("阶段：哈希 [0-9.]+ 秒 · 识别（含限额检查）[0-9.]+ 秒 · 读取、审核与分块入库 [0-9.]+ 秒 · 入库收尾与提交 [0-9.]+ 秒");
		// without --keep the ledger goes, the folder the user named stays
		assertThat(tmp).isDirectory();
		try (var left = Files.list(tmp)) {
			assertThat(left).isEmpty();
		}
	}

	@Test
	void keptLedgerIsReusedAndAWorkloadOutOfHeapIsReportedAsSuchNotAsACrash() throws Exception {
		// given a kept ledger
		BenchRun first = BenchRun.of("--rows", "20000", "--dir", tmp.toString(), "--keep", "--workloads", "stax-bare");
		assertThat(first.exitCode()).as(first.toString()).isZero();

		// when fastexcel-reader gets a heap too small for the ledger's shared strings (or
		// for the JVM itself: OOM too)
		BenchRun starved = BenchRun.of("--rows", "20000", "--dir", tmp.toString(), "--keep", "--workloads",
				"fastexcel-read", "--xmx", "5m");

		// then
		assertThat(starved.out()).as(starved.toString()).contains("沿用").contains("内存不足");
		assertThat(starved.out()).contains("-Xmx5m 内全部完成：不成立 — fastexcel-read（20,000 行）内存不足");
		assertThat(starved.exitCode()).isEqualTo(1);
	}

	@Test
	void unknownWorkloadIsAUsageError() {
		BenchRun run = BenchRun.of("--workloads", "nonesuch");

		assertThat(run.exitCode()).isEqualTo(64);
		assertThat(run.err()).contains("nonesuch", "fastexcel-read");
	}

}
