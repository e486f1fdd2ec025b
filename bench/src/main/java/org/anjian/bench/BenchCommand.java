package org.anjian.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;

/**
 * {@code [bench] [--rows 100000,1000000] [--dir DIR] [--repeat N] [--keep] [--xmx 512m] [--workloads a,b] [--bad-rows K]
 * [--seed S]}: generates hazard ledgers of each size and times each workload on them,
 * every run in a fresh child JVM with the given -Xmx, so each peak heap is that
 * workload's own and an OutOfMemoryError is a result, not the end of the bench. Needs no
 * --home: it measures this machine, not a deployment. Exit 0 when every run finished and
 * no target failed, 1 otherwise; the speed target is judged only in a run that includes
 * 1,000,000 rows.
 */
public final class BenchCommand implements AnjianCommand {

	public static final String NAME = "bench";

	private static final List<Integer> DEFAULT_SIZES = List.of(100_000, 1_000_000);

	/**
	 * The size the ingest target is stated for; a run without it judges at its largest
	 * size.
	 */
	private static final int TARGET_SIZE = 1_000_000;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		List<Integer> sizes = args.option("rows").map(BenchCommand::sizes).orElse(DEFAULT_SIZES);
		int repeat = positive(args, "repeat", 1);
		int badRows = args.option("bad-rows").map(v -> integer("bad-rows", v)).orElse(0);
		long seed = args.option("seed")
			.map(v -> (long) integer("seed", v))
			.orElse(LedgerWorkbookGenerator.DEFAULT_SEED);
		String xmx = args.option("xmx").orElse("512m");
		if (!xmx.matches("\\d+[kKmMgG]?")) {
			throw new CliArgs.UsageException("选项 --xmx 应为 JVM 的 -Xmx 取值，例如 512m");
		}
		List<BenchWorkload> workloads = args.option("workloads")
			.map(BenchCommand::workloads)
			.orElse(BenchWorkloads.ALL);
		if (sizes.stream().anyMatch(s -> s < badRows)) {
			throw new CliArgs.UsageException("--bad-rows " + badRows + " 多于台账行数");
		}
		boolean keep = args.flag("keep");
		Optional<Path> given = args.path("dir");
		Path dir = given.isPresent() ? Files.createDirectories(given.get().toAbsolutePath())
				: Files.createTempDirectory("anjian-bench-");

		machineFacts(out, xmx);
		List<Measured> all = new ArrayList<>();
		try {
			for (int size : sizes) {
				Path file = dir.resolve(String.format("hazard-ledger-%d%s-s%d-v%d.xlsx", size,
						badRows > 0 ? "-bad" + badRows : "", seed, LedgerWorkbookGenerator.VERSION));
				ledger(out, file, size, badRows, seed, keep);
				List<Measured> measured = new ArrayList<>();
				for (BenchWorkload w : workloads) {
					measured.add(new Measured(size, w.name(), new ArrayList<>()));
				}
				// rounds interleave the workloads so a burst of load from elsewhere does
				// not land on one of them only
				for (int round = 1; round <= repeat; round++) {
					for (Measured m : measured) {
						BenchResult r = child(m.workload(), file, size, seed, dir, xmx);
						m.runs().add(r);
						out.line(String.format(Locale.ROOT, "  %-15s 第 %d 次：%s", m.workload(), round,
								brief(r, size, xmx)));
					}
				}
				table(out, size, measured);
				all.addAll(measured);
				if (!keep) {
					Files.deleteIfExists(file);
				}
			}
		}
		finally {
			if (!keep && given.isEmpty()) {
				deleteTree(dir);
			}
		}
		return targets(out, sizes, xmx, all) ? ExitCodes.OK : ExitCodes.JOB_FAILED;
	}

	/** All runs of one workload on one size. */
	private record Measured(int size, String workload, List<BenchResult> runs) {

		Optional<BenchResult> best() {
			return ok().min(Comparator.comparingDouble(BenchResult::seconds));
		}

		/**
		 * The median time of the runs that finished (the lower middle one for an even
		 * count).
		 */
		double medianSeconds() {
			double[] times = ok().mapToDouble(BenchResult::seconds).sorted().toArray();
			return times.length == 0 ? Double.NaN : times[(times.length - 1) / 2];
		}

		long max(ToLongFunction<BenchResult> field) {
			return ok().mapToLong(field).max().orElse(-1);
		}

		Stream<BenchResult> ok() {
			return runs.stream().filter(r -> r.status() == BenchResult.Status.OK);
		}

		Optional<BenchResult> failure() {
			return runs.stream().filter(r -> r.status() != BenchResult.Status.OK).findFirst();
		}

	}

	private static void machineFacts(CommandOutput out, String xmx) {
		out.line("anjian bench：隐患台账读取与入库性能（每个项目在独立的子 JVM 中运行）");
		out.line("  处理器     " + Runtime.getRuntime().availableProcessors() + " 核"
				+ cpuModel().map(m -> "，" + m).orElse(""));
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			out.line(String.format(Locale.ROOT, "  内存       %.1f GB；系统负载 %.2f（1 分钟平均；高于核数的一半时数字偏慢，建议重跑）",
					os.getTotalMemorySize() / 1e9, os.getSystemLoadAverage()));
		}
		out.line("  Java       " + System.getProperty("java.runtime.version") + "（" + System.getProperty("java.vm.name")
				+ "），" + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
		out.line("  子 JVM     -Xmx" + xmx + "；计时只含工作本身，不含 JVM 启动和 DuckDB 本地库加载");
		out.line("  CPU        子进程全部线程（含 GC、JIT、DuckDB）在计时期间用的 CPU 时间，别的进程抢 CPU 时比墙钟时间稳");
		out.line("  堆峰值     各堆内存池 getPeakUsage() 之和（含未回收的垃圾）；GC后堆 = 运行中每次 GC 后已用堆的最大值");
	}

	/**
	 * The 1-minute load average: work from other processes that the numbers above had to
	 * share the CPUs with.
	 */
	private static Optional<Double> systemLoad() {
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return load < 0 ? Optional.empty() : Optional.of(load);
	}

	private static Optional<String> cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter(l -> l.startsWith("model name"))
				.findFirst()
				.map(l -> l.substring(l.indexOf(':') + 1).trim());
		}
		catch (IOException | UncheckedIOException ex) {
			return Optional.empty();
		}
	}

	private static void ledger(CommandOutput out, Path file, int size, int badRows, long seed, boolean keep)
			throws IOException {
		out.line("");
		if (keep && Files.isRegularFile(file)) {
			out.line(String.format(Locale.ROOT, "台账 %,d 行：沿用 %s（%.1f MB）", size, file, Files.size(file) / 1e6));
			return;
		}
		long start = System.nanoTime();
		LedgerWorkbookGenerator.Ledger ledger = new LedgerWorkbookGenerator(seed).write(file, size, badRows);
		out.line(String.format(Locale.ROOT, "台账 %,d 行：已生成 %s（%.1f MB，共享字符串 %,d 个，%s%.1f 秒）", size, file,
				ledger.bytes() / 1e6, ledger.distinctStrings(), badRows > 0 ? "坏行 " + badRows + " 行，" : "",
				(System.nanoTime() - start) / 1e9));
	}

	/**
	 * Runs one workload once in a child JVM and reads back its result line, or makes one
	 * of how it ended.
	 */
	private static BenchResult child(String workload, Path ledger, int rows, long seed, Path dir, String xmx)
			throws IOException, InterruptedException {
		Path scratch = Files.createTempDirectory(dir, "scratch-");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + xmx);
		command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
		command.addAll(launcher());
		command.addAll(List.of(BenchChild.COMMAND, "--workload", workload, "--ledger", ledger.toString(), "--rows",
				Integer.toString(rows), "--seed", Long.toString(seed), "--scratch", scratch.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		BenchResult result = null;
		Deque<String> tail = new ArrayDeque<>();
		// remembered apart from the tail: the error's line may scroll out of it behind a
		// long stack trace
		boolean outOfMemory = false;
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				Optional<BenchResult> parsed = BenchResult.parse(line);
				if (parsed.isPresent()) {
					result = parsed.get();
				}
				else {
					outOfMemory |= line.contains("OutOfMemoryError");
					tail.addLast(line);
					if (tail.size() > 20) {
						tail.removeFirst();
					}
				}
			}
		}
		int exit = process.waitFor();
		deleteTree(scratch);
		if (result != null) {
			return result;
		}
		// no result line: the child died; an OutOfMemoryError outside the workload's
		// frames still says why
		String output = String.join("\n", tail);
		BenchResult.Status status = outOfMemory ? BenchResult.Status.OOM : BenchResult.Status.FAILED;
		return BenchResult.failed(workload, status, "子 JVM 退出码 " + exit + (output.isBlank() ? "" : "：" + output));
	}

	/**
	 * How to start this same program again: {@code -jar anjian-bench.jar} from the
	 * packaged jar, else this class path and main class (IDE, tests). The packaged jar is
	 * told apart by Spring Boot's Start-Class manifest entry.
	 */
	static List<String> launcher() throws IOException {
		String classPath = System.getProperty("java.class.path");
		if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
			try (JarFile jar = new JarFile(classPath)) {
				if (jar.getManifest() != null
						&& jar.getManifest().getMainAttributes().getValue("Start-Class") != null) {
					return List.of("-jar", Path.of(classPath).toAbsolutePath().toString());
				}
			}
		}
		return List.of("-cp", classPath, BenchMain.class.getName());
	}

	private static String brief(BenchResult r, int size, String xmx) {
		return switch (r.status()) {
			case OK -> String.format(Locale.ROOT, "%.2f 秒（CPU %.2f 秒），%s 行/秒，堆峰值 %s MB%s", r.seconds(), r.cpuSeconds(),
					rate(size, r.seconds()), mb(r.peakHeapBytes()),
					(r.rows() == size ? "" : "（！处理了 " + r.rows() + " 行，台账有 " + size + " 行）")
							+ (r.detail().isEmpty() ? "" : "\n      " + r.detail()));
			case OOM -> "内存不足（OutOfMemoryError，-Xmx" + xmx + "）：" + r.detail();
			case FAILED -> "失败：" + r.detail();
		};
	}

	private static void table(CommandOutput out, int size, List<Measured> measured) {
		Optional<Double> baseline = measured.stream()
			.filter(m -> m.workload().equals(BenchWorkloads.BASELINE))
			.findFirst()
			.flatMap(Measured::best)
			.map(BenchResult::seconds);
		String[] header = { "规模(行)", "项目", "最好(秒)", "中位(秒)", "CPU(秒)", "行/秒", "堆峰值MB", "GC后堆MB", "RSS峰值MB",
				"对fastexcel" };
		int[] width = { 10, 15, 9, 9, 8, 11, 9, 9, 10, 11 };
		out.line("");
		systemLoad().ifPresent(load -> out.line(String.format(Locale.ROOT, "（此刻系统负载 %.2f）", load)));
		out.line(row(header, width));
		for (Measured m : measured) {
			Optional<BenchResult> best = m.best();
			String[] cells;
			if (best.isEmpty()) {
				BenchResult failure = m.failure().orElseThrow();
				cells = new String[] { String.format(Locale.ROOT, "%,d", size), m.workload(),
						failure.status() == BenchResult.Status.OOM ? "内存不足" : "失败", "—", "—", "—", "—", "—", "—", "—" };
			}
			else {
				double seconds = best.get().seconds();
				cells = new String[] { String.format(Locale.ROOT, "%,d", size), m.workload(),
						String.format(Locale.ROOT, "%.2f", seconds),
						String.format(Locale.ROOT, "%.2f", m.medianSeconds()),
						String.format(Locale.ROOT, "%.2f", best.get().cpuSeconds()), rate(size, seconds),
						mb(m.max(BenchResult::peakHeapBytes)), mb(m.max(BenchResult::afterGcBytes)),
						mb(m.max(BenchResult::rssPeakBytes)),
						baseline.map(b -> String.format(Locale.ROOT, "%.2f", seconds / b)).orElse("—") };
			}
			out.line(row(cells, width));
		}
	}

	/**
	 * The targets: everything finishes within the child heap, and the whole
	 * ingest of 1,000,000 rows takes no longer than fastexcel-reader merely reading the
	 * file. True when no target failed (one not yet measurable is not a failure).
	 */
	private static boolean targets(CommandOutput out, List<Integer> sizes, String xmx, List<Measured> all) {
		out.line("");
		out.line("目标：");
		List<String> failures = all.stream()
			.flatMap(m -> m.failure()
				.map(f -> String.format(Locale.ROOT, "%s（%,d 行）%s", m.workload(), m.size(),
						f.status() == BenchResult.Status.OOM ? "内存不足" : "失败"))
				.stream())
			.toList();
		out.line("  -Xmx" + xmx + " 内全部完成：" + (failures.isEmpty() ? "成立" : "不成立 — " + String.join("，", failures)));
		int judged = sizes.contains(TARGET_SIZE) ? TARGET_SIZE : sizes.stream().max(Integer::compare).orElseThrow();
		Optional<Double> ingest = best(all, judged, BenchWorkloads.INGEST);
		Optional<Double> baseline = best(all, judged, BenchWorkloads.BASELINE);
		String label = String.format(Locale.ROOT, "  整体入库（%s）%,d 行不慢于 fastexcel 只读同一文件（比值 ≤ 1.0）：",
				BenchWorkloads.INGEST, judged);
		boolean ratioHolds = true;
		if (ingest.isPresent() && baseline.isPresent()) {
			double ratio = ingest.get() / baseline.get();
			// the target is stated for 1,000,000 rows; at smaller sizes JVM warm-up
			// dominates, so report, don't judge
			boolean judging = judged == TARGET_SIZE;
			ratioHolds = !judging || ratio <= 1.0;
			out.line(label + String.format(Locale.ROOT, "%s（%.2f 秒 / %.2f 秒 = %.2f）",
					judging ? (ratio <= 1.0 ? "成立" : "不成立") : "仅供参考，目标按 1,000,000 行判定", ingest.get(), baseline.get(),
					ratio));
		}
		else {
			out.line(label + "未测（" + (BenchWorkloads.named(BenchWorkloads.INGEST).isEmpty()
					? BenchWorkloads.INGEST + " 尚未接入" : "本次未运行它或 " + BenchWorkloads.BASELINE) + "）");
		}
		return failures.isEmpty() && ratioHolds;
	}

	private static Optional<Double> best(List<Measured> all, int size, String workload) {
		return all.stream()
			.filter(m -> m.size() == size && m.workload().equals(workload))
			.findFirst()
			.flatMap(Measured::best)
			.map(BenchResult::seconds);
	}

	private static String rate(int rows, double seconds) {
		return seconds <= 0 ? "—" : String.format(Locale.ROOT, "%,.0f", rows / seconds);
	}

	private static String mb(long bytes) {
		return bytes < 0 ? "—" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
	}

	/**
	 * Cells padded to their column by display width: a Chinese character takes two
	 * columns in a terminal.
	 */
	private static String row(String[] cells, int[] width) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.length; i++) {
			String cell = cells[i];
			int shown = cell.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
			boolean left = i == 1;
			String pad = " ".repeat(Math.max(0, width[i] - shown));
			line.append(i == 0 ? "" : "  ").append(left ? cell + pad : pad + cell);
		}
		return line.toString().stripTrailing();
	}

	private static List<Integer> sizes(String text) {
		List<Integer> sizes = new ArrayList<>();
		for (String part : text.split(",")) {
			int size = integer("rows", part.trim());
			if (size <= 0) {
				throw new CliArgs.UsageException("--rows 的每个规模都应大于 0");
			}
			sizes.add(size);
		}
		return sizes;
	}

	/** A count as written by a person: 100000, 100_000, 100k, 1m. */
	private static int integer(String option, String text) {
		String t = text.toLowerCase(Locale.ROOT).replace("_", "");
		long factor = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
		try {
			long value = Long.parseLong(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
			if (value < 0 || value > Integer.MAX_VALUE - LedgerWorkbookGenerator.ROWS_BEFORE_DATA) {
				throw new NumberFormatException();
			}
			return (int) value;
		}
		catch (NumberFormatException ex) {
			throw new CliArgs.UsageException("选项 --" + option + " 的取值“" + text + "”不是行数");
		}
	}

	private static int positive(CliArgs args, String option, int fallback) {
		int value = args.option(option).map(v -> integer(option, v)).orElse(fallback);
		if (value < 1) {
			throw new CliArgs.UsageException("选项 --" + option + " 应至少为 1");
		}
		return value;
	}

	private static List<BenchWorkload> workloads(String text) {
		Map<String, BenchWorkload> chosen = new LinkedHashMap<>();
		for (String name : text.split(",")) {
			String n = name.trim();
			chosen.put(n,
					BenchWorkloads.named(n)
						.orElseThrow(() -> new CliArgs.UsageException("未知的测试项目“" + n + "”。可用："
								+ String.join(", ", BenchWorkloads.ALL.stream().map(BenchWorkload::name).toList()))));
		}
		return List.copyOf(chosen.values());
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

}
