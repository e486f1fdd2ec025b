import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.time.LocalDateTime;
import java.util.*;
import java.util.stream.*;
import org.anjian.writers.feedback.*;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** CPU ms per FeedbackWorkbook.write on the generated forms: 3 findings on cells + 1 without. */
public class FeedbackTiming {
	/** about what a generated form gets: ~22 findings, most on cells. */
	static List<FeedbackWorkbook.Item> manyItems(String s) {
		List<FeedbackWorkbook.Item> items = new ArrayList<>();
		items.add(new FeedbackWorkbook.Item(false, "LATE", null, null, null, "逾期报送", null));
		for (int i = 0; i < 21; i++) {
			items.add(new FeedbackWorkbook.Item(i == 0, "CUMULATIVE_DECREASE", s, 6 + i, String.valueOf((char) ('D' + i % 5)), "累计数小于上月累计数", null));
		}
		return items;
	}

	public static void main(String[] a) throws Exception {
		if (a.length > 2 && a[2].equals("jaxp")) {
			Class.forName("org.anjian.jobs.system.JaxpDefaults").getMethod("install").invoke(null);
		}
		List<Path> forms;
		try (Stream<Path> s = Files.walk(Path.of(a[0]))) { forms = s.filter(p -> p.toString().endsWith(".xlsx")).sorted().toList(); }
		Map<Path, String> sheet = new HashMap<>();
		for (Path f : forms) try (XSSFWorkbook wb = new XSSFWorkbook(f.toFile())) { sheet.put(f, wb.getSheetName(0)); }
		FeedbackWorkbook fw = new FeedbackWorkbook(FeedbackHints.bundled());
		Path out = Files.createTempDirectory("fbt");
		var bean = ManagementFactory.getThreadMXBean();
		int rounds = Integer.parseInt(a[1]);
		boolean many = a.length > 3 && a[3].equals("many");
		for (int r = 0; r < rounds; r++) {
			long c0 = bean.getCurrentThreadCpuTime(), t0 = System.nanoTime();
			int i = 0;
			for (Path f : forms) {
				String s = sheet.get(f);
				List<FeedbackWorkbook.Item> items = many ? manyItems(s) : List.of(
						new FeedbackWorkbook.Item(true, "R1", s, 8, "C", "本月数大于累计数", null),
						new FeedbackWorkbook.Item(false, "R2", s, 9, "D", "同比增长超过 50%", "已核实"),
						new FeedbackWorkbook.Item(false, "R3", s, 10, "E", "与上月相同", null),
						new FeedbackWorkbook.Item(false, "R4", null, null, null, "文件名不规范", null));
				fw.write(new FeedbackWorkbook.Submission(f, "xlsx", false, f.getFileName().toString(), "某单位",
						LocalDateTime.of(2024, 11, 5, 9, 0), FeedbackWorkbook.REJECTED), items, out.resolve((i++) + ".xlsx"));
			}
			System.out.printf(Locale.ROOT, "round %d: %.2f ms CPU, %.2f ms wall a workbook%n", r,
					(bean.getCurrentThreadCpuTime() - c0) / 1e6 / forms.size(), (System.nanoTime() - t0) / 1e6 / forms.size());
		}
		System.out.println("out " + out);
	}
}
