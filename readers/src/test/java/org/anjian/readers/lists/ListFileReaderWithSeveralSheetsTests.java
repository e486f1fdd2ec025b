package org.anjian.readers.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.readers.lists.ListFixtures.Collected;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One list is read per file. A clerk who keeps one ledger per month on the sheets of one
 * workbook finds the sheets after the first named in a warning, not dropped in silence; a
 * hidden sheet (an old copy) is not mentioned.
 */
class ListFileReaderWithSeveralSheetsTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void theFirstLedgerSheetIsReadAndEveryFurtherVisibleOneIsNamedInAWarning(boolean xlsx) throws IOException {
		// given: sheets 4月 (read), 说明 (no list), 5月 (a ledger, header on row 3), 旧表
		// (hidden ledger)
		Workbook workbook = xlsx ? new XSSFWorkbook() : new HSSFWorkbook();
		ledger(workbook.createSheet("4月"), 0, "新场五金厂");
		workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("填表说明：每月一张");
		ledger(workbook.createSheet("5月"), 2, "桃源建材厂");
		ledger(workbook.createSheet("旧表"), 0, "旧企业");
		workbook.setSheetHidden(3, true);
		Path file = dir.resolve(xlsx ? "台账.xlsx" : "台账.xls");
		try (workbook; OutputStream out = Files.newOutputStream(file)) {
			workbook.write(out);
		}
		Collected sink = new Collected();

		// when
		ListFileSummary summary = new ListFileReader().read(file, sink);

		// then
		assertThat(summary.sheet()).isEqualTo("4月");
		assertThat(sink.rows).extracting(r -> r.values()[0]).containsExactly("新场五金厂");
		assertThat(sink.rule(ListFileReader.OTHER_LIST_NOT_READ)).singleElement().satisfies(f -> {
			assertThat(f.isError()).isFalse();
			assertThat(f.sheet()).isEqualTo("5月");
			assertThat(f.rowNumber()).isEqualTo(3);
			assertThat(f.message()).contains("工作表“5月”第3行", "隐患", "只读取了工作表“4月”", "未入库");
		});
		assertThat(summary.fileFindings()).extracting(Finding::rule)
			.containsExactly(ListFileReader.OTHER_LIST_NOT_READ);
	}

	private static void ledger(Sheet sheet, int headerRow, String enterprise) {
		List<String> header = List.of("企业名称", "隐患描述", "隐患等级", "发现日期", "整改状态");
		List<String> values = List.of(enterprise, "消防通道堆放杂物", "一般", "2024-05-03", "整改中");
		Row head = sheet.createRow(headerRow);
		Row row = sheet.createRow(headerRow + 1);
		for (int c = 0; c < header.size(); c++) {
			head.createCell(c).setCellValue(header.get(c));
			row.createCell(c).setCellValue(values.get(c));
		}
	}

}
