package org.anjian.readers.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The per-file hand-offs' pooled threads: a file after a file runs on the same thread (no
 * thread start a file), under its own name and CPU limit; a thread abandoned at a time
 * limit is never handed another file, and its late interrupt reaches no one else.
 */
class PooledWorkerTests {

	private static final Duration BOUND = Duration.ofSeconds(20);

	@Test
	void aTaskAfterATaskRunsOnTheSameThreadUnderItsOwnName() throws Exception {
		AtomicReference<Thread> first = new AtomicReference<>();
		AtomicReference<Thread> second = new AtomicReference<>();
		AtomicReference<String> name = new AtomicReference<>();
		assertThat(Worker.pooled("pooled-a", () -> first.set(Thread.currentThread())).awaitWithin(BOUND)).isTrue();
		// the thread is pooled again just after the task ends
		Thread.sleep(50);

		Worker worker = Worker.pooled("pooled-b", () -> {
			second.set(Thread.currentThread());
			name.set(Thread.currentThread().getName());
		});

		assertThat(worker.awaitWithin(BOUND)).isTrue();
		assertThat(second.get()).isSameAs(first.get());
		assertThat(name).hasValue("pooled-b");
		assertThat(second.get().isDaemon()).isTrue();
	}

	@Test
	void anAbandonedTasksThreadIsNeverReusedAndTheNextTaskIsNotInterrupted() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<Thread> hung = new AtomicReference<>();
		Worker stuck = Worker.pooled("pooled-stuck", () -> {
			hung.set(Thread.currentThread());
			started.countDown();
			// ignores interrupts, as a parser in a tight loop would
			while (true) {
				try {
					if (release.await(10, TimeUnit.SECONDS)) {
						return;
					}
				}
				catch (InterruptedException ex) {
					// keeps going
				}
			}
		});
		assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

		assertThat(stuck.awaitWithin(Duration.ofMillis(50))).isFalse();
		release.countDown();
		stuck.join();
		Thread.sleep(50);

		AtomicReference<Thread> next = new AtomicReference<>();
		AtomicBoolean interrupted = new AtomicBoolean(true);
		Worker after = Worker.pooled("pooled-next", () -> {
			next.set(Thread.currentThread());
			Thread.sleep(20);
			interrupted.set(Thread.currentThread().isInterrupted());
		});
		assertThat(after.awaitWithin(BOUND)).isTrue();
		assertThat(after.failure()).isNull();
		assertThat(interrupted).isFalse();
		assertThat(next.get()).isNotSameAs(hung.get());
	}

	@Test
	void aReusedThreadsEarlierCpuTimeDoesNotCountAgainstTheNextTask() throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		if (!threads.isThreadCpuTimeSupported()) {
			return;
		}
		AtomicReference<Thread> busy = new AtomicReference<>();
		assertThat(Worker.pooled("pooled-busy", () -> {
			busy.set(Thread.currentThread());
			long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
			long x = 0;
			while (System.nanoTime() < until) {
				x += System.nanoTime() % 7;
			}
			assertThat(x).isNotNegative();
		}).awaitCpuWithin(BOUND)).isTrue();
		Thread.sleep(50);

		AtomicReference<Thread> quick = new AtomicReference<>();
		Worker worker = Worker.pooled("pooled-quick", () -> {
			quick.set(Thread.currentThread());
			Thread.sleep(20);
		});

		// 200 ms of CPU: the same thread has used more before, this task almost none
		assertThat(worker.awaitCpuWithin(Duration.ofMillis(200))).isTrue();
		assertThat(quick.get()).isSameAs(busy.get());
	}

}
