package org.anjian.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.WarehouseQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} as a user runs it on a fresh machine — only {@code --home}, the bundled
 * demo county — then once more on the same home: what it prints, what it leaves where it
 * says, and that the second run adds nothing.
 */
class DemoCommandSmokeTests {

	private static final String FILES_BY_STATUS = "select status, count(*) as files from audit_file group by status order by status";

	private static final String LEDGER = "select sha256, path, status, ingested_at from audit_file order by path";

	@TempDir
	Path tmp;

	@Test
	void demoLoadsTheDemoCountyRollsUpTwoMonthsExportsAndASecondRunChangesNothing() throws Exception {
		// given a home that does not exist yet
		Path home = tmp.resolve("anjian-data");

		// when
		CliRun first = CliRun.of("demo", "--home", home.toString());

		// then it ran end to end and said what happened to the 22 generated files
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.err()).as(first.toString()).isBlank();
		assertThat(first.out()).contains("已生成演示收件箱（青川县，强安2024监管执法专项行动）：" + home.resolve("demo-inbox"))
			.contains("入库完成：处理文件 22 个（入库 19，已被更正版本取代 1，重复 1，拒收 1），跳过 0 个（留待下次运行）")
			.contains("rejected   2024-05/青溪镇5月统计表.xlsx")
			.contains("第13行“合计”F列（发现隐患数量/总计）：157 ≠ 各行之和 152")
			.contains("汇总完成：强安2024监管执法专项行动 2024-04 截止日汇总", "汇总完成：强安2024监管执法专项行动 2024-04 月末汇总",
					"汇总完成：强安2024监管执法专项行动 2024-05 截止日汇总", "汇总完成：强安2024监管执法专项行动 2024-05 月末汇总")
			.contains("演示完成。结果在：")
			.contains("数据仓库   " + home.resolve("warehouse.duckdb"))
			.contains("上报表     " + home.resolve("outbox"))
			.contains("导出       " + home.resolve("exports"))
			.contains("分析快照   " + home.resolve("analyst").resolve("anjian.duckdb"));

		// and the warehouse keeps every file with its ending, the rollups of both months
		// and their 催报 rosters
		assertThat(WarehouseQueries.query(home, FILES_BY_STATUS)).containsExactly(row("duplicate", 1L),
				row("loaded", 19L), row("rejected", 1L), row("superseded", 1L));
		assertThat(WarehouseQueries.query(home,
				"select distinct kind || ' ' || strftime(period, '%Y-%m') as r from rollup_roster order by 1"))
			.extracting(r -> r.get("r"))
			.containsExactly("cutoff 2024-04", "cutoff 2024-05", "month-end 2024-04", "month-end 2024-05");

		// and the outbox, the exports and the analysts' snapshot are where it said
		for (String month : List.of("2024-04", "2024-05")) {
			for (String kind : List.of("cutoff", "month-end")) {
				Path folder = home.resolve("outbox/QA2024").resolve(month).resolve(kind);
				assertThat(folder.resolve("manifest.json")).isRegularFile();
				assertThat(folder.resolve("青川县-QA2024-" + month + "-" + kind + ".xlsx")).isRegularFile()
					.isNotEmptyFile();
			}
			assertThat(home.resolve("exports/fact_submission_line/period=" + month + "-01/data.parquet"))
				.isNotEmptyFile();
			assertThat(home.resolve("exports/rollup_cutoff/period=" + month + "-01/data.parquet")).isNotEmptyFile();
		}
		assertThat(home.resolve("exports/csv/rollup_cutoff.csv")).isNotEmptyFile();
		assertThat(home.resolve("exports/csv/rollup_month_end.csv")).isNotEmptyFile();
		assertThat(home.resolve("analyst/data_dictionary.md")).isNotEmptyFile();
		assertThat(snapshotFiles(home.resolve("analyst/anjian.duckdb"))).isEqualTo(22L);

		// when demo runs again on the same home
		List<Map<String, Object>> ledger = WarehouseQueries.query(home, LEDGER);
		List<Map<String, Object>> lines = WarehouseQueries.query(home,
				"select sha256, row_number from land_submission_line order by all");
		List<Map<String, Object>> cutoff = WarehouseQueries.query(home,
				"select * from rollup_cutoff order by campaign, period, region_code, industry_code");
		List<String> outbox = files(home.resolve("outbox"));
		CliRun second = CliRun.of("demo", "--home", home.toString());

		// then it reuses the inbox, finds nothing new, and the warehouse, rollups and
		// outbox are as they were
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("演示收件箱已存在，沿用：" + home.resolve("demo-inbox"))
			.contains("收件目录自上次入库以来没有变化，无需处理")
			.doesNotContain("入库完成")
			.contains("演示完成。结果在：");
		assertThat(WarehouseQueries.query(home, FILES_BY_STATUS)).containsExactly(row("duplicate", 1L),
				row("loaded", 19L), row("rejected", 1L), row("superseded", 1L));
		assertThat(WarehouseQueries.query(home, LEDGER)).isEqualTo(ledger);
		assertThat(WarehouseQueries.query(home, "select sha256, row_number from land_submission_line order by all"))
			.isEqualTo(lines);
		assertThat(WarehouseQueries.query(home,
				"select * from rollup_cutoff order by campaign, period, region_code, industry_code"))
			.isEqualTo(cutoff);
		assertThat(files(home.resolve("outbox"))).isEqualTo(outbox);
		assertThat(snapshotFiles(home.resolve("analyst/anjian.duckdb"))).isEqualTo(22L);
	}

	/**
	 * README's worked example of a city: samples-city/'s reference data (云台市 over 鹤鸣县 and
	 * 青川县) and the two counties' outbox folders as anjian wrote them.
	 */
	@Test
	void aCityDemoTakesItsCountiesOutboxTablesAsTheirSubmissions() throws Exception {
		// given
		Path samplesCity = Path.of(System.getProperty("anjian.samples", "../samples"))
			.toAbsolutePath()
			.normalize()
			.resolveSibling("samples-city");
		Path home = tmp.resolve("city");

		// when
		CliRun run = CliRun.of("demo", "--home", home.toString(), "--reference",
				samplesCity.resolve("reference").toString(), "--lower", samplesCity.resolve("lower").toString());

		// then each county's eight tables (two months, cutoff and month-end) were read
		// as that county's submissions
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("已生成演示收件箱（云台市，强安2024监管执法专项行动）", "其中下级部署的上报表：青川县、鹤鸣县");
		assertThat(WarehouseQueries.query(home, """
				select submitter_code, status, count(*) as files from audit_file
				where submitter_code in ('YT01', 'YT02') group by all order by all""")).containsExactly(
				Map.of("submitter_code", "YT01", "status", "loaded", "files", 2L),
				Map.of("submitter_code", "YT01", "status", "superseded", "files", 2L),
				Map.of("submitter_code", "YT02", "status", "loaded", "files", 2L),
				Map.of("submitter_code", "YT02", "status", "superseded", "files", 2L));
		// and the city's rows: the city, each county; no row for a township nobody in
		// the city reports for
		assertThat(WarehouseQueries.query(home, """
				select distinct region_code from rollup_cutoff order by 1""")).extracting(r -> r.get("region_code"))
			.containsExactly("5199", "519902", "519905");
		// 鹤鸣县's row holds exactly the 合计 of the county's own May cutoff table
		Path countyTable;
		try (Stream<Path> files = Files.list(samplesCity.resolve("lower/鹤鸣县/QA2024/2024-05/cutoff"))) {
			countyTable = files.filter(f -> f.toString().endsWith(".xlsx")).findFirst().orElseThrow();
		}
		try (org.apache.poi.ss.usermodel.Workbook wb = org.apache.poi.ss.usermodel.WorkbookFactory
			.create(countyTable.toFile(), null, true)) {
			org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheetAt(0);
			org.apache.poi.ss.usermodel.Row total = null;
			for (org.apache.poi.ss.usermodel.Row row : sheet) {
				if (row.getCell(0) != null && row.getCell(0).toString().replaceAll("\\s", "").equals("合计")) {
					total = row;
				}
			}
			Map<String, Object> city = WarehouseQueries.query(home, """
					select hazards_total, fines_wan from rollup_cutoff
					where period = date '2024-05-01' and region_code = '519902' and industry_code = 'ALL'""").get(0);
			assertThat(((Number) city.get("hazards_total")).doubleValue())
				.isEqualTo(total.getCell(5).getNumericCellValue());
			assertThat(new java.math.BigDecimal(city.get("fines_wan").toString()))
				.isEqualByComparingTo(java.math.BigDecimal.valueOf(total.getCell(13).getNumericCellValue()));
		}
		// and the city's own table says 全市
		try (Stream<Path> files = Files.list(home.resolve("outbox/QA2024/2024-05/cutoff"))) {
			assertThat(files.map(f -> f.getFileName().toString())).contains("云台市-QA2024-2024-05-cutoff.xlsx");
		}
	}

	private static Map<String, Object> row(String status, long files) {
		return Map.of("status", status, "files", files);
	}

	/**
	 * The files the analysts' snapshot knows, asked as an analyst would: read-only,
	 * connection closed after.
	 */
	private static long snapshotFiles(Path snapshot) throws SQLException {
		Properties readOnly = new Properties();
		readOnly.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + snapshot, readOnly);
				Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("select count(*) from audit_file")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static List<String> files(Path root) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
		}
	}

}
