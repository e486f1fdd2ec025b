package org.anjian.readers;

import static org.anjian.readers.TestWorkbooks.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-row merged header (group, leaf, units) whose groups and columns come in another
 * order than the form's.
 */
class SummaryTableFileReaderWithMergedShuffledHeaderTests {

	@TempDir
	Path dir;

	@Test
	void findsEveryMeasureByItsHeaderWhateverTheColumnOrder() throws IOException {
		// given: the 已整改 group before the 发现 group, leaves shuffled inside groups, 行刑衔接
		// first
		List<String[]> columns = List.of(col(null, "行刑衔接"), col("已整改隐患数量", "一般事故隐患"), col("已整改隐患数量", "总计"),
				col("已整改隐患数量", "重大事故隐患"), col("发现隐患数量", "重大事故隐患"), col("发现隐患数量", "一般事故隐患"), col("发现隐患数量", "总计"),
				col(null, "检查企业数量"), col(null, "派出检查小组"), col(null, "聘用安全专家"), col(null, "出动执法人员"), col("行政处罚", "罚款"),
				col("行政处罚", "立案"), col("行政处罚", "责令停产停业"), col("行政处罚", "吊销许可证"), col("行政处罚", "提请关闭"),
				col("行政处罚", "一案双罚、一案多罚"), col("企业自查情况", "重大事故隐患"), col("企业自查情况", "自查发现隐患"), col("企业自查情况", "上报自查台账企业"),
				col(null, "联合惩戒"), col(null, "下达执法文书"), col("现场紧急处置", "含暂扣许可证等处置措施"), col(null, "备注"));
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.titleLines(sheet, "（2024年4月至5月）", "石门镇");
		row = TestWorkbooks.header(sheet, row, "行业部门", columns);
		List<Object> units = new ArrayList<>(Collections.nCopies(columns.size(), "项"));
		units.add(0, null);
		TestWorkbooks.row(sheet, row++, units.toArray());
		List<Integer> values = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			values.add(100 + i);
		}
		TestWorkbooks.dataRow(sheet, row, "应急管理", values);
		Path file = TestWorkbooks.write(workbook, dir.resolve("shuffled.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		SummaryTable table = read.table();
		assertThat(table.formId()).isEqualTo("F-000");
		assertThat(table.headerColumns()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>(Map.ofEntries()) {
			{
				put("inspection_teams", "J");
				put("inspectors", "L");
				put("experts", "K");
				put("enterprises_inspected", "I");
				put("hazards_total", "H");
				put("hazards_major", "F");
				put("hazards_general", "G");
				put("rectified_total", "D");
				put("rectified_major", "E");
				put("rectified_general", "C");
				put("emergency_measures", "X");
				put("cases_filed", "N");
				put("fines_wan", "M");
				put("double_penalty_cases", "R");
				put("closures_requested", "Q");
				put("licenses_revoked", "P");
				put("suspensions_ordered", "O");
				put("enforcement_documents", "W");
				put("joint_punishments", "V");
				put("criminal_transfers", "B");
				put("selfcheck_enterprises", "U");
				put("selfcheck_hazards", "T");
				put("selfcheck_hazards_major", "S");
			}
		});
		TableRow emergency = table.rows().get(0);
		assertThat(emergency.rowNumber()).isEqualTo(7);
		assertThat(emergency.cells().get("criminal_transfers").number()).isEqualByComparingTo("100");
		assertThat(emergency.cells().get("hazards_total").number()).isEqualByComparingTo("106");
		assertThat(emergency.cells().get("selfcheck_hazards_major").number()).isEqualByComparingTo("117");
		assertThat(table.headerTexts()).containsEntry("rectified_general", "已整改隐患数量/一般事故隐患");
		assertThat(table.lastMonth()).hasToString("2024-05");
	}

}
