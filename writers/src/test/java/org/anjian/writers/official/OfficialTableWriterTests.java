package org.anjian.writers.official;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficialTableWriterTests {

	@TempDir
	Path dir;

	static final List<String> F000 = FormLayout.of("F-000").measureCodes();

	static final List<String> F001 = FormLayout.of("F-001").measureCodes();

	/**
	 * The transcription of seed 001 附件2's header, row by row (1-based rows as Excel shows
	 * them).
	 */
	static final Set<String> SEED_001_MERGES = Set.of("A1:V1", "A2:V2", "A3:K3", "Q3:V3", "A4:A7", "B4:B6", "C4:C6",
			"D4:D6", "E4:E6", "F4:H4", "F5:F6", "G5:G6", "H5:H6", "I4:K4", "I5:I6", "J5:J6", "K5:K6", "L5:L6", "M4:R4",
			"M5:M6", "N5:N6", "O5:O6", "P5:P6", "Q5:Q6", "R5:R6", "S4:S6", "T4:T6", "U4:V4", "U5:U6", "V5:V6");

	@Test
	void f000HeaderMergesEqualTheSampleFormsMerges() throws Exception {
		// given a sample submission in the official F-000 layout (000 附件1) and a 9-row
		// county table
		Path sample = Path.of(System.getProperty("anjian.samples"), "inbox/2024-05/新场镇5月统计表.xlsx");
		Path xlsx = dir.resolve("county.xlsx");
		// when
		new OfficialTableWriter().write(table("F-000", F000, 7), xlsx);
		// then every merged range of the form matches, footer included (the sample also
		// has 7 industry rows)
		assertThat(merges(xlsx)).isEqualTo(merges(sample));
		// and the header texts sit where the form has them
		try (Workbook ours = open(xlsx); Workbook theirs = open(sample)) {
			for (int r = 0; r < 7; r++) {
				for (int c = 0; c < 24; c++) {
					String expected = text(theirs.getSheetAt(0), r, c);
					if (r >= 3 && !expected.isEmpty()) {
						// (our wrapped header cells carry explicit line breaks)
						assertThat(text(ours.getSheetAt(0), r, c).replace("\n", "")).as("row %d col %d", r + 1, c + 1)
							.isEqualTo(expected.replace("\n", ""));
					}
				}
			}
		}
	}

	@Test
	void f001HeaderFollowsSeed001() throws Exception {
		// given
		Path xlsx = dir.resolve("f001.xlsx");
		// when
		new OfficialTableWriter().write(table("F-001", F001, 6), xlsx);
		// then
		Set<String> merges = merges(xlsx);
		merges.removeIf(m -> m.matches("[A-Z]+15:[A-Z]+15"));
		assertThat(merges).containsExactlyInAnyOrderElementsOf(SEED_001_MERGES);
		try (Workbook wb = open(xlsx)) {
			Sheet sheet = wb.getSheetAt(0);
			assertThat(text(sheet, 3, 19).replace("\n", "")).isEqualTo("进行曝光（附曝光报道记录）");
			assertThat(text(sheet, 3, 20)).isEqualTo("移交案件");
			assertThat(text(sheet, 4, 21)).isEqualTo("涉及行刑衔接");
			assertThat(text(sheet, 6, 13)).isEqualTo("万元");
		}
	}

	@Test
	void totalRowCarriesTheFiguresAsNumericCellsInTheFormsColumns() throws Exception {
		// given
		OfficialTable table = table("F-000", F000, 7);
		Path xlsx = dir.resolve("county.xlsx");
		// when
		new OfficialTableWriter().write(table, xlsx);
		// then the 合计 row (row 15 = 7 header rows + 7 industries + 1) has every figure at
		// its form column
		try (Workbook wb = open(xlsx)) {
			Sheet sheet = wb.getSheetAt(0);
			Row total = sheet.getRow(14);
			assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合  计");
			for (int i = 0; i < F000.size(); i++) {
				Cell cell = total.getCell(i + 1);
				assertThat(cell.getCellType()).as(F000.get(i)).isEqualTo(CellType.NUMERIC);
				assertThat(BigDecimal.valueOf(cell.getNumericCellValue())).as(F000.get(i))
					.isEqualByComparingTo(table.total().value(F000.get(i)));
				String format = cell.getCellStyle().getDataFormatString();
				assertThat(format).isEqualTo("fines_wan".equals(F000.get(i)) ? "0.00" : "0");
			}
			assertThat(text(sheet, 0, 0)).isEqualTo("全县安全生产“强安2024”监管执法专项行动统计汇总表");
			assertThat(text(sheet, 1, 0)).isEqualTo("（2024年4月至5月）");
			assertThat(text(sheet, 2, 0)).isEqualTo("填报单位：鹤鸣县");
			assertThat(text(sheet, 2, 17)).isEqualTo("填报时间：2024年5月22日");
			assertThat(text(sheet, 15, 0)).isEqualTo("负责人：");
		}
	}

	@Test
	void printsOnOneLandscapeA4PageInSongTypeface() throws Exception {
		// given
		Path xlsx = dir.resolve("county.xlsx");
		// when
		new OfficialTableWriter().write(table("F-000", F000, 7), xlsx);
		// then
		try (Workbook wb = open(xlsx)) {
			Sheet sheet = wb.getSheetAt(0);
			PrintSetup print = sheet.getPrintSetup();
			assertThat(print.getLandscape()).isTrue();
			assertThat(print.getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
			assertThat(sheet.getFitToPage()).isTrue();
			assertThat(print.getFitWidth()).isEqualTo((short) 1);
			assertThat(print.getFitHeight()).isEqualTo((short) 1);
			Cell header = sheet.getRow(3).getCell(1);
			assertThat(wb.getFontAt(header.getCellStyle().getFontIndex()).getFontName()).isEqualTo("宋体");
			assertThat(header.getCellStyle().getWrapText()).isTrue();
			assertThat(header.getCellStyle().getBorderTop()).isNotNull();
		}
	}

	@Test
	void neverWritesFormulasAndFlagsFormulaLikeTextAsText() throws Exception {
		// given a label and a 填报单位 that a spreadsheet would take for formulas
		OfficialTable base = table("F-000", F000, 2);
		List<OfficialRow> rows = new ArrayList<>(base.rows());
		rows.set(0, new OfficialRow("=HYPERLINK(\"http://x\",\"点我\")", base.rows().get(0).values()));
		OfficialTable table = new OfficialTable("F-000", base.title(), base.firstMonth(), base.lastMonth(), "@SUM(A1)",
				base.filledOn(), rows, base.total());
		Path xlsx = dir.resolve("injection.xlsx");
		// when
		new OfficialTableWriter().write(table, xlsx);
		// then the text is kept as submitted, as a string cell marked "text" (quote
		// prefix), and no cell is a formula
		try (Workbook wb = open(xlsx)) {
			Sheet sheet = wb.getSheetAt(0);
			Cell label = sheet.getRow(7).getCell(0);
			assertThat(label.getCellType()).isEqualTo(CellType.STRING);
			assertThat(label.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\",\"点我\")");
			assertThat(label.getCellStyle().getQuotePrefixed()).isTrue();
			assertThat(sheet.getRow(2).getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
			for (Row row : sheet) {
				for (Cell cell : row) {
					assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
				}
			}
		}
	}

	@Test
	void headerCellsRunVerticallyWhereTheSeedPrintsThemSo() throws Exception {
		for (String form : List.of("F-000", "F-001")) {
			Path xlsx = dir.resolve(form + "-vertical.xlsx");
			new OfficialTableWriter().write(table(form, FormLayout.of(form).measureCodes(), 3), xlsx);
			try (Workbook wb = open(xlsx)) {
				Sheet sheet = wb.getSheetAt(0);
				// seed 000 附件1 prints these one character under the other
				for (String cell : List.of("B4", "C4", "D4", "E4", "F5", "G5", "H5", "I5", "J5", "M5", "P5", "Q5", "R5",
						"S4")) {
					CellReference ref = new CellReference(cell);
					assertThat(sheet.getRow(ref.getRow()).getCell(ref.getCol()).getCellStyle().getRotation())
						.as(form + " " + cell)
						.isEqualTo(OfficialTableWriter.VERTICAL_TEXT);
				}
				// and these across, wrapped: the group headers, 罚款, 一案双罚、一案多罚, the
				// long 现场紧急处置 note, 行业部门
				for (String cell : List.of("A4", "F4", "I4", "L4", "L5", "M4", "N5", "O5")) {
					CellReference ref = new CellReference(cell);
					assertThat(sheet.getRow(ref.getRow()).getCell(ref.getCol()).getCellStyle().getRotation())
						.as(form + " " + cell)
						.isZero();
				}
			}
		}
	}

	@Test
	void noHeaderLineStartsWithAPunctuationMark() throws Exception {
		for (String form : List.of("F-000", "F-001")) {
			Path xlsx = dir.resolve(form + "-lines.xlsx");
			new OfficialTableWriter().write(table(form, FormLayout.of(form).measureCodes(), 3), xlsx);
			FormLayout layout = FormLayout.of(form);
			try (Workbook wb = open(xlsx)) {
				Sheet sheet = wb.getSheetAt(0);
				for (FormLayout.Header h : layout.headers()) {
					String written = text(sheet, h.range().getFirstRow(), h.range().getFirstColumn());
					assertThat(written.replace("\n", "")).isEqualTo(h.text());
					if (h.vertical()) {
						continue;
					}
					int perLine = OfficialTableWriter.charactersPerLine(layout.width(h), 10);
					for (String line : written.split("\n")) {
						assertThat(line).as(form + " " + h.range().formatAsString() + " “" + written + "”")
							.doesNotMatch("^[、，。；：？！）》」”].*")
							.doesNotMatch(".*[（《「“]$");
						assertThat(line.length()).as(line).isLessThanOrEqualTo(perLine);
					}
				}
				// the two the issue names, as the seed prints them
				assertThat(text(sheet, 4, 14)).isEqualTo("一案双\n罚、一\n案多罚");
				assertThat(text(sheet, 4, 11)).isEqualTo("含暂扣许可证、\n暂时停产停业、\n暂时停止建设\n（使用设备）、\n停止供电、停止\n使用民爆物品等\n处置措施");
			}
		}
	}

	@Test
	void lineBreakingKeepsPunctuationOffTheStartOfALine() {
		assertThat(OfficialTableWriter.breakLines("一案双罚、一案多罚", 4)).isEqualTo("一案双\n罚、一案\n多罚");
		assertThat(OfficialTableWriter.breakLines("进行曝光（附曝光报道记录）", 4)).isEqualTo("进行曝光\n（附曝光\n报道记\n录）");
		assertThat(OfficialTableWriter.breakLines("进行曝光（附曝光报道记录）", 5)).isEqualTo("进行曝光\n（附曝光报\n道记录）");
		assertThat(OfficialTableWriter.breakLines("短", 3)).isEqualTo("短");
	}

	@Test
	void periodLineSpansYearsWhenTheCampaignDoes() {
		// given
		OfficialTable table = new OfficialTable("F-000", "t", YearMonth.of(2023, 11), YearMonth.of(2024, 2), "x",
				LocalDate.of(2024, 2, 22), List.of(), new OfficialRow("合  计", Map.of()));
		// then
		assertThat(table.periodLine()).isEqualTo("（2023年11月至2024年2月）");
	}

	@Test
	void layoutUnitsAgreeWithTheMeasureCatalog() throws Exception {
		// given measures.csv, the warehouse's measure catalog
		Map<String, String> units = new LinkedHashMap<>();
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("warehouse/measures.csv")) {
			for (String line : new String(in.readAllBytes(), "UTF-8").split("\n")) {
				String[] f = line.split(",");
				units.put(f[0], f[2]);
			}
		}
		// then every form column's unit is the catalog's
		for (String form : List.of("F-000", "F-001")) {
			for (FormLayout.Measure m : FormLayout.of(form).measures()) {
				assertThat(m.unit()).as(form + " " + m.code()).isEqualTo(units.get(m.code()));
			}
		}
	}

	/** A table whose figures differ per row and column, so a misplaced figure shows. */
	static OfficialTable table(String form, List<String> measures, int industries) {
		List<OfficialRow> rows = new ArrayList<>();
		Map<String, BigDecimal> total = new LinkedHashMap<>();
		String[] names = { "应急管理", "交通运输", "住建", "市场监管", "文化旅游", "消防", "城镇燃气" };
		for (int r = 0; r < industries; r++) {
			Map<String, BigDecimal> values = new LinkedHashMap<>();
			for (int c = 0; c < measures.size(); c++) {
				BigDecimal v = "fines_wan".equals(measures.get(c)) ? new BigDecimal("1.0525").add(BigDecimal.valueOf(r))
						: BigDecimal.valueOf(r * 100L + c);
				values.put(measures.get(c), v);
				total.merge(measures.get(c), v, BigDecimal::add);
			}
			rows.add(new OfficialRow(names[r % names.length], values));
		}
		return new OfficialTable(form, "全县安全生产“强安2024”监管执法专项行动统计汇总表", YearMonth.of(2024, 4), YearMonth.of(2024, 5),
				"鹤鸣县", LocalDate.of(2024, 5, 22), rows, new OfficialRow("合  计", total));
	}

	static Workbook open(Path xlsx) throws Exception {
		return WorkbookFactory.create(xlsx.toFile(), null, true);
	}

	static Set<String> merges(Path xlsx) throws Exception {
		try (Workbook wb = open(xlsx)) {
			Set<String> out = new TreeSet<>();
			for (CellRangeAddress r : wb.getSheetAt(0).getMergedRegions()) {
				out.add(r.formatAsString());
			}
			return out;
		}
	}

	static String text(Sheet sheet, int r, int c) {
		Row row = sheet.getRow(r);
		Cell cell = row == null ? null : row.getCell(c);
		return cell == null || cell.getCellType() != CellType.STRING ? "" : cell.getStringCellValue();
	}

}
