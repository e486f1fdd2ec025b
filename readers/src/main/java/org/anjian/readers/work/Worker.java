package org.anjian.readers.work;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
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

	private volatile Throwable failure;

	private Worker(String name, Task task, Runnable after) {
		this.thread = new Thread(() -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				failure = ex;
			}
			finally {
				// after the failure is recorded: whoever the hand-off wakes sees it
				after.run();
			}
		}, name);
		// an abandoned worker must not keep the JVM alive after the run
		this.thread.setDaemon(true);
		this.thread.start();
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
				thread.join(millis);
			}
		}
		catch (InterruptedException ex) {
			abandon();
			throw ex;
		}
		if (thread.isAlive()) {
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
			while (thread.isAlive()) {
				long cpu = threads.getThreadCpuTime(thread.getId());
				if (cpu >= limitNanos || System.nanoTime() - wallDeadline >= 0) {
					break;
				}
				thread.join(poll);
			}
		}
		catch (InterruptedException ex) {
			abandon();
			throw ex;
		}
		if (thread.isAlive()) {
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
		thread.interrupt();
	}

	/** Waits for the task to end. */
	public void join() throws InterruptedException {
		thread.join();
	}

	/**
	 * Waits for the task to end, however often this thread is interrupted meanwhile (the
	 * interrupt is kept for later): for a {@code close()} after which the worker must no
	 * longer touch what it was given.
	 */
	public void joinUninterruptibly() {
		boolean interrupted = false;
		while (thread.isAlive()) {
			try {
				thread.join();
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

}
