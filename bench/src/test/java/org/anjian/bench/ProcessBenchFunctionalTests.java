package org.anjian.bench;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code anjian-bench processes} against the real {@code anjian.jar} of this build, tiny
 * inputs: every row of issue 18's table is there, every command ended with exit 0, and
 * each target is reported as met or not. No timing is asserted.
 */
class ProcessBenchFunctionalTests {

	private static final Path ANJIAN = Path.of("../jobs/target/anjian.jar").toAbsolutePath().normalize();

	private static final Path SAMPLE_COUNTY = Path.of("../samples/reference").toAbsolutePath().normalize();

	@TempDir
	Path tmp;

	@Test
	void everyRowOfTheIssuesTableIsTimedAsAWholeProcessBesideItsYardstick() throws Exception {
		assertThat(ANJIAN).as("the jobs module is packaged before bench in the reactor").isRegularFile();
		// a ledger given by path, as one from another office would be, and the sample
		// county's reference data instead of the bundled demo county
		Path ledger = tmp.resolve("别处的台账.xlsx");
		new LedgerWorkbookGenerator().write(ledger, 300, 0);

		BenchRun run = BenchRun.of("processes", "--anjian", ANJIAN.toString(), "--forms", "3", "--ledger",
				ledger.toString(), "--reference", SAMPLE_COUNTY.toString(), "--dir", tmp.resolve("run").toString(),
				"--xmx", "384m");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		List<String> rows = run.out()
			.lines()
			.filter(l -> l.startsWith("| ") && !l.startsWith("| 命令") && !l.startsWith("| ---"))
			.toList();
		List<String> named = rows.stream().map(l -> l.split("\\|")[1].trim()).filter(n -> !n.isEmpty()).toList();
		// a command's first run in the user's cache is marked: it writes its class-data
		// sharing archive at exit; a run again never is
		assertThat(named).filteredOn(n -> n.contains("再次")).hasSize(3).noneMatch(n -> n.endsWith("（首次）"));
		assertThat(named.stream().map(n -> n.replace("（首次）", ""))).as(run.toString())
			.containsExactly("--help", "ingest，空收件箱，新仓库", "ingest 1 份新表（空仓库）", "ingest 3 份汇总表", "ingest，没有新文件（县仓库）",
					"ingest 1 份新表（县仓库）", "status", "status（再次）", "rollup 县 2024-05 月末（第一次）", "rollup 县 2024-05 月末（再次）",
					"export（县仓库）", "export（县仓库，再次）", "ingest 台账 别处的台账.xlsx", "ingest 1 份新表（仓库已有台账 别处的台账.xlsx）",
					"export（含台账 别处的台账.xlsx）");
		// every timed command exited 0 (the fourth column)
		assertThat(rows).filteredOn(l -> !l.split("\\|")[1].isBlank())
			.allSatisfy(l -> assertThat(l.split("\\|")[4].trim()).isEqualTo("0"));
		// the yardsticks beside the ingests, and the targets judged
		assertThat(run.out()).contains("POI 用户模型读同样文件", "fastexcel-reader 读同样文件", "fastexcel-reader 读同一文件");
		assertThat(run.out()).containsPattern("(达到|未达到) < 1 秒")
			.containsPattern("(达到|未达到) ≤ 1.0 倍基准")
			.containsPattern("(达到|未达到) ≤ 1.10 倍空仓库（现 [0-9.]+ 倍）|不可比 ≤ 1.10 倍空仓库（现 [0-9.]+ 倍；两次中只有一次是首次运行）");
		// judged only when both runs are first runs or neither is (a first run writes its
		// archive at exit)
		boolean emptyFirst = named.contains("ingest 1 份新表（空仓库）（首次）");
		boolean ledgerFirst = named.stream().anyMatch(n -> n.startsWith("ingest 1 份新表（仓库已有") && n.endsWith("（首次）"));
		assertThat(run.out().contains("不可比 ≤ 1.10 倍空仓库")).as(run.toString()).isEqualTo(emptyFirst != ledgerFirst);
		// the ingests say where their time went, from the run's own log
		assertThat(run.out()).containsPattern("3 个文件，共 [0-9.]+ 秒；每个文件 列目录与哈希");
		assertThat(ledger).as("the given ledger is read, never moved").isRegularFile();
		// the forms were written for the given county, and every command was given it
		try (var homes = java.nio.file.Files.list(tmp.resolve("run").resolve("forms-3").resolve("2024-04"))) {
			assertThat(homes.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("玉带街道"));
		}
	}

	@Test
	void aMissingLedgerIsAUsageError() {
		BenchRun run = BenchRun.of("processes", "--anjian", ANJIAN.toString(), "--ledger",
				tmp.resolve("nonesuch.xlsx").toString(), "--dir", tmp.toString());

		assertThat(run.exitCode()).isEqualTo(64);
		assertThat(run.err()).contains("--ledger 不是文件");
	}

}
