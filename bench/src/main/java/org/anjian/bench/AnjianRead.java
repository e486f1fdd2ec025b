package org.anjian.bench;

import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListFileSummary;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;

/**
 * anjian's reader alone: the ledger streamed by {@link ListFileReader} with every
 * row-level check (USCC, dates, vocabularies, amounts, date order), rows going to a sink
 * that only counts them.
 */
final class AnjianRead implements BenchWorkload {

	@Override
	public String name() {
		return "anjian-reader";
	}

	@Override
	public String description() {
		return "anjian 清单读取器：流式读取并做全部逐行审核，不入库";
	}

	@Override
	public long run(Run run) {
		long[] accepted = new long[1];
		ListFileSummary summary = new ListFileReader().read(run.ledger(), new ListRowSink() {
			@Override
			public void row(ListRow row) {
				accepted[0]++;
			}

			@Override
			public void finding(Finding finding) {
				// counted by the reader's summary
			}
		});
		if (!summary.isRead()) {
			throw new IllegalStateException("台账未能读取：" + summary.fileFindings());
		}
		return summary.rowsRead();
	}

}
