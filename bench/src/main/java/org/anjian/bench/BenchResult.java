package org.anjian.bench;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run of one workload, as the child JVM reports it on one stdout line the parent
 * picks out among whatever else the child prints (driver or framework noise).
 *
 * @param seconds wall time of the timed run
 * @param cpuSeconds CPU time of the whole child process during the run (all threads: GC,
 * JIT, DuckDB's); less disturbed than wall time by other work on the machine
 * @param peakHeapBytes sum of the heap pools' peak use during the run
 * @param afterGcBytes largest heap use right after a collection during the run; -1 when
 * no collection ran
 * @param rssPeakBytes the child process's peak resident set, heap and native (DuckDB)
 * alike; -1 when unknown
 * @param detail why a run failed; for a run that succeeded, where its time went
 * ({@link BenchWorkload#phases()}), or empty
 */
public record BenchResult(String workload, Status status, long rows, double seconds, double cpuSeconds,
		long peakHeapBytes, long afterGcBytes, long rssPeakBytes, long maxHeapBytes, String gc, String detail) {

	static final String MARKER = "anjian-bench-result";

	public enum Status {

		OK, OOM, FAILED

	}

	/**
	 * A run that did not finish; made in the child when it can still report, else by the
	 * parent (heap unknown).
	 */
	static BenchResult failed(String workload, Status status, String detail) {
		return new BenchResult(workload, status, -1, 0, -1, -1, -1, -1, -1, "", detail);
	}

	String toLine() {
		return MARKER + " workload=" + workload + " status=" + status + " rows=" + rows + " seconds=" + seconds
				+ " cpuSeconds=" + cpuSeconds + " peakHeapBytes=" + peakHeapBytes + " afterGcBytes=" + afterGcBytes
				+ " rssPeakBytes=" + rssPeakBytes + " maxHeapBytes=" + maxHeapBytes + " gc=" + encode(gc) + " detail="
				+ encode(detail);
	}

	/** The result in a line of the child's output, if it is one. */
	static Optional<BenchResult> parse(String line) {
		if (!line.startsWith(MARKER + " ")) {
			return Optional.empty();
		}
		Map<String, String> fields = new HashMap<>();
		for (String field : line.substring(MARKER.length() + 1).split(" ")) {
			int eq = field.indexOf('=');
			fields.put(field.substring(0, eq), URLDecoder.decode(field.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return Optional.of(new BenchResult(fields.get("workload"), Status.valueOf(fields.get("status")),
				Long.parseLong(fields.get("rows")), Double.parseDouble(fields.get("seconds")),
				Double.parseDouble(fields.get("cpuSeconds")), Long.parseLong(fields.get("peakHeapBytes")),
				Long.parseLong(fields.get("afterGcBytes")), Long.parseLong(fields.get("rssPeakBytes")),
				Long.parseLong(fields.get("maxHeapBytes")), fields.get("gc"), fields.get("detail")));
	}

	private static String encode(String text) {
		return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
	}

}
