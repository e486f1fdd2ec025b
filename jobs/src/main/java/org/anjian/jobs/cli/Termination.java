package org.anjian.jobs.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The fallback for a clean exit on SIGTERM where {@code schedule} cannot take the signal
 * itself ({@code sun.misc.Signal} unavailable, e.g. {@code java -Xrs}). The JVM reports
 * 143 for a process stopped by a signal, however cleanly its shutdown hooks finish,
 * unless a hook ends it with {@link Runtime#halt}. So {@code schedule}'s shutdown hook
 * stops the scheduler (the running job completes), lets the main thread finish the
 * command (context closed, home lock released) and then halts with the command's exit
 * code: 0. Only the real process entry point ({@code AnjianApplication.main}) owns the
 * process; in-process runs (tests) never halt.
 */
public final class Termination {

	private static volatile boolean ownsProcess;

	private static volatile int exitCode;

	private static final CountDownLatch finished = new CountDownLatch(1);

	private Termination() {
	}

	/** Called by the process entry point before it runs the command. */
	public static void ownProcess() {
		ownsProcess = true;
	}

	/** Called by the process entry point with the command's exit code. */
	public static void finished(int code) {
		exitCode = code;
		finished.countDown();
	}

	/**
	 * From a shutdown hook, once the command is told to stop: waits for the main thread
	 * to finish the command and halts with its exit code. Returns at once when this JVM
	 * is not anjian's own process.
	 */
	static void haltWhenFinished() {
		if (!ownsProcess) {
			return;
		}
		try {
			if (!finished.await(5, TimeUnit.MINUTES)) {
				return; // leave the JVM's own exit code: something is stuck
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		System.out.flush();
		System.err.flush();
		Runtime.getRuntime().halt(exitCode);
	}

}
