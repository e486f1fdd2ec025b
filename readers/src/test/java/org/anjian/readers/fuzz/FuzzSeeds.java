package org.anjian.readers.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Seed files for the fuzz harnesses: the real sample inbox (samples/ at the repository
 * root, every file an .xlsx) and, made from its first file, the same table as .xls and as
 * CSV in GBK and in UTF-8 with BOM, so every reader path has a valid start.
 */
final class FuzzSeeds {

	record Seed(String name, byte[] bytes) {
	}

	private static List<Seed> seeds;

	private FuzzSeeds() {
	}

	static synchronized List<Seed> all() {
		if (seeds == null) {
			seeds = List.copyOf(load());
		}
		return seeds;
	}

	static List<Seed> xlsx() {
		return all().stream().filter(s -> s.name().endsWith(".xlsx")).toList();
	}

	private static List<Seed> load() {
		Path inbox = Path.of(System.getProperty("anjian.samples", "../samples")).resolve("inbox");
		List<Seed> out = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(inbox)) {
			for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
				out.add(new Seed(p.getFileName().toString(), Files.readAllBytes(p)));
			}
			byte[] first = out.get(0).bytes();
			out.add(new Seed("converted.xls", toXls(first)));
			String csv = toCsv(first);
			out.add(new Seed("converted-gbk.csv", csv.getBytes(Charset.forName("GBK"))));
			ByteArrayOutputStream bom = new ByteArrayOutputStream();
			bom.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
			bom.write(csv.getBytes(StandardCharsets.UTF_8));
			out.add(new Seed("converted-utf8.csv", bom.toByteArray()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("sample inbox not readable at " + inbox, ex);
		}
		return out;
	}

	/** The first sheet's values and merges copied into an HSSF workbook. */
	static byte[] toXls(byte[] xlsx) throws IOException {
		try (Workbook source = WorkbookFactory.create(new ByteArrayInputStream(xlsx));
				HSSFWorkbook target = new HSSFWorkbook();
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet from = source.getSheetAt(0);
			Sheet to = target.createSheet(from.getSheetName());
			for (Row row : from) {
				Row copy = to.createRow(row.getRowNum());
				for (Cell cell : row) {
					Cell c = copy.createCell(cell.getColumnIndex());
					CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
							: cell.getCellType();
					if (type == CellType.NUMERIC) {
						c.setCellValue(cell.getNumericCellValue());
					}
					else if (type == CellType.STRING) {
						c.setCellValue(cell.getStringCellValue());
					}
				}
			}
			for (CellRangeAddress region : from.getMergedRegions()) {
				to.addMergedRegion(region);
			}
			target.write(out);
			return out.toByteArray();
		}
	}

	/** The first sheet as RFC 4180 CSV text. */
	static String toCsv(byte[] xlsx) throws IOException {
		StringBuilder csv = new StringBuilder();
		try (Workbook source = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = source.getSheetAt(0);
			for (int r = 0; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				int last = row == null ? 0 : Math.max(0, row.getLastCellNum());
				for (int c = 0; c < last; c++) {
					if (c > 0) {
						csv.append(',');
					}
					Cell cell = row.getCell(c);
					String text = "";
					if (cell != null) {
						CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
								: cell.getCellType();
						text = type == CellType.NUMERIC ? plain(cell.getNumericCellValue())
								: type == CellType.STRING ? cell.getStringCellValue() : "";
					}
					csv.append(text.contains(",") || text.contains("\"") || text.contains("\n")
							? "\"" + text.replace("\"", "\"\"") + "\"" : text);
				}
				csv.append("\r\n");
			}
		}
		return csv.toString();
	}

	private static String plain(double value) {
		return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
	}

}
