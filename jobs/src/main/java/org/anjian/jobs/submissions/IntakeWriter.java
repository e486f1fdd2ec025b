package org.anjian.jobs.submissions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.anjian.writers.submissions.DocumentWriter;
import org.anjian.writers.submissions.SubmissionWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes each processed inbox file in its own DuckDB transaction, summary tables through
 * {@link SubmissionWriter}, lists through {@link ListSubmissionWriter}, documents
 * received for deliverables through {@link DocumentWriter}. A file whose write fails (I/O
 * error, full disk, a value the warehouse refuses) has been rolled back by its writer and
 * is reported as skipped, unrecorded, so the next run tries it again, and the run goes on
 * with the next file; so is a list that changed while it was read. If the warehouse
 * itself is gone, the model build after this step fails the job.
 */
class IntakeWriter implements ItemWriter<IntakeItem> {

	private final SubmissionWriter summaries;

	private final ListSubmissionWriter lists;

	private final IntakeTally tally;

	private final DocumentWriter documents;

	IntakeWriter(SubmissionWriter summaries, ListSubmissionWriter lists, IntakeTally tally) {
		this(summaries, lists, null, tally);
	}

	/**
	 * @param documents records documents received for deliverables
	 */
	IntakeWriter(SubmissionWriter summaries, ListSubmissionWriter lists, DocumentWriter documents, IntakeTally tally) {
		this.summaries = summaries;
		this.lists = lists;
		this.documents = documents;
		this.tally = tally;
	}

	@Override
	public void write(Chunk<? extends IntakeItem> chunk) {
		List<IntakeItem> items = new ArrayList<>(chunk.getItems());
		// received order (ties: path): of two copies of the same bytes the first received
		// is the original
		items.sort(Comparator.comparing(IntakeItem::file,
				Comparator.comparing(InboxFile::receivedAt).thenComparing(InboxFile::path)));
		for (IntakeItem item : items) {
			InboxFile file = item.file();
			try {
				String status = null;
				if (item instanceof SummarySubmission summary) {
					status = summaries.write(summary.audited());
				}
				else if (item instanceof DocumentSubmission document) {
					documents.write(document.document());
				}
				else if (lists.write((ListSubmission) item) == null) {
					tally.skipped(file.path(), "文件在读取过程中发生了变化（可能仍在写入），已读入的行已全部撤回，留待下次运行处理");
					continue;
				}
				tally.written(file.sha256(), file.path(), status);
				org.anjian.warehouse.CrashPoints.reach("file-written");
			}
			catch (RuntimeException ex) {
				tally.skipped(file.path(), "写入数据仓库失败（" + ex.getClass().getSimpleName()
						+ (ex.getMessage() == null ? "" : "：" + ex.getMessage()) + "），该文件已写入的部分已全部撤回，留待下次运行处理");
			}
		}
	}

}
