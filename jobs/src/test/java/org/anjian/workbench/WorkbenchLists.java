package org.anjian.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;

import org.anjian.jobs.support.SampleCounty;

/**
 * Record-level lists the workbench tests put beside the sample county's May tables, with
 * answers known by construction: hazard ledgers of 桃源镇 and 应急局 (major hazards open,
 * overdue, rectified, missing 五落实 items as of {@link #HAZARDS_AS_OF}); 应急局's key
 * directory and 市场监管局's general one with their inspection records (coverage 3/4, 双随机
 * 1/20).
 */
final class WorkbenchLists {

	/** The date the 督办 page is asked for. */
	static final String HAZARDS_AS_OF = "2024-06-15";

	static final String LEDGER_HEADER = "企业名称,所属乡镇（街道）,行业类别,隐患描述,隐患等级,发现日期,隐患来源,整改措施,责任人,整改资金（万元）,整改期限,整改状态,整改完成日期,应急预案,备注";

	static final String INSPECTION_HEADER = "序号,受检企业(单位)名称,检查时间,执法人员,安全生产违法行为(隐患),完成整改情况,立案案号,罚款金额(万),处罚依据(法律条款),其他查处(或移送)情况,备注";

	private WorkbenchLists() {
	}

	static void write(Path folder) throws IOException {
		Files.createDirectories(folder);
		// 桃源镇: 甲 open in time; 乙 open, 15 days overdue, no 责任人 or 资金; 丙 rectified
		// before the date; 丁 a general hazard; 戊 open, no 措施, 期限 or 预案
		list(folder.resolve("桃源镇重大隐患台账.csv"), "桃源镇重大事故隐患排查治理台账", "填报单位：桃源镇人民政府", LEDGER_HEADER, """
				桃源镇甲建材有限公司,桃源镇,应急管理,粉尘除尘系统失效,重大,2024-05-02,执法检查,停产整改,张一,3.5,2024-06-30,整改中,,已制定,
				桃源镇乙化工有限公司,桃源镇,应急管理,储罐区未设防火堤,重大,2024-05-03,执法检查,增设防火堤,,,2024-05-31,未整改,,已制定,
				桃源镇丙建材有限公司,桃源镇,应急管理,有限空间无监测,重大,2024-05-04,自查,配备检测仪,李二,0.8,2024-05-20,已整改,2024-05-18,已制定,
				桃源镇丁商贸有限公司,桃源镇,应急管理,灭火器过期,一般,2024-05-05,自查,更换,王三,0.1,2024-05-10,整改中,,,
				桃源镇戊材料厂,桃源镇,应急管理,涉爆粉尘作业场所违规动火,重大,2024-05-06,执法检查,,赵四,1.2,,整改中,,,
				""");
		// 应急局, an enterprise in 石门镇: 己 open, 14 days overdue, every item written; 庚
		// 已整改 without a completion date (rectified)
		list(folder.resolve("应急局重大隐患台账.csv"), "鹤鸣县应急管理局重大事故隐患台账", "填报单位：应急管理局", LEDGER_HEADER, """
				石门镇己矿业有限公司,石门镇,应急管理,采空区未治理,重大,2024-05-07,执法检查,充填治理,周五,20,2024-06-01,整改中,,已制定,
				石门镇庚机械有限公司,石门镇,应急管理,起重机械未检验,重大,2024-05-08,执法检查,停用送检,吴六,0.5,2024-05-30,已整改,,已制定,
				""");
		// 应急局's 重点检查企业名录库 (4) and its inspections: 甲 and 丙 (twice) in May, 乙 in April,
		// 丁 before the campaign began, a 加油站 in no directory: coverage 3/4, 3 enterprises
		// in May's records
		list(folder.resolve("应急局重点检查企业名录库.csv"), "应急管理行业领域（鹤鸣县）重点检查企业名录库", "填报单位：应急管理局", "序号,企业名称,行业类别,主要风险", """
				1,鹤鸣县甲化工有限公司,应急管理,危化品储存
				2,鹤鸣县乙化工有限公司,应急管理,危化品储存
				3,鹤鸣县丙化工有限公司,应急管理,粉尘涉爆
				4,鹤鸣县丁化工有限公司,应急管理,有限空间
				""");
		list(folder.resolve("应急局执法检查明细.csv"), "鹤鸣县执法检查情况统计表（一）", "填报单位：应急管理局", INSPECTION_HEADER, """
				1,鹤鸣县甲化工有限公司,2024-05-08,李四,无,,,,,,
				2,鹤鸣县乙化工有限公司,2024-04-15,李四,1. 未设置安全警示标志,已整改,,,,,
				3,鹤鸣县丙化工有限公司,2024-05-10,王五,无,,,,,,
				4,鹤鸣县丙化工有限公司,2024-05-12,王五,无,,,,,,
				5,鹤鸣县丁化工有限公司,2024-03-28,王五,无,,,,,,
				6,鹤鸣县城北加油站,2024-05-20,王五,无,,,,,,
				""");
		// 市场监管局's 一般检查企业名录库 (20), one of them inspected in May: 双随机 1/20 = 5 %
		StringBuilder general = new StringBuilder();
		for (int i = 1; i <= 20; i++) {
			general.append(i).append(",鹤鸣县第").append(i).append("商贸有限公司,市场监管,双随机\n");
		}
		list(folder.resolve("市场监管局一般检查企业名录库.csv"), "市场监管行业领域（鹤鸣县）一般检查企业名录库", "填报单位：市场监管局", "序号,企业名称,行业类别,备注",
				general.toString());
		list(folder.resolve("市场监管局执法检查明细.csv"), "鹤鸣县执法检查情况统计表（一）", "填报单位：市场监管局", INSPECTION_HEADER, """
				1,鹤鸣县第7商贸有限公司,2024-05-09,蒋六,无,,,,,,
				""");
		FileTime received = FileTime
			.from(LocalDateTime.parse("2024-05-20T10:00:00").atZone(SampleCounty.SHANGHAI).toInstant());
		try (var files = Files.list(folder)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Files.setLastModifiedTime(f, received);
			}
		}
	}

	private static void list(Path file, String title, String unit, String header, String rows) throws IOException {
		Files.writeString(file, title + "\n" + unit + "\n" + header + "\n" + rows);
	}

}
