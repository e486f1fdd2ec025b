package org.anjian.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.anjian.jobs.support.CliRun;
import org.anjian.warehouse.calendar.OfficeTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as an operator meets it: help, typos, the option/environment rule, a
 * folder that is not a home, the log file and status --json.
 */
class CommandLineTests {

	@TempDir
	Path tmp;

	/** Cli.run with this environment instead of the process's. */
	static CliRun run(Map<String, String> environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Cli.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void helpForTheToolListsEveryCommandThePrecedenceRuleAndTheExitCodes() {
		for (String[] help : List.of(new String[] { "--help" }, new String[] { "-h" }, new String[] { "help" })) {
			CliRun run = CliRun.of(help);
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(run.out()).contains("demo", "ingest", "rollup", "export", "nightly", "schedule", "status")
				.contains("命令行选项 > 环境变量 > 默认值")
				.contains("64 命令行有误")
				.contains("logs/anjian.log");
			assertThat(run.err()).isEmpty();
		}
	}

	@Test
	void helpForEachCommandListsItsOptionsIncludingTheIntakeLimits() {
		for (String command : CliSpec.COMMANDS) {
			CliRun viaOption = CliRun.of(command, "--help");
			CliRun viaHelp = CliRun.of("help", command);
			assertThat(viaOption.exitCode()).as(viaOption.toString()).isZero();
			assertThat(viaOption.out()).contains("anjian " + command).contains("--home").contains("ANJIAN_HOME");
			assertThat(viaHelp.out()).isEqualTo(viaOption.out());
		}
		assertThat(CliRun.of("ingest", "--help").out()).contains("--inbox", "--now", "--max-file-mb",
				"ANJIAN_MAX_FILE_MB", "--list-read-timeout-seconds", "--settle-seconds");
		assertThat(CliRun.of("rollup", "-h").out()).contains("--campaign", "--period", "--kind", "--as-of");
		assertThat(CliRun.of("export", "--help").out()).contains("--no-mask-phones");
		assertThat(CliRun.of("status", "--help").out()).contains("--json");
		assertThat(CliRun.of("explain", "--help").out()).contains("--file", "--rule", "--cell", "--text", "--by",
				"--list", "强制性审核（错误）不能说");
	}

	@Test
	void versionIsPrinted() {
		CliRun run = CliRun.of("--version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("anjian ");
	}

	@Test
	void aTypoIsRefusedWith64BeforeAnythingIsCreated() {
		Path home = tmp.resolve("home");
		Path inbox = tmp.resolve("inbox");
		long started = System.nanoTime();
		CliRun typo = CliRun.of("ingest", "--home", home.toString(), "--inbox", inbox.toString(), "--hom", "x");
		assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(typo.err()).contains("--hom").contains("--home").contains("ingest --help");
		assertThat(typo.err().lines()).hasSize(1);
		assertThat(typo.out()).isEmpty();
		assertThat(home).doesNotExist();
		// no Spring start: well under the second a context takes
		assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
	}

	@Test
	void everyOtherBadCommandLineIs64InOneLine() {
		Path home = tmp.resolve("home");
		for (String[] args : List.of(new String[] {}, new String[] { "foo" }, new String[] { "ingest" },
				new String[] { "ingest", "--inbox" }, new String[] { "ingest", "--inbox", "x", "stray" },
				new String[] { "rollup", "--campaign", "C", "--period", "2024-13", "--kind", "cutoff" },
				new String[] { "rollup", "--campaign", "C", "--period", "2024-05", "--kind", "weekly" },
				new String[] { "nightly", "--inbox", "x", "--now", "yesterday" },
				new String[] { "ingest", "--inbox", "x", "--max-file-mb", "lots" },
				new String[] { "status", "--max-file-mb", "5" }, new String[] { "help", "foo" })) {
			String[] withHome = java.util.stream.Stream
				.concat(java.util.Arrays.stream(args),
						args.length == 0 || args[0].equals("help") || args[0].equals("foo")
								? java.util.stream.Stream.of() : java.util.stream.Stream.of("--home", home.toString()))
				.toArray(String[]::new);
			CliRun run = CliRun.of(withHome);
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
			assertThat(run.err().lines()).as(run.toString()).hasSize(1);
			assertThat(run.err()).startsWith("anjian: ");
		}
		assertThat(home).doesNotExist();
	}

	@Test
	void everyDocumentedOptionStillParses() {
		// old spellings: --option value and --option=value, flags, every intake limit
		assertThat(CliSpec.parse(new String[] { "ingest", "--inbox=in", "--now", "2024-05-22T23:59:59", "--max-file-mb",
				"50", "--settle-seconds=0", "--list-read-timeout-seconds", "60", "--home", "h", "--reference", "r" }))
			.isEqualTo(new CliSpec.Run(
					new CliArgs("ingest", Map.of("inbox", "in", "now", "2024-05-22T23:59:59", "max-file-mb", "50",
							"settle-seconds", "0", "list-read-timeout-seconds", "60", "home", "h", "reference", "r"))));
		CliArgs rollup = ((CliSpec.Run) CliSpec.parse(new String[] { "rollup", "--campaign", "QA2024", "--period",
				"2024-05", "--kind", "month-end", "--as-of", "2024-06-01T00:00" }))
			.args();
		assertThat(rollup.required("kind")).isEqualTo("month-end");
		assertThat(rollup.dateTime("as-of")).isPresent();
		assertThat(((CliSpec.Run) CliSpec.parse(new String[] { "export", "--no-mask-phones" })).args()
			.flag("no-mask-phones")).isTrue();
		assertThat(((CliSpec.Run) CliSpec.parse(new String[] { "status", "--json" })).args().flag("json")).isTrue();
		assertThat(
				((CliSpec.Run) CliSpec.parse(new String[] { "schedule", "--inbox", "in", "--max-rows", "10" })).args()
					.option("max-rows"))
			.contains("10");
		assertThat(((CliSpec.Run) CliSpec.parse(new String[] { "demo", "--home", "h" })).args().command())
			.isEqualTo("demo");
		assertThat(
				((CliSpec.Run) CliSpec.parse(new String[] { "nightly", "--inbox", "in", "--now", "2024-05-23T02:00" }))
					.args()
					.option("now"))
			.contains("2024-05-23T02:00");
	}

	@Test
	void theOptionBeatsTheEnvironmentAndSaysSo() throws Exception {
		Path inbox = Files.createDirectories(tmp.resolve("inbox"));
		Path optionHome = tmp.resolve("option-home");
		Path environmentHome = tmp.resolve("environment-home");

		CliRun run = run(Map.of("ANJIAN_HOME", environmentHome.toString()), "ingest", "--home", optionHome.toString(),
				"--inbox", inbox.toString());

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.err()).contains("--home " + optionHome).contains("ANJIAN_HOME=" + environmentHome);
		assertThat(optionHome.resolve("warehouse.duckdb")).exists();
		assertThat(optionHome.resolve(".lock")).exists();
		assertThat(environmentHome).doesNotExist();
	}

	@Test
	void theEnvironmentBeatsTheDefault() throws Exception {
		Path inbox = Files.createDirectories(tmp.resolve("inbox"));
		Path environmentHome = tmp.resolve("environment-home");

		CliRun run = run(Map.of("ANJIAN_HOME", environmentHome.toString()), "ingest", "--inbox", inbox.toString());

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.err()).isEmpty();
		assertThat(environmentHome.resolve("warehouse.duckdb")).exists();
		assertThat(environmentHome.resolve("logs").resolve("anjian.log")).exists();
	}

	@Test
	void readingCommandsRefuseAFolderThatIsNotAHome() throws Exception {
		Path empty = Files.createDirectories(tmp.resolve("documents"));
		Path missing = tmp.resolve("missing");
		for (String command : List.of("status", "export")) {
			for (Path home : List.of(empty, missing)) {
				CliRun run = CliRun.of(command, "--home", home.toString());
				assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DATA_ERROR);
				assertThat(run.err().lines()).hasSize(1);
				assertThat(run.err()).contains("不是 anjian 数据目录");
			}
		}
		CliRun rollup = CliRun.of("rollup", "--home", empty.toString(), "--campaign", "QA2024", "--period", "2024-05",
				"--kind", "cutoff");
		assertThat(rollup.exitCode()).as(rollup.toString()).isEqualTo(ExitCodes.DATA_ERROR);
		try (var entries = Files.list(empty)) {
			assertThat(entries).as("nothing created in a folder that is not a home").isEmpty();
		}
		assertThat(missing).doesNotExist();
	}

	@Test
	void failuresAreOneLineOnStderrWithTheStackTraceInTheLogFile() throws Exception {
		Path inbox = Files.createDirectories(tmp.resolve("inbox"));
		Path home = tmp.resolve("home");
		Path reference = Files.createDirectories(tmp.resolve("reference"));
		Files.writeString(reference.resolve("regions.csv"), "code,name,level,parent_code\n");

		CliRun run = CliRun.of("ingest", "--home", home.toString(), "--inbox", inbox.toString(), "--reference",
				reference.toString());

		assertThat(run.exitCode()).as(run.toString()).isNotZero();
		assertThat(run.err().lines()).as(run.toString()).hasSize(1);
		assertThat(run.out()).doesNotContain("\tat ").doesNotContain("Exception");
		Path log = home.resolve("logs").resolve("anjian.log");
		assertThat(log).exists();
		assertThat(Files.readString(log)).contains("ERROR").contains("\tat ");
	}

	@Test
	void aHomeThatCannotBeUsedIsOneLineAndNothingOnStdout() throws Exception {
		Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
		Path inbox = Files.createDirectories(tmp.resolve("inbox"));

		CliRun run = CliRun.of("ingest", "--home", file.toString(), "--inbox", inbox.toString());

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(run.err().lines()).as(run.toString()).hasSize(1);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void statusJsonIsOneObjectWithTheJobsFiresAndSubmissions() throws Exception {
		Path inbox = Files.createDirectories(tmp.resolve("inbox"));
		Path home = tmp.resolve("home");
		assertThat(CliRun.of("ingest", "--home", home.toString(), "--inbox", inbox.toString()).exitCode()).isZero();

		CliRun status = CliRun.of("status", "--home", home.toString(), "--json");

		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.out().strip().lines()).hasSize(1);
		Object json = JsonPath.parse(status.out()).json();
		assertThat((String) JsonPath.read(json, "$.home")).isEqualTo(home.toAbsolutePath().toString());
		assertThat((String) JsonPath.read(json, "$.jobs[0].job")).isEqualTo("submissionsIntakeJob");
		assertThat((String) JsonPath.read(json, "$.jobs[0].status")).isEqualTo("COMPLETED");
		assertThat((String) JsonPath.read(json, "$.jobs[0].started"))
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
		assertThat((List<?>) JsonPath.read(json, "$.nextFires")).isEmpty();
		assertThat((List<?>) JsonPath.read(json, "$.submissions")).isEmpty();
	}

	@Test
	void statusPrintsJobTimesInAsiaShanghaiWhateverTheMachinesZone() throws Exception {
		java.util.TimeZone machine = java.util.TimeZone.getDefault();
		try {
			// given a machine in Los Angeles (16 hours behind Shanghai in December)
			java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/Los_Angeles"));
			Path inbox = Files.createDirectories(tmp.resolve("inbox"));
			Path home = tmp.resolve("home");
			java.time.LocalDateTime before = java.time.LocalDateTime.now(OfficeTime.ZONE).withNano(0);
			assertThat(CliRun.of("ingest", "--home", home.toString(), "--inbox", inbox.toString()).exitCode()).isZero();
			java.time.LocalDateTime after = java.time.LocalDateTime.now(OfficeTime.ZONE).plusSeconds(1);

			// when
			CliRun text = CliRun.of("status", "--home", home.toString());
			CliRun json = CliRun.of("status", "--home", home.toString(), "--json");

			// then the job's times are the office's wall clock
			String line = text.out().lines().filter(l -> l.contains("submissionsIntakeJob")).findFirst().orElseThrow();
			java.time.LocalDateTime created = java.time.LocalDateTime
				.parse(line.strip().substring(0, 19).replace(' ', 'T'));
			assertThat(created).as(text.out()).isBetween(before, after);
			Object parsed = JsonPath.parse(json.out()).json();
			for (String field : List.of("created", "started", "ended")) {
				assertThat(java.time.LocalDateTime.parse(JsonPath.read(parsed, "$.jobs[0]." + field)))
					.as(field + " in " + json.out())
					.isBetween(before, after);
			}
		}
		finally {
			java.util.TimeZone.setDefault(machine);
		}
	}

}
