package org.anjian.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.Cli;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * {@code warm-intake [--forms N | --forms-dir DIR] [--reference DIR] [--rounds R]
 * [--warmup W] [--dir DIR]}: the per-form cost of the intake in a warm process (issue 18
 * part 5: ≥ 300 forms/s, ≤ 3.3 ms a form). One JVM runs the real {@code ingest} command
 * ({@link Cli#run}, as {@code java -jar anjian.jar ingest} runs it: the intake job with
 * its reader, processor, writer and chunk transactions) R times, each into a new home
 * from the same inbox, so every round takes every form as new; the intake step's own
 * per-file phases come from the line it writes into the home's log
 * ({@code IntakePhaseTimes}). The first W rounds warm the JIT and are shown but not
 * counted; the later rounds' median is the warm cost. Only {@link Cli#run} and the log
 * line are used, so the same harness can time an older build's classes (README, "Warm
 * per-form cost").
 */
public final class WarmIntakeCommand implements AnjianCommand {

	public static final String NAME = "warm-intake";

	private static final Pattern PHASES = Pattern.compile("收件耗时：(.*)");

	private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * One round: the whole command's wall and CPU seconds (the process's, every thread),
	 * and the intake step's files, seconds and per-file phases as it logged them (ms:
	 * listing and hashing, read on the processing threads, the step's thread waiting for
	 * them, write with the checks, the rest).
	 */
	private record Round(double wall, double cpu, int files, double stepSeconds, double[] perFile) {

		double msAForm() {
			return stepSeconds * 1000 / files;
		}

	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		int rounds = Integer.parseInt(args.option("rounds").orElse("6"));
		int warmup = Integer.parseInt(args.option("warmup").orElse("2"));
		if (rounds <= warmup) {
			throw new CliArgs.UsageException("--rounds 应大于 --warmup");
		}
		Path dir = args.path("dir").orElse(Path.of("anjian-warm")).toAbsolutePath();
		Files.createDirectories(dir);
		Path inbox;
		if (args.option("forms-dir").isPresent()) {
			inbox = args.path("forms-dir").get().toAbsolutePath();
			if (!Files.isDirectory(inbox)) {
				throw new CliArgs.UsageException("--forms-dir 不是目录：" + inbox);
			}
		}
		else {
			int forms = Integer.parseInt(args.option("forms").orElse("200"));
			inbox = dir.resolve("forms-" + forms);
			if (!Files.isDirectory(inbox)) {
				new SummaryFormGenerator(
						args.path("reference").map(ReferenceDataLoader::load).orElseGet(ReferenceDataLoader::loadDemo),
						18)
					.write(inbox, forms);
			}
		}
		List<Round> done = new ArrayList<>();
		for (int r = 1; r <= rounds; r++) {
			Path home = dir.resolve("home-" + r);
			delete(home);
			List<String> line = new ArrayList<>(
					List.of("ingest", "--home", home.toString(), "--inbox", inbox.toString()));
			args.option("reference").ifPresent(ref -> line.addAll(List.of("--reference", ref)));
			ByteArrayOutputStream said = new ByteArrayOutputStream();
			long cpu0 = BenchChild.processCpuNanos();
			long t0 = System.nanoTime();
			int exit;
			try (PrintStream to = new PrintStream(said, true, StandardCharsets.UTF_8)) {
				exit = Cli.run(line.toArray(String[]::new), Map.of(), to, to);
			}
			double wall = (System.nanoTime() - t0) / 1e9;
			double cpu = (BenchChild.processCpuNanos() - cpu0) / 1e9;
			if (exit != ExitCodes.OK) {
				out.line(said.toString(StandardCharsets.UTF_8));
				throw new IllegalStateException("第 " + r + " 轮 ingest 退出码 " + exit);
			}
			Round round = round(home, wall, cpu);
			done.add(round);
			out.line(String.format(Locale.ROOT,
					"第 %d 轮%s：ingest %.2f 秒（CPU %.2f 秒）；收件步骤 %d 个文件 %.3f 秒 = %.2f 毫秒/份（%.0f 份/秒）；%s", r,
					r <= warmup ? "（预热，不计）" : "", wall, cpu, round.files(), round.stepSeconds(), round.msAForm(),
					1000 / round.msAForm(), phases(round.perFile())));
			delete(home);
		}
		List<Round> warm = done.subList(warmup, done.size());
		double[] perFile = new double[5];
		for (int i = 0; i < perFile.length; i++) {
			int phase = i;
			perFile[i] = median(warm.stream().mapToDouble(x -> x.perFile()[phase]).toArray());
		}
		double ms = median(warm.stream().mapToDouble(Round::msAForm).toArray());
		out.line(String.format(Locale.ROOT,
				"热进程（后 %d 轮中位数）：%.2f 毫秒/份（%.0f 份/秒；目标 ≤ 3.3 毫秒，≥ 300 份/秒：%s）；%s；ingest CPU %.2f 秒", warm.size(), ms,
				1000 / ms, ms <= 1000.0 / 300 ? "达到" : "未达到", phases(perFile),
				median(warm.stream().mapToDouble(Round::cpu).toArray())));
		return ExitCodes.OK;
	}

	private static String phases(double[] ms) {
		return String.format(Locale.ROOT, "每份 列目录与哈希 %.2f · 识别读取（处理线程）%.2f（主线程等待 %.2f）· 写入含审核 %.2f · 其余 %.2f 毫秒", ms[0],
				ms[1], ms[2], ms[3], ms[4]);
	}

	/** The intake step's phase line in the round's home log. */
	private static Round round(Path home, double wall, double cpu) throws IOException {
		String log = Files.readString(Cli.logFile(home), StandardCharsets.UTF_8);
		Matcher line = PHASES.matcher(log);
		String last = null;
		while (line.find()) {
			last = line.group(1);
		}
		if (last == null) {
			throw new IllegalStateException("日志中没有收件耗时行：" + Cli.logFile(home));
		}
		Matcher number = NUMBER.matcher(last);
		double[] n = new double[7];
		for (int i = 0; i < n.length; i++) {
			if (!number.find()) {
				throw new IllegalStateException("收件耗时行无法解析：" + last);
			}
			n[i] = Double.parseDouble(number.group());
		}
		return new Round(wall, cpu, (int) n[0], n[1], new double[] { n[2], n[3], n[4], n[5], n[6] });
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private static void delete(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(p);
			}
		}
	}

}
