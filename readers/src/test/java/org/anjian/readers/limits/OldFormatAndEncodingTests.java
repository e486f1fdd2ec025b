package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.UnreadableFile;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListFileSummary;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, finding 6: an Excel 5.0/95 workbook is old, not damaged (was “文件已损坏”); a
 * UTF-16 CSV is a CSV in an encoding not read (was “不是 Excel 或 CSV”). Each is rejected
 * with a message naming the cause and how to fix it, by the front door and both readers.
 */
class OldFormatAndEncodingTests {

	private static final String CSV = "企业名称,隐患描述,隐患等级,发现日期\r\n某某化工有限公司,消防通道堵塞,一般,2024-05-03\r\n";

	@TempDir
	Path dir;

	@Test
	void anExcel95WorkbookIsAnOldFormatToSaveAsXlsx() throws IOException {
		Path file = FarCellFiles.biff5(dir.resolve("旧表.xls"));

		for (Finding finding : findings(file)) {
			assertThat(finding.rule()).isEqualTo(SummaryTableFileReader.FILE_FORMAT);
			assertThat(finding.message()).contains("Excel 5.0/95")
				.contains("旧格式")
				.contains("另存为")
				.contains(".xlsx")
				.doesNotContain("已损坏")
				.contains("旧表.xls");
		}
	}

	@Test
	void aUtf16CsvIsSaidToBeUtf16WithOrWithoutItsByteOrderMark() throws IOException {
		List<Path> files = List.of(FarCellFiles.utf16(dir.resolve("le-bom.csv"), CSV, false, true),
				FarCellFiles.utf16(dir.resolve("be-bom.csv"), CSV, true, true),
				FarCellFiles.utf16(dir.resolve("le.csv"), CSV, false, false),
				FarCellFiles.utf16(dir.resolve("tabs.txt"), CSV.replace(',', '\t'), false, true));

		for (Path file : files) {
			for (Finding finding : findings(file)) {
				assertThat(finding.rule()).as(file.toString()).isEqualTo(SummaryTableFileReader.FILE_ENCODING);
				assertThat(finding.message()).contains("UTF-16").contains("UTF-8").contains("GBK");
			}
		}
	}

	@Test
	void binaryBytesAreStillNotACsv() throws IOException {
		byte[] bytes = new byte[4096];
		new java.util.Random(17).nextBytes(bytes);
		bytes[0] = 1;
		bytes[1] = 2;
		Path file = HostileFiles.write(dir.resolve("random.csv"), bytes);

		for (Finding finding : findings(file)) {
			assertThat(finding.rule()).isEqualTo(SummaryTableFileReader.FILE_FORMAT);
		}
	}

	/** The front door's, the summary reader's and the list reader's rejection. */
	private static List<Finding> findings(Path file) {
		List<Finding> all = new ArrayList<>();
		SubmissionFile opened = new SubmissionFiles().open(file);
		assertThat(opened).as(file.toString()).isInstanceOf(UnreadableFile.class);
		all.add(((UnreadableFile) opened).rule());
		SubmissionRead read = new SummaryTableFileReader().read(file);
		assertThat(read.findings()).hasSize(1);
		all.addAll(read.findings());
		ListFileSummary summary = new ListFileReader().read(file, new ListRowSink() {
			@Override
			public void row(ListRow row) {
			}

			@Override
			public void finding(Finding finding) {
			}
		});
		assertThat(summary.fileFindings()).hasSize(1);
		all.addAll(summary.fileFindings());
		return all;
	}

}
