package org.anjian.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;

/**
 * {@code bench-child}: runs one workload once in the JVM {@link BenchCommand} started for
 * it, and prints one {@link BenchResult} line. Peak heap is the sum over the heap pools
 * of {@link MemoryPoolMXBean#getPeakUsage()} after a reset at the start of the timed run
 * (exact, no sampling; it counts garbage not yet collected, so it tracks the young
 * generation's size as much as what the workload keeps). Beside it, the largest heap in
 * use right after a collection during the run, from GC notifications: what the workload
 * actually kept, give or take old garbage.
 */
public final class BenchChild implements AnjianCommand {

	public static final String COMMAND = "bench-child";

	@Override
	public String name() {
		return COMMAND;
	}

	@Override
	public int run(CliArgs args, CommandOutput out) {
		String name = args.required("workload");
		BenchWorkload workload = BenchWorkloads.named(name)
			.orElseThrow(() -> new CliArgs.UsageException("未知的测试项目“" + name + "”"));
		BenchWorkload.Run run = new BenchWorkload.Run(Path.of(args.required("ledger")),
				Integer.parseInt(args.required("rows")), Long.parseLong(args.required("seed")),
				Path.of(args.required("scratch")));
		BenchResult result;
		try {
			result = measure(workload, run);
		}
		catch (OutOfMemoryError ex) {
			// the workload's objects are unreachable once its frames are gone, so there
			// is room to report
			result = BenchResult.failed(name, BenchResult.Status.OOM, String.valueOf(ex.getMessage()));
		}
		catch (Throwable ex) {
			result = BenchResult.failed(name, BenchResult.Status.FAILED, ex.toString());
		}
		out.line(result.toLine());
		return result.status() == BenchResult.Status.OK ? ExitCodes.OK : ExitCodes.JOB_FAILED;
	}

	private static BenchResult measure(BenchWorkload workload, BenchWorkload.Run run) throws Exception {
		workload.prepare(run);
		List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(p -> p.getType() == MemoryType.HEAP)
			.toList();
		AfterGc afterGc = new AfterGc();
		System.gc();
		heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
		afterGc.from = ManagementFactory.getRuntimeMXBean().getUptime();
		long cpuStart = processCpuNanos();
		long start = System.nanoTime();
		long rows = workload.run(run);
		long nanos = System.nanoTime() - start;
		long cpuNanos = processCpuNanos() - cpuStart;
		afterGc.until = ManagementFactory.getRuntimeMXBean().getUptime();
		// GC notifications come from another thread, a little after the collection
		Thread.sleep(200);
		long peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
		String gc = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining("+"));
		return new BenchResult(workload.name(), BenchResult.Status.OK, rows, nanos / 1e9,
				cpuStart < 0 ? -1 : cpuNanos / 1e9, peakHeap, afterGc.max.get() < 0 ? -1 : afterGc.max.get(), rssPeak(),
				Runtime.getRuntime().maxMemory(), gc, workload.phases());
	}

	static long processCpuNanos() {
		return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
				? os.getProcessCpuTime() : -1;
	}

	/**
	 * The process's peak resident set (VmHWM) on Linux, which counts DuckDB's native
	 * memory; -1 elsewhere.
	 */
	private static long rssPeak() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: no figure
		}
		return -1;
	}

	/**
	 * The largest heap use right after a collection that started within the run,
	 * {@link #from} to {@link #until} in ms of JVM uptime: notifications arrive late, so
	 * the System.gc() before the run must not count.
	 */
	private static final class AfterGc {

		final AtomicLong max = new AtomicLong(-1);

		volatile long from = Long.MAX_VALUE;

		volatile long until = Long.MAX_VALUE;

		AfterGc() {
			for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				if (gc instanceof NotificationEmitter emitter) {
					emitter.addNotificationListener((notification, handback) -> {
						if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
							.equals(notification.getType())) {
							return;
						}
						GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
							.from((CompositeData) notification.getUserData());
						long started = info.getGcInfo().getStartTime();
						if (started < from || started > until) {
							return;
						}
						long used = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
						max.accumulateAndGet(used, Math::max);
					}, null, null);
				}
			}
		}

		private static long heapUsed(Map<String, MemoryUsage> pools) {
			long used = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				MemoryUsage usage = pools.get(pool.getName());
				if (pool.getType() == MemoryType.HEAP && usage != null) {
					used += usage.getUsed();
				}
			}
			return used;
		}

	}

}
