package org.anjian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * {@code processes --anjian JAR [--forms N | --forms-dir DIR] [--rows R | --ledger FILE]
 * [--reference DIR] [--dir DIR] [--xmx 512m]}: times the real {@code anjian.jar} commands
 * as a user runs them, each a whole process (JVM and Spring start, the home's set-up, the
 * model build included), beside its yardstick run the same way in a fresh JVM — every row
 * of issue 18's table: {@code --help}; {@code ingest} of an empty inbox into a new home
 * and of one new form into it; {@code ingest} of N summary forms beside POI's user model
 * and fastexcel-reader reading the same files, then nothing new, then one new form on
 * that county warehouse; {@code status} twice; {@code rollup} of a county month twice;
 * {@code export} twice; {@code ingest} of a hazard ledger beside fastexcel-reader's read
 * of it, one new form on the warehouse holding it (against the same on the empty one) and
 * its {@code export}. Each target of the issue is printed as met or not. Where the time
 * went is read from the run's own log (the intake's per-file phases and the rest).
 */
public final class ProcessBenchCommand implements AnjianCommand {

	public static final String NAME = "processes";

	private static final Path TIME = Path.of("/usr/bin/time");

	/**
	 * Where anjian.jar's launcher keeps its archives: {@code $XDG_CACHE_HOME/anjian/cds}.
	 */
	private static final Path ARCHIVES = Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
		.filter(xdg -> !xdg.isBlank() && Path.of(xdg).isAbsolute())
		.map(Path::of)
		.orElse(Path.of(System.getProperty("user.home"), ".cache"))
		.resolve("anjian")
		.resolve("cds");

	private static final Pattern INTAKE_SECONDS = Pattern.compile("共 ([0-9.]+) 秒");

	private static final Pattern PHASES = Pattern.compile("收件耗时：(.*)");

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * One timed process, its yardstick's if it has one, and the target for it
	 * ({@code target} says what is checked, {@code met} whether it held; null: none, or
	 * not comparable when there is a target).
	 */
	private record Row(String what, Timed timed, String yardstick, Timed yardstickTimed, String where, String target,
			Boolean met) {

		static Row of(String what, Timed timed) {
			return new Row(what, timed, "", Timed.NONE, "", "", null);
		}

		Row against(String target, boolean met) {
			return new Row(what, timed, yardstick, yardstickTimed, where, target, met);
		}

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
		// --reference: the county the given forms and ledger come from (default: the
		// bundled demo county the generators write for)
		Optional<Path> reference = args.path("reference").map(Path::toAbsolutePath);
		if (reference.isPresent() && !Files.isDirectory(reference.get())) {
			throw new CliArgs.UsageException("--reference 不是目录：" + reference.get());
		}
		ReferenceData county = reference.map(ReferenceDataLoader::load).orElseGet(ReferenceDataLoader::loadDemo);
		List<String> javaCommand = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx));
		Launch anjianHelp = new Launch(concat(javaCommand, List.of("-jar", anjian.toString())), List.of());
		Launch anjianRun = new Launch(anjianHelp.head(),
				reference.map(r -> List.of("--reference", r.toString())).orElse(List.of()));
		// the yardsticks run from this same program (java -jar anjian-bench.jar yardstick
		// …)
		Launch yardstick = new Launch(
				concat(concat(javaCommand, BenchCommand.launcher()), List.of(YardstickCommand.NAME)), List.of());
		// inputs: generated unless given — forms (repeated titles and labels, unique long
		// 备注, layout quirks) and a ledger (shared and unique texts, long descriptions);
		// --forms-dir and --ledger take files this bench did not write (another county's
		// forms, a ledger from another generator or a real office)
		Path formInbox = args.path("forms-dir").map(Path::toAbsolutePath).orElse(dir.resolve("forms-" + forms));
		if (args.option("forms-dir").isPresent() && !Files.isDirectory(formInbox)) {
			throw new CliArgs.UsageException("--forms-dir 不是目录：" + formInbox);
		}
		if (!Files.isDirectory(formInbox)) {
			new SummaryFormGenerator(county, 18).write(formInbox, forms);
		}
		int formFiles = countFiles(formInbox);
		Path ledgerInbox = dir.resolve("ledger-" + rows);
		Path ledger = ledgerInbox.resolve("hazard-ledger.xlsx");
		if (args.option("ledger").isPresent()) {
			Path given = Path.of(args.required("ledger")).toAbsolutePath();
			if (!Files.isRegularFile(given)) {
				throw new CliArgs.UsageException("--ledger 不是文件：" + given);
			}
			ledgerInbox = dir.resolve("ledger-given");
			deleteTree(ledgerInbox);
			Files.createDirectories(ledgerInbox);
			ledger = ledgerInbox.resolve(given.getFileName());
			// a link, not a symbolic one (an inbox walk need not follow those); a copy
			// across file systems
			try {
				Files.createLink(ledger, given);
			}
			catch (IOException | UnsupportedOperationException ex) {
				Files.copy(given, ledger);
			}
		}
		else if (!Files.isRegularFile(ledger)) {
			Files.createDirectories(ledgerInbox);
			new LedgerWorkbookGenerator().write(ledger, rows, 0);
		}
		String ledgerName = args.option("ledger").isPresent() ? "台账 " + ledger.getFileName()
				: String.format(Locale.ROOT, "台账 %,d 行", rows);
		// one form none of the homes has seen: the same submitter and month as a
		// generated
		// one, other figures (a correction), so it is new work on every home
		Path oneForm = dir.resolve("one-form");
		deleteTree(oneForm);
		new SummaryFormGenerator(county, 4711).write(oneForm, 1);
		Path emptyInbox = Files.createDirectories(dir.resolve("empty-inbox"));

		Path emptyHome = dir.resolve("home-empty");
		Path formsHome = dir.resolve("home-forms");
		Path ledgerHome = dir.resolve("home-ledger");
		for (Path home : List.of(emptyHome, formsHome, ledgerHome)) {
			deleteTree(home);
		}
		List<Row> table = new ArrayList<>();
		out.line("anjian bench processes：真实命令整进程计时（JVM、Spring 启动、模型重建都计入），每项旁边是同样整进程运行的基准");

		Timed help = time(anjianHelp.with("--help"));
		table.add(Row.of("--help", help));
		Timed newHome = time(
				anjianRun.with("ingest", "--home", emptyHome.toString(), "--inbox", emptyInbox.toString()));
		table.add(Row.of("ingest，空收件箱，新仓库", newHome));
		Timed formOnEmpty = time(
				anjianRun.with("ingest", "--home", emptyHome.toString(), "--inbox", oneForm.toString()));
		table.add(new Row("ingest 1 份新表（空仓库）", formOnEmpty, "", Timed.NONE, where(emptyHome, formOnEmpty.seconds()), "",
				null));

		Timed poi = time(yardstick.with("--reader", "poi", "--path", formInbox.toString()));
		Timed fast = time(yardstick.with("--reader", "fastexcel", "--path", formInbox.toString()));
		Timed ingestForms = time(
				anjianRun.with("ingest", "--home", formsHome.toString(), "--inbox", formInbox.toString()));
		table.add(new Row("ingest " + formFiles + " 份汇总表", ingestForms, "POI 用户模型读同样文件", poi,
				where(formsHome, ingestForms.seconds()), "", null));
		table.add(new Row("", Timed.NONE, "fastexcel-reader 读同样文件", fast, "", "", null));
		Timed nothingNew = time(
				anjianRun.with("ingest", "--home", formsHome.toString(), "--inbox", formInbox.toString()));
		table.add(Row.of("ingest，没有新文件（县仓库）", nothingNew));
		Timed formOnCounty = time(
				anjianRun.with("ingest", "--home", formsHome.toString(), "--inbox", oneForm.toString()));
		table.add(new Row("ingest 1 份新表（县仓库）", formOnCounty, "", Timed.NONE, where(formsHome, formOnCounty.seconds()),
				"", null));
		List<String> statusCommand = anjianRun.with("status", "--home", formsHome.toString());
		Timed status = time(statusCommand);
		table.add(Row.of("status", status).against("< 1 秒", status.seconds() < 1.0));
		Timed statusAgain = time(statusCommand);
		table.add(Row.of("status（再次）", statusAgain).against("< 1 秒", statusAgain.seconds() < 1.0));
		List<String> rollupCommand = anjianRun.with("rollup", "--home", formsHome.toString(), "--campaign", "QA2024",
				"--period", "2024-05", "--kind", "month-end");
		Timed rollup = time(rollupCommand);
		table.add(Row.of("rollup 县 2024-05 月末（第一次）", rollup).against("< 2 秒", rollup.seconds() < 2.0));
		Timed rollupAgain = time(rollupCommand);
		table.add(Row.of("rollup 县 2024-05 月末（再次）", rollupAgain).against("< 2 秒", rollupAgain.seconds() < 2.0));
		List<String> exportCommand = anjianRun.with("export", "--home", formsHome.toString());
		Timed export = time(exportCommand);
		table.add(Row.of("export（县仓库）", export));
		Timed exportAgain = time(exportCommand);
		table.add(Row.of("export（县仓库，再次）", exportAgain));

		Timed fastLedger = time(yardstick.with("--reader", "fastexcel", "--path", ledger.toString()));
		Timed ingestLedger = time(
				anjianRun.with("ingest", "--home", ledgerHome.toString(), "--inbox", ledgerInbox.toString()));
		table.add(new Row("ingest " + ledgerName, ingestLedger, "fastexcel-reader 读同一文件", fastLedger,
				where(ledgerHome, ingestLedger.seconds()), "≤ 1.0 倍基准",
				ingestLedger.seconds() <= fastLedger.seconds()));
		Timed formOnLedger = time(
				anjianRun.with("ingest", "--home", ledgerHome.toString(), "--inbox", oneForm.toString()));
		double growth = formOnLedger.seconds() / formOnEmpty.seconds();
		// a first run writes its archive at exit: against a later run it is not the same
		// work, so the ratio is shown but not judged
		boolean comparable = formOnLedger.firstRun() == formOnEmpty.firstRun();
		table.add(new Row("ingest 1 份新表（仓库已有" + ledgerName + "）", formOnLedger, "", Timed.NONE,
				where(ledgerHome, formOnLedger.seconds()),
				String.format(Locale.ROOT, "≤ 1.10 倍空仓库（现 %.2f 倍%s）", growth, comparable ? "" : "；两次中只有一次是首次运行"),
				comparable ? growth <= 1.10 : null));
		Timed exportLedger = time(anjianRun.with("export", "--home", ledgerHome.toString()));
		table.add(Row.of("export（含" + ledgerName + "）", exportLedger).against("≤ 3 秒", exportLedger.seconds() <= 3.0));

		out.line("");
		out.line(String.format(Locale.ROOT, "（系统负载 %.2f，%d 核；-Xmx%s；Java %s）",
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
				Runtime.getRuntime().availableProcessors(), xmx, System.getProperty("java.version")));
		out.line("（“首次”：该命令在这个缓存里第一次运行，anjian.jar 的启动器在它退出时写下类数据共享归档，之后的运行才从归档加载类；" + "缓存 " + ARCHIVES + "）");
		out.line("| 命令 | 秒 | CPU 秒 | 退出码 | 基准 | 基准秒 | 基准 CPU 秒 | 比值（秒） | 目标 | 时间花在哪里 |");
		out.line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		boolean ok = true;
		for (Row r : table) {
			ok &= r.timed().exit() == 0;
			double ratio = r.timed().seconds() / r.yardstickTimed().seconds();
			String target = (r.met() == null ? (r.target().isEmpty() ? "" : "不可比 ") : r.met() ? "达到 " : "未达到 ")
					+ r.target();
			out.line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
					r.what() + (r.timed().firstRun() ? "（首次）" : ""), secs(r.timed().seconds()),
					secs(r.timed().cpuSeconds()), r.what().isEmpty() ? "" : Integer.toString(r.timed().exit()),
					r.yardstick(), secs(r.yardstickTimed().seconds()), secs(r.yardstickTimed().cpuSeconds()),
					Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio), target, r.where()));
		}
		return ok ? ExitCodes.OK : ExitCodes.JOB_FAILED;
	}

	private static int countFiles(Path inbox) throws IOException {
		try (Stream<Path> files = Files.walk(inbox)) {
			return (int) files.filter(Files::isRegularFile).count();
		}
	}

	/**
	 * @param cpuSeconds user + system CPU of the process, NaN where {@code /usr/bin/time}
	 * is missing: steadier than the wall clock when other work shares the cores
	 */
	private record Timed(double seconds, double cpuSeconds, int exit, boolean firstRun) {

		static final Timed NONE = new Timed(Double.NaN, Double.NaN, 0, false);

	}

	/**
	 * A program as a user starts it: {@code java <options> <program>}, then the command's
	 * arguments, then what every command of it is given (the reference data).
	 */
	private record Launch(List<String> head, List<String> tail) {

		List<String> with(String... args) {
			return concat(concat(head, List.of(args)), tail);
		}

	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
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
		Set<Path> archives = archives();
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
		return new Timed(wall, cpu, exit, !archives.containsAll(archives()));
	}

	/**
	 * The class-data sharing archives anjian.jar's launcher keeps, one per build, JVM and
	 * command: a run after which there is a new one was its command's first, slower by
	 * writing it (README, "Class-data sharing").
	 */
	private static Set<Path> archives() throws IOException {
		if (!Files.isDirectory(ARCHIVES)) {
			return Set.of();
		}
		try (Stream<Path> files = Files.find(ARCHIVES, 2, (file, attributes) -> attributes.isRegularFile()
				&& file.getFileName().toString().endsWith(".jsa") && !file.getFileName().toString().startsWith("."))) {
			return files.collect(Collectors.toSet());
		}
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
