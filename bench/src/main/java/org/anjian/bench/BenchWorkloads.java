package org.anjian.bench;

import java.util.List;
import java.util.Optional;

/** The workloads {@code anjian bench} knows, in the order it runs them. */
public final class BenchWorkloads {

	/** The yardstick: every ratio in the table is to this workload's best time. */
	public static final String BASELINE = "fastexcel-read";

	/**
	 * The whole ingest, held to the targets (≤ 1.0 × the baseline at 1,000,000 rows,
	 * within -Xmx512m).
	 */
	public static final String INGEST = "anjian-ingest";

	public static final List<BenchWorkload> ALL = List.of(new FastexcelRead(), new AnjianRead(), new AnjianIngest(),
			new StaxBare(StaxBare.Parser.JDK), new StaxBare(StaxBare.Parser.AALTO), new AppenderLoad());

	private BenchWorkloads() {
	}

	public static Optional<BenchWorkload> named(String name) {
		return ALL.stream().filter(w -> w.name().equals(name)).findFirst();
	}

}
