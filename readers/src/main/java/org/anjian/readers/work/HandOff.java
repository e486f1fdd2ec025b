package org.anjian.readers.work;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded queue between one producing and one consuming thread, one of them usually a
 * {@link Worker}. The producer waits while it is full, the consumer while it is empty.
 * Either side can stop the other: the producer's {@link #end()} lets the consumer take
 * what is queued and then {@code null}; {@link #close()} drops what is queued, makes the
 * producer's next {@link #put} return false (a put waiting for room notices within
 * {@value #POLL_MILLIS} ms) and wakes a consumer waiting for an item.
 *
 * <p>
 * Hand over batches (blocks of bytes, rows, staging chunks), not single items: each put
 * and take takes the queue's lock once.
 */
public final class HandOff<E> {

	static final long POLL_MILLIS = 50;

	/** Queued by {@link #end()}, and by {@link #close()} to wake a waiting consumer. */
	private static final Object END = new Object();

	private final BlockingQueue<Object> queue;

	private volatile boolean closed;

	/**
	 * The consumer took the end: every later take is null. Only the consumer's thread
	 * reads and writes it.
	 */
	private boolean ended;

	/**
	 * @param capacity items in flight at most; at least 2, so that {@link #close()}
	 * always has room for its wake-up besides the one item a producer may still put after
	 * it cleared the queue
	 */
	public HandOff(int capacity) {
		if (capacity < 2) {
			throw new IllegalArgumentException("capacity " + capacity + " < 2");
		}
		this.queue = new ArrayBlockingQueue<>(capacity);
	}

	/**
	 * Producer: queues the item, waiting while the queue is full; false once closed (stop
	 * producing).
	 */
	public boolean put(E item) throws InterruptedException {
		return offer(Objects.requireNonNull(item));
	}

	private boolean offer(Object item) throws InterruptedException {
		while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
			if (closed) {
				return false;
			}
		}
		return !closed;
	}

	/**
	 * Consumer: the next item, waiting while there is none; null after the producer's
	 * end, or once closed.
	 */
	@SuppressWarnings("unchecked")
	public E take() throws InterruptedException {
		if (ended || closed) {
			return null;
		}
		Object item = queue.take();
		if (item == END) {
			ended = true;
			return null;
		}
		return (E) item;
	}

	/**
	 * Producer: no more items; the consumer gets {@code null} after the ones queued.
	 * Waits for room like {@link #put} (an interrupt does not drop the end, which the
	 * consumer may be waiting for) unless the queue is closed.
	 */
	public void end() {
		boolean interrupted = false;
		while (true) {
			try {
				offer(END);
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Either side gives up: what is queued is dropped, the producer's next put fails, a
	 * waiting consumer wakes.
	 */
	public void close() {
		closed = true;
		queue.clear();
		queue.offer(END);
	}

	public boolean isClosed() {
		return closed;
	}

}
