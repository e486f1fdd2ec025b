package org.anjian.bench;

import java.nio.file.Path;

/**
 * One measured thing {@code anjian bench} runs against a generated ledger, each run alone
 * in a fresh JVM. To add one (the lead's "anjian-reader" and "anjian-ingest"), implement
 * this and list it in {@link BenchWorkloads#ALL}.
 */
public interface BenchWorkload {

	/** Short stable name, shown in the table and passed to the child JVM. */
	String name();

	/** One line on what it measures. */
	String description();

	/**
	 * Untimed set-up in the child before the clock starts (e.g. load a native library,
	 * create a table); peak heap is reset after it.
	 */
	default void prepare(Run run) throws Exception {
	}

	/**
	 * The timed work; returns the data rows it handled, which the bench checks against
	 * the ledger's.
	 */
	long run(Run run) throws Exception;

	/**
	 * Where the last run's time went, as the bench prints it after the run's line (e.g.
	 * “哈希 0.11 秒 · 识别 0.52 秒 · …”), or empty for a workload of one phase.
	 */
	default String phases() {
		return "";
	}

	/**
	 * What a workload gets.
	 *
	 * @param ledger the generated .xlsx
	 * @param rows its data rows
	 * @param seed the seed it was generated with, for workloads that make the same rows
	 * in memory
	 * @param scratch an empty folder of its own (DuckDB files), deleted after the run
	 */
	record Run(Path ledger, int rows, long seed, Path scratch) {
	}

}
