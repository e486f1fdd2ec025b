package org.anjian.readers.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.grid.CellRange;
import org.anjian.readers.grid.Grid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OOXML quirks the streaming xlsx reader must understand, each written by hand as
 * some producer writes it.
 */
class XlsxWorkbookTests {

	@TempDir
	Path dir;

	/** Every row as "rowNumber:cell|cell|…" (hidden rows marked with h). */
	static List<String> rows(Path file, int sheet) throws Exception {
		List<String> out = new ArrayList<>();
		try (SpreadsheetSource source = SpreadsheetSources.open(file);
				RowSource rows = source.open(source.sheets().get(sheet))) {
			while (rows.next()) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < rows.width(); c++) {
					cells.add(rows.text(c));
				}
				out.add((rows.rowIndex() + 1) + (rows.rowHidden() ? "h" : "") + ":" + String.join("|", cells));
			}
		}
		return out;
	}

	@Test
	void sharedStringsWithRichTextAndPhoneticsVersusInlineStrings() throws Exception {
		Path file = new XlsxParts()
			.sharedStrings("<si><t>企业名称</t></si>"
					+ "<si><r><rPr><b/></rPr><t>新场</t></r><r><t xml:space=\"preserve\">五金厂 </t></r></si>"
					+ "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh></si><si><t>行1_x000D_行2</t></si>")
			.sheet("台账", null, XlsxParts.worksheet("",
					"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>隐患描述</t></is></c></row>"
							+ "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><r><t>通道</t></r><r><t>堵塞</t></r></is></c></row>"
							+ "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" t=\"s\"><v>3</v></c></row>",
					""))
			.write(dir.resolve("strings.xlsx"));

		assertThat(rows(file, 0)).containsExactly("1:企业名称|隐患描述", "2:新场五金厂 |通道堵塞", "3:漢字|行1\r行2");
	}

	@Test
	void numbersBooleansErrorsFormulaResultsAndDates() throws Exception {
		Path file = new XlsxParts().styles(
				"<numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
						+ "<numFmt numFmtId=\"177\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/>",
				"<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/><xf numFmtId=\"177\"/><xf numFmtId=\"31\"/>")
			.sheet("数", null, XlsxParts.worksheet("", "<row r=\"1\">"
					+ "<c r=\"A1\"><v>12</v></c><c r=\"B1\"><v>1.0</v></c><c r=\"C1\"><v>21.099999999999998</v></c>"
					+ "<c r=\"D1\"><v>1E-3</v></c><c r=\"E1\"><v>1.5E+20</v></c><c r=\"F1\"><v>-0.5</v></c>"
					+ "<c r=\"G1\" t=\"b\"><v>1</v></c><c r=\"H1\" t=\"e\"><v>#DIV/0!</v></c>"
					+ "<c r=\"I1\" t=\"str\"><f>A1&amp;\"项\"</f><v>12项</v></c><c r=\"J1\"><f>A1*2</f><v>24</v></c></row>"
					+ "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45415</v></c><c r=\"B2\" s=\"2\"><v>45415.75</v></c>"
					+ "<c r=\"C2\" s=\"3\"><v>45415</v></c><c r=\"D2\" s=\"4\"><v>45415</v></c>"
					+ "<c r=\"E2\" t=\"d\"><v>2024-05-03T00:00:00</v></c><c r=\"F2\" s=\"1\"/></row>", ""))
			.write(dir.resolve("numbers.xlsx"));

		assertThat(rows(file, 0)).containsExactly("1:12|1|21.1|0.001|150000000000000000000|-0.5|TRUE|#DIV/0!|12项|24",
				"2:2024-05-03|2024-05-03|45415|2024-05-03|2024-05-03");
	}

	@Test
	void cellsAndRowsWithoutReferencesSparseRowsAndHiddenRows() throws Exception {
		Path file = new XlsxParts().sheet("稀疏", null,
				XlsxParts.worksheet("",
						"<row><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c></row>"
								+ "<row><c><v>1</v></c><c r=\"E2\"><v>5</v></c><c><v>6</v></c></row>"
								+ "<row r=\"7\" hidden=\"1\"><c r=\"B7\"><v>7</v></c></row>"
								+ "<row><c r=\"C8\"><v>8</v></c></row>",
						""))
			.write(dir.resolve("sparse.xlsx"));

		assertThat(rows(file, 0)).containsExactly("1:a|b", "2:1||||5|6", "7h:|7", "8:||8");
	}

	@Test
	void prefixedElementsSheetOrderVisibilityAndMergedCellsIntoAGrid() throws Exception {
		String prefixed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><x:worksheet xmlns:x=\"" + XlsxParts.MAIN
				+ "\"><x:cols><x:col min=\"3\" max=\"3\" hidden=\"1\"/></x:cols><x:sheetData>"
				+ "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>发现隐患数量</x:t></x:is></x:c></x:row>"
				+ "<x:row r=\"2\"><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t>总计</x:t></x:is></x:c><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>重大</x:t></x:is></x:c></x:row>"
				+ "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"A1:B1\"/></x:mergeCells></x:worksheet>";
		Path file = new XlsxParts().sheet("封面", "hidden", XlsxParts.worksheet("", "", ""))
			.sheet("汇总", null, prefixed)
			.write(dir.resolve("prefixed.xlsx"));

		try (SpreadsheetSource source = SpreadsheetSources.open(file)) {
			assertThat(source.format()).isEqualTo("xlsx");
			assertThat(source.sheets()).containsExactly(new SheetInfo(0, "封面", true), new SheetInfo(1, "汇总", false));
			try (RowSource rows = source.open(source.sheets().get(1))) {
				Grid grid = Grids.read(rows);
				assertThat(grid.name()).isEqualTo("汇总");
				assertThat(grid.shownText(0, 1)).isEqualTo("发现隐患数量");
				assertThat(grid.mergedRegions()).containsExactly(new CellRange(0, 0, 0, 1));
				assertThat(grid.isColumnHidden(2)).isTrue();
				assertThat(grid.text(1, 1)).isEqualTo("重大");
			}
		}
	}

	@Test
	void externalEntitiesAreNeverResolved() throws Exception {
		Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
		String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY e SYSTEM \""
				+ secret.toUri() + "\">]><worksheet xmlns=\"" + XlsxParts.MAIN + "\"><sheetData>"
				+ "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>";
		Path file = new XlsxParts().sheet("x", null, sheet).write(dir.resolve("xxe.xlsx"));

		List<String> read = new ArrayList<>();
		try {
			read.addAll(rows(file, 0));
		}
		catch (IOException | org.anjian.readers.grid.GridReadException ex) {
			// refusing the document is fine too
		}
		assertThat(read).noneMatch(row -> row.contains("TOP-SECRET"));
	}

	@Test
	void aTruncatedSheetFailsWhereItBreaksNotBefore() throws Exception {
		StringBuilder data = new StringBuilder();
		for (int r = 1; r <= 50; r++) {
			data.append("<row r=\"")
				.append(r)
				.append("\"><c r=\"A")
				.append(r)
				.append("\"><v>")
				.append(r)
				.append("</v></c></row>");
		}
		String broken = XlsxParts.worksheet("", data.toString(), "").replace("</sheetData>", "<row r=\"51\"><c");
		Path file = new XlsxParts().sheet("断", null, broken).write(dir.resolve("broken.xlsx"));

		try (SpreadsheetSource source = SpreadsheetSources.open(file);
				RowSource rows = source.open(source.sheets().get(0))) {
			int read = 0;
			while (read < 50 && rows.next()) {
				read++;
			}
			assertThat(read).isEqualTo(50);
			assertThat(rows.text(0)).isEqualTo("50");
			assertThatThrownBy(rows::next).isInstanceOf(IOException.class);
		}
	}

}
