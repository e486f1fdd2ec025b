package org.anjian.jobs.submissions;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.anjian.jobs.support.WarehouseQueries.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ListIntake}, which the benchmark times, lands a list exactly as {@code ingest}
 * does: the same audit row, issues and raw rows. If the intake step's wiring changes and
 * ListIntake's does not, this fails.
 */
class ListIntakeTests {

	@TempDir
	Path tmp;

	@Test
	void oneLedgerThroughListIntakeLandsAsIngestLandsIt() throws Exception {
		// given a township's ledger with a bad row and a warning, alone in an inbox
		SampleCounty samples = SampleCounty.load();
		Path inbox = Files.createDirectories(tmp.resolve("inbox"));
		Path ledger = inbox.resolve("桃源镇隐患台账.xlsx");
		ledger(ledger);

		// when ingest loads it, and ListIntake loads it into a warehouse of its own
		Path job = tmp.resolve("job");
		CliRun run = CliRun.of("ingest", "--inbox", inbox.toString(), "--home", job.toString(), "--reference",
				samples.reference().toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		Path direct = tmp.resolve("direct");
		String status;
		try (Warehouse warehouse = Warehouse.open(direct.resolve("warehouse.duckdb"))) {
			ReferenceData reference = ReferenceDataLoader.load(samples.reference());
			ReferenceDataLoader.write(warehouse, reference);
			status = ListIntake.of(warehouse, reference, IntakeSettings.from(setting -> null)).ingest(ledger);
		}

		// then
		assertThat(status).isEqualTo("loaded");
		String audit = "select * exclude (ingested_at) from audit_file";
		assertThat(query(direct, audit)).hasSize(1).isEqualTo(query(job, audit));
		assertThat(query(direct, audit).get(0)).containsEntry("submitter_code", "HM02");
		String issues = "select * from audit_issue order by issue_no";
		assertThat(query(direct, issues)).isNotEmpty().isEqualTo(query(job, issues));
		String rows = "select * from raw_hazard_ledger order by row_number";
		assertThat(query(direct, rows)).hasSize(3).isEqualTo(query(job, rows));
	}

	private static void ledger(Path file) throws Exception {
		String[] header = { "企业名称", "统一社会信用代码", "所属乡镇（街道）", "行业类别", "隐患描述", "隐患等级", "发现日期", "隐患来源", "整改措施", "责任人",
				"整改资金（万元）", "整改期限", "整改状态", "整改完成日期", "备注" };
		String[][] rows = {
				{ "桃源镇1号建材有限公司", "", "桃源镇", "应急管理", "配电箱未接地", "重大", "2024-05-10", "执法检查", "立即整改", "张三", "0.5",
						"2024-06-30", "已整改", "2024-05-28", "" },
				{ "桃源镇2号建材有限公司", "", "桃源镇", "应急管理", "安全出口锁闭", "一般", "2024-05-12", "自查", "", "", "", "", "整改中", "", "" },
				{ "桃源镇9号厂", "", "桃源镇", "应急管理", "消防栓无水", "较大", "2024-05-12", "自查", "", "", "", "", "整改中", "", "" },
				{ "桃源镇3号厂", "", "桃源镇", "应急管理", "叉车无证驾驶", "一般", "2024-05-20", "自查", "", "", "", "", "", "", "" } };
		try (Workbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = wb.createSheet("Sheet1");
			sheet.createRow(0).createCell(0).setCellValue("桃源镇重大事故隐患排查治理台账");
			sheet.createRow(1).createCell(0).setCellValue("填报单位：桃源镇人民政府");
			Row h = sheet.createRow(2);
			for (int c = 0; c < header.length; c++) {
				h.createCell(c).setCellValue(header[c]);
			}
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(3 + r);
				for (int c = 0; c < rows[r].length; c++) {
					if (!rows[r][c].isEmpty()) {
						row.createCell(c).setCellValue(rows[r][c]);
					}
				}
			}
			wb.write(out);
		}
	}

}
