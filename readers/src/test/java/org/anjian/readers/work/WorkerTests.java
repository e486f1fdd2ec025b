package org.anjian.readers.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The one thread hand-off: failures reach the waiting side, the time limit abandons,
 * closing stops the other side.
 */
class WorkerTests {

	private static final Duration BOUND = Duration.ofSeconds(20);

	@Test
	void aTaskThatEndsInTimeIsAwaited() throws Exception {
		AtomicReference<String> thread = new AtomicReference<>();
		Worker worker = Worker.start("worker-test", () -> thread.set(Thread.currentThread().getName()));

		assertThat(worker.awaitWithin(BOUND)).isTrue();
		assertThat(worker.failure()).isNull();
		assertThat(thread).hasValue("worker-test");
	}

	@Test
	void whateverTheTaskThrowsIsKeptAsTheSameObjectOutOfMemoryIncluded() throws Exception {
		OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
		Worker worker = Worker.start("t", () -> {
			throw oom;
		});

		assertThat(worker.awaitWithin(BOUND)).isTrue();
		assertThat(worker.failure()).isSameAs(oom);
		assertThatThrownBy(() -> worker.rethrowFailure(IOException.class, IOException::new)).isSameAs(oom);
	}

	@Test
	void rethrowKeepsUncheckedAndTheAskedTypeAndWrapsTheRest() throws Exception {
		IOException io = new IOException("io");
		IllegalArgumentException bug = new IllegalArgumentException("bug");
		SQLException sql = new SQLException("sql");

		assertThatThrownBy(() -> ended(io).rethrowFailure(IOException.class, IOException::new)).isSameAs(io);
		assertThatThrownBy(() -> ended(bug).rethrowFailure(IOException.class, IOException::new)).isSameAs(bug);
		assertThatThrownBy(() -> ended(sql).rethrowFailure(IOException.class, IOException::new))
			.isInstanceOf(IOException.class)
			.hasCause(sql);
		ended(null).rethrowFailure(IOException.class, IOException::new);
	}

	private static Worker ended(Exception failure) throws InterruptedException {
		Worker worker = Worker.start("t", () -> {
			if (failure != null) {
				throw failure;
			}
		});
		assertThat(worker.awaitWithin(BOUND)).isTrue();
		return worker;
	}

	@Test
	void aTaskOutlastingTheTimeLimitIsInterruptedAndAbandoned() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(1);
		Worker worker = Worker.start("t", () -> untilInterrupted(interrupted));

		long start = System.nanoTime();
		boolean ended = worker.awaitWithin(Duration.ofMillis(200));

		assertThat(ended).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(interrupted.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

	/** Waits until interrupted, then counts {@code interrupted} down. */
	private static void untilInterrupted(CountDownLatch interrupted) {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			interrupted.countDown();
		}
	}

	@Test
	void aTaskIgnoringInterruptsIsLeftRunningAndTheWaitStillEnds() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean done = new AtomicBoolean();
		Worker worker = Worker.start("t", () -> {
			while (release.getCount() > 0) {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					// swallowed, as some library code does
				}
			}
			done.set(true);
		});

		assertThat(assertTimeoutPreemptively(BOUND, () -> worker.awaitWithin(Duration.ofMillis(100)))).isFalse();
		assertThat(done).isFalse();
		release.countDown();
		worker.join();
		assertThat(done).isTrue();
	}

	@Test
	void aZeroTimeLimitDoesNotWait() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Worker worker = Worker.start("t", release::await);

		assertThat(assertTimeoutPreemptively(BOUND, () -> worker.awaitWithin(Duration.ZERO))).isFalse();
		release.countDown();
	}

	@Test
	void anInterruptedWaitAbandonsTheWorkerAndIsThrown() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(1);
		Worker worker = Worker.start("t", () -> untilInterrupted(interrupted));

		Thread.currentThread().interrupt();
		assertThatThrownBy(() -> worker.awaitWithin(BOUND)).isInstanceOf(InterruptedException.class);
		assertThat(interrupted.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void joinUninterruptiblyWaitsThroughInterruptsAndKeepsThem() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Worker worker = Worker.start("t", release::await);
		Thread caller = Thread.currentThread();
		Worker interrupter = Worker.start("interrupter", () -> {
			caller.interrupt();
			Thread.sleep(100);
			caller.interrupt();
			release.countDown();
		});

		worker.joinUninterruptibly();

		assertThat(Thread.interrupted()).isTrue();
		assertThat(release.getCount()).isZero();
		interrupter.join();
	}

	// ---- pipelines ----

	@Test
	void aFeedersItemsComeInOrderThenNull() throws Exception {
		HandOff<Integer> out = new HandOff<>(3);
		Worker.feeding("t", out, () -> {
			for (int i = 0; i < 100; i++) {
				out.put(i);
			}
		});

		List<Integer> seen = new ArrayList<>();
		for (Integer i; (i = out.take()) != null;) {
			seen.add(i);
		}

		assertThat(seen).hasSize(100).isSorted();
		assertThat(out.take()).isNull();
	}

	@Test
	void aFeedersFailureComesAfterTheItemsBeforeIt() throws Exception {
		IOException broken = new IOException("truncated");
		HandOff<Integer> out = new HandOff<>(2);
		Worker feeder = Worker.feeding("t", out, () -> {
			for (int i = 0; i < 5; i++) {
				out.put(i);
			}
			throw broken;
		});

		List<Integer> seen = new ArrayList<>();
		for (Integer i; (i = out.take()) != null;) {
			seen.add(i);
		}

		assertThat(seen).containsExactly(0, 1, 2, 3, 4);
		assertThatThrownBy(() -> feeder.rethrowFailure(IOException.class, IOException::new)).isSameAs(broken);
	}

	@Test
	void closingReleasesAProducerBlockedOnAFullQueueAndItsNextPutFails() throws Exception {
		HandOff<Integer> out = new HandOff<>(2);
		CountDownLatch full = new CountDownLatch(1);
		AtomicReference<Boolean> blockedPut = new AtomicReference<>();
		Worker feeder = Worker.feeding("t", out, () -> {
			out.put(1);
			out.put(2);
			full.countDown();
			blockedPut.set(out.put(3)); // waits: nobody takes
			blockedPut.set(blockedPut.get() || out.put(4));
		});
		assertThat(full.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

		out.close();

		assertTimeoutPreemptively(BOUND, feeder::joinUninterruptibly);
		assertThat(blockedPut).hasValue(false);
		assertThat(out.take()).isNull();
		assertThat(feeder.failure()).isNull();
	}

	@Test
	void closingWakesAConsumerWaitingForAnItem() throws Exception {
		HandOff<Integer> in = new HandOff<>(2);
		AtomicReference<Integer> taken = new AtomicReference<>(-1);
		Worker drainer = Worker.draining("t", in, () -> taken.set(in.take()));

		Thread.sleep(50);
		in.close();

		assertThat(assertTimeoutPreemptively(BOUND, () -> drainer.awaitWithin(BOUND))).isTrue();
		assertThat(taken).hasValue(null);
	}

	@Test
	void aDrainersEndClosesTheQueueSoTheProducerStopsWaitingAndSeesTheFailure() throws Exception {
		IllegalStateException loaderFailed = new IllegalStateException("disk full");
		HandOff<Integer> in = new HandOff<>(2);
		Worker drainer = Worker.draining("t", in, () -> {
			in.take();
			throw loaderFailed;
		});

		boolean accepted = true;
		for (int i = 0; accepted && i < 1000; i++) {
			accepted = assertTimeoutPreemptively(BOUND, () -> in.put(1));
		}

		assertThat(accepted).isFalse();
		assertThat(in.isClosed()).isTrue();
		assertThat(drainer.failure()).isSameAs(loaderFailed);
	}

	@Test
	void aHandOffHoldsAtLeastTwo() {
		assertThatThrownBy(() -> new HandOff<>(1)).isInstanceOf(IllegalArgumentException.class);
	}

}
