package org.anjian.jobs.submissions;

import org.anjian.readers.Finding;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.jobs.remote.StagedRows;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListRowSink;
import org.anjian.readers.work.Worker;
import org.anjian.writers.lists.ListFile;
import org.anjian.writers.lists.ListLoad;
import org.anjian.writers.lists.ListWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Streams each list file from the reader into the warehouse: the reader parses and checks
 * rows on this thread while {@link ListLoad} appends them on its own, in one DuckDB
 * transaction per file. Rows rejected by the row checks are reported in audit_issue by
 * row; the good rows load.
 */
class ListSubmissionWriter implements ItemWriter<ListSubmission> {

	private final ListFileReader reader;

	private final ListWriter writer;

	private final java.time.Duration timeLimit;

	private final RunProgress progress;

	/**
	 * Where workers staged the rows of lists they read (an intake spread over workers,
	 * org.anjian.jobs.remote), or null.
	 */
	private final java.nio.file.Path staged;

	ListSubmissionWriter(ListFileReader reader, ListWriter writer, java.time.Duration timeLimit) {
		this(reader, writer, timeLimit, null);
	}

	ListSubmissionWriter(ListFileReader reader, ListWriter writer, java.time.Duration timeLimit, RunProgress progress) {
		this(reader, writer, timeLimit, progress, null);
	}

	/**
	 * @param progress where a long read reports how far it is ({@link ListHeartbeat}), or
	 * null for none
	 * @param staged the staging folder of a worker-read intake, or null: a list a worker
	 * staged is replayed from there rather than read again
	 */
	ListSubmissionWriter(ListFileReader reader, ListWriter writer, java.time.Duration timeLimit, RunProgress progress,
			java.nio.file.Path staged) {
		this.timeLimit = timeLimit;
		this.staged = staged;
		this.progress = progress;
		// list-sized limits before the rows stream (ReaderLimits.forLists): a hostile
		// list is one rejection, not an OOM
		// the list-sized limits were checked when the file was sniffed
		// (SubmissionAuditProcessor); a file changed
		// since is caught after the read and rolled back, so the pre-check is not paid
		// twice
		this.reader = reader;
		this.writer = writer;
	}

	@Override
	public void write(Chunk<? extends ListSubmission> chunk) {
		for (ListSubmission item : chunk) {
			write(item);
		}
	}

	/**
	 * Loads one list file; returns its audit status (loaded, superseded, duplicate,
	 * rejected), or null when the file changed while it was read (still being written):
	 * then nothing of it is committed. A read that takes longer than the list time limit
	 * is abandoned, its rows rolled back, and the file rejected with READ_TIMEOUT.
	 */
	String write(ListSubmission item) {
		return write(item, () -> {
		});
	}

	/**
	 * As {@link #write(ListSubmission)}; {@code afterRead} runs once the rows are read,
	 * before the commit (timing).
	 */
	String write(ListSubmission item, Runnable afterRead) {
		InboxFile file = item.file();
		ListFile listFile = new ListFile(file.sha256(), file.path(), file.receivedAt(), file.sizeBytes(),
				item.list().format(), item.list().kind(), item.submitterCode(), item.list().sheet());
		try (ListLoad load = writer.open(listFile)) {
			if (load.wanted()) {
				item.findings().forEach(load::finding);
				if (item.findings().stream().noneMatch(Finding::isError) && !readWithinLimit(file, item, load)) {
					load.close(); // rolled back before the rejection is recorded in a
									// transaction of its own
					return rejectTimedOut(listFile, item);
				}
				afterRead.run();
				if (SubmissionAuditProcessor.changedSinceListed(file)) {
					return null; // closing without commit rolls the file back
				}
			}
			return load.commit();
		}
	}

	/**
	 * Streams the file into the load on a worker thread; false when the time limit ran
	 * out first.
	 */
	private boolean readWithinLimit(InboxFile file, ListSubmission item, ListLoad load) {
		ListHeartbeat heartbeat = progress == null ? null
				: new ListHeartbeat(load, progress, file.path(), ListHeartbeat.INTERVAL, ListHeartbeat.EVERY_ROWS);
		Worker worker = Worker.start("list-reader", () -> {
			try {
				ListRowSink sink = heartbeat == null ? load : heartbeat;
				if (staged == null || !StagedRows.replay(StagedRows.file(staged, file.sha256()), sink)) {
					reader.read(file.file(), sink);
				}
			}
			catch (OutOfMemoryError ex) {
				// rows are streamed, so only a pathological shared-strings table or cell
				// gets here: that file is
				// rejected (its rows dropped at commit), the run goes on
				load.finding(Finding.error(ReaderLimits.OUT_OF_MEMORY, item.list().sheet(), null, null,
						"读取该清单时内存不足（文件中可能有异常巨大的单元格或共享字符串表），文件未入库，请检查后重新报送"));
			}
		});
		try (ListHeartbeat beating = heartbeat) {
			if (!worker.awaitWithin(timeLimit)) {
				// abandoned: closing the load rolls its rows back and makes the worker's
				// next row fail
				return false;
			}
		}
		catch (InterruptedException ex) {
			// abandoned as well: the run is stopping
			Thread.currentThread().interrupt();
			return false;
		}
		worker.rethrowFailure(RuntimeException.class, IllegalStateException::new);
		return true;
	}

	/**
	 * The file as rejected, alone in its own transaction, after the abandoned load was
	 * rolled back.
	 */
	private String rejectTimedOut(ListFile listFile, ListSubmission item) {
		return writer.reject(listFile,
				Finding.error(ReaderLimits.READ_TIMEOUT, item.list().sheet(), null, null,
						"读取该清单超过 " + timeLimit.toSeconds() + " 秒的时限（" + IntakeSettings.LIST_READ_TIMEOUT_SECONDS
								+ "），文件未入库，请检查文件是否异常或按年度、乡镇拆分后重新报送"));
	}

}
