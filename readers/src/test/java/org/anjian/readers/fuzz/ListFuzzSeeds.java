package org.anjian.readers.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.lists.ListKind;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Small ledgers of every {@link ListKind} (a title, a 填报单位 line, the header, three rows:
 * good, one with row errors, one with warnings) as .xlsx, .xls and CSV (UTF-8 with BOM,
 * GBK), so every list-reader path has a valid start. Made in memory (a few KB each); the
 * same bytes are committed as the Jazzer seed corpus (see {@link #main}).
 */
final class ListFuzzSeeds {

	private static List<FuzzSeeds.Seed> seeds;

	private ListFuzzSeeds() {
	}

	/**
	 * Rows of one small list per kind: title, 填报单位, header, data. Numbers stay numbers,
	 * dates are text or numbers.
	 */
	static List<Object[]> rows(ListKind kind) {
		return switch (kind) {
			case HAZARD_LEDGER -> List.of(new Object[] { "新场镇隐患排查治理台账" }, new Object[] { "填报单位：新场镇安委办" },
					new Object[] { "序号", "企业名称", "统一社会信用代码", "所属乡镇（街道）", "行业类别", "隐患描述", "隐患等级", "发现日期", "隐患来源", "整改措施",
							"责任人", "整改资金（万元）", "整改期限", "整改状态", "整改完成日期", "应急预案", "备注" },
					new Object[] { 1, "福州某某化工有限公司", "91350100M000100Y43", "新场镇", "化工", "消防通道堆放杂物", "一般", "2024-05-03",
							"自查", "清理通道", "张三", 1.5, "2024-06-30", "已整改", "2024.5.9", "有", "" },
					new Object[] { 2, "", "913501", "新场镇", "工贸", "配电箱无门", "特大", "5月", "检查", "", "", -3, "", "整改中",
							"2024-01-01", "", "" },
					new Object[] { 3, "新场五金厂", "", "新场镇", "", "粉尘未清理", "重大", 45420, "执法检查", "清扫", "李四", "一万",
							"2024-04-01", "未整改", "", "无", "注：复查" },
					new Object[] { "填报人：王五" });
			case INSPECTION_RECORD ->
				List.of(new Object[] { "“强安2024”监管执法专项行动情况统计表（一）" }, new Object[] { "填报单位（盖章）：市应急管理局" },
						new Object[] { "序号", "受检企业(单位)名称", "检查时间", "执法人员", "安全生产违法行为(隐患)", "完成整改情况", "立案案号", "罚款金额(万)",
								"处罚依据", "其他措施", "备注" },
						new Object[] { 1, "福州某某化工有限公司", "2024年5月8日", "李四、王五", "1. 未培训；2. 无台账", "已整改", "榕应急罚〔2024〕1号",
								2.5, "《安全生产法》第九十七条", "", "" },
						new Object[] { 2, "新场五金厂", "昨天", "李四", "未发现违法行为", "", "", "x", "", "", "" },
						new Object[] { "注：本表按月报送" });
			case ENTERPRISE_DIRECTORY -> List.of(new Object[] { "新场镇安全生产重点检查企业名录库" },
					new Object[] { "序号", "企业名称", "统一社会信用代码", "行业类别", "所属乡镇", "主要风险", "备注" },
					new Object[] { 1, "福州某某化工有限公司", "91350100M000100Y43", "危险化学品", "新场镇", "火灾、爆炸、中毒", "" },
					new Object[] { 2, "", "91350100M000100Y4X", "工贸", "新场镇", "粉尘爆炸", "" },
					new Object[] { 3, "新场建材有限公司", "", "工贸", "", "", "双随机" });
			case LIAISON_LIST -> List.of(new Object[] { "专职联络员统计表" }, new Object[] { "填报单位：新场镇" },
					new Object[] { "序号", "姓名", "性别", "工作单位及职务", "手机号码", "备注" },
					new Object[] { 1, "张三", "男", "新场镇安监站 站长", "138 0013 8000", "" },
					new Object[] { 2, "李四", "女", "新场镇应急办 科员", 13900139000.0, "" },
					new Object[] { 3, "", "", "", "12345", "" });
		};
	}

	static synchronized List<FuzzSeeds.Seed> all() {
		if (seeds == null) {
			List<FuzzSeeds.Seed> out = new ArrayList<>();
			try {
				for (ListKind kind : ListKind.values()) {
					List<Object[]> rows = rows(kind);
					out.add(new FuzzSeeds.Seed(kind.code() + ".xlsx", workbook(new XSSFWorkbook(), rows)));
					out.add(new FuzzSeeds.Seed(kind.code() + ".xls", workbook(new HSSFWorkbook(), rows)));
					out.add(new FuzzSeeds.Seed(kind.code() + "-utf8.csv", csv(rows, StandardCharsets.UTF_8, true)));
					out.add(new FuzzSeeds.Seed(kind.code() + "-gbk.csv", csv(rows, Charset.forName("GBK"), false)));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			seeds = List.copyOf(out);
		}
		return seeds;
	}

	static List<FuzzSeeds.Seed> xlsx() {
		return all().stream().filter(s -> s.name().endsWith(".xlsx")).toList();
	}

	static byte[] workbook(Workbook workbook, List<Object[]> rows) throws IOException {
		Sheet sheet = workbook.createSheet("清单");
		CellStyle dateStyle = workbook.createCellStyle();
		dateStyle.setDataFormat((short) 14);
		for (int r = 0; r < rows.size(); r++) {
			Row row = sheet.createRow(r);
			Object[] values = rows.get(r);
			for (int c = 0; c < values.length; c++) {
				Object value = values[c];
				if (value == null || "".equals(value)) {
					continue;
				}
				Cell cell = row.createCell(c);
				if (value instanceof Integer serial && serial > 40000) {
					cell.setCellValue(serial.doubleValue()); // an Excel date serial with
																// a date format
					cell.setCellStyle(dateStyle);
				}
				else if (value instanceof Number number) {
					cell.setCellValue(number.doubleValue());
				}
				else {
					cell.setCellValue(value.toString());
				}
			}
		}
		try (workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.write(out);
			return out.toByteArray();
		}
	}

	static byte[] csv(List<Object[]> rows, Charset charset, boolean bom) {
		StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
		for (Object[] values : rows) {
			for (int c = 0; c < values.length; c++) {
				Object value = values[c];
				String field = value == null ? "" : value instanceof Double d && d == Math.rint(d)
						? String.valueOf(d.longValue()) : value.toString();
				text.append(c == 0 ? "" : ",")
					.append(field.contains(",") || field.contains("\"") || field.contains("\n")
							? "\"" + field.replace("\"", "\"\"") + "\"" : field);
			}
			text.append("\r\n");
		}
		return text.toString().getBytes(charset);
	}

	/**
	 * Writes the seed corpus of {@link ListFileReaderFuzzTests}: {@code anyFile/} every
	 * seed as is, {@code csvText/} each list's CSV text as UTF-8 with a trailing 0 byte
	 * (the provider's encoding choice is read from the end). Run once from the IDE or
	 * with exec; the committed files are the output.
	 */
	public static void main(String[] args) throws IOException {
		java.nio.file.Path root = java.nio.file.Path
			.of(args.length > 0 ? args[0] : "src/test/resources/org/anjian/readers/fuzz/ListFileReaderFuzzTestsInputs");
		java.nio.file.Files.createDirectories(root.resolve("anyFile"));
		java.nio.file.Files.createDirectories(root.resolve("csvText"));
		java.nio.file.Files.createDirectories(root.resolve("xlsxPart"));
		for (FuzzSeeds.Seed seed : all()) {
			java.nio.file.Files.write(root.resolve("anyFile").resolve("seed-" + seed.name()), seed.bytes());
		}
		for (ListKind kind : ListKind.values()) {
			byte[] text = csv(rows(kind), StandardCharsets.UTF_8, false);
			byte[] withChoice = java.util.Arrays.copyOf(text, text.length + 1);
			java.nio.file.Files.write(root.resolve("csvText").resolve("seed-" + kind.code()), withChoice);
		}
		// xlsxPart: which seed, which part, how: an empty input keeps every part as it is
		// (provider gives 0s)
		java.nio.file.Files.write(root.resolve("xlsxPart").resolve("seed-empty-fuzz"), new byte[0]);
	}

}
