package org.anjian.jobs.submissions;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Where the intake step's time went, per file, into the log at the step's end: the inbox
 * listing and hashing (read), the front door and read (process: each file's own time, on
 * whichever of the step's processing threads took it, so two files may count at once;
 * {@link ReadAhead} tells it), how long the main thread waited for a chunk's processing
 * after its last read (files are read ahead, so only what was not done yet), the DuckDB
 * write (with the checks against earlier tables, which run as each file is written), and
 * the rest of the step's time — its own bookkeeping, the job-repository commit of each
 * chunk among it. Issue 18 part 5 measures the warm per-form cost with it.
 * {@link #processed} is called from the processing threads; the listeners from the step's
 * thread.
 */
class IntakePhaseTimes implements ItemReadListener<InboxFile>, ItemWriteListener<IntakeItem>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(IntakePhaseTimes.class);

	private final AtomicLong files = new AtomicLong();

	private final AtomicLong process = new AtomicLong();

	private long read;

	private long waited;

	private long write;

	private long phaseStart;

	private long lastRead;

	private long first;

	private long last;

	@Override
	public void beforeStep(StepExecution stepExecution) {
		files.set(0);
		process.set(0);
		read = waited = write = lastRead = first = last = 0;
	}

	@Override
	public void beforeRead() {
		long now = System.nanoTime();
		if (first == 0) {
			first = now;
		}
		phaseStart = now;
	}

	@Override
	public void afterRead(InboxFile item) {
		lastRead = System.nanoTime();
		read += lastRead - phaseStart;
	}

	/** A file's front door and read took this long on a processing thread. */
	void processed(long nanos) {
		process.addAndGet(nanos);
		files.incrementAndGet();
	}

	@Override
	public void beforeWrite(Chunk<? extends IntakeItem> items) {
		phaseStart = System.nanoTime();
		if (lastRead != 0) {
			waited += phaseStart - lastRead;
		}
	}

	@Override
	public void afterWrite(Chunk<? extends IntakeItem> items) {
		write += System.nanoTime() - phaseStart;
		last = System.nanoTime();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (files.get() > 0) {
			double n = files.get();
			log.info(String.format(Locale.ROOT,
					"收件耗时：%d 个文件，共 %.2f 秒；每个文件 列目录与哈希 %.2f 毫秒 · 识别读取审核 %.2f 毫秒（并行；主线程等待 %.2f 毫秒） · 写入 %.2f 毫秒（含与此前报表比对的审核） · 其余（作业库提交等）%.2f 毫秒",
					files.get(), (last - first) / 1e9, read / n / 1e6, process.get() / n / 1e6, waited / n / 1e6,
					write / n / 1e6, Math.max(0, (last - first) - read - waited - write) / n / 1e6));
		}
		return null;
	}

}
