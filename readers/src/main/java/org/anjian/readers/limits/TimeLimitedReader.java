package org.anjian.readers.limits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.anjian.readers.Finding;
import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFileReader;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.work.Worker;

/**
 * Reads each file on its own worker thread, waits at most
 * {@link ReaderLimits#readTimeout()}, and turns whatever goes wrong into a rejection of
 * that file alone: a time-out ({@link ReaderLimits#READ_TIMEOUT}), an
 * {@link OutOfMemoryError} ({@link ReaderLimits#OUT_OF_MEMORY}: the reading thread's
 * objects are garbage once it unwinds, so the run can go on), any other throwable
 * ({@code FILE_UNREADABLE}).
 *
 * <p>
 * The limit is the reading thread's CPU time, with three times as much wall time as a
 * backstop ({@link Worker#awaitCpuWithin}): a read takes as long on a machine shared with
 * other builds as on a quiet one, where its CPU time is about its wall time. A timed-out
 * read is interrupted and abandoned. Library code that ignores interrupts (a parser in a
 * tight loop) keeps its daemon thread busy until it finishes; Java offers no safe way to
 * kill it. The content limits are what keep such reads short; this is the backstop.
 */
public final class TimeLimitedReader implements SubmissionFileReader {

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final SubmissionFileReader delegate;

	private final Duration timeout;

	public TimeLimitedReader(SubmissionFileReader delegate, ReaderLimits limits) {
		this(delegate, limits.readTimeout());
	}

	public TimeLimitedReader(SubmissionFileReader delegate, Duration timeout) {
		this.delegate = delegate;
		this.timeout = timeout;
	}

	@Override
	public SubmissionRead read(Path file) {
		return read(file, () -> delegate.read(file));
	}

	/** The delegate's read of what the front door found, with the same time limit. */
	@Override
	public SubmissionRead read(SubmissionFile file) {
		return read(file.path(), () -> delegate.read(file));
	}

	private SubmissionRead read(Path file, Supplier<SubmissionRead> reading) {
		AtomicReference<SubmissionRead> read = new AtomicReference<>();
		Worker worker = Worker.pooled("anjian-read-" + THREADS.incrementAndGet(), () -> read.set(reading.get()));
		try {
			if (!worker.awaitCpuWithin(timeout)) {
				return rejected(file, ReaderLimits.READ_TIMEOUT,
						"读取超过 " + seconds(timeout) + " 秒的时限（按 CPU 时间计）仍未完成，文件可能过大、过于复杂或已损坏，已跳过读取；请检查文件后重新报送");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return rejected(file, ReaderLimits.READ_TIMEOUT, "读取被中断（程序正在停止），文件未读取");
		}
		Throwable cause = worker.failure();
		if (cause instanceof OutOfMemoryError) {
			return rejected(file, ReaderLimits.OUT_OF_MEMORY, "读取时内存不足（本机为单个文件可用内存约 "
					+ ReaderLimits.size(Runtime.getRuntime().maxMemory()) + "），文件过大或过于复杂，请只保留统计表后重新报送");
		}
		if (cause != null) {
			return rejected(file, "FILE_UNREADABLE", "文件无法读取（" + cause.getClass().getSimpleName()
					+ (cause.getMessage() == null ? "" : "：" + cause.getMessage()) + "）");
		}
		return read.get() != null ? read.get() : rejected(file, "FILE_UNREADABLE", "文件无法读取（读取程序没有返回结果）");
	}

	public static String seconds(Duration duration) {
		long millis = duration.toMillis();
		return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.format("%.1f", millis / 1000.0);
	}

	private static SubmissionRead rejected(Path file, String rule, String message) {
		return new SubmissionRead("unknown", null,
				List.of(Finding.error(rule, null, null, null, message + "，文件“" + file.getFileName() + "”")));
	}

}
