package org.anjian.readers.work;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A task on a named daemon thread of its own: the one way this project hands work to
 * another thread. Whatever the task throws ({@link OutOfMemoryError} included: the task's
 * objects are garbage once it unwinds) is kept for the waiting side, which rethrows it
 * ({@link #rethrowFailure}) or turns it into a finding ({@link #failure()}).
 *
 * <ul>
 * <li>Time limit: {@link #awaitWithin(Duration)} waits at most so long; a worker still
 * running then is abandoned.</li>
 * <li>Pipelines: {@link #feeding} produces into a {@link HandOff} (ended when the task
 * ends, however it ends, so the consumer's take returns null and then the failure is
 * rethrown after the items before it); {@link #draining} consumes from one (closed when
 * the task ends, so a producer's next put fails instead of waiting for a consumer that is
 * gone).</li>
 * <li>Abandon: {@link #abandon()} interrupts the thread and leaves it. Library code that
 * ignores interrupts keeps its daemon thread busy until it finishes; Java offers no safe
 * way to kill it.</li>
 * </ul>
 */
public final class Worker {

	/** The work: anything it throws is the worker's failure. */
	@FunctionalInterface
	public interface Task {

		void run() throws Exception;

	}

	private final Thread thread;

	/**
	 * The pooled thread that runs the task, or null: the task has a thread of its own.
	 */
	private final Carrier carrier;

	/** Counted down when the task (and its {@code after}) has ended. */
	private final CountDownLatch done = new CountDownLatch(1);

	/**
	 * CPU time the thread had used when the task began, -1 before: a pooled thread's
	 * earlier tasks do not count against this one's limit.
	 */
	private volatile long cpuAtStart = -1;

	private volatile Throwable failure;

	private final Task task;

	private final Runnable after;

	private Worker(String name, Task task, Runnable after) {
		this.task = task;
		this.after = after;
		this.carrier = null;
		this.cpuAtStart = 0;
		this.thread = new Thread(this::runTask, name);
		// an abandoned worker must not keep the JVM alive after the run
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private Worker(Task task, String name) {
		this.task = task;
		this.after = () -> {
		};
		this.carrier = Carrier.take(this, name);
		this.thread = carrier.thread;
	}

	private void runTask() {
		try {
			task.run();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			// after the failure is recorded: whoever the hand-off wakes sees it
			after.run();
			done.countDown();
		}
	}

	/**
	 * Runs the task on an idle pooled daemon thread (a new one when none is idle), named
	 * {@code name} while it runs: for the per-file hand-offs, where starting a thread
	 * costs about as much as reading a small form. A thread is pooled again only when its
	 * task ended without being {@linkplain #abandon() abandoned}; at most
	 * {@value Carrier#MAX_IDLE} wait, each at most {@value Carrier#IDLE_MILLIS} ms, so no
	 * owner has to shut them down.
	 */
	public static Worker pooled(String name, Task task) {
		return new Worker(task, name);
	}

	/** Runs the task on a new daemon thread of this name. */
	public static Worker start(String name, Task task) {
		return new Worker(name, task, () -> {
		});
	}

	/**
	 * Runs a task that puts into {@code out}; ends {@code out} when the task ends,
	 * however it ends.
	 */
	public static Worker feeding(String name, HandOff<?> out, Task task) {
		return new Worker(name, task, out::end);
	}

	/**
	 * Runs a task that takes from {@code in}; closes {@code in} when the task ends,
	 * however it ends.
	 */
	public static Worker draining(String name, HandOff<?> in, Task task) {
		return new Worker(name, task, in::close);
	}

	/**
	 * Waits at most {@code limit} for the task to end. True when it ended (see
	 * {@link #failure()}); false when it was still running: it is then
	 * {@linkplain #abandon() abandoned}. Interrupted while waiting: abandoned as well,
	 * and the interrupt thrown.
	 */
	public boolean awaitWithin(Duration limit) throws InterruptedException {
		long millis = limit.toMillis();
		try {
			if (millis > 0) {
				waitFor(millis);
			}
		}
		catch (InterruptedException ex) {
			abandon();
			throw ex;
		}
		if (running()) {
			abandon();
			return false;
		}
		return true;
	}

	/**
	 * Waits until the task ends, has used {@code limit} of CPU time on its own thread, or
	 * {@value #WALL_FACTOR} × {@code limit} of wall time has passed, whichever comes
	 * first: a limit that means the same on a quiet machine and on one shared with other
	 * builds (the work is measured, not the waiting for a core); the wall-time backstop
	 * ends a task that waits rather than computes (blocked I/O, a heap thrashing in GC,
	 * whose time is not the thread's). True when it ended; false when it was stopped: it
	 * is then {@linkplain #abandon() abandoned}. Where the JVM cannot measure a thread's
	 * CPU time, {@code limit} is wall time ({@link #awaitWithin}).
	 */
	public boolean awaitCpuWithin(Duration limit) throws InterruptedException {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		if (!cpuTimeMeasurable(threads)) {
			return awaitWithin(limit);
		}
		long limitNanos = limit.toNanos();
		long wallDeadline = System.nanoTime() + Math.min(Long.MAX_VALUE / 8, limitNanos) * WALL_FACTOR;
		long poll = Math.max(1, Math.min(100, limit.toMillis() / 10));
		try {
			while (running()) {
				long start = cpuAtStart;
				long cpu = start < 0 ? 0 : threads.getThreadCpuTime(thread.getId()) - start;
				if (cpu >= limitNanos || System.nanoTime() - wallDeadline >= 0) {
					break;
				}
				waitFor(poll);
			}
		}
		catch (InterruptedException ex) {
			abandon();
			throw ex;
		}
		if (running()) {
			abandon();
			return false;
		}
		return true;
	}

	/** Wall time a task may take, as a multiple of its CPU-time limit. */
	public static final int WALL_FACTOR = 3;

	private static boolean cpuTimeMeasurable(ThreadMXBean threads) {
		try {
			if (!threads.isThreadCpuTimeSupported()) {
				return false;
			}
			if (!threads.isThreadCpuTimeEnabled()) {
				threads.setThreadCpuTimeEnabled(true);
			}
			return true;
		}
		catch (UnsupportedOperationException | SecurityException ex) {
			return false;
		}
	}

	/**
	 * Interrupts the task and leaves it: it ends when it notices, or when its library
	 * code finishes.
	 */
	public void abandon() {
		if (carrier == null) {
			thread.interrupt();
		}
		else {
			carrier.abandon(this);
		}
	}

	/** Waits for the task to end. */
	public void join() throws InterruptedException {
		if (carrier == null) {
			thread.join();
		}
		else {
			done.await();
		}
	}

	private boolean running() {
		return carrier == null ? thread.isAlive() : done.getCount() > 0;
	}

	private void waitFor(long millis) throws InterruptedException {
		if (carrier == null) {
			thread.join(millis);
		}
		else {
			done.await(millis, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Waits for the task to end, however often this thread is interrupted meanwhile (the
	 * interrupt is kept for later): for a {@code close()} after which the worker must no
	 * longer touch what it was given.
	 */
	public void joinUninterruptibly() {
		boolean interrupted = false;
		while (running()) {
			try {
				join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** What the task threw, or null: it ended normally or is still running. */
	public Throwable failure() {
		return failure;
	}

	/**
	 * Throws what the task threw, as the same object when it is unchecked or of type
	 * {@code X}, else as made by {@code wrap}; nothing when it threw nothing.
	 */
	public <X extends Exception> void rethrowFailure(Class<X> type, Function<Throwable, ? extends X> wrap) throws X {
		Throwable f = failure;
		if (f == null) {
			return;
		}
		if (f instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (f instanceof Error error) {
			throw error;
		}
		if (type.isInstance(f)) {
			throw type.cast(f);
		}
		throw wrap.apply(f);
	}

	/**
	 * A pooled daemon thread: runs one worker's task at a time, then waits idle for the
	 * next; one whose task was abandoned (its interrupt may come at any time) is never
	 * reused and ends when the task does.
	 */
	private static final class Carrier {

		static final int MAX_IDLE = 4;

		static final long IDLE_MILLIS = 30_000;

		private static final Deque<Carrier> IDLE = new ArrayDeque<>();

		private static final AtomicInteger THREADS = new AtomicInteger();

		final Thread thread;

		/** Guarded by this: the task to run next, the one running, whether abandoned. */
		private Worker next;

		private Worker current;

		private boolean abandoned;

		private Carrier() {
			this.thread = new Thread(this::loop, "anjian-pooled-" + THREADS.incrementAndGet());
			this.thread.setDaemon(true);
		}

		static Carrier take(Worker worker, String name) {
			Carrier carrier;
			synchronized (IDLE) {
				carrier = IDLE.pollFirst();
			}
			boolean fresh = carrier == null;
			if (fresh) {
				carrier = new Carrier();
			}
			carrier.thread.setName(name);
			synchronized (carrier) {
				carrier.next = worker;
				carrier.notifyAll();
			}
			if (fresh) {
				carrier.thread.start();
			}
			return carrier;
		}

		synchronized void abandon(Worker worker) {
			if (current == worker) {
				abandoned = true;
				thread.interrupt();
			}
		}

		private void loop() {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			for (Worker worker = awaitNext(); worker != null; worker = awaitNext()) {
				synchronized (this) {
					current = worker;
				}
				worker.cpuAtStart = cpuTime(threads);
				worker.runTask();
				synchronized (this) {
					current = null;
					// an interrupt meant for this task must not reach the next one
					Thread.interrupted();
					if (abandoned) {
						return;
					}
				}
				synchronized (IDLE) {
					if (IDLE.size() >= MAX_IDLE) {
						return;
					}
					IDLE.addFirst(this);
				}
			}
		}

		/**
		 * The next worker, or null after waiting idle too long (then out of the pool).
		 */
		private synchronized Worker awaitNext() {
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
			while (next == null) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					synchronized (IDLE) {
						if (IDLE.remove(this)) {
							return null;
						}
					}
					// taken meanwhile: its worker is about to be handed over
					left = TimeUnit.MILLISECONDS.toNanos(100);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, left);
				}
				catch (InterruptedException ex) {
					// not abandoned (idle): nothing to stop
				}
			}
			Worker worker = next;
			next = null;
			return worker;
		}

		private static long cpuTime(ThreadMXBean threads) {
			try {
				return threads.isCurrentThreadCpuTimeSupported() ? Math.max(0, threads.getCurrentThreadCpuTime()) : 0;
			}
			catch (UnsupportedOperationException ex) {
				return 0;
			}
		}

	}

}
