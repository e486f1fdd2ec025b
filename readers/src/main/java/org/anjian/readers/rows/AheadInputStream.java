package org.anjian.readers.rows;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads (for a zip entry: inflates) a stream on a thread of its own, a few chunks ahead of the parser that consumes
 * it: for a large worksheet part inflating is about a fifth of the parse, and on two cores it need not be on the
 * parser's thread. The chunks are recycled, so it allocates nothing per chunk. A failure of the underlying stream is
 * thrown to the consumer, as the same exception object, where the data stops.
 */
final class AheadInputStream extends InputStream {

	static final int CHUNK_BYTES = 1 << 16;

	static final int CHUNKS = 8;

	private static final long POLL_MILLIS = 50;

	private static final class Chunk {

		final byte[] bytes = new byte[CHUNK_BYTES];

		int length;

		/** Set on the last chunk: the end of the stream (null) or what broke it. */
		boolean last;

		Throwable failure;

	}

	private final InputStream in;

	private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);

	private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);

	private final Thread thread;

	private volatile boolean closed;

	private Chunk current;

	private int position;

	AheadInputStream(InputStream in, String name) {
		this.in = in;
		for (int i = 0; i < CHUNKS; i++) {
			free.add(new Chunk());
		}
		this.thread = new Thread(this::fill, "read-ahead " + name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void fill() {
		try {
			while (true) {
				Chunk chunk = null;
				while (chunk == null) {
					if (closed) {
						return;
					}
					chunk = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
				}
				chunk.length = 0;
				chunk.last = false;
				chunk.failure = null;
				try {
					// what was read before a failure is passed on before it
					while (chunk.length < CHUNK_BYTES) {
						int n = in.read(chunk.bytes, chunk.length, CHUNK_BYTES - chunk.length);
						if (n < 0) {
							chunk.last = true;
							break;
						}
						chunk.length += n;
					}
				}
				catch (Throwable ex) {
					chunk.last = true;
					chunk.failure = ex;
				}
				full.put(chunk); // never blocks: at most CHUNKS chunks exist
				if (chunk.last) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The chunk to read from, or null at the end (after throwing the failure, if any). */
	private Chunk chunk() throws IOException {
		if (closed) {
			throw new IOException("Stream closed");
		}
		while (current == null || position == current.length) {
			if (current != null) {
				if (current.last) {
					Throwable failure = current.failure;
					if (failure instanceof IOException io) {
						throw io;
					}
					if (failure instanceof RuntimeException runtime) {
						throw runtime;
					}
					if (failure instanceof Error error) {
						throw error;
					}
					return null;
				}
				free.add(current);
			}
			try {
				current = full.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new java.io.InterruptedIOException("interrupted while reading ahead");
			}
			position = 0;
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
		in.close();
	}

}
