package org.anjian.jobs.submissions;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.anjian.jobs.system.RunProgress;
import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;

/**
 * A long list read says how far it is: a line every {@code interval} (also while no row
 * has come yet: a big sheet's shared strings are read first) and every {@code everyRows}
 * rows — {@code 读取中 <path>：已读 N 行，M 行/秒}. Counts the rows passing into the load; the rows
 * and findings themselves go on unchanged.
 */
final class ListHeartbeat implements ListRowSink, AutoCloseable {

	static final Duration INTERVAL = Duration.ofSeconds(10);

	static final long EVERY_ROWS = 100_000;

	private final ListRowSink sink;

	private final RunProgress progress;

	private final String path;

	private final long everyRows;

	private final long started = System.nanoTime();

	private final AtomicLong rows = new AtomicLong();

	private final ScheduledExecutorService timer;

	ListHeartbeat(ListRowSink sink, RunProgress progress, String path, Duration interval, long everyRows) {
		this.sink = sink;
		this.progress = progress;
		this.path = path;
		this.everyRows = everyRows;
		this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "list-heartbeat");
			t.setDaemon(true);
			return t;
		});
		long millis = interval.toMillis();
		timer.scheduleAtFixedRate(this::beat, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void row(ListRow row) {
		sink.row(row);
		if (rows.incrementAndGet() % everyRows == 0) {
			beat();
		}
	}

	@Override
	public void finding(Finding finding) {
		sink.finding(finding);
	}

	long rows() {
		return rows.get();
	}

	private void beat() {
		long n = rows.get();
		double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
		progress.line(String.format("读取中 %s：已读 %,d 行，%,d 行/秒（%.0f 秒）", path, n, Math.round(n / seconds), seconds));
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
