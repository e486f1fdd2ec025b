package org.anjian.jobs.submissions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.anjian.writers.submissions.DocumentWriter;
import org.anjian.writers.submissions.SubmissionWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes the processed inbox files of a chunk in received order, summary tables through
 * {@link SubmissionWriter}, lists through {@link ListSubmissionWriter}, documents
 * received for deliverables through {@link DocumentWriter}; summary tables next to each
 * other share one DuckDB transaction, every other file has its own. A file whose write
 * fails (I/O error, full disk, a value the warehouse refuses) has been rolled back by its
 * writer and is reported as skipped, unrecorded, so the next run tries it again, and the
 * run goes on with the next file; so is a list that changed while it was read. If the
 * warehouse itself is gone, the model build after this step fails the job.
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
		// summary tables next to each other in that order go in together; a list or a
		// document between them keeps its place
		List<SummarySubmission> together = new ArrayList<>();
		for (IntakeItem item : items) {
			if (item instanceof SummarySubmission summary) {
				together.add(summary);
				continue;
			}
			writeSummaries(together);
			together.clear();
			InboxFile file = item.file();
			try {
				if (item instanceof DocumentSubmission document) {
					documents.write(document.document());
				}
				else if (lists.write((ListSubmission) item) == null) {
					tally.skipped(file.path(), "文件在读取过程中发生了变化（可能仍在写入），已读入的行已全部撤回，留待下次运行处理");
					continue;
				}
				written(file, null);
			}
			catch (RuntimeException ex) {
				skipped(file, ex);
			}
		}
		writeSummaries(together);
	}

	/**
	 * Summary tables in one DuckDB transaction; if any of them fails, that transaction is
	 * rolled back and each is written again in its own, checked again against what has
	 * landed by then, so one bad file is skipped alone and its neighbours land as if
	 * written one by one.
	 */
	private void writeSummaries(List<SummarySubmission> files) {
		if (files.size() > 1) {
			List<String> statuses = null;
			try {
				statuses = summaries.writeTogether(
						files.stream().map(f -> new SubmissionWriter.Pending(f.file().sha256(), f::audit)).toList());
			}
			catch (RuntimeException ex) {
				// rolled back: nothing of these files is recorded; file by file below
			}
			if (statuses != null) {
				for (int i = 0; i < files.size(); i++) {
					written(files.get(i).file(), statuses.get(i));
				}
				return;
			}
		}
		for (SummarySubmission summary : files) {
			try {
				written(summary.file(), summaries.write(summary.audit()));
			}
			catch (RuntimeException ex) {
				skipped(summary.file(), ex);
			}
		}
	}

	private void written(InboxFile file, String status) {
		tally.written(file.sha256(), file.path(), status);
		org.anjian.warehouse.CrashPoints.reach("file-written");
	}

	private void skipped(InboxFile file, RuntimeException ex) {
		tally.skipped(file.path(), "写入数据仓库失败（" + ex.getClass().getSimpleName()
				+ (ex.getMessage() == null ? "" : "：" + ex.getMessage()) + "），该文件已写入的部分已全部撤回，留待下次运行处理");
	}

}
