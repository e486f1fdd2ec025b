package org.anjian.readers.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.rows.RowSource;
import org.junit.jupiter.api.Test;

class RowsAheadTests {

	/**
	 * Rows 0..rows-1 (every third one blank), cells "r<row>c<column>"; throws
	 * {@code failure} after them if set.
	 */
	private static RowSource rows(int rows, IOException failure) {
		return new RowSource() {
			int row = -1;

			@Override
			public String sheetName() {
				return "s";
			}

			@Override
			public boolean sheetHidden() {
				return false;
			}

			@Override
			public boolean next() throws IOException {
				if (row + 1 == rows) {
					if (failure != null) {
						throw failure;
					}
					return false;
				}
				row++;
				return true;
			}

			@Override
			public int rowIndex() {
				return row;
			}

			@Override
			public boolean rowHidden() {
				return false;
			}

			@Override
			public int width() {
				return row % 3 == 2 ? 0 : 4;
			}

			@Override
			public String text(int column) {
				return "r" + row + "c" + column;
			}

			@Override
			public void close() {
			}
		};
	}

	private static List<String> take(RowsAhead ahead, int limit) throws IOException {
		List<String> seen = new ArrayList<>();
		for (RowsAhead.Batch batch; seen.size() < limit && (batch = ahead.next()) != null;) {
			for (int k = 0; k < batch.size; k++) {
				seen.add(batch.rowIndexes[k] + ":"
						+ String.join(",", java.util.Arrays.stream(batch.texts[k]).map(String::valueOf).toList()));
			}
			ahead.rethrowFailure(batch);
		}
		return seen;
	}

	@Test
	void everyNonEmptyRowInOrderWithTheAskedColumns() throws Exception {
		int n = RowsAhead.BATCH_ROWS * 5 + 7;
		try (RowsAhead ahead = new RowsAhead(rows(n, null), new int[] { 3, -1, 0 })) {
			List<String> seen = take(ahead, Integer.MAX_VALUE);
			assertThat(seen).hasSize(n - n / 3);
			assertThat(seen.get(0)).isEqualTo("0:r0c3,null,r0c0");
			assertThat(seen.get(2)).isEqualTo("3:r3c3,null,r3c0");
			assertThat(ahead.next()).isNull();
		}
	}

	@Test
	void theParsersFailureAfterTheRowsBeforeIt() throws Exception {
		IOException broken = new IOException("truncated");
		int n = RowsAhead.BATCH_ROWS + 10;
		try (RowsAhead ahead = new RowsAhead(rows(n, broken), new int[] { 0 })) {
			List<String> seen = new ArrayList<>();
			assertThatThrownBy(() -> seen.addAll(takeCollecting(ahead, seen))).isSameAs(broken);
			assertThat(seen).hasSize(n - n / 3);
		}
	}

	private static List<String> takeCollecting(RowsAhead ahead, List<String> seen) throws IOException {
		for (RowsAhead.Batch batch; (batch = ahead.next()) != null;) {
			for (int k = 0; k < batch.size; k++) {
				seen.add(String.valueOf(batch.rowIndexes[k]));
			}
			ahead.rethrowFailure(batch);
		}
		return List.of();
	}

	@Test
	void closingEarlyStopsTheParser() throws Exception {
		RowsAhead ahead = new RowsAhead(rows(Integer.MAX_VALUE, null), new int[] { 0 });
		assertThat(take(ahead, 1)).isNotEmpty();
		ahead.close(); // returns only once the parser thread has stopped
	}

}
