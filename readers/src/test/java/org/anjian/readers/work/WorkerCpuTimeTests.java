package org.anjian.readers.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Issue 17: read limits scale with a busy machine. {@link Worker#awaitCpuWithin} counts
 * the worker thread's CPU time, so waiting for a core does not use the limit up; a task
 * that only waits is stopped by the wall-time backstop ({@link Worker#WALL_FACTOR} × the
 * limit).
 */
class WorkerCpuTimeTests {

	@Test
	void aTaskThatWaitsLongerThanTheLimitButComputesLittleEndsNormally() throws Exception {
		// 600 ms of wall time, almost no CPU: a wall-time limit of 400 ms would stop it
		Worker worker = Worker.start("cpu-test-sleeper", () -> Thread.sleep(600));

		assertThat(worker.awaitCpuWithin(Duration.ofMillis(400))).isTrue();
		assertThat(worker.failure()).isNull();
	}

	@Test
	void aTaskThatComputesPastTheLimitIsStoppedAndAbandoned() {
		AtomicBoolean interrupted = new AtomicBoolean();
		Worker worker = Worker.start("cpu-test-spinner", () -> {
			while (!Thread.currentThread().isInterrupted()) {
				Math.sqrt(System.nanoTime());
			}
			interrupted.set(true);
		});

		boolean ended = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> worker.awaitCpuWithin(Duration.ofMillis(300)));

		assertThat(ended).isFalse();
		worker.joinUninterruptibly();
		assertThat(interrupted).isTrue();
	}

	@Test
	void aTaskThatOnlyWaitsIsStoppedByTheWallTimeBackstop() {
		Worker worker = Worker.start("cpu-test-waiter", () -> Thread.sleep(60_000));
		long start = System.nanoTime();

		boolean ended = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> worker.awaitCpuWithin(Duration.ofMillis(200)));

		assertThat(ended).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start))
			.isGreaterThanOrEqualTo(Duration.ofMillis(200L * Worker.WALL_FACTOR));
	}

}
