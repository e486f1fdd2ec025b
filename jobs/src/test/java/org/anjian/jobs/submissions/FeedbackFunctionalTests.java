package org.anjian.jobs.submissions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.jobs.support.offices.SpreadsheetCopies;
import org.anjian.writers.feedback.FeedbackWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.anjian.jobs.support.AnnotatedWorkbooks.cell;
import static org.anjian.jobs.support.AnnotatedWorkbooks.fill;
import static org.anjian.jobs.support.AnnotatedWorkbooks.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feedback to submitters through {@code ingest}, {@code rollup}, {@code export},
 * {@code status} and {@code explain}, on tables of the sample county changed by the test:
 * the annotated workbooks (审核意见) of a rejected .xlsx, .xls and GBK CSV read back cell by
 * cell; a 上报说明 block explaining a CUMULATIVE_DECREASE, shown as 已说明 in the roster, the
 * manifest and {@code status}; {@code explain} refusing an error; TEMPLATE_CHANGED for a
 * column renamed and one moved since the submitter's previous accepted table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackFunctionalTests {

	private static final String HYPERLINK = "=HYPERLINK(\"http://example.invalid\",\"点我\")";

	private static final String EXPLANATION = "4月聘用专家人数误报为实际人数的两倍，5月已更正";

	@TempDir
	static Path dir;

	private Path home;

	private Path inbox;

	private Path reference;

	private Path samples;

	private CliRun ingest;

	private CliRun rollup;

	/** The row (1-based) and letter of the experts figure lowered in 石门镇's May table. */
	private String loweredCell;

	@BeforeAll
	void intake() throws IOException {
		SampleCounty county = SampleCounty.load();
		reference = county.reference();
		samples = reference.resolveSibling("inbox");
		home = dir.resolve("home");
		inbox = dir.resolve("inbox");
		// 新场镇: rejected (合计 ≠ sum); as .xlsx with a cell holding formula-looking text,
		// and as .xls and GBK CSV copies
		Path xinchang = copy("2024-05/新场镇5月统计表.xlsx", "2024-05/新场镇5月统计表.xlsx", "2024-05-14T20:35:01");
		edit(xinchang, sheet -> {
			Row row = labelled(sheet, "交通运输");
			row.getCell(1).setCellValue(HYPERLINK);
			sheet.createRow(40).createCell(10).setCellFormula("1+1");
		});
		Path xls = inbox.resolve("2024-05/xls/新场镇5月统计表.xls");
		Files.createDirectories(xls.getParent());
		SpreadsheetCopies.toXls(samples.resolve("2024-05/新场镇5月统计表.xlsx"), xls);
		received(xls, "2024-05-15T09:00:00");
		Path csv = inbox.resolve("2024-05/csv/新场镇5月统计表.csv");
		Files.createDirectories(csv.getParent());
		SpreadsheetCopies.toCsv(samples.resolve("2024-05/新场镇5月统计表.xlsx"), csv, Charset.forName("GBK"));
		received(csv, "2024-05-15T10:00:00");

		// 石门镇: April accepted; May lower than April in one experts figure (explained in a
		// 上报说明 block) and its first two columns swapped
		copy("2024-04/石门镇.xlsx", "2024-04/石门镇.xlsx", "2024-04-22T11:07:05");
		Map<String, Double> aprilExperts = column(samples.resolve("2024-04/石门镇.xlsx"), "聘用安全专家");
		Path shimen = copy("2024-05/石门镇5月统计表（更正）.xlsx", "2024-05/石门镇5月统计表（更正）.xlsx", "2024-05-21T15:30:00");
		edit(shimen, sheet -> {
			int experts = columnOf(sheet, "聘用安全专家");
			String label = aprilExperts.entrySet()
				.stream()
				.filter(e -> e.getValue() > 0)
				.map(Map.Entry::getKey)
				.findFirst()
				.orElseThrow();
			Row row = labelled(sheet, label);
			double was = row.getCell(experts).getNumericCellValue();
			row.getCell(experts).setCellValue(0);
			Row total = labelled(sheet, "合计");
			total.getCell(experts).setCellValue(total.getCell(experts).getNumericCellValue() - was);
			swap(sheet, 1, 2);
			loweredCell = CellReference.convertNumToColString(experts) + (row.getRowNum() + 1);
			int last = sheet.getLastRowNum();
			sheet.createRow(last + 2).createCell(0).setCellValue("上报说明：" + EXPLANATION);
		});
		// 玉带街道: April accepted; May with 聘用安全专家 renamed to a synonym (known wording,
		// but not the previous table's) and 出动执法人员 to a wording the form does not know
		copy("2024-04/玉带街道强安2024统计汇总表（4月）.xlsx", "2024-04/玉带街道4月.xlsx", "2024-04-17T18:52:56");
		Path yudai = copy("2024-05/玉带街道5月报表.xlsx", "2024-05/玉带街道5月报表.xlsx", "2024-05-13T08:58:42");
		edit(yudai, sheet -> {
			header(sheet, "聘用安全专家").setCellValue("聘请安全专家");
			header(sheet, "出动执法人员").setCellValue("出动执法人员数");
		});

		ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString());
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		rollup = CliRun.of("rollup", "--home", home.toString(), "--reference", reference.toString(), "--campaign",
				"QA2024", "--period", "2024-05", "--kind", "cutoff");
		assertThat(rollup.exitCode()).as(rollup.toString()).isZero();
	}

	@Test
	void eachRejectedOrWarnedFileGetsItsAnnotatedWorkbookRecordedInAuditFeedback() {
		List<Map<String, Object>> feedback = WarehouseQueries.query(home, """
				select f.path, b.outcome, b.workbook_path, b.submitter_code, strftime(b.period, '%Y-%m') as period
				from audit_feedback b join audit_file f using (sha256) order by f.path""");
		assertThat(feedback).extracting(r -> r.get("path"))
			.containsExactly("2024-05/csv/新场镇5月统计表.csv", "2024-05/xls/新场镇5月统计表.xls", "2024-05/新场镇5月统计表.xlsx",
					"2024-05/玉带街道5月报表.xlsx", "2024-05/石门镇5月统计表（更正）.xlsx");
		for (Map<String, Object> row : feedback) {
			String path = (String) row.get("path");
			assertThat(row.get("outcome")).as(path)
				.isEqualTo(path.contains("新场镇") ? FeedbackWorkbook.REJECTED : FeedbackWorkbook.ACCEPTED_WITH_NOTES);
			assertThat(row.get("period")).isEqualTo("2024-05");
			assertThat((String) row.get("workbook_path")).as(path)
				.startsWith("outbox/feedback/" + row.get("submitter_code") + "/")
				.endsWith(".审核意见.xlsx");
			assertThat(home.resolve((String) row.get("workbook_path"))).isRegularFile();
		}
		assertThat((String) feedback.get(2).get("workbook_path"))
			.matches("outbox/feedback/HM04/20240514-203501-[0-9a-f]{8}-新场镇5月统计表\\.审核意见\\.xlsx");
	}

	@Test
	void theRejectedXlsxIsMarkedCellByCellKeepsItsLayoutAndRunsNothing() throws IOException {
		try (XSSFWorkbook wb = feedbackOf("2024-05/新场镇5月统计表.xlsx");
				XSSFWorkbook original = open(inbox.resolve("2024-05/新场镇5月统计表.xlsx"))) {
			assertThat(wb.getSheetName(0)).isEqualTo(FeedbackWorkbook.SHEET);
			Sheet copy = wb.getSheet(original.getSheetName(0));
			assertThat(copy.getMergedRegions())
				.containsExactlyInAnyOrderElementsOf(original.getSheetAt(0).getMergedRegions());
			DataFormatter formatter = new DataFormatter();
			for (Row row : original.getSheetAt(0)) {
				for (Cell cell : row) {
					if (cell.getCellType() != CellType.FORMULA) {
						assertThat(
								formatter.formatCellValue(copy.getRow(row.getRowNum()).getCell(cell.getColumnIndex())))
							.as(cell.getAddress().formatAsString())
							.isEqualTo(formatter.formatCellValue(cell));
					}
				}
			}
			Cell hyperlink = labelled(copy, "交通运输").getCell(1);
			assertThat(hyperlink.getCellType()).isEqualTo(CellType.STRING);
			assertThat(hyperlink.getStringCellValue()).isEqualTo(HYPERLINK);
			assertThat(formulas(wb)).as("nothing Excel would run").isEmpty();
			assertMarked(wb, "2024-05/新场镇5月统计表.xlsx");
			assertThat(rows(wb.getSheetAt(0))).anySatisfy(r -> assertThat(r).contains("NOT_A_NUMBER", HYPERLINK));
		}
	}

	@Test
	void xlsAndGbkCsvAreConvertedAndMarked() throws IOException {
		for (String path : List.of("2024-05/xls/新场镇5月统计表.xls", "2024-05/csv/新场镇5月统计表.csv")) {
			try (XSSFWorkbook wb = feedbackOf(path)) {
				assertThat(wb.getSheetName(0)).isEqualTo(FeedbackWorkbook.SHEET);
				assertThat(wb.getNumberOfSheets()).as(path).isEqualTo(2);
				Sheet copy = wb.getSheetAt(1);
				assertThat(labelled(copy, "城镇燃气")).as(path + ": the converted table holds the original rows")
					.isNotNull();
				assertThat(rows(copy).stream().anyMatch(r -> r.contains("填报单位：新场镇"))).as(path).isTrue();
				if (path.endsWith(".xls")) {
					assertThat(copy.getMergedRegions()).as("merges survive the .xls conversion").isNotEmpty();
				}
				assertMarked(wb, path);
				assertThat(rows(wb.getSheetAt(0))).anySatisfy(r -> assertThat(r).contains("TOTAL_MISMATCH", "错误"));
			}
		}
	}

	@Test
	void aWorkbookExplanationShowsAsExplainedInTheRosterTheManifestTheWorkbookAndStatus() throws IOException {
		List<Map<String, Object>> explained = WarehouseQueries.query(home,
				"""
						select e.rule, e.text, e.source, e.explained_by from audit_explanation e join audit_file f using (sha256)
						where f.path = '2024-05/石门镇5月统计表（更正）.xlsx' order by e.rule""");
		assertThat(explained).extracting(r -> r.get("rule")).contains("CUMULATIVE_DECREASE");
		assertThat(explained).allSatisfy(r -> {
			assertThat(r.get("text")).isEqualTo(EXPLANATION);
			assertThat(r.get("source")).isEqualTo("workbook");
			assertThat(r.get("explained_by")).isEqualTo("HM03");
		});
		List<Map<String, Object>> roster = WarehouseQueries.query(home,
				"select submitter_code, explanation from rollup_roster where period = date '2024-05-01' and kind = 'cutoff' order by 1");
		assertThat(roster).filteredOn(r -> "HM03".equals(r.get("submitter_code")))
			.singleElement()
			.satisfies(r -> assertThat((String) r.get("explanation")).contains("CUMULATIVE_DECREASE：" + EXPLANATION));
		assertThat(roster).filteredOn(r -> "HM02".equals(r.get("submitter_code")))
			.singleElement()
			.satisfies(r -> assertThat(r.get("explanation")).isNull());

		String manifest = Files.readString(home.resolve("outbox/QA2024/2024-05/cutoff/manifest.json"));
		assertThat(manifest).contains("\"explanations\": [")
			.contains("\"submitter_code\": \"HM03\"")
			.contains("\"rule\": \"CUMULATIVE_DECREASE\"")
			.contains("\"text\": \"" + EXPLANATION + "\"")
			.contains("\"source\": \"workbook\"");

		try (XSSFWorkbook wb = feedbackOf("2024-05/石门镇5月统计表（更正）.xlsx")) {
			assertThat(rows(wb.getSheetAt(0))).anySatisfy(r -> assertThat(r).contains("CUMULATIVE_DECREASE", "提示")
				.anyMatch(t -> t.startsWith("已说明：" + EXPLANATION)));
			Sheet copy = wb.getSheetAt(1);
			Cell lowered = cell(copy, loweredCell);
			assertThat(fill(lowered)).isEqualTo(FeedbackWorkbook.WARNING_FILL);
			assertThat(lowered.getCellComment().getString().getString()).contains("已说明：" + EXPLANATION);
		}

		CliRun export = CliRun.of("export", "--home", home.toString(), "--reference", reference.toString());
		assertThat(export.exitCode()).as(export.toString()).isZero();
		CliRun status = CliRun.of("status", "--home", home.toString(), "--reference", reference.toString());
		assertThat(status.out()).contains("已说明的提示").contains("HM03 2024-05 CUMULATIVE_DECREASE 已说明：" + EXPLANATION);
	}

	@Test
	void explainRefusesAnErrorAndRecordsAnAdvisoryFinding() {
		CliRun refused = CliRun.of("explain", "--home", home.toString(), "--reference", reference.toString(), "--file",
				"2024-05/新场镇5月统计表.xlsx", "--rule", "TOTAL_MISMATCH", "--text", "合计是对的");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(64);
		assertThat(refused.err()).contains("TOTAL_MISMATCH 是强制性审核（错误），不能用上报说明放过").contains("只有改正后重新报送的文件才能消除它");

		String sha = (String) WarehouseQueries
			.query(home, "select sha256 from audit_file where path = '2024-05/玉带街道5月报表.xlsx'")
			.get(0)
			.get("sha256");
		CliRun accepted = CliRun.of("explain", "--home", home.toString(), "--reference", reference.toString(), "--file",
				sha.substring(0, 10), "--rule", "TEMPLATE_CHANGED", "--text", "街道沿用了旧模板，下月起改用新模板", "--by", "县安委办张三");
		assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
		assertThat(accepted.out()).contains("已登记上报说明").contains("TEMPLATE_CHANGED");
		CliRun list = CliRun.of("explain", "--home", home.toString(), "--reference", reference.toString(), "--list");
		assertThat(list.out()).contains("安委办 县安委办张三").contains("街道沿用了旧模板").contains("填报单位（表内）");
		assertThat(WarehouseQueries.query(home,
				"select count(*) as n from audit_explanation where sha256 = '" + sha + "' and source = 'office'"))
			.singleElement()
			.satisfies(r -> assertThat(((Number) r.get("n")).longValue()).isEqualTo(1));
	}

	@Test
	void templateChangedNamesRenamedAndMovedHeaderCells() throws IOException {
		List<String> yudai = messages("2024-05/玉带街道5月报表.xlsx", "TEMPLATE_CHANGED");
		assertThat(yudai).anySatisfy(m -> assertThat(m).contains("表头由上次的“聘用安全专家”改为“聘请安全专家”"));
		assertThat(yudai).anySatisfy(m -> assertThat(m).contains("“出动执法人员数”").contains("规定的写法“出动执法人员”"));
		List<String> shimen = messages("2024-05/石门镇5月统计表（更正）.xlsx", "TEMPLATE_CHANGED");
		assertThat(shimen).anySatisfy(m -> assertThat(m).contains("由上次的 B 列移到了 C 列"));
		assertThat(shimen).anySatisfy(m -> assertThat(m).contains("由上次的 C 列移到了 B 列"));
		assertThat(WarehouseQueries.query(home,
				"select status from audit_file where path in ('2024-05/玉带街道5月报表.xlsx', '2024-05/石门镇5月统计表（更正）.xlsx')"))
			.allSatisfy(r -> assertThat(r.get("status")).as("advisory: the tables load").isEqualTo("loaded"));
		try (XSSFWorkbook wb = feedbackOf("2024-05/玉带街道5月报表.xlsx")) {
			assertMarked(wb, "2024-05/玉带街道5月报表.xlsx");
		}
	}

	// ---- checks

	/**
	 * Every finding with a cell is marked there: red or yellow, its message in the
	 * comment.
	 */
	private void assertMarked(XSSFWorkbook wb, String path) {
		List<Map<String, Object>> issues = WarehouseQueries.query(home, """
				select i.severity, i.sheet, i.row_number, i.column_name, i.message from audit_issue i
				join audit_file f using (sha256) where f.path = '%s' order by issue_no""".formatted(path));
		assertThat(issues).as(path).isNotEmpty();
		int marked = 0;
		for (Map<String, Object> issue : issues) {
			String column = (String) issue.get("column_name");
			if (issue.get("row_number") == null || column == null || !column.matches("[A-Z]{1,3}")) {
				continue;
			}
			Cell cell = cell(wb.getSheet((String) issue.get("sheet")), column + issue.get("row_number"));
			String where = path + " " + column + issue.get("row_number");
			boolean error = "error".equals(issue.get("severity"));
			if (error) {
				assertThat(fill(cell)).as(where).isEqualTo(FeedbackWorkbook.ERROR_FILL);
			}
			else {
				assertThat(fill(cell)).as(where).isIn(FeedbackWorkbook.WARNING_FILL, FeedbackWorkbook.ERROR_FILL);
			}
			assertThat(cell.getCellComment()).as(where).isNotNull();
			assertThat(cell.getCellComment().getString().getString()).as(where).contains((String) issue.get("message"));
			marked++;
		}
		assertThat(marked).as(path + ": cells marked").isPositive();
		assertThat(rows(wb.getSheetAt(0)).stream().filter(r -> r.size() > 7 && r.get(0).matches("\\d+")).count())
			.as(path + ": one 审核意见 row per finding")
			.isEqualTo(issues.size());
	}

	private XSSFWorkbook feedbackOf(String path) throws IOException {
		List<Map<String, Object>> rows = WarehouseQueries.query(home,
				"select b.workbook_path from audit_feedback b join audit_file f using (sha256) where f.path = '" + path
						+ "'");
		assertThat(rows).as(path).hasSize(1);
		return open(home.resolve((String) rows.get(0).get("workbook_path")));
	}

	private List<String> messages(String path, String rule) {
		return WarehouseQueries.query(home, """
				select i.message from audit_issue i join audit_file f using (sha256)
				where f.path = '%s' and i.rule = '%s' order by issue_no""".formatted(path, rule))
			.stream()
			.map(r -> (String) r.get("message"))
			.toList();
	}

	private static List<String> formulas(XSSFWorkbook wb) {
		List<String> out = new ArrayList<>();
		for (Sheet sheet : wb) {
			for (Row row : sheet) {
				for (Cell cell : row) {
					if (cell.getCellType() == CellType.FORMULA) {
						out.add(sheet.getSheetName() + "!" + cell.getAddress());
					}
				}
			}
		}
		return out;
	}

	// ---- making the inbox

	private interface SheetEdit {

		void apply(Sheet sheet) throws IOException;

	}

	private Path copy(String sample, String target, String receivedAt) throws IOException {
		Path to = inbox.resolve(target);
		Files.createDirectories(to.getParent());
		Files.copy(samples.resolve(sample), to);
		received(to, receivedAt);
		return to;
	}

	private static void received(Path file, String at) throws IOException {
		Files.setLastModifiedTime(file,
				FileTime.from(LocalDateTime.parse(at).atZone(SampleCounty.SHANGHAI).toInstant()));
	}

	private static void edit(Path file, SheetEdit edit) throws IOException {
		FileTime mtime = Files.getLastModifiedTime(file);
		try (XSSFWorkbook wb = open(file)) {
			edit.apply(wb.getSheetAt(0));
			try (OutputStream out = Files.newOutputStream(file)) {
				wb.write(out);
			}
		}
		Files.setLastModifiedTime(file, mtime);
	}

	private static XSSFWorkbook open(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new XSSFWorkbook(in);
		}
	}

	private static String squeeze(String text) {
		return text.replaceAll("\\s", "");
	}

	/** The row whose first cell reads {@code label} (spaces ignored), or null. */
	private static Row labelled(Sheet sheet, String label) {
		for (Row row : sheet) {
			Cell first = row.getCell(0);
			if (first != null && first.getCellType() == CellType.STRING
					&& squeeze(first.getStringCellValue()).equals(label)) {
				return row;
			}
		}
		return null;
	}

	private static Cell header(Sheet sheet, String text) {
		for (Row row : sheet) {
			for (Cell cell : row) {
				if (cell.getCellType() == CellType.STRING && squeeze(cell.getStringCellValue()).equals(text)) {
					return cell;
				}
			}
		}
		throw new IllegalStateException("no header " + text);
	}

	private static int columnOf(Sheet sheet, String text) {
		return header(sheet, text).getColumnIndex();
	}

	/** label → the figure under the header {@code text}, for the rows with a label. */
	private static Map<String, Double> column(Path file, String text) throws IOException {
		Map<String, Double> out = new java.util.LinkedHashMap<>();
		try (XSSFWorkbook wb = open(file)) {
			Sheet sheet = wb.getSheetAt(0);
			int column = columnOf(sheet, text);
			for (Row row : sheet) {
				Cell label = row.getCell(0);
				Cell value = row.getCell(column);
				if (label != null && label.getCellType() == CellType.STRING && value != null
						&& value.getCellType() == CellType.NUMERIC
						&& !squeeze(label.getStringCellValue()).equals("合计")) {
					out.put(squeeze(label.getStringCellValue()), value.getNumericCellValue());
				}
			}
		}
		return out;
	}

	/** Swaps two whole columns: values and styles, header included. */
	private static void swap(Sheet sheet, int a, int b) {
		for (Row row : sheet) {
			Cell x = row.getCell(a);
			Cell y = row.getCell(b);
			if (x == null || y == null) {
				continue;
			}
			DataFormatter formatter = new DataFormatter();
			Object xv = x.getCellType() == CellType.NUMERIC ? (Object) x.getNumericCellValue()
					: formatter.formatCellValue(x);
			Object yv = y.getCellType() == CellType.NUMERIC ? (Object) y.getNumericCellValue()
					: formatter.formatCellValue(y);
			set(x, yv);
			set(y, xv);
		}
	}

	private static void set(Cell cell, Object value) {
		if (value instanceof Double d) {
			cell.setCellValue(d);
		}
		else {
			cell.setCellValue((String) value);
		}
	}

}
