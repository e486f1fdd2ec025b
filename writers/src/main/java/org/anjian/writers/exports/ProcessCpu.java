package org.anjian.writers.exports;

import java.lang.management.ManagementFactory;

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
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			long nanos = os.getProcessCpuTime();
			return nanos < 0 ? -1 : nanos / 1_000_000;
		}
		return -1;
	}

}
