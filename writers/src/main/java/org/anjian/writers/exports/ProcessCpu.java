package org.anjian.writers.exports;

/**
 * The CPU time this process has used, for the home's log: on a machine shared with other
 * work a step's wall time says little, its CPU time what the step itself cost.
 */
public final class ProcessCpu {

	private ProcessCpu() {
	}

	/**
	 * The process's CPU time in milliseconds (every thread, DuckDB's included), or -1
	 * where the JVM does not tell.
	 */
	public static long millis() {
		// ProcessHandle reads the process's own accounting; the management beans would
		// load their classes and native library into a short command for one number
		return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
	}

}
