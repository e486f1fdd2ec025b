package org.anjian.readers.lists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.anjian.readers.rows.RowSource;

/**
 * Parses the rest of a sheet on a thread of its own, batches ahead of the thread that checks the rows: unzipping and
 * parsing the XML is most of a large list's reading, the row checks and the sink's work the rest, so on two cores
 * they overlap. The parser thread owns the {@link RowSource} until {@link #close()} returns; it hands over only the
 * texts of the columns the list uses, in the order of {@code columns} (null where a column is absent).
 *
 * <p>A failure of the parser (a corrupt or truncated file) is rethrown by {@link #next()} after the rows read before
 * it, as the same exception object, so the caller reports it exactly as when it read the rows itself.
 */
final class RowsAhead implements AutoCloseable {

	static final int BATCH_ROWS = 512;

	static final int QUEUE_BATCHES = 8;

	private static final long POLL_MILLIS = 50;

	static final class Batch {

		final int[] rowIndexes = new int[BATCH_ROWS];

		final String[][] texts = new String[BATCH_ROWS][];

		int size;

		/** After the rows of this batch: the end of the sheet, or the parser's failure. */
		boolean last;

		Throwable failure;

	}

	private final RowSource rows;

	private final int[] columns;

	private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);

	private final Thread thread;

	private volatile boolean stopped;

	private boolean ended;

	RowsAhead(RowSource rows, int[] columns) {
		this.rows = rows;
		this.columns = columns.clone();
		this.thread = new Thread(this::parse, "list-parser");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void parse() {
		Batch batch = new Batch();
		try {
			while (!stopped && rows.next()) {
				if (rows.width() == 0) {
					continue;
				}
				String[] texts = new String[columns.length];
				for (int i = 0; i < texts.length; i++) {
					if (columns[i] >= 0) {
						texts[i] = rows.text(columns[i]);
					}
				}
				batch.rowIndexes[batch.size] = rows.rowIndex();
				batch.texts[batch.size++] = texts;
				if (batch.size == BATCH_ROWS) {
					if (!put(batch)) {
						return;
					}
					batch = new Batch();
				}
			}
		}
		catch (Throwable ex) {
			batch.failure = ex;
		}
		batch.last = true;
		put(batch);
	}

	/** False when the reader stopped listening. */
	private boolean put(Batch batch) {
		try {
			while (!queue.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				if (stopped) {
					return false;
				}
			}
			return !stopped;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * The next batch of rows (possibly empty), or null after the last; the parser's failure is thrown once the rows
	 * before it were taken.
	 */
	Batch next() throws IOException {
		if (ended) {
			return null;
		}
		Batch batch;
		try {
			batch = queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("读取被中断", ex);
		}
		if (batch.last) {
			ended = true;
			if (batch.size == 0) {
				rethrow(batch.failure);
				return null;
			}
		}
		return batch;
	}

	/** After a batch marked last: throws what stopped the parser, if anything did. */
	void rethrowFailure(Batch batch) throws IOException {
		if (batch.last) {
			rethrow(batch.failure);
		}
	}

	private static void rethrow(Throwable failure) throws IOException {
		if (failure == null) {
			return;
		}
		if (failure instanceof IOException io) {
			throw io;
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		throw new UncheckedIOException(new IOException(failure));
	}

	/** Stops the parser (when the reader gives up early) and waits for it: the row source is the caller's again. */
	@Override
	public void close() {
		stopped = true;
		queue.clear();
		boolean interrupted = false;
		while (thread.isAlive()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
