package org.anjian.writers.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.anjian.warehouse.Warehouse;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feedback step's writer over a warehouse: every warned or rejected file gets its
 * workbook — several written at once — each with its own findings, all recorded in
 * {@code audit_feedback} in the order received; a workbook that cannot be written is left
 * unrecorded for the next run while the others are written and recorded.
 */
class FeedbackWriterTests {

	@TempDir
	Path dir;

	private Warehouse warehouse;

	private Path inbox;

	private Path home;

	@BeforeEach
	void open() throws IOException {
		warehouse = Warehouse.open(dir.resolve("warehouse.duckdb"));
		inbox = Files.createDirectories(dir.resolve("inbox"));
		home = Files.createDirectories(dir.resolve("home"));
	}

	@AfterEach
	void close() {
		warehouse.close();
	}

	@Test
	void everyWarnedFileGetsItsOwnWorkbookAndIsRecordedInOrder() throws Exception {
		int files = 4 * FeedbackWriter.THREADS + 1;
		for (int i = 0; i < files; i++) {
			warnedForm(i, "QC0" + (i % 3));
		}
		// one large original, whose copy is made alone after the others
		Path large = inbox.resolve("form-1.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(large))) {
			byte[] noise = new byte[(int) FeedbackWriter.ALONE_FROM_BYTES];
			new java.util.Random(1).nextBytes(noise);
			wb.addPicture(noise, org.apache.poi.ss.usermodel.Workbook.PICTURE_TYPE_PNG);
			try (OutputStream out = Files.newOutputStream(large)) {
				wb.write(out);
			}
		}
		assertThat(Files.size(large)).isGreaterThanOrEqualTo(FeedbackWriter.ALONE_FROM_BYTES);

		List<FeedbackWriter.Written> written = new FeedbackWriter(warehouse, home).writePending(inbox);

		assertThat(written).hasSize(files);
		assertThat(written).extracting(FeedbackWriter.Written::sha256).containsExactlyElementsOf(shas(files));
		for (int i = 0; i < files; i++) {
			try (XSSFWorkbook wb = open(home.resolve(written.get(i).workbookPath()))) {
				Sheet findings = wb.getSheet(FeedbackWorkbook.SHEET);
				String message = findings.getRow(FeedbackWorkbook.HEADING_ROW + 1).getCell(7).getStringCellValue();
				assertThat(message).as("file %d's own finding", i).isEqualTo("第5行 B 列：第" + i + "份的提示");
				assertThat(wb.getSheet("表").getRow(4).getCell(1).getNumericCellValue()).isEqualTo(i);
			}
		}
		assertThat(recorded()).containsExactlyElementsOf(shas(files));
		assertThat(new FeedbackWriter(warehouse, home).writePending(inbox)).as("each once").isEmpty();
	}

	@Test
	void aWorkbookThatCannotBeWrittenIsLeftForTheNextRunTheOthersAreRecorded() throws Exception {
		for (int i = 0; i < 5; i++) {
			warnedForm(i, i == 2 ? "QC9" : "QC1");
		}
		// where QC9's workbooks would go is a file: its folder cannot be made
		Files.createDirectories(home.resolve("outbox/feedback"));
		Path blocking = Files.writeString(home.resolve("outbox/feedback/QC9"), "not a folder");

		List<FeedbackWriter.Written> written = new FeedbackWriter(warehouse, home).writePending(inbox);

		List<String> others = new ArrayList<>(shas(5));
		others.remove(2);
		assertThat(written).extracting(FeedbackWriter.Written::sha256).containsExactlyElementsOf(others);
		assertThat(recorded()).containsExactlyElementsOf(others);

		Files.delete(blocking);
		assertThat(new FeedbackWriter(warehouse, home).writePending(inbox)).extracting(FeedbackWriter.Written::sha256)
			.as("tried again, alone")
			.containsExactly(sha(2));
		assertThat(recorded()).containsExactlyInAnyOrderElementsOf(shas(5));
	}

	/** A summary-like workbook received at minute {@code i}, with one warning at B5. */
	private void warnedForm(int i, String submitter) throws IOException, SQLException {
		String name = "form-" + i + ".xlsx";
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(inbox.resolve(name))) {
			Sheet sheet = wb.createSheet("表");
			sheet.createRow(0).createCell(0).setCellValue("第" + i + "份");
			sheet.createRow(4).createCell(1).setCellValue(i);
			wb.write(out);
		}
		try (Statement st = warehouse.connection().createStatement()) {
			st.execute("insert into audit_file (sha256, path, received_at, status, submitter_code, period,"
					+ " error_count, warning_count, format, ingested_at) values ('" + sha(i) + "', '" + name + "', "
					+ "timestamp '2024-05-20 08:00:00' + interval " + i + " minute, 'loaded', '" + submitter
					+ "', date '2024-05-01', 0, 1, 'xlsx', timestamp '2024-05-21 01:00:00')");
			st.execute("insert into audit_issue (sha256, issue_no, severity, rule, sheet, row_number, column_name,"
					+ " message) values ('" + sha(i) + "', 1, 'warning', 'TEST_RULE', '表', 5, 'B', '第5行 B 列：第" + i
					+ "份的提示')");
		}
	}

	private static String sha(int i) {
		return String.format("%064x", i + 1);
	}

	private static List<String> shas(int files) {
		List<String> out = new ArrayList<>();
		for (int i = 0; i < files; i++) {
			out.add(sha(i));
		}
		return out;
	}

	private List<String> recorded() throws SQLException {
		List<String> out = new ArrayList<>();
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("select a.sha256 from audit_feedback a join audit_file f using (sha256)"
					+ " order by f.received_at");
				ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return out;
	}

	private static XSSFWorkbook open(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new XSSFWorkbook(in);
		}
	}

}
