package org.anjian.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.anjian.readers.lists.Uscc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated ledger is a workbook POI opens as Excel would, with the layout and values
 * a county ledger has.
 */
class LedgerWorkbookGeneratorTests {

	@TempDir
	Path tmp;

	@Test
	void smallLedgerOpensInPoiWithTitleHeaderRowsDatesAndValidCodes() throws Exception {
		// given
		Path file = tmp.resolve("ledger.xlsx");

		// when
		LedgerWorkbookGenerator.Ledger ledger = new LedgerWorkbookGenerator().write(file, 500, 0);

		// then
		assertThat(ledger.rows()).isEqualTo(500);
		assertThat(ledger.badRowNumbers()).isEmpty();
		try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getSheetName()).isEqualTo("隐患台账");
			assertThat(sheet.getLastRowNum()).isEqualTo(502);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("青川县重大事故隐患排查治理台账");
			assertThat(sheet.getMergedRegion(0).formatAsString()).isEqualTo("A1:O1");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).startsWith("填报单位");
			List<String> header = new ArrayList<>();
			sheet.getRow(2).forEach(c -> header.add(c.getStringCellValue()));
			assertThat(header).containsExactly("企业名称", "统一社会信用代码", "所属乡镇（街道）", "行业类别", "隐患描述", "隐患等级", "发现日期", "隐患来源",
					"整改措施", "责任人", "整改资金（万元）", "整改期限", "整改状态", "整改完成日期", "备注");

			Row first = sheet.getRow(3);
			assertThat(first.getCell(0).getStringCellValue()).startsWith("青川县").containsAnyOf("公司", "合作社");
			assertThat(Uscc.isValid(first.getCell(1).getStringCellValue())).isTrue();
			assertThat(first.getCell(5).getStringCellValue()).isIn("重大", "一般");
			Cell found = first.getCell(6);
			assertThat(found.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(found)).isTrue();
			assertThat(found.getCellStyle().getDataFormatString()).isEqualTo("yyyy\\-mm\\-dd");
			assertThat(found.getLocalDateTimeCellValue().toLocalDate()).isBetween(LocalDate.of(2024, 4, 1),
					LocalDate.of(2024, 10, 31));
			assertThat(first.getCell(7).getStringCellValue()).isIn("自查", "执法检查");

			Set<String> enterprises = new HashSet<>();
			int major = 0;
			for (int r = 3; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				enterprises.add(row.getCell(0).getStringCellValue());
				assertThat(Uscc.isValid(row.getCell(1).getStringCellValue())).as("USCC of row %d", r + 1).isTrue();
				major += "重大".equals(row.getCell(5).getStringCellValue()) ? 1 : 0;
				LocalDate foundOn = row.getCell(6).getLocalDateTimeCellValue().toLocalDate();
				String status = row.getCell(12).getStringCellValue();
				assertThat(status).isIn("已整改", "整改中", "未整改");
				Cell rectified = row.getCell(13);
				if ("已整改".equals(status)) {
					assertThat(rectified.getLocalDateTimeCellValue().toLocalDate()).isAfterOrEqualTo(foundOn)
						.isBeforeOrEqualTo(LocalDate.of(2024, 10, 31));
				}
				else {
					assertThat(rectified).isNull();
				}
				Cell funds = row.getCell(10);
				if (funds != null) {
					assertThat(funds.getCellType()).isEqualTo(CellType.NUMERIC);
				}
			}
			assertThat(enterprises).hasSizeGreaterThan(100);
			assertThat(major).isBetween(5, 60);
		}
	}

	@Test
	void badRowsArePlantedOnePerStretchAndEachWrongInOneWay() throws Exception {
		// given
		Path file = tmp.resolve("bad.xlsx");

		// when
		LedgerWorkbookGenerator.Ledger ledger = new LedgerWorkbookGenerator().write(file, 300, 3);

		// then
		assertThat(ledger.badRowNumbers()).containsExactly(54, 154, 254);
		try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(53).getCell(6).getCellType()).isEqualTo(CellType.STRING);
			assertThat(sheet.getRow(153).getCell(5).getStringCellValue()).isEqualTo("较大");
			Row rectifiedEarly = sheet.getRow(253);
			assertThat(rectifiedEarly.getCell(12).getStringCellValue()).isEqualTo("已整改");
			assertThat(rectifiedEarly.getCell(13).getLocalDateTimeCellValue())
				.isBefore(rectifiedEarly.getCell(6).getLocalDateTimeCellValue());
		}
	}

	@Test
	void sameSeedSameLedgerAndSharedStringsRunToTensOfThousands() throws Exception {
		// when
		LedgerWorkbookGenerator.Ledger a = new LedgerWorkbookGenerator(7).write(tmp.resolve("a.xlsx"), 60_000, 0);
		LedgerWorkbookGenerator.Ledger b = new LedgerWorkbookGenerator(7).write(tmp.resolve("b.xlsx"), 60_000, 0);

		// then
		assertThat(a.distinctStrings()).isGreaterThan(20_000);
		assertThat(a.bytes()).isEqualTo(b.bytes());
	}

	@Test
	void creditCodeCheckCharacterFollowsGb32100() {
		// 91350100M000100Y43: a published example code
		assertThat(Uscc.checkCharacter("91350100M000100Y4")).isEqualTo('3');
		assertThat(Uscc.isValid("91350100M000100Y43")).isTrue();
		assertThat(Uscc.isValid("91350100M000100Y44")).isFalse();
		assertThat(Uscc.isValid("91350100M000100Y4I")).isFalse();
	}

}
