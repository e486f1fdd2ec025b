package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003's two forms side by side: each submitter's month of inspection records
 * (统计表（一）, F-003-I, one row per inspection) is reconciled with the 本月数 row of its
 * F-003-II table (统计表（二）) for that month — enterprises inspected, cases filed, fines — as
 * an advisory 表间审核 finding, like the ledger check. Over samples-b's ZF2024 tables, with
 * two July inspection records: 桃源镇's agrees with its 本月数 row, 石门镇's does not.
 */
class F003InspectionRecordReconciliationFunctionalTests {

	static final String HEADER = "序号,受检企业(单位)名称,检查时间,执法人员,安全生产违法行为(隐患),完成整改情况,立案案号,罚款金额(万),处罚依据(法律条款),其他查处(或移送)情况,备注";

	@TempDir
	Path tmp;

	@Test
	void aMonthOfInspectionRecordsThatDisagreesWithTheMonthRowIsAFindingNamingBothSides() throws Exception {
		// given: ZF2024's F-003-II tables; 桃源镇's July 本月数 row says 15 enterprises, 1
		// case, 5 万元; 石门镇's 9 enterprises, 2 cases, 6.05 万元
		SampleCounty samples = SampleCounty.load("../samples-b");
		Path reference = samples.copyReference(tmp.resolve("reference"), "GJ2023", "HH2024");
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path lists = Files.createDirectories(inbox.resolve("2024-08/统计表一"));
		StringBuilder taoyuan = new StringBuilder("鹤鸣县2024年安全生产执法质效提升行动情况统计表（一）\n填报单位：桃源镇人民政府\n" + HEADER + "\n");
		for (int i = 1; i <= 15; i++) {
			taoyuan.append(i)
				.append(",桃源镇")
				.append(i)
				.append("号机械厂,2024-07-")
				.append(String.format("%02d", i))
				.append(",彭永刚,1. 安全出口堵塞,已整改,")
				.append(i == 3 ? "鹤桃应急罚〔2024〕7号,5" : ",")
				.append(",,,\n");
		}
		Files.write(lists.resolve("桃源镇7月执法统计表（一）.csv"), taoyuan.toString().getBytes(Charset.forName("GBK")));
		// 石门镇: 9 inspections of 8 enterprises (one twice), 2 cases, 6.05 万元
		StringBuilder shimen = new StringBuilder("鹤鸣县2024年安全生产执法质效提升行动情况统计表（一）\n填报单位：石门镇\n" + HEADER + "\n");
		for (int i = 1; i <= 9; i++) {
			int enterprise = i == 9 ? 1 : i;
			shimen.append(i)
				.append(",石门镇")
				.append(enterprise)
				.append("号砖厂,2024年7月")
				.append(i + 10)
				.append("日,谢芳,1. 未设置安全警示标志,整改中,")
				.append(i == 2 ? "鹤石应急罚〔2024〕3号,4.05" : i == 5 ? "鹤石应急罚〔2024〕4号,2" : ",")
				.append(",,,\n");
		}
		Files.write(lists.resolve("石门镇7月执法统计表（一）.csv"), shimen.toString().getBytes(Charset.forName("GBK")));
		FileTime received = FileTime
			.from(LocalDateTime.parse("2024-08-26T11:00:00").atZone(SampleCounty.SHANGHAI).toInstant());
		try (var files = Files.list(lists)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Files.setLastModifiedTime(f, received);
			}
		}
		Path home = tmp.resolve("home");

		// when
		CliRun ingest = CliRun.of("ingest", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString());

		// then
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(WarehouseQueries.query(home,
				"select submitter_code, status from audit_file where list_kind = 'inspection_record' order by 1"))
			.extracting(r -> r.get("submitter_code") + " " + r.get("status"))
			.containsExactly("HM02 loaded", "HM03 loaded");
		List<Map<String, Object>> findings = WarehouseQueries.query(home,
				"""
						select submitter_code, strftime(period, '%Y-%m') as period, campaign, list_count, reported_count, message
						from audit_reconciliation where rule = 'INSPECTION_RECORD_MISMATCH' order by 1""");
		assertThat(findings).singleElement().satisfies(f -> {
			assertThat(f).containsEntry("submitter_code", "HM03")
				.containsEntry("period", "2024-07")
				.containsEntry("campaign", "ZF2024");
			// reported_count's type is the union's (HUGEINT, from the ledger rule's sums)
			assertThat(((Number) f.get("list_count")).longValue()).isEqualTo(8);
			assertThat(((Number) f.get("reported_count")).longValue()).isEqualTo(9);
			assertThat((String) f.get("message")).contains("石门镇", "2024年7月", "检查企业 8 家", "立案 2 起", "罚款 6.05 万元",
					"现场监督检查企业 9 家");
		});
		assertThat(ingest.out()).contains("INSPECTION_RECORD_MISMATCH");
	}

}
