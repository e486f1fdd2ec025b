package org.anjian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * {@code processes --anjian JAR [--forms N] [--rows R] [--dir DIR] [--xmx 512m]}: times
 * the real {@code anjian.jar} commands as a user runs them, each a whole process (JVM and
 * Spring start, the home's set-up, the model build included), beside its yardstick run
 * the same way in a fresh JVM: {@code ingest} of N generated distinct summary forms
 * beside POI's user model and fastexcel-reader reading the same files, {@code ingest} of
 * a generated hazard ledger beside fastexcel-reader's read of it, one new form on the
 * warehouse holding that ledger (an increment with history), then {@code status},
 * {@code rollup} of a county month, {@code export} and {@code --help}. Where the time
 * went is read from the run's own log (Spring's start, the intake's per-file phases).
 */
public final class ProcessBenchCommand implements AnjianCommand {

	public static final String NAME = "processes";

	private static final Path TIME = Path.of("/usr/bin/time");

	private static final Pattern INTAKE_SECONDS = Pattern.compile("共 ([0-9.]+) 秒");

	private static final Pattern PHASES = Pattern.compile("收件耗时：(.*)");

	@Override
	public String name() {
		return NAME;
	}

	/** One timed process and its yardstick's, if it has one. */
	private record Row(String what, Timed timed, String yardstick, Timed yardstickTimed, String where) {
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		Path anjian = Path.of(args.required("anjian")).toAbsolutePath();
		if (!Files.isRegularFile(anjian)) {
			throw new CliArgs.UsageException("--anjian 应为 anjian.jar 的路径：" + anjian);
		}
		int forms = Integer.parseInt(args.option("forms").orElse("200"));
		int rows = Integer.parseInt(args.option("rows").orElse("100000"));
		String xmx = args.option("xmx").orElse("512m");
		Path dir = args.path("dir").map(Path::toAbsolutePath).orElse(Files.createTempDirectory("anjian-processes-"));
		Files.createDirectories(dir);
		// the yardsticks run from this same jar (java -jar anjian-bench.jar yardstick …)
		Path self = Path.of(System.getProperty("java.class.path")).toAbsolutePath();
		if (!self.toString().endsWith(".jar")) {
			throw new CliArgs.UsageException(
					"processes 需要从 anjian-bench.jar 运行（java -jar bench/target/anjian-bench.jar processes …）");
		}

		// inputs: forms (repeated titles and labels, unique long 备注, layout quirks) and a
		// ledger (shared and unique texts, long descriptions)
		Path formInbox = dir.resolve("forms-" + forms);
		if (!Files.isDirectory(formInbox)) {
			new SummaryFormGenerator(ReferenceDataLoader.loadDemo(), 18).write(formInbox, forms);
		}
		Path ledgerInbox = dir.resolve("ledger-" + rows);
		Path ledger = ledgerInbox.resolve("hazard-ledger.xlsx");
		if (!Files.isRegularFile(ledger)) {
			Files.createDirectories(ledgerInbox);
			new LedgerWorkbookGenerator().write(ledger, rows, 0);
		}
		Path oneForm = dir.resolve("one-form");
		deleteTree(oneForm);
		Files.createDirectories(oneForm);
		try (Stream<Path> files = Files.walk(formInbox)) {
			Path first = files.filter(p -> p.toString().endsWith(".xlsx")).sorted().findFirst().orElseThrow();
			Files.copy(first, oneForm.resolve(first.getFileName()));
		}

		Path formsHome = dir.resolve("home-forms");
		Path ledgerHome = dir.resolve("home-ledger");
		deleteTree(formsHome);
		deleteTree(ledgerHome);
		List<String> jvm = List.of("-Xmx" + xmx);
		List<Row> table = new ArrayList<>();
		out.line("anjian bench processes：真实命令整进程计时（JVM、Spring 启动、模型重建都计入），每项旁边是同样整进程运行的基准");

		Timed poi = time(command(jvm, self, "yardstick", "--reader", "poi", "--path", formInbox.toString()));
		Timed fast = time(command(jvm, self, "yardstick", "--reader", "fastexcel", "--path", formInbox.toString()));
		Timed ingestForms = time(
				command(jvm, anjian, "ingest", "--home", formsHome.toString(), "--inbox", formInbox.toString()));
		table.add(new Row("ingest " + forms + " 份汇总表", ingestForms, "POI 用户模型读同样文件", poi,
				where(formsHome, ingestForms.seconds())));
		table.add(new Row("", Timed.NONE, "fastexcel-reader 读同样文件", fast, ""));
		Timed status = time(command(jvm, anjian, "status", "--home", formsHome.toString()));
		table.add(new Row("status", status, "", Timed.NONE, ""));
		Timed rollup = time(command(jvm, anjian, "rollup", "--home", formsHome.toString(), "--campaign", "QA2024",
				"--period", "2024-05", "--kind", "month-end"));
		table.add(new Row("rollup 县 2024-05 月末", rollup, "", Timed.NONE, ""));
		Timed export = time(command(jvm, anjian, "export", "--home", formsHome.toString()));
		table.add(new Row("export（汇总表仓库）", export, "", Timed.NONE, ""));
		Timed help = time(command(jvm, anjian, "--help"));
		table.add(new Row("--help", help, "", Timed.NONE, ""));

		Timed fastLedger = time(command(jvm, self, "yardstick", "--reader", "fastexcel", "--path", ledger.toString()));
		Timed ingestLedger = time(
				command(jvm, anjian, "ingest", "--home", ledgerHome.toString(), "--inbox", ledgerInbox.toString()));
		table.add(new Row(String.format(Locale.ROOT, "ingest 台账 %,d 行", rows), ingestLedger, "fastexcel-reader 读同一文件",
				fastLedger, where(ledgerHome, ingestLedger.seconds())));
		Timed increment = time(
				command(jvm, anjian, "ingest", "--home", ledgerHome.toString(), "--inbox", oneForm.toString()));
		table.add(new Row(String.format(Locale.ROOT, "ingest 1 份新表（仓库已有 %,d 行台账）", rows), increment, "", Timed.NONE,
				where(ledgerHome, increment.seconds())));
		Timed exportLedger = time(command(jvm, anjian, "export", "--home", ledgerHome.toString()));
		table.add(new Row(String.format(Locale.ROOT, "export（含 %,d 行台账）", rows), exportLedger, "", Timed.NONE, ""));

		out.line("");
		out.line(String.format(Locale.ROOT, "（系统负载 %.2f，%d 核；-Xmx%s）",
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
				Runtime.getRuntime().availableProcessors(), xmx));
		out.line("| 命令 | 秒 | CPU 秒 | 退出码 | 基准 | 基准秒 | 基准 CPU 秒 | 比值（秒） | 时间花在哪里 |");
		out.line("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		boolean ok = true;
		for (Row r : table) {
			ok &= r.timed().exit() == 0;
			double ratio = r.timed().seconds() / r.yardstickTimed().seconds();
			out.line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |", r.what(),
					secs(r.timed().seconds()), secs(r.timed().cpuSeconds()),
					r.what().isEmpty() ? "" : Integer.toString(r.timed().exit()), r.yardstick(),
					secs(r.yardstickTimed().seconds()), secs(r.yardstickTimed().cpuSeconds()),
					Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio), r.where()));
		}
		return ok ? ExitCodes.OK : ExitCodes.JOB_FAILED;
	}

	/**
	 * @param cpuSeconds user + system CPU of the process, NaN where {@code /usr/bin/time}
	 * is missing: steadier than the wall clock when other work shares the cores
	 */
	private record Timed(double seconds, double cpuSeconds, int exit) {

		static final Timed NONE = new Timed(Double.NaN, Double.NaN, 0);

	}

	private static List<String> command(List<String> jvm, Path jar, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvm);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * Wall time of the whole process, from fork to exit, and its CPU time through
	 * {@code /usr/bin/time} where there is one; its output is discarded.
	 */
	private static Timed time(List<String> command) throws IOException, InterruptedException {
		Path usage = Files.createTempFile("anjian-cpu-", ".txt");
		List<String> line = new ArrayList<>();
		boolean counted = Files.isExecutable(TIME);
		if (counted) {
			line.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", usage.toString()));
		}
		line.addAll(command);
		long start = System.nanoTime();
		Process process = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		int exit = process.waitFor();
		double wall = (System.nanoTime() - start) / 1e9;
		double cpu = Double.NaN;
		if (counted) {
			String[] parts = Files.readString(usage).trim().split("\\s+");
			String[] last = parts.length >= 2 ? new String[] { parts[parts.length - 2], parts[parts.length - 1] }
					: null;
			if (last != null && last[0].matches("[0-9.]+") && last[1].matches("[0-9.]+")) {
				cpu = Double.parseDouble(last[0]) + Double.parseDouble(last[1]);
			}
		}
		Files.deleteIfExists(usage);
		return new Timed(wall, cpu, exit);
	}

	/**
	 * The intake's phases, from the line the step writes into the home's log
	 * ({@code IntakePhaseTimes}), and the rest of the process's time beside them: JVM and
	 * Spring start, the home's set-up, reference data, the model build.
	 */
	private static String where(Path home, double wall) throws IOException {
		Matcher phases = PHASES.matcher(lastLog(home));
		String last = null;
		while (phases.find()) {
			last = phases.group(1);
		}
		if (last == null) {
			return "";
		}
		Matcher total = INTAKE_SECONDS.matcher(last);
		String rest = total.find() ? String.format(Locale.ROOT, "；收件步骤以外（JVM 与 Spring 启动、参照数据、模型重建）%.1f 秒",
				wall - Double.parseDouble(total.group(1))) : "";
		return last + rest;
	}

	private static String lastLog(Path home) throws IOException {
		Path log = home.resolve("logs").resolve("anjian.log");
		return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
	}

	private static String secs(double seconds) {
		return Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.2f", seconds);
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

}
