package org.anjian.readers;

import static org.anjian.readers.TestWorkbooks.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header reworded inside a cell merged down the header's rows (出动执法人员数 in C4:C5): the
 * finding names the cell Excel shows and the annotated workbook marks, C4, not the
 * header's last row.
 */
class SummaryTableFileReaderWithRewordedMergedHeaderTests {

	@TempDir
	Path dir;

	@Test
	void aRewordedMergedHeaderIsNamedByTheMergesFirstCell() throws IOException {
		// given the official layout (title lines in rows 1–3, header in rows 4–5) with
		// 出动执法人员 written as 出动执法人员数
		List<String[]> columns = new ArrayList<>(TestWorkbooks.F000_COLUMNS);
		columns.set(1, col(null, "出动执法人员数"));
		Path file = TestWorkbooks.oneRowTable(dir.resolve("reworded-merged-header.xlsx"), "Sheet1", "石门镇", columns);

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then the table reads as before, with one advisory finding on C4
		assertThat(read.table().headerColumns()).containsEntry("inspectors", "C");
		assertThat(read.table().headerRow()).isEqualTo(5);
		assertThat(read.findings()).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo("TEMPLATE_CHANGED");
			assertThat(f.rowNumber()).isEqualTo(4);
			assertThat(f.column()).isEqualTo("C");
			assertThat(f.message()).startsWith("工作表“Sheet1”C4单元格的表头“出动执法人员数”");
		});
		// a merged header is named by its first cell, a leaf under a group by its own
		assertThat(read.table().headerCell("inspectors")).isEqualTo("C4");
		assertThat(read.table().headerCell("hazards_total")).isEqualTo("F5");
	}

}
