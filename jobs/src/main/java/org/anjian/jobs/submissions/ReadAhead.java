package org.anjian.jobs.submissions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * The intake step's reader and processor with each file's front door and read started on
 * the processing threads as soon as the file is listed and hashed, up to {@code ahead}
 * files beyond the one handed out: so the next chunk's files are read while the step's
 * thread writes this chunk (issue 18 part 5: the step's thread waited for a chunk's
 * reads, then the processing threads waited for its write). The processor only waits for
 * a file's result, in the step's own order. Nothing read ahead touches the warehouse (the
 * checks against earlier tables run when the writer asks), and what a file's processing
 * reports (a file that changed while read) it reports as before; the files are handed out
 * in the reader's order, and a file read ahead but never handed out (the step failed) is
 * simply read again by the next run, as any file of a lost chunk.
 */
final class ReadAhead implements StepExecutionListener {

	private final ItemReader<InboxFile> files;

	private final ItemProcessor<InboxFile, IntakeItem> processor;

	private final AsyncTaskExecutor threads;

	private final int ahead;

	private final IntakePhaseTimes times;

	/** Files started, not handed out yet, in the reader's order. */
	private final Deque<Started> started = new ArrayDeque<>();

	/** Files handed out, not processed yet (by identity: one inbox file once). */
	private final Map<InboxFile, Future<IntakeItem>> handedOut = new IdentityHashMap<>();

	/** The running step execution (read by the processing threads). */
	private volatile StepExecution step;

	private boolean listed;

	private record Started(InboxFile file, Future<IntakeItem> item) {
	}

	/**
	 * @param ahead files started beyond the one handed out (a chunk's worth keeps the
	 * next chunk reading during this one's write)
	 * @param times told of each file's processing time, on the thread that took it
	 */
	ReadAhead(ItemReader<InboxFile> files, ItemProcessor<InboxFile, IntakeItem> processor, AsyncTaskExecutor threads,
			int ahead, IntakePhaseTimes times) {
		this.files = files;
		this.processor = processor;
		this.threads = threads;
		this.ahead = ahead;
		this.times = times;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		forget();
		step = stepExecution;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		// a failed step leaves files started: their reads are dropped, nothing recorded
		forget();
		return null;
	}

	private void forget() {
		started.forEach(s -> s.item().cancel(true));
		handedOut.values().forEach(item -> item.cancel(true));
		started.clear();
		handedOut.clear();
		listed = false;
		step = null;
	}

	/** The step's reader: the next file, its processing started ahead. */
	ItemReader<InboxFile> reader() {
		return this::read;
	}

	/** The step's processor: the file's processing, waited for. */
	ItemProcessor<InboxFile, IntakeItem> processor() {
		return this::process;
	}

	private InboxFile read() throws Exception {
		while (!listed && started.size() <= ahead) {
			InboxFile file = files.read();
			if (file == null) {
				listed = true;
				break;
			}
			started.add(new Started(file, threads.submit(() -> processed(file))));
		}
		Started next = started.poll();
		if (next == null) {
			return null;
		}
		handedOut.put(next.file(), next.item());
		return next.file();
	}

	private IntakeItem processed(InboxFile file) throws Exception {
		StepExecution execution = step;
		// step-scoped parts (the Spring context's) resolve through the thread's step
		if (execution != null) {
			StepSynchronizationManager.register(execution);
		}
		long start = System.nanoTime();
		try {
			IntakeItem item = processor.process(file);
			times.processed(System.nanoTime() - start);
			return item;
		}
		finally {
			if (execution != null) {
				StepSynchronizationManager.close();
			}
		}
	}

	private IntakeItem process(InboxFile file) throws Exception {
		Future<IntakeItem> item = handedOut.remove(file);
		if (item == null) {
			throw new IllegalStateException("收件文件 " + file.path() + " 未经预读就被处理");
		}
		try {
			return item.get();
		}
		catch (ExecutionException ex) {
			// the processor's own failure, as if it had run here
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

}
