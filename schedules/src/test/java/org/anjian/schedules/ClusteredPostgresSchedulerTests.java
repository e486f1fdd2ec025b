package org.anjian.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;

/**
 * Two clustered scheduler nodes on one PostgreSQL job store. PostgreSQL comes from
 * {@link TestPostgres}: Testcontainers when a Docker engine exists, else the server named
 * by {@code ANJIAN_TEST_PG_URL} if it answers, else an embedded one; never a skip. Each
 * test gets a fresh schema, dropped afterwards.
 */
class ClusteredPostgresSchedulerTests {

	private static final ZoneId SHANGHAI = OfficeTime.ZONE;

	private static TestPostgres postgres;

	private static String serverUrl;

	private static String user;

	private static String password;

	private final ReferenceData sample = SampleReference.calendarOnly();

	private String schema;

	private String url;

	@BeforeAll
	static void postgres() {
		postgres = TestPostgres.start();
		serverUrl = postgres.url();
		user = postgres.user();
		password = postgres.password();
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		if (postgres != null) {
			postgres.close();
		}
	}

	@BeforeEach
	void freshSchema() throws Exception {
		schema = "quartz_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
			s.execute("create schema " + schema);
		}
		url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	@AfterEach
	void dropSchema() throws Exception {
		try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
			s.execute("drop schema if exists " + schema + " cascade");
		}
	}

	private ScheduleSettings node(String id) {
		return ScheduleSettings.embedded(Path.of("unused"))
			.withJdbc(url, user, password)
			.withInstance("anjian-cluster-test", id)
			.withThreadCount(2);
	}

	@Test
	void twoNodesStartingTogetherCreateTheTablesOnceAndCatchUpEveryRollupOnce() throws Exception {
		// given two nodes that open the store and register the (long past) 2024 calendar
		// at the same time
		List<RecordingJobStarter.Call> calls = new CopyOnWriteArrayList<>();
		Set<String> repository = ConcurrentHashMap.newKeySet();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<AnjianScheduler>> opening = pool
				.invokeAll(List.of(() -> openAndRegister("node-a", calls, repository),
						() -> openAndRegister("node-b", calls, repository)));
			try (AnjianScheduler a = opening.get(0).get(); AnjianScheduler b = opening.get(1).get()) {
				assertThat(a.settings().clustered()).isTrue();
				assertThat(a.nextFireTimes()).hasSize(15).extracting(NextFire::trigger).doesNotHaveDuplicates();

				// when both run
				a.start();
				b.start();
				await().atMost(Duration.ofSeconds(60)).until(() -> calls.size() >= 14);
				Thread.sleep(3000);
			}
		}
		finally {
			pool.shutdown();
		}

		// then the cluster ran each rollup once in all, never refused as a duplicate
		assertThat(calls).hasSize(14).noneMatch(RecordingJobStarter.Call::refused);
		assertThat(calls).extracting(RecordingJobStarter.Call::parameters)
			.containsExactlyInAnyOrderElementsOf(
					new DueRollups(sample).calendar().stream().map(DueRollup::parameters).toList());
	}

	private AnjianScheduler openAndRegister(String id, List<RecordingJobStarter.Call> calls, Set<String> repository)
			throws Exception {
		AnjianScheduler scheduler = AnjianScheduler.open(node(id), new RecordingJobStarter(id, calls, repository));
		scheduler.register(sample);
		return scheduler;
	}

	@Test
	void aNodeJoiningWhileAnotherHoldsTriggersFiresEachTriggerExactlyOnce() throws Exception {
		// given node a running with twenty triggers due in a few seconds (separate jobs,
		// so they may run anywhere);
		// a has already acquired the first
		List<RecordingJobStarter.Call> calls = new CopyOnWriteArrayList<>();
		Set<String> repository = ConcurrentHashMap.newKeySet();
		try (AnjianScheduler a = AnjianScheduler.open(node("node-a"),
				new RecordingJobStarter("node-a", calls, repository));
				AnjianScheduler b = AnjianScheduler.open(node("node-b"),
						new RecordingJobStarter("node-b", calls, repository))) {
			a.start();
			LocalDateTime at = LocalDateTime.now(SHANGHAI).plusSeconds(4);
			for (int i = 0; i < 20; i++) {
				a.scheduleOnce("t" + i, JobKey.jobKey("job" + i, "cluster-test"), "ingestJob",
						Map.of("businessDate", "2024-06-" + (10 + i)), at.plusNanos(i * 100_000_000L));
			}
			Thread.sleep(1000);

			// when node b joins (an unclustered node would take a's acquired triggers for
			// its own and fire them too)
			b.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> calls.size() >= 20);
			Thread.sleep(3000);
		}

		// then every trigger fired once across the cluster
		assertThat(calls).hasSize(20).noneMatch(RecordingJobStarter.Call::refused);
		assertThat(calls.stream().map(c -> c.parameters().get("businessDate")).collect(Collectors.toSet())).hasSize(20);
	}

}
