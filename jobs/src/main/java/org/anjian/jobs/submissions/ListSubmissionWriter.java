package org.anjian.jobs.submissions;

import org.anjian.readers.Finding;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.writers.lists.ListFile;
import org.anjian.writers.lists.ListLoad;
import org.anjian.writers.lists.ListWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Streams each list file from the reader into the warehouse: the reader parses and checks rows on this thread while
 * {@link ListLoad} appends them on its own, in one DuckDB transaction per file. Rows rejected by the row checks are
 * reported in audit_issue by row; the good rows load.
 */
class ListSubmissionWriter implements ItemWriter<ListSubmission> {

	private final ListFileReader reader;

	private final ListWriter writer;

	ListSubmissionWriter(ListFileReader reader, ListWriter writer) {
		// list-sized limits before the rows stream (ReaderLimits.forLists): a hostile list is one rejection, not an OOM
		// the list-sized limits were checked when the file was sniffed (SubmissionAuditProcessor); a file changed
		// since is caught after the read and rolled back, so the pre-check is not paid twice
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
	 * Loads one list file; returns its audit status (loaded, superseded, duplicate, rejected), or null when the file
	 * changed while it was read (still being written): then nothing of it is committed.
	 */
	String write(ListSubmission item) {
		InboxFile file = item.file();
		ListFile listFile = new ListFile(file.sha256(), file.path(), file.receivedAt(), file.sizeBytes(),
				item.sniff().format(), item.sniff().listKind(), item.submitterCode(), item.sniff().sheet());
		try (ListLoad load = writer.open(listFile)) {
			if (load.wanted()) {
				item.findings().forEach(load::finding);
				if (item.findings().stream().noneMatch(Finding::isError)) {
					try {
						reader.read(file.file(), load);
					}
					catch (OutOfMemoryError ex) {
						// rows are streamed, so only a pathological shared-strings table or cell gets here: that
						// file is rejected (its rows dropped at commit), the run goes on
						load.finding(Finding.error(ReaderLimits.OUT_OF_MEMORY, item.sniff().sheet(), null, null,
								"读取该清单时内存不足（文件中可能有异常巨大的单元格或共享字符串表），文件未入库，请检查后重新报送"));
					}
				}
				if (SubmissionAuditProcessor.changedSinceListed(file)) {
					return null; // closing without commit rolls the file back
				}
			}
			return load.commit();
		}
	}

}
