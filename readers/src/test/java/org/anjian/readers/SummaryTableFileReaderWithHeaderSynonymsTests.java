package org.anjian.readers;

import static org.anjian.readers.TestWorkbooks.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Header wording that differs from the form (排查隐患 for 发现隐患数量, 合计 for 总计, 行业领域 for 行业部门
 * …).
 */
class SummaryTableFileReaderWithHeaderSynonymsTests {

	@TempDir
	Path dir;

	@Test
	void recognisesTheMeasuresUnderTheirSynonyms() throws IOException {
		// given
		List<String[]> columns = List.of(col(null, "派出检查组"), col(null, "出动执法检查人员"), col(null, "聘请安全专家"),
				col(null, "检查企业（单位）数"), col("排查隐患", "合计"), col("排查隐患", "重大隐患"), col("排查隐患", "一般隐患"), col("整改隐患", "合计"),
				col("整改隐患", "重大隐患"), col("整改隐患", "一般隐患"), col(null, "现场紧急处置（家）"), col("行政处罚", "立案"),
				col("行政处罚", "罚款（万元）"), col("行政处罚", "一案双罚"), col("行政处罚", "提请关闭"), col("行政处罚", "吊销许可证"),
				col("行政处罚", "责令停产停业"), col(null, "下达执法文书"), col(null, "联合惩戒"), col("移交案件", "涉及行刑衔接"),
				col("企业自查", "上报自查台账企业"), col("企业自查", "自查发现隐患"), col("企业自查", "重大事故隐患"));
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("Sheet1");
		int row = TestWorkbooks.header(sheet, 0, "行业领域", columns);
		TestWorkbooks.dataRow(sheet, row, "消防", TestWorkbooks.counting(1));
		Path file = TestWorkbooks.write(workbook, dir.resolve("synonyms.xlsx"));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.findings()).isEmpty();
		SummaryTable table = read.table();
		assertThat(table.formId()).isEqualTo("F-000");
		assertThat(table.headerColumns()).containsEntry("hazards_total", "F")
			.containsEntry("hazards_major", "G")
			.containsEntry("rectified_total", "I")
			.containsEntry("rectified_general", "K")
			.containsEntry("emergency_measures", "L")
			.containsEntry("fines_wan", "N")
			.containsEntry("criminal_transfers", "U")
			.containsEntry("selfcheck_hazards_major", "X");
		assertThat(table.headerTexts()).containsEntry("hazards_total", "排查隐患/合计");
		assertThat(table.rows().get(0).label()).isEqualTo("消防");
	}

}
