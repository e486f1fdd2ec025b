package org.anjian.jobs.submissions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.anjian.jobs.system.RunProgress;
import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A long list read reports rows so far and rows/s, by row count and by time. */
class ListHeartbeatTests {

	final List<String> lines = Collections.synchronizedList(new ArrayList<>());

	final RunProgress progress = new RunProgress() {
		@Override
		public void line(String text) {
			lines.add(text);
		}

		@Override
		public void problem(String text) {
			lines.add(text);
		}
	};

	final AtomicInteger passedOn = new AtomicInteger();

	final ListRowSink load = new ListRowSink() {
		@Override
		public void row(ListRow row) {
			passedOn.incrementAndGet();
		}

		@Override
		public void finding(Finding finding) {
		}
	};

	static ListRow row(int n) {
		return new ListRow(n, new String[ListKind.HAZARD_LEDGER.columns().size()], List.of());
	}

	@Test
	void everyNRowsALineWithTheRowsSoFarAndTheRate() {
		try (ListHeartbeat heartbeat = new ListHeartbeat(load, progress, "台账/2024.xlsx", Duration.ofHours(1), 1000)) {
			for (int i = 1; i <= 2500; i++) {
				heartbeat.row(row(i));
			}
		}
		assertThat(passedOn).hasValue(2500);
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("读取中 台账/2024.xlsx：已读 1,000 行，").contains("行/秒");
		assertThat(lines.get(1)).contains("已读 2,000 行");
	}

	@Test
	void aLineEveryIntervalEvenBeforeTheFirstRow() throws Exception {
		try (ListHeartbeat heartbeat = new ListHeartbeat(load, progress, "big.xlsx", Duration.ofMillis(100),
				ListHeartbeat.EVERY_ROWS)) {
			Thread.sleep(350);
			heartbeat.row(row(1));
		}
		int beats = lines.size();
		assertThat(beats).isBetween(2, 4);
		assertThat(lines.get(0)).contains("已读 0 行");
		Thread.sleep(250);
		assertThat(lines).as("no beat after the read").hasSize(beats);
	}

}
