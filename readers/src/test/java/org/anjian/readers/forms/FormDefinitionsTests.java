package org.anjian.readers.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Form variants are configuration: the bundled ones match expected.json, a new one needs
 * no code.
 */
class FormDefinitionsTests {

	@TempDir
	Path dir;

	@Test
	void bundlesF000AndF001InTheColumnOrderOfTheSamples() throws IOException {
		// given
		String expected = Files.readString(Path.of(System.getProperty("anjian.samples")).resolve("expected.json"));

		// when
		List<FormDefinition> forms = FormDefinitions.bundled();

		// then
		assertThat(forms).extracting(FormDefinition::id).containsExactly("F-000", "F-001", "F-003-II");
		assertThat(forms.get(0).measureCodes()).hasSize(23)
			.containsExactlyElementsOf(JsonPath.<List<String>>read(expected, "$.forms.F-000"));
		assertThat(forms.get(1).measureCodes()).hasSize(21)
			.containsExactlyElementsOf(JsonPath.<List<String>>read(expected, "$.forms.F-001"));
		assertThat(forms.get(2).keepRows()).contains("累计数");
	}

	@Test
	void readsANewFormVariantFromItsPropertiesAlone() throws IOException {
		// given
		FormDefinition custom = FormDefinitions.load(new StringReader("""
				id=F-TEST
				name=燃气安全检查情况表
				label=乡镇
				measures=enterprises_inspected,hazards_total,rectified_total
				measure.enterprises_inspected=检查燃气企业
				measure.hazards_total=发现隐患
				measure.rectified_total=已整改
				"""));
		XSSFWorkbook workbook = new XSSFWorkbook();
		Sheet sheet = workbook.createSheet("燃气");
		Row header = sheet.createRow(0);
		String[] texts = { "乡镇", "已整改", "检查燃气企业", "发现隐患" };
		for (int c = 0; c < texts.length; c++) {
			header.createCell(c).setCellValue(texts[c]);
		}
		Row data = sheet.createRow(1);
		data.createCell(0).setCellValue("桃源镇");
		data.createCell(1).setCellValue(2);
		data.createCell(2).setCellValue(5);
		data.createCell(3).setCellValue(3);
		Path file = dir.resolve("gas.xlsx");
		try (workbook; var out = Files.newOutputStream(file)) {
			workbook.write(out);
		}

		// when
		SubmissionRead read = new SummaryTableFileReader(List.of(custom)).read(file);

		// then
		assertThat(read.table().formId()).isEqualTo("F-TEST");
		assertThat(read.table().headerColumns()).containsExactly(java.util.Map.entry("enterprises_inspected", "C"),
				java.util.Map.entry("hazards_total", "D"), java.util.Map.entry("rectified_total", "B"));
		assertThat(read.table().rows().get(0).label()).isEqualTo("桃源镇");
		assertThat(read.table().rows().get(0).cells().get("hazards_total").number()).isEqualByComparingTo("3");
	}

	@Test
	void rejectsAFormWithoutHeaderTextsForAMeasure() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FormDefinitions.load(new StringReader("id=F-BAD\nmeasures=inspectors\n")))
			.withMessageContaining("measure.inspectors");
	}

}
