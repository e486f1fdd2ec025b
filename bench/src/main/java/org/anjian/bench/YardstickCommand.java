package org.anjian.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dhatim.fastexcel.reader.ReadableWorkbook;

/**
 * {@code yardstick --reader poi|fastexcel --path FILE_OR_DIR}: reads every .xlsx there
 * with a third-party library, every cell's text fetched, and prints the cells read — the
 * yardsticks {@link ProcessBenchCommand} times as whole processes beside anjian's
 * commands. POI's user model builds each workbook in memory (what a summary form reader
 * on POI would do); fastexcel-reader streams every sheet.
 */
public final class YardstickCommand implements AnjianCommand {

	public static final String NAME = "yardstick";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		String reader = args.required("reader");
		Path path = Path.of(args.required("path"));
		List<Path> files;
		try (Stream<Path> walk = Files.walk(path)) {
			files = walk.filter(p -> p.toString().endsWith(".xlsx")).sorted().toList();
		}
		long cells = 0;
		for (Path file : files) {
			cells += switch (reader) {
				case "poi" -> poi(file);
				case "fastexcel" -> fastexcel(file);
				default -> throw new CliArgs.UsageException("--reader 应为 poi 或 fastexcel");
			};
		}
		out.line(files.size() + " 个文件，" + cells + " 个单元格");
		return ExitCodes.OK;
	}

	private static long poi(Path file) throws Exception {
		long cells = 0;
		DataFormatter format = new DataFormatter();
		try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
			for (Sheet sheet : book) {
				for (Row row : sheet) {
					for (Cell cell : row) {
						cells += format.formatCellValue(cell).isEmpty() ? 0 : 1;
					}
				}
			}
		}
		return cells;
	}

	private static long fastexcel(Path file) throws Exception {
		long[] cells = { 0 };
		try (ReadableWorkbook book = new ReadableWorkbook(file.toFile())) {
			for (org.dhatim.fastexcel.reader.Sheet sheet : book.getSheets().toList()) {
				try (Stream<org.dhatim.fastexcel.reader.Row> rows = sheet.openStream()) {
					rows.forEach(row -> row.forEach(cell -> {
						if (cell != null && cell.getText() != null && !cell.getText().isEmpty()) {
							cells[0]++;
						}
					}));
				}
			}
		}
		return cells[0];
	}

}
