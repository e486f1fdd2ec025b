package org.anjian.warehouse;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named instants where a test can stop the process as abruptly as {@code kill -9}: with
 * {@code -Danjian.crash.at=<point>:<n>} (or the environment variable
 * {@code ANJIAN_CRASH_AT}) the JVM halts with status 137 at the n-th arrival at
 * {@code <point>}. {@link Runtime#halt(int)} runs no shutdown hook, closes no connection
 * and flushes nothing of H2 or DuckDB, like a SIGKILL (the OS still keeps what the
 * process had written into its page cache, as after a real kill). Unset, a reach costs
 * one volatile read.
 *
 * <p>
 * The points, in the order a run meets them: {@code batch-schema} (between the job
 * repository's schema statements), {@code summary-before-commit} (a summary file's audit
 * row and lines written, not committed), {@code list-chunk} (a list's staging chunk
 * loaded, file not committed), {@code file-written} (between files: one committed, the
 * next not begun), {@code rollup-outbox} (rollup materialized, official table not
 * written), {@code export-table} (between two exported tables), {@code snapshot-rename}
 * (the analysts' snapshot copied, not yet renamed into place).
 */
public final class CrashPoints {

	/**
	 * The system property naming the crash point; the environment's is ANJIAN_CRASH_AT.
	 */
	public static final String PROPERTY = "anjian.crash.at";

	private static final String POINT;

	private static final int AT;

	private static final AtomicInteger ARRIVALS = new AtomicInteger();

	static {
		String spec = System.getProperty(PROPERTY, System.getenv("ANJIAN_CRASH_AT"));
		String point = null;
		int at = 0;
		if (spec != null && !spec.isBlank()) {
			int colon = spec.lastIndexOf(':');
			point = (colon < 0 ? spec : spec.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
			at = colon < 0 ? 1 : Integer.parseInt(spec.substring(colon + 1).strip());
		}
		POINT = point;
		AT = at;
	}

	private CrashPoints() {
	}

	/** Halts the JVM (status 137) if this is the chosen arrival at the chosen point. */
	public static void reach(String point) {
		if (POINT != null && POINT.equals(point) && ARRIVALS.incrementAndGet() == AT) {
			System.out.flush();
			System.err.println("anjian: crash point " + point + ":" + AT);
			System.err.flush();
			Runtime.getRuntime().halt(137);
		}
	}

}
