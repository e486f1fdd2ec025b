package org.anjian.bench;

import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The baseline: {@code org.dhatim:fastexcel-reader} streams the first sheet and every
 * cell's text is fetched.
 */
final class FastexcelRead implements BenchWorkload {

	@Override
	public String name() {
		return BenchWorkloads.BASELINE;
	}

	@Override
	public String description() {
		return "fastexcel-reader 流式读取，取每个单元格的文本（基准）";
	}

	@Override
	public long run(Run run) throws Exception {
		long rows = 0;
		long chars = 0;
		try (ReadableWorkbook workbook = new ReadableWorkbook(run.ledger().toFile());
				Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
			for (Row row : (Iterable<Row>) sheet::iterator) {
				for (int c = 0; c < row.getCellCount(); c++) {
					Cell cell = row.getCell(c);
					if (cell != null) {
						String text = cell.getText();
						chars += text == null ? 0 : text.length();
					}
				}
				if (row.getRowNum() > LedgerWorkbookGenerator.ROWS_BEFORE_DATA) {
					rows++;
				}
			}
		}
		// the text length is used so the JIT cannot drop the getText() calls
		return chars > 0 ? rows : -1;
	}

}
