package org.anjian.readers.limits;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.UnreadableFile;

/**
 * Opens one file through the front door, as the intake does, and prints what it is (the
 * rule of a rejection), its wall time and the heap's peak: run in a child JVM with a
 * small heap by {@link FarCellTests}.
 */
public final class FrontDoorMain {

	private FrontDoorMain() {
	}

	public static void main(String[] args) {
		long start = System.nanoTime();
		SubmissionFile file = new SubmissionFiles().open(Path.of(args[0]));
		long millis = (System.nanoTime() - start) / 1_000_000;
		String what = file instanceof UnreadableFile unreadable ? unreadable.rule().rule()
				: file.getClass().getSimpleName();
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		System.out.println("result=" + what + " millis=" + millis + " peakHeapMB=" + peak / (1024 * 1024));
		if (file instanceof UnreadableFile unreadable) {
			System.out.println("message=" + unreadable.rule().message());
		}
	}

}
