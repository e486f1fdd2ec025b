package org.anjian.readers;

import static org.anjian.readers.TestWorkbooks.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 003 附件2 layout (F-003-II, “情况统计表（二）”), read purely from its form definition: rows
 * 本月数 and 累计数 per unit, the 累计数 row kept and labelled with the unit, the 本月数 row kept
 * beside it, the rate columns (%) read apart from the measures.
 */
class SummaryTableFileReaderWithF003IILayoutTests {

	static final List<String[]> COLUMNS = List.of(col(null, "监管企业(单位)总数(家)"), col(null, "现场监督检查企业(单位)数(家)"),
			col(null, "检查覆盖率(%)"), col("检查情况", "排查隐患数(处)"), col("检查情况", "隐患整改数(处)"), col("立案情况", "立案数(家)"),
			col("立案情况", "占实际检查企业(单位)总数比例(%)"), col("立案情况", "违法行为查处率(%)"), col("惩处情况", "责令停产停业整顿(家)"),
			col("惩处情况", "罚款金额(万元)"), col("惩处情况", "提请关闭企业(单位)(家)"), col("惩处情况", "暂扣吊销有关证件(件)"),
			col("曝光、惩戒情况", "纳入黑名单(家)"), col("曝光、惩戒情况", "联合惩戒"), col(null, "移送追究刑事责任(人)"), col(null, "移送其他部门(起)"),
			col("举报奖励情况", "核数"));

	static final List<String> CODES = List.of("enterprises_supervised", "enterprises_inspected", "hazards_total",
			"rectified_total", "cases_filed", "suspensions_ordered", "fines_wan", "closures_requested",
			"licenses_withheld_revoked", "blacklisted", "joint_punishments", "criminal_transfer_persons",
			"transfers_other", "report_rewards");

	@TempDir
	Path dir;

	@Test
	void keepsTheCumulativeRowOfEveryUnitBlock() throws IOException {
		// given: 单位 in column A merged over its two rows, 本月数/累计数 in column B
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("统计表二");
		TestWorkbooks.row(sheet, 0, "石狮市2024年安全生产执法提升专项行动情况统计表(二)");
		TestWorkbooks.row(sheet, 1, "月份：2024年5月");
		List<String[]> columns = new ArrayList<>();
		columns.add(col(null, "类别"));
		columns.addAll(COLUMNS);
		int row = TestWorkbooks.header(sheet, 2, "单位", columns);
		String[] units = { "应急局", "住建局", "合  计" };
		for (int u = 0; u < units.length; u++) {
			int month = row + 2 * u;
			TestWorkbooks.row(sheet, month, units[u]);
			TestWorkbooks.merge(sheet, "A" + (month + 1) + ":A" + (month + 2));
			TestWorkbooks.dataRow(sheet, month, units[u], values("本月数", 1)).getCell(0).setCellValue(units[u]);
			TestWorkbooks.dataRow(sheet, month + 1, null, values("累计数", 10 * (u + 1)));
		}
		TestWorkbooks.row(sheet, row + 6, "填报人签字：李四");
		TestWorkbooks.row(sheet, row + 7, "备注：1. 本表由各镇（街道）及市各有关部门负责填报。");
		Path file = TestWorkbooks.write(workbook, dir.resolve("f003-blocks.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		SummaryTable table = read.table();
		assertThat(table.formId()).isEqualTo("F-003-II");
		assertThat(table.headerColumns().keySet()).containsExactlyElementsOf(CODES);
		assertThat(table.headerColumns()).containsEntry("enterprises_supervised", "C")
			.containsEntry("hazards_total", "F")
			.containsEntry("cases_filed", "H")
			.containsEntry("suspensions_ordered", "K")
			.containsEntry("report_rewards", "S");
		assertThat(table.rows()).extracting(TableRow::label).containsExactly("应急局", "住建局");
		assertThat(table.rows()).extracting(TableRow::rowNumber).containsExactly(6, 8);
		// the 本月数 rows are kept beside them, the 合计 block's is not
		assertThat(table.monthRows()).extracting(TableRow::label).containsExactly("应急局", "住建局");
		assertThat(table.monthRows()).extracting(TableRow::rowNumber).containsExactly(5, 7);
		assertThat(table.monthRows().get(0).cells().get("hazards_total").number()).isEqualByComparingTo("1");
		assertThat(table.rows().get(0).rates()).containsOnlyKeys("coverage_rate", "case_share", "violation_rate");
		assertThat(table.rows().get(0).rates().get("coverage_rate").column()).isEqualTo("E");
		assertThat(table.rows().get(1).cells().get("enterprises_supervised").number()).isEqualByComparingTo("20");
		assertThat(table.rows().get(1).cells().get("fines_wan").number()).isEqualByComparingTo("20");
		assertThat(table.totalRow().label()).isEqualTo("合  计");
		assertThat(table.totalRow().rowNumber()).isEqualTo(10);
		assertThat(table.totalRow().cells().get("report_rewards").number()).isEqualByComparingTo("30");
		assertThat(table.firstMonth()).hasToString("2024-05");
		assertThat(table.lastMonth()).hasToString("2024-05");
		assertThat(table.fields()).containsEntry("填报人", "李四");
	}

	@Test
	void labelsTheOneUnitFormWithItsSubmittingUnit() throws IOException {
		// given: the seed's own layout, 本月数/累计数 under the 单位 header, the unit in 填报地区(部门)
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		TestWorkbooks.row(sheet, 0, "石狮市 2024 年安全生产执法提升专项行动情况统计表(二)");
		TestWorkbooks.row(sheet, 1, "填报地区(部门) : 蚶江镇");
		TestWorkbooks.row(sheet, 2, "月份: 5 月");
		int row = TestWorkbooks.header(sheet, 3, "单位", COLUMNS);
		TestWorkbooks.dataRow(sheet, row, "本月数", values(null, 1).subList(1, COLUMNS.size() + 1));
		TestWorkbooks.dataRow(sheet, row + 1, "累计数", values(null, 4).subList(1, COLUMNS.size() + 1));
		TestWorkbooks.row(sheet, row + 3, "填报人签字:");
		Path file = TestWorkbooks.write(workbook, dir.resolve("f003-seed.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		SummaryTable table = read.table();
		assertThat(table.formId()).isEqualTo("F-003-II");
		assertThat(table.fields()).containsEntry("填报地区(部门)", "蚶江镇")
			.containsEntry("填报单位", "蚶江镇")
			.containsEntry("月份", "5 月");
		assertThat(table.rows()).singleElement().satisfies(cumulative -> {
			assertThat(cumulative.label()).isEqualTo("蚶江镇");
			assertThat(cumulative.rowNumber()).isEqualTo(7);
			assertThat(cumulative.cells().get("transfers_other").number()).isEqualByComparingTo("4");
		});
		assertThat(table.monthRows()).singleElement().satisfies(month -> {
			assertThat(month.label()).isEqualTo("蚶江镇");
			assertThat(month.rowNumber()).isEqualTo(6);
			assertThat(month.cells().get("transfers_other").number()).isEqualByComparingTo("1");
			assertThat(month.rates().get("violation_rate").raw()).isEqualTo("50");
		});
		assertThat(table.totalRow()).isNull();
		assertThat(table.firstMonth()).isNull();
	}

	/**
	 * The kind cell (or null), then one value per column: rates get 50 (%), the rest
	 * {@code value}.
	 */
	private static List<Object> values(String kind, int value) {
		List<Object> values = new ArrayList<>();
		values.add(kind);
		for (String[] column : COLUMNS) {
			values.add(column[1].contains("%") ? 50 : value);
		}
		return values;
	}

}
