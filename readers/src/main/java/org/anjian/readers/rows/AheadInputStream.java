package org.anjian.readers.rows;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

import org.anjian.readers.work.HandOff;
import org.anjian.readers.work.Worker;

/**
 * Reads (for a zip entry: inflates) a stream on a thread of its own, a few chunks ahead
 * of the parser that consumes it: for a large worksheet part inflating is about a fifth
 * of the parse, and on two cores it need not be on the parser's thread. The chunks are
 * recycled, so it allocates nothing per chunk. A failure of the underlying stream is
 * thrown to the consumer, as the same exception object, where the data stops.
 */
final class AheadInputStream extends InputStream {

	static final int CHUNK_BYTES = 1 << 16;

	static final int CHUNKS = 8;

	private static final class Chunk {

		final byte[] bytes = new byte[CHUNK_BYTES];

		int length;

	}

	private final InputStream in;

	/**
	 * Chunks read, to the consumer; ended by the reading thread after the last (its
	 * failure then thrown).
	 */
	private final HandOff<Chunk> full = new HandOff<>(CHUNKS);

	/**
	 * Chunks consumed, back to the reading thread: never more than there are, so putting
	 * one never waits.
	 */
	private final HandOff<Chunk> free = new HandOff<>(CHUNKS);

	private final Worker reader;

	private volatile boolean closed;

	private Chunk current;

	private int position;

	AheadInputStream(InputStream in, String name) {
		this.in = in;
		this.reader = Worker.feeding("read-ahead " + name, full, this::fill);
	}

	private void fill() throws IOException, InterruptedException {
		int made = 0;
		while (true) {
			// CHUNKS new chunks, then only those the consumer is done with
			Chunk chunk;
			if (made < CHUNKS) {
				chunk = new Chunk();
				made++;
			}
			else if ((chunk = free.take()) == null) {
				return; // closed
			}
			chunk.length = 0;
			boolean end = false;
			try {
				while (!end && chunk.length < CHUNK_BYTES) {
					int n = in.read(chunk.bytes, chunk.length, CHUNK_BYTES - chunk.length);
					end = n < 0;
					chunk.length += Math.max(n, 0);
				}
			}
			catch (Throwable ex) {
				// what was read before a failure is passed on before it
				full.put(chunk);
				throw ex;
			}
			if (!full.put(chunk) || end) {
				return;
			}
		}
	}

	/**
	 * The chunk to read from, or null at the end (after throwing the failure, if any).
	 */
	private Chunk chunk() throws IOException {
		if (closed) {
			throw new IOException("Stream closed");
		}
		try {
			while (current == null || position == current.length) {
				if (current != null) {
					free.put(current);
				}
				current = full.take();
				position = 0;
				if (current == null) {
					reader.rethrowFailure(IOException.class, IOException::new);
					return null;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while reading ahead");
		}
		return current;
	}

	@Override
	public int read() throws IOException {
		Chunk chunk = chunk();
		return chunk == null ? -1 : chunk.bytes[position++] & 0xFF;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		java.util.Objects.checkFromIndexSize(off, len, b.length);
		if (len == 0) {
			return 0;
		}
		Chunk chunk = chunk();
		if (chunk == null) {
			return -1;
		}
		int n = Math.min(len, chunk.length - position);
		System.arraycopy(chunk.bytes, position, b, off, n);
		position += n;
		return n;
	}

	/** Stops the reading thread, waits for it, then closes the underlying stream. */
	@Override
	public void close() throws IOException {
		if (closed) {
			return;
		}
		closed = true;
		full.close();
		free.close();
		reader.joinUninterruptibly();
		in.close();
	}

}
