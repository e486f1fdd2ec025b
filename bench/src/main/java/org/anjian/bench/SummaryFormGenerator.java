package org.anjian.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.anjian.jobs.demo.DemoFigures;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.writers.official.OfficialRow;
import org.anjian.writers.official.OfficialTable;
import org.anjian.writers.official.OfficialTableWriter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Generates N distinct summary-form files (统计汇总表) of a deployment's F-000 campaign, as an
 * office's inbox receives them over a campaign: every submitter's table for every month,
 * sent again and again as corrected versions (each later one supersedes the one before),
 * figures drawn anew for every file. Each file carries some of the layout quirks the
 * readers accept — header wording variants (发现隐患（项）, 行政处罚情况, 检查企业（单位）数 …), 合计 written 总计
 * or 全县合计, the submitter by an alias, spaces typed inside headers — and texts of
 * different shapes: the same title in most files, a unique long 备注 description in some.
 * Seeded: the same files every time.
 */
public final class SummaryFormGenerator {

	/**
	 * Header and label rewrites a clerk's copy of the form may carry (original →
	 * variant).
	 */
	private static final List<Map<String, String>> QUIRKS = List.of(Map.of(),
			Map.of("发现隐患数量", "发现隐患（项）", "已整改隐患数量", "整改隐患", "合  计", "总计"),
			Map.of("行政处罚", "行政处罚情况", "检查企业数量", "检查企业（单位）数", "行业部门", "行业领域"),
			Map.of("派出检查小组", "派出检查组", "出动执法人员", "出动执法检查人员（人次）", "总计", "合计", "合  计", "全县合计"),
			Map.of("联合惩戒", "联合　惩戒", "下达执法文书", "下达执法\n文书", "企业自查情况", "企业自查"));

	private static final String[] REMARK_WORDS = { "本月重点检查了", "危险化学品经营单位", "建筑施工工地", "人员密集场所", "小微企业", "消防通道堵塞",
			"特种作业人员无证上岗", "应急预案未演练", "安全培训记录不全", "已责令限期整改", "复查时已整改完毕", "部分企业停产未检查", "联合住建、市场监管部门", "夜查行动", "交叉检查",
			"暗查暗访" };

	private final ReferenceData reference;

	private final Random random;

	private final DemoFigures figures;

	private final OfficialTableWriter writer = new OfficialTableWriter();

	public SummaryFormGenerator(ReferenceData reference, long seed) {
		this.reference = reference;
		this.random = new Random(seed);
		this.figures = new DemoFigures(random);
	}

	/** What was written. */
	public record Forms(int files, long bytes, int quirked, int remarks) {
	}

	/**
	 * Writes {@code count} files under {@code inbox/<month>/}: submitter after submitter,
	 * month after month of the campaign, round after round of corrected versions.
	 */
	public Forms write(Path inbox, int count) throws IOException {
		Campaign campaign = reference.campaigns()
			.stream()
			.filter(c -> "F-000".equals(c.form()))
			.reduce((a, b) -> b)
			.orElseThrow(() -> new IllegalArgumentException("参照数据没有 F-000 的专项行动"));
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth m = campaign.firstMonth(); !m.isAfter(campaign.lastMonth()); m = m.plusMonths(1)) {
			months.add(m);
		}
		List<Submitter> submitters = reference.submitters();
		long bytes = 0;
		int quirked = 0;
		int remarks = 0;
		for (int i = 0; i < count; i++) {
			Submitter s = submitters.get(i % submitters.size());
			int slot = i / submitters.size();
			YearMonth month = months.get(slot % months.size());
			int version = slot / months.size();
			Map<String, String> quirk = QUIRKS.get(random.nextInt(QUIRKS.size()));
			boolean alias = !s.aliases().isEmpty() && random.nextInt(3) == 0;
			String remark = random.nextInt(4) == 0 ? remark(i) : null;
			quirked += quirk.isEmpty() && !alias ? 0 : 1;
			remarks += remark == null ? 0 : 1;
			Path folder = Files.createDirectories(inbox.resolve(month.toString()));
			Path file = folder.resolve(s.name() + month.getMonthValue() + "月统计表"
					+ (version == 0 ? "" : "（第" + (version + 1) + "版）") + ".xlsx");
			write(file, campaign, month, s, alias ? s.aliases().get(0) : s.name(), quirk, remark);
			// received in order: a later version is a correction of the one before
			LocalDateTime received = month.plusMonths(1).atDay(1).atTime(8, 0).plusMinutes(7L * version + i % 60);
			Files.setLastModifiedTime(file, FileTime.from(received.atZone(OfficeTime.ZONE).toInstant()));
			bytes += Files.size(file);
		}
		return new Forms(count, bytes, quirked, remarks);
	}

	private void write(Path file, Campaign campaign, YearMonth month, Submitter s, String shownName,
			Map<String, String> quirk, String remark) throws IOException {
		List<Industry> all = reference.industries();
		int from = random.nextInt(all.size());
		int n = "department".equals(s.kind()) ? 2 : 4 + random.nextInt(Math.max(1, all.size() - 4));
		List<OfficialRow> rows = new ArrayList<>();
		Map<String, BigDecimal> total = new LinkedHashMap<>();
		for (int k = 0; k < Math.min(n, all.size()); k++) {
			Map<String, BigDecimal> values = figures.month(campaign.form());
			rows.add(new OfficialRow(all.get((from + k) % all.size()).name(), values));
			values.forEach((code, v) -> total.merge(code, v, BigDecimal::add));
		}
		OfficialTable table = new OfficialTable(campaign.form(),
				"全县安全生产“" + campaign.titleKeywords().get(0) + "”监管执法专项行动统计汇总表", campaign.firstMonth(), month, shownName,
				month.plusMonths(1).atDay(1), rows, new OfficialRow("合  计", total));
		writer.write(table, file);
		if (!quirk.isEmpty() || remark != null) {
			rewrite(file, quirk, remark);
		}
	}

	/** The clerk's own edits to the official layout. */
	private static void rewrite(Path file, Map<String, String> quirk, String remark) throws IOException {
		XSSFWorkbook book;
		try (InputStream in = Files.newInputStream(file)) {
			book = new XSSFWorkbook(in);
		}
		try (book) {
			Sheet sheet = book.getSheetAt(0);
			for (Row row : sheet) {
				for (Cell cell : row) {
					if (cell.getCellType() == CellType.STRING) {
						String text = cell.getStringCellValue();
						String variant = quirk.get(text);
						if (variant == null && text.contains("\n")) {
							// a vertical header as the layout prints it, one character a
							// line
							variant = quirk.get(text.replace("\n", ""));
						}
						if (variant != null) {
							cell.setCellValue(variant);
						}
					}
				}
			}
			if (remark != null) {
				Row row = sheet.createRow(sheet.getLastRowNum() + 2);
				row.createCell(0).setCellValue("备注：" + remark);
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				book.write(out);
			}
		}
	}

	/** A unique long description: the kind of 备注 a clerk types under a table. */
	private String remark(int i) {
		StringBuilder text = new StringBuilder("第" + (i + 1) + "份：");
		int words = 8 + random.nextInt(30);
		for (int w = 0; w < words; w++) {
			text.append(REMARK_WORDS[random.nextInt(REMARK_WORDS.length)]).append(w % 4 == 3 ? "。" : "，");
		}
		return text.append("共").append(random.nextInt(500)).append("家。").toString();
	}

}
