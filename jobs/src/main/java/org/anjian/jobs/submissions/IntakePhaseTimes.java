package org.anjian.jobs.submissions;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Where the intake step's time went, per file, into the log at the step's end: the inbox
 * listing and hashing (read), the front door, read and checks (process), the DuckDB
 * write, and the rest of each file's cycle — the step's own bookkeeping, its
 * job-repository commit among it. Issue 18 part 5 measures the warm per-form cost with
 * it.
 */
class IntakePhaseTimes implements ItemReadListener<InboxFile>, ItemProcessListener<InboxFile, IntakeItem>,
		ItemWriteListener<IntakeItem>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(IntakePhaseTimes.class);

	private long files;

	private long read;

	private long process;

	private long write;

	private long cycles;

	private long cycleStart;

	private long phaseStart;

	private long first;

	private long last;

	@Override
	public void beforeStep(StepExecution stepExecution) {
		files = read = process = write = cycles = cycleStart = first = last = 0;
	}

	@Override
	public void beforeRead() {
		long now = System.nanoTime();
		if (cycleStart != 0) {
			cycles += now - cycleStart;
		}
		else {
			first = now;
		}
		cycleStart = now;
		phaseStart = now;
	}

	@Override
	public void afterRead(InboxFile item) {
		read += System.nanoTime() - phaseStart;
	}

	@Override
	public void beforeProcess(InboxFile item) {
		phaseStart = System.nanoTime();
	}

	@Override
	public void afterProcess(InboxFile item, IntakeItem result) {
		process += System.nanoTime() - phaseStart;
		files++;
	}

	@Override
	public void beforeWrite(Chunk<? extends IntakeItem> items) {
		phaseStart = System.nanoTime();
	}

	@Override
	public void afterWrite(Chunk<? extends IntakeItem> items) {
		write += System.nanoTime() - phaseStart;
		last = System.nanoTime();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (files > 0) {
			double n = files;
			log.info(String.format(Locale.ROOT,
					"收件耗时：%d 个文件，共 %.2f 秒；每个文件 列目录与哈希 %.2f 毫秒 · 识别读取审核 %.2f 毫秒 · 写入 %.2f 毫秒 · 其余（作业库提交等）%.2f 毫秒", files,
					(last - first) / 1e9, read / n / 1e6, process / n / 1e6, write / n / 1e6,
					Math.max(0, cycles - read - process - write) / n / 1e6));
		}
		return null;
	}

}
