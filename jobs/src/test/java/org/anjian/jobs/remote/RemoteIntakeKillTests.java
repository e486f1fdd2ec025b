package org.anjian.jobs.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.anjian.jobs.AnjianApplication;
import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.schedules.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An intake spread over two worker JVMs, one of them killed (SIGKILL) while it stages a
 * ledger: its partition runs again on the other worker, and the warehouse ends exactly as
 * a single-process ingest of the same inbox leaves it — every inbox file once in
 * audit_file, the same issues, rows and facts. Needs the machine's RabbitMQ
 * (127.0.0.1:5672, guest; .ci/run starts it) and a PostgreSQL for the job repository
 * ({@link TestPostgres}: Testcontainers, the machine's server, else an embedded one).
 * Each run uses a schema and a queue of its own and drops them.
 */
class RemoteIntakeKillTests {

	private static final String BROKER = System.getenv()
		.getOrDefault("ANJIAN_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672");

	/**
	 * The job repository's PostgreSQL: Testcontainers where Docker answers, else the
	 * machine's server, else an embedded one ({@link TestPostgres}; never a skip).
	 */
	private static TestPostgres postgres;

	@BeforeAll
	static void startPostgres() {
		postgres = TestPostgres.start();
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		if (postgres != null) {
			postgres.close();
		}
	}

	/** Rows per generated ledger: enough that a worker is caught mid-file. */
	private static final int ROWS = 50_000;

	@TempDir
	Path tmp;

	private final String schema = "anjian_remote_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final String queue = "anjian.test." + schema;

	private final List<Process> children = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		children.forEach(Process::destroyForcibly);
		try (Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
				Statement st = c.createStatement()) {
			st.execute("drop schema if exists " + schema + " cascade");
		}
		CachingConnectionFactory broker = new CachingConnectionFactory(URI.create(BROKER));
		try {
			new RabbitAdmin(broker).deleteQueue(queue);
		}
		finally {
			broker.destroy();
		}
	}

	@Test
	void aWorkerKilledMidFileLosesNothingAndDoublesNothing() throws Exception {
		// given the sample county's inbox and two large ledgers, and a job repository
		// schema of this test's own
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Map<String, String> ledgers = new LinkedHashMap<>(); // sha256 → path
		for (String town : List.of("桃源镇", "石门镇")) {
			Path ledger = ledger(inbox.resolve("2024-05").resolve(town + "隐患台账.csv"), town);
			ledgers.put(sha256(ledger), "2024-05/" + ledger.getFileName());
		}
		long inboxFiles;
		try (Stream<Path> files = Files.walk(inbox)) {
			inboxFiles = files.filter(Files::isRegularFile).count();
		}
		try (Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
				Statement st = c.createStatement()) {
			st.execute("create schema " + schema);
		}
		Path home = tmp.resolve("remote");

		// when two workers run, the manager ingests over them, and the worker staging a
		// ledger is killed mid-file
		Child a = start("worker", "--home", home.toString(), "--inbox", inbox.toString());
		Child b = start("worker", "--home", home.toString(), "--inbox", inbox.toString());
		a.await("已就绪");
		b.await("已就绪");
		Child manager = start("ingest", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString(), "--remote", BROKER);
		Path part = awaitPart(home.resolve("staging").resolve("remote"), List.of(a, b));
		Child victim = part.getFileName().toString().contains("." + a.pid() + ".") ? a : b;
		Child survivor = victim == a ? b : a;
		victim.process.destroyForcibly();
		String victimsFile = ledgers.get(part.getFileName().toString().substring(0, 64));
		assertThat(manager.process.waitFor(10, TimeUnit.MINUTES)).as(manager.toString()).isTrue();

		// then the manager completed, the killed partition ran again on the other worker
		assertThat(manager.process.exitValue()).as(manager.toString()).isZero();
		assertThat(victim.process.isAlive()).isFalse();
		assertThat(survivor.lines).as(survivor.toString()).anyMatch(l -> l.contains("已暂存：" + victimsFile + "，"));
		assertThat(manager.lines).anyMatch(l -> l.startsWith("入库完成：处理文件 " + inboxFiles + " 个"));
		assertThat(home.resolve("staging").resolve("remote")).isEmptyDirectory();

		// and the warehouse is the one a single process makes of the same inbox
		Path single = tmp.resolve("single");
		CliRun local = CliRun.of("ingest", "--home", single.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());
		assertThat(local.exitCode()).as(local.toString()).isZero();
		assertThat(
				WarehouseQueries.query(home, "select path, count(*) as n from audit_file group by path having n <> 1"))
			.as("every file recorded once")
			.isEmpty();
		String audit = "select * exclude (ingested_at) from audit_file order by path";
		assertThat(WarehouseQueries.query(home, audit)).hasSize((int) inboxFiles)
			.isEqualTo(WarehouseQueries.query(single, audit));
		assertThat(WarehouseQueries.query(home, "select count(*) as n from raw_hazard_ledger").get(0).get("n"))
			.as("both ledgers' rows, once")
			.isEqualTo(WarehouseQueries.query(single, "select count(*) as n from raw_hazard_ledger").get(0).get("n"));
		for (String table : tables(single)) {
			String digest = "select count(*) as n, sum(hash(t)::hugeint) as h from (select * " + except(single, table)
					+ " from " + table + ") t";
			assertThat(WarehouseQueries.query(home, digest)).as(table)
				.isEqualTo(WarehouseQueries.query(single, digest));
		}
	}

	/** The warehouse's landing, audit and fact tables. */
	private static List<String> tables(Path home) {
		return WarehouseQueries.query(home, """
				select table_name from information_schema.tables
				where table_schema = 'main' and table_type = 'BASE TABLE'
				  and (table_name like 'fact\\_%' escape '\\' or table_name like 'raw\\_%' escape '\\'
				       or table_name like 'land\\_%' escape '\\' or table_name like 'audit\\_%' escape '\\')
				order by 1""").stream().map(r -> (String) r.get("table_name")).toList();
	}

	/** The columns that say when, not what: left out of the comparison. */
	private static String except(Path home, String table) {
		List<String> when = WarehouseQueries
			.query(home, "select column_name from information_schema.columns where table_name = '" + table
					+ "' and column_name in ('ingested_at', 'loaded_at', 'built_at', 'written_at', 'explained_at')")
			.stream()
			.map(r -> (String) r.get("column_name"))
			.toList();
		return when.isEmpty() ? "" : "exclude (" + String.join(", ", when) + ")";
	}

	/**
	 * The first staging file a worker is writing, once it holds some rows: the worker is
	 * mid-file.
	 */
	private static Path awaitPart(Path staging, List<Child> workers) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (System.nanoTime() < deadline) {
			if (Files.isDirectory(staging)) {
				try (Stream<Path> files = Files.walk(staging)) {
					for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".part")).toList()) {
						try {
							if (Files.size(p) > 256 * 1024) {
								return p;
							}
						}
						catch (IOException ex) {
							// renamed meanwhile: the next one
						}
					}
				}
				catch (IOException ex) {
					// a file renamed during the walk: look again
				}
			}
			Thread.sleep(10);
		}
		throw new AssertionError("no worker staged a ledger: " + workers);
	}

	private Child start(String... args) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData", "-Xmx512m", "-cp",
						System.getProperty("java.class.path"), "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8",
						AnjianApplication.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		String url = postgres.url();
		builder.environment()
			.put("ANJIAN_BATCH_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		builder.environment().put("ANJIAN_BATCH_USER", postgres.user());
		builder.environment().put("ANJIAN_BATCH_PASSWORD", postgres.password());
		builder.environment().put(RemoteQueue.BROKER, BROKER);
		builder.environment().put(RemoteQueue.QUEUE, queue);
		Process process = builder.start();
		children.add(process);
		return new Child(args[0], process);
	}

	/** A child JVM and the lines it printed so far. */
	private static final class Child {

		final String name;

		final Process process;

		final List<String> lines = new CopyOnWriteArrayList<>();

		Child(String name, Process process) {
			this.name = name;
			this.process = process;
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					for (String line = in.readLine(); line != null; line = in.readLine()) {
						lines.add(line);
					}
				}
				catch (IOException ex) {
					// the process is gone
				}
			});
			reader.setDaemon(true);
			reader.start();
		}

		long pid() {
			return process.pid();
		}

		void await(String text) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			while (lines.stream().noneMatch(l -> l.contains(text))) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					throw new AssertionError(name + " did not print “" + text + "”: " + this);
				}
				Thread.sleep(50);
			}
		}

		@Override
		public String toString() {
			return name + " " + pid() + ":\n" + String.join("\n", lines);
		}

	}

	/**
	 * A township's 隐患台账 as CSV: realistic columns, some rows the row checks return (a
	 * rectified hazard without a date), received 2024-05-20 09:00.
	 */
	private static Path ledger(Path file, String town) throws IOException {
		Random random = new Random(town.hashCode());
		String[] levels = { "一般", "一般", "一般", "较大", "重大" };
		String[] hazards = { "配电箱未接地", "安全出口锁闭", "消防栓无水", "叉车无证驾驶", "有限空间作业未审批", "危化品超量存放" };
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(town + "重大事故隐患排查治理台账\n填报单位：" + town + "人民政府\n");
			out.write("企业名称,统一社会信用代码,所属乡镇（街道）,行业类别,隐患描述,隐患等级,发现日期,隐患来源,整改措施,责任人,整改资金（万元）,整改期限,整改状态,整改完成日期,备注\n");
			for (int i = 0; i < ROWS; i++) {
				boolean done = random.nextInt(3) > 0;
				out.write(town + (i % 700) + "号建材有限公司,," + town + ",应急管理," + hazards[random.nextInt(hazards.length)]
						+ "（第" + i + "处）," + levels[random.nextInt(levels.length)] + ",2024-05-"
						+ String.format("%02d", 1 + i % 28) + ",执法检查,立即整改,张三," + (random.nextInt(50) / 10.0)
						+ ",2024-06-30," + (done ? "已整改" : "整改中") + ","
						+ (done && random.nextInt(20) > 0 ? "2024-05-28" : "") + ",\n");
			}
		}
		Files.setLastModifiedTime(file,
				FileTime.from(LocalDateTime.of(2024, 5, 20, 9, 0).atZone(SampleCounty.SHANGHAI).toInstant()));
		return file;
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
