package org.anjian.readers.lists;

import java.io.IOException;

import org.anjian.readers.rows.RowSource;
import org.anjian.readers.work.HandOff;
import org.anjian.readers.work.Worker;

/**
 * Parses the rest of a sheet on a thread of its own, batches ahead of the thread that
 * checks the rows: unzipping and parsing the XML is most of a large list's reading, the
 * row checks and the sink's work the rest, so on two cores they overlap. The parser
 * thread owns the {@link RowSource} until {@link #close()} returns; it hands over only
 * the texts of the columns the list uses, in the order of {@code columns} (null where a
 * column is absent).
 *
 * <p>
 * A failure of the parser (a corrupt or truncated file) is rethrown by {@link #next()}
 * after the rows read before it, as the same exception object, so the caller reports it
 * exactly as when it read the rows itself.
 */
final class RowsAhead implements AutoCloseable {

	static final int BATCH_ROWS = 512;

	static final int QUEUE_BATCHES = 8;

	static final class Batch {

		final int[] rowIndexes = new int[BATCH_ROWS];

		final String[][] texts = new String[BATCH_ROWS][];

		int size;

	}

	private final RowSource rows;

	private final int[] columns;

	/**
	 * Ended by the parser after the last batch: then {@link #next()} throws its failure,
	 * if any.
	 */
	private final HandOff<Batch> batches = new HandOff<>(QUEUE_BATCHES);

	private final Worker parser;

	RowsAhead(RowSource rows, int[] columns) {
		this.rows = rows;
		this.columns = columns.clone();
		this.parser = Worker.feeding("list-parser", batches, this::parse);
	}

	private void parse() throws IOException, InterruptedException {
		Batch batch = new Batch();
		try {
			while (!batches.isClosed() && rows.next()) {
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
					if (!batches.put(batch)) {
						return; // the reader stopped listening
					}
					batch = new Batch();
				}
			}
		}
		finally {
			// the rows read before the end or a failure go first, unless the reader
			// stopped listening
			if (batch.size > 0 && !batches.isClosed()) {
				batches.put(batch);
			}
		}
	}

	/**
	 * The next batch of rows, or null after the last; the parser's failure is thrown once
	 * the rows before it were taken.
	 */
	Batch next() throws IOException {
		Batch batch;
		try {
			batch = batches.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("读取被中断", ex);
		}
		if (batch == null) {
			parser.rethrowFailure(IOException.class, IOException::new);
		}
		return batch;
	}

	/**
	 * Nothing to do: {@link #next()} throws the parser's failure after the last batch.
	 * Kept for the reader's loop.
	 */
	void rethrowFailure(Batch batch) throws IOException {
	}

	/**
	 * Stops the parser (when the reader gives up early) and waits for it: the row source
	 * is the caller's again.
	 */
	@Override
	public void close() {
		batches.close();
		parser.joinUninterruptibly();
	}

}
