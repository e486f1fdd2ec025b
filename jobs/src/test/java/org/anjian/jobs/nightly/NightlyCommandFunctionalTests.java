package org.anjian.jobs.nightly;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nightly replayed at 2024-06-22 02:00 on the sample county: every rollup due by then,
 * once.
 */
class NightlyCommandFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void replayAtJune22ProducesEveryDueRollupAndASecondRunNothingNew() {
		// given
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path home = tmp.resolve("home");
		String[] nightly = { "nightly", "--home", home.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString(), "--now", "2024-06-22T02:00" };

		// when
		CliRun first = CliRun.of(nightly);

		// then: through the May month-end; the June cutoff (deadline shifted to Friday 21
		// June) has come due, but no June table came in by then: no official table of
		// nothing but carried-forward figures
		assertThat(first.exitCode()).as(first.toString()).isZero();
		String produced = "select distinct kind || ' ' || strftime(period, '%Y-%m') || ' ' || strftime(as_of, '%Y-%m-%d') as r from rollup_roster order by 1";
		List<Object> rollups = WarehouseQueries.query(home, produced).stream().map(r -> r.get("r")).toList();
		assertThat(rollups).containsExactly("cutoff 2024-04 2024-04-22", "cutoff 2024-05 2024-05-22",
				"month-end 2024-04 2024-04-30", "month-end 2024-05 2024-05-31");
		assertThat(first.out()).contains("暂不汇总 强安2024监管执法专项行动：2024-06 截止日汇总 截至各自的截止时刻没有收到该月任何可用报表");
		assertThat(home.resolve("outbox/QA2024/2024-06")).doesNotExist();
		assertThat(home.resolve("exports/rollup_cutoff")).isDirectory();

		// when run again for the same time
		List<Map<String, Object>> before = WarehouseQueries.query(home,
				"select * from rollup_cutoff order by campaign, period, region_code, industry_code");
		CliRun second = CliRun.of(nightly);

		// then nothing new
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("暂不汇总 强安2024监管执法专项行动：2024-06 截止日汇总").doesNotContain("汇总完成");
		assertThat(WarehouseQueries.query(home,
				"select * from rollup_cutoff order by campaign, period, region_code, industry_code"))
			.isEqualTo(before);
	}

	@Test
	void aFirstNightlyAfterTheCampaignWritesNoOfficialTableForAMonthWithNothingReceivedAndALaterTableStillCounts()
			throws Exception {
		// given the sample county (tables for April and May only) and a first nightly
		// after the campaign (April to October) has ended
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path home = tmp.resolve("home");

		// when
		CliRun first = nightly(samples, home, inbox, "2024-11-15T02:00");

		// then April and May are rolled up, June to October are not: no official table,
		// no roster, one line saying why
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(Files.list(home.resolve("outbox/QA2024")).map(p -> p.getFileName().toString()).sorted())
			.containsExactly("2024-04", "2024-05");
		assertThat(WarehouseQueries.query(home,
				"select distinct strftime(period, '%Y-%m') as p from rollup_roster" + " order by 1"))
			.extracting(r -> r.get("p"))
			.containsExactly("2024-04", "2024-05");
		assertThat(first.out()).contains("暂不汇总 强安2024监管执法专项行动：2024-06 截止日汇总、2024-06 月末汇总、2024-07 截止日汇总")
			.contains("2024-10 月末汇总 截至各自的截止时刻没有收到该月任何可用报表，不生成上报表");

		// when a June table turns up later, received (its file time) on 10 June
		Path june = Files.createDirectories(inbox.resolve("2024-06")).resolve("市场监管局6月统计汇总表.xlsx");
		asJuneTable(inbox.resolve("2024-05/市场监管局统计汇总表.xlsx"), june);
		Files.setLastModifiedTime(june,
				FileTime.from(LocalDateTime.of(2024, 6, 10, 9, 0).atZone(SampleCounty.SHANGHAI).toInstant()));
		CliRun next = nightly(samples, home, inbox, "2024-11-16T02:00");

		// then the next nightly makes June's rollups, and only those
		assertThat(next.exitCode()).as(next.toString()).isZero();
		assertThat(WarehouseQueries.query(home,
				"select status, strftime(period, '%Y-%m') as p from audit_file" + " where path like '2024-06/%'"))
			.containsExactly(Map.of("status", "loaded", "p", "2024-06"));
		assertThat(home.resolve("outbox/QA2024/2024-06/cutoff/manifest.json")).exists();
		assertThat(home.resolve("outbox/QA2024/2024-06/month-end/manifest.json")).exists();
		assertThat(home.resolve("outbox/QA2024/2024-07")).doesNotExist();
		assertThat(WarehouseQueries.query(home, """
				select status from rollup_roster
				where period = date '2024-06-01' and kind = 'cutoff' and submitter_code = 'HM08'"""))
			.extracting(r -> r.get("status"))
			.containsExactly("on_time");
	}

	static CliRun nightly(SampleCounty samples, Path home, Path inbox, String now) {
		return CliRun.of("nightly", "--home", home.toString(), "--reference", samples.reference().toString(), "--inbox",
				inbox.toString(), "--now", now);
	}

	/** A copy of a May table whose title and dates say June. */
	static void asJuneTable(Path may, Path june) throws Exception {
		try (Workbook wb = WorkbookFactory.create(Files.newInputStream(may))) {
			for (Sheet sheet : wb) {
				for (Row row : sheet) {
					for (Cell cell : row) {
						if (cell.getCellType() == CellType.STRING) {
							cell.setCellValue(cell.getStringCellValue().replace("5月", "6月"));
						}
					}
				}
			}
			try (OutputStream out = Files.newOutputStream(june)) {
				wb.write(out);
			}
		}
	}

}
