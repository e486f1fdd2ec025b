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

/** The 001 附件2 layout (F-001): no 联合惩戒 or 企业自查情况, with 进行曝光 and 移交案件 (一般移交 / 涉及行刑衔接). */
class SummaryTableFileReaderWithF001LayoutTests {

	static final List<String[]> F001_COLUMNS = List.of(col(null, "派出检查小组"), col(null, "出动执法人员"), col(null, "聘用安全专家"),
			col(null, "检查企业数量"), col("发现隐患数量", "总计"), col("发现隐患数量", "重大事故隐患"), col("发现隐患数量", "一般事故隐患"),
			col("已整改隐患数量", "总计"), col("已整改隐患数量", "重大事故隐患"), col("已整改隐患数量", "一般事故隐患"),
			col(null, "现场紧急处置（含暂扣许可证、暂时停产停业、暂时停止建设（使用设备）、停止供电、停止使用民爆物品等处置措施）"), col("行政处罚", "立案"), col("行政处罚", "罚款"),
			col("行政处罚", "一案双罚、一案多罚"), col("行政处罚", "提请关闭"), col("行政处罚", "吊销许可证"), col("行政处罚", "     责令停产停业"),
			col(null, "下\n达\n执\n法\n文\n书"), col(null, "进行曝光（附曝光报道记录）"), col("移交案件", "一般移交"), col("移交案件", "涉及行刑衔接"));

	static final List<String> F001_CODES = List.of("inspection_teams", "inspectors", "experts", "enterprises_inspected",
			"hazards_total", "hazards_major", "hazards_general", "rectified_total", "rectified_major",
			"rectified_general", "emergency_measures", "cases_filed", "fines_wan", "double_penalty_cases",
			"closures_requested", "licenses_revoked", "suspensions_ordered", "enforcement_documents", "exposures",
			"transfers_general", "criminal_transfers");

	@TempDir
	Path dir;

	@Test
	void readsTheF001FormWithItsOwnMeasures() throws IOException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("附件2");
		TestWorkbooks.row(sheet, 0, "全区安全生产“强安2023”监管执法专项行动统计汇总表");
		TestWorkbooks.row(sheet, 1, "（2023年4月至   月）");
		TestWorkbooks.row(sheet, 2, "填表单位：区住建局                                          填报时间：2023年5月20日");
		int row = TestWorkbooks.header(sheet, 3, "行业\n\n领域", F001_COLUMNS);
		List<Integer> values = new ArrayList<>();
		for (int i = 0; i < F001_COLUMNS.size(); i++) {
			values.add(i);
		}
		TestWorkbooks.dataRow(sheet, row, "建筑施工", values);
		TestWorkbooks.dataRow(sheet, row + 1, "合计", values);
		Path file = TestWorkbooks.write(workbook, dir.resolve("f001.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		SummaryTable table = read.table();
		assertThat(table.formId()).isEqualTo("F-001");
		assertThat(table.headerColumns().keySet()).containsExactlyElementsOf(F001_CODES);
		assertThat(table.rows().get(0).cells().get("exposures").number()).isEqualByComparingTo("18");
		assertThat(table.rows().get(0).cells().get("transfers_general").number()).isEqualByComparingTo("19");
		assertThat(table.rows().get(0).cells().get("criminal_transfers").number()).isEqualByComparingTo("20");
		assertThat(table.fields()).containsEntry("填表单位", "区住建局")
			.containsEntry("填报单位", "区住建局")
			.containsEntry("填报时间", "2023年5月20日");
		assertThat(table.firstMonth()).hasToString("2023-04");
		assertThat(table.lastMonth()).isNull();
		assertThat(table.title()).isEqualTo("全区安全生产“强安2023”监管执法专项行动统计汇总表");
	}

}
