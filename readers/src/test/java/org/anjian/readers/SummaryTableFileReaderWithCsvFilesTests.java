package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV saved by Excel/WPS: GBK on a Chinese Windows, UTF-8 with BOM, comma, semicolon or
 * tab, quoted headers.
 */
class SummaryTableFileReaderWithCsvFilesTests {

	private static final String TABLE = """
			全县安全生产“强安2024”监管执法专项行动统计汇总表
			（2024年4月至5月）
			填报单位：新场镇,,,,,,,,,,,,,,,,,填报时间：2024年5月14日
			行业部门,派出检查小组,出动执法人员,聘用安全专家,检查企业数量,发现隐患数量,,,已整改隐患数量,,,现场紧急处置,行政处罚,,,,,,下达执法文书,联合惩戒,行刑衔接,企业自查情况,,
			,,,,,总计,重大事故隐患,一般事故隐患,总计,重大事故隐患,一般事故隐患,"含暂扣许可证、暂时停产停业、暂时停止建设（使用设备）,停止供电等处置措施",立案,罚款,"一案双罚、
			一案多罚",提请关闭,吊销许可证,责令停产停业,,,,上报自查台账企业,自查发现隐患,重大事故隐患
			,个,人次,人次,家,项,项,项,项,项,项,家,起,万元,起,家,个,家,份,次,起,家,项,项
			应急管理,5,23,4,21,52,2,50,50,2,48,1,1,1.55,1,0,0,0,15,0,0,9,14,3
			" 住建局 ",7,21,2,22,28,2,26,26,2,24,1,1,"1,005",1,0,0,0,21,0,0,22,57,3
			合  计,12,44,6,43,80,4,76,76,4,72,2,2,1006.55,2,0,0,0,36,0,0,31,71,6
			负责人：李春梅,,,,,,,,填报人：曾德明
			""";

	@TempDir
	Path dir;

	@Test
	void readsACsvSavedInGbk() throws IOException {
		// given
		Path file = dir.resolve("新场镇.csv");
		Files.write(file, TABLE.getBytes(Charset.forName("GBK")));

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.format()).isEqualTo("csv");
		assertThat(read.findings()).isEmpty();
		assertTable(read.table());
	}

	@Test
	void readsACsvInUtf8WithBom() throws IOException {
		// given
		Path file = dir.resolve("新场镇-utf8.csv");
		byte[] text = TABLE.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[text.length + 3];
		bytes[0] = (byte) 0xEF;
		bytes[1] = (byte) 0xBB;
		bytes[2] = (byte) 0xBF;
		System.arraycopy(text, 0, bytes, 3, text.length);
		Files.write(file, bytes);

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.format()).isEqualTo("csv");
		assertTable(read.table());
	}

	@Test
	void readsASemicolonSeparatedCsv() throws IOException {
		// given: a CSV exported with ; (European locale); fields with a comma are quoted,
		// so keep them as they are
		Path file = dir.resolve("新场镇-分号.txt");
		Files.writeString(file, toSemicolons(TABLE), StandardCharsets.UTF_8);

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertThat(read.format()).isEqualTo("csv");
		assertTable(read.table());
	}

	private static void assertTable(SummaryTable table) {
		assertThat(table.sheet()).startsWith("新场镇").doesNotEndWith(".csv");
		assertThat(table.formId()).isEqualTo("F-000");
		assertThat(table.headerColumns().keySet()).containsExactlyElementsOf(TestWorkbooks.F000_CODES);
		assertThat(table.headerTexts()).containsEntry("double_penalty_cases", "行政处罚/一案双罚、一案多罚");
		assertThat(table.fields()).containsEntry("填报单位", "新场镇").containsEntry("填报时间", "2024年5月14日");
		assertThat(table.lastMonth()).hasToString("2024-05");
		assertThat(table.rows()).extracting(TableRow::label).containsExactly("应急管理", "住建局");
		// a quoted header spanning two lines is one record, so one row as Excel shows the
		// file
		assertThat(table.rows()).extracting(TableRow::rowNumber).containsExactly(7, 8);
		assertThat(table.rows().get(1).cells().get("fines_wan").number()).isEqualByComparingTo("1005");
		assertThat(table.totalRow().rowNumber()).isEqualTo(9);
		assertThat(table.totalRow().cells().get("fines_wan").number()).isEqualByComparingTo("1006.55");
	}

	/** Replaces the commas that separate fields (outside quotes) by semicolons. */
	private static String toSemicolons(String csv) {
		StringBuilder out = new StringBuilder();
		boolean quoted = false;
		for (char ch : csv.toCharArray()) {
			if (ch == '"') {
				quoted = !quoted;
			}
			out.append(ch == ',' && !quoted ? ';' : ch);
		}
		return out.toString();
	}

}
