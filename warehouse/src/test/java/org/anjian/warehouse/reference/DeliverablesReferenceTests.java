package org.anjian.warehouse.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.anjian.warehouse.Given;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData.Deliverable;
import org.anjian.warehouse.reference.ReferenceData.Due;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deliverables.csv: optional, its due instances worked out with the campaign's holiday
 * shift, and every bad value refused with file, line and column.
 */
class DeliverablesReferenceTests {

	static final String HEADER = "campaign,code,name,name_keywords,kind,due,who,satisfied_by\n";

	@TempDir
	Path dir;

	/** The sample county (QA2024, 2024-04 … 2024-10, 提前) with this deliverables.csv. */
	Path samplesWith(String deliverables) throws IOException {
		for (String name : List.of("regions.csv", "industries.csv", "submitters.csv", "campaigns.csv",
				"holidays.csv")) {
			Files.copy(Given.samples().resolve("reference").resolve(name), dir.resolve(name));
		}
		if (deliverables != null) {
			Files.writeString(dir.resolve("deliverables.csv"), deliverables, StandardCharsets.UTF_8);
		}
		return dir;
	}

	@Test
	void withoutTheFileNothingIsOwed() throws IOException {
		assertThat(ReferenceDataLoader.load(samplesWith(null)).deliverables()).isEmpty();
	}

	@Test
	void seed000RowsGiveTheirDueDaysAndOwers() throws IOException {
		// given: seed 000's 4月15日 liaison list and plan, 10月25日 summary; a quarterly
		// report as seed 003 asks
		samplesWith(HEADER + """
				QA2024,LIAISON,专职联络员统计表,联络员,once,2024-04-15,all,liaison_list|document
				QA2024,PLAN,专项行动方案,实施方案|工作方案,once,2024-04-15,departments,
				QA2024,SUMMARY,专项行动总结,总结,once,2024-10-25,,
				QA2024,QUARTER,活动开展情况及典型案例,典型案例,quarterly,1|Q4=12-20,HM01|HM06,
				""");
		// when
		ReferenceData data = ReferenceDataLoader.load(dir);
		// then
		List<Deliverable> d = data.deliverables();
		assertThat(d).extracting(Deliverable::code).containsExactly("LIAISON", "PLAN", "SUMMARY", "QUARTER");
		assertThat(d.get(0).satisfiedBy()).containsExactly("liaison_list", "document");
		assertThat(d.get(0).submitterCodes()).hasSize(8);
		assertThat(d.get(1).submitterCodes()).containsExactly("HM06", "HM07", "HM08");
		assertThat(d.get(1).nameKeywords()).containsExactly("实施方案", "工作方案");
		assertThat(d.get(2).satisfiedBy()).containsExactly("document");
		assertThat(d.get(2).nameKeywords()).containsExactly("总结");
		// 2024-10-25 is a Friday: not moved
		assertThat(d.get(2).instances()).containsExactly(new Due("once", LocalDate.of(2024, 4, 1),
				LocalDate.of(2024, 10, 31), LocalDate.of(2024, 10, 25), LocalDate.of(2024, 10, 25)));
		// the campaign's quarters Q2–Q4; Q3's 1 October is 国庆, 提前 to Monday 30 September
		assertThat(d.get(3).instances()).extracting(Due::instance, Due::nominalDue, Due::dueOn)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("2024Q2", LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 1)),
					org.assertj.core.groups.Tuple.tuple("2024Q3", LocalDate.of(2024, 10, 1), LocalDate.of(2024, 9, 30)),
					org.assertj.core.groups.Tuple.tuple("2024Q4", LocalDate.of(2024, 12, 20),
							LocalDate.of(2024, 12, 20)));
		assertThat(d.get(3).submitterCodes()).containsExactly("HM01", "HM06");
	}

	@Test
	void theReadmeExampleOfEachSeedOfficeLoads() throws IOException {
		// given the README's calendar example campaigns and its deliverables example
		samplesWith(HEADER + """
				QA2024,LIAISON,专职联络员统计表,联络员,once,2024-04-15,all,liaison_list|document
				QA2024,PLAN,专项行动方案,方案,once,2024-04-15,all,document
				QA2024,SUMMARY,专项行动总结,总结,once,2024-10-25,all,document
				ZX2023,LIAISON,专职联络员统计表,联络员,once,2023-03-25,departments,liaison_list|document
				ZX2023,PLAN,专项行动方案,实施方案|工作方案,once,2023-03-25,departments,document
				ZX2023,CHECKLIST,重点检查事项清单,检查事项清单,once,2023-03-25,departments,document
				ZX2023,DIRECTORY,重点检查企业名录库,名录库,once,2023-03-25,departments,enterprise_directory|document
				ZX2023,SUMMARY,专项行动总结,总结,once,2023-12-15,departments,document
				ZF2024,CASES,活动开展情况及典型案例,典型案例|开展情况,quarterly,1|Q4=12-20,all,document
				ZF2024,SUMMARY,专项行动总结,总结,once,2024-12-20,all,document
				GJ2023,SUMMARY,总结评估报告,总结|评估报告,once,2023-12-31,all,document
				""");
		Files.writeString(dir.resolve("campaigns.csv"), """
				code,name,first_month,last_month,cutoff_day,title_keywords,form,holiday_shift,report_from,deadline_month
				QA2024,强安2024监管执法专项行动,2024-04,2024-10,22,强安2024,F-000,earlier,2024-05,same
				ZX2023,重大事故隐患专项排查整治,2023-03,2023-12,23,排查整治,F-001,earlier,2023-04,same
				ZF2024,执法质效提升行动,2024-01,2024-08,30,执法质效提升,F-000,later,,next
				GJ2023,重大事故隐患集中攻坚,2023-07,2023-12,1,集中攻坚2023,F-001,earlier,,next
				""");
		// when
		ReferenceData data = ReferenceDataLoader.load(dir);
		// then: 001's Saturday 25 March 提前 to the 24th; 004's Sunday 31 December to
		// Friday the 29th; 003's quarters of January–August, 1 October 顺延 past 国庆 to
		// the 8th
		assertThat(data.deliverables()).hasSize(11);
		assertThat(due(data, "ZX2023", "LIAISON")).extracting(Due::dueOn).containsExactly(LocalDate.of(2023, 3, 24));
		assertThat(due(data, "GJ2023", "SUMMARY")).extracting(Due::dueOn).containsExactly(LocalDate.of(2023, 12, 29));
		assertThat(due(data, "ZF2024", "CASES")).extracting(Due::instance, Due::dueOn)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("2024Q1", LocalDate.of(2024, 4, 1)),
					org.assertj.core.groups.Tuple.tuple("2024Q2", LocalDate.of(2024, 7, 1)),
					org.assertj.core.groups.Tuple.tuple("2024Q3", LocalDate.of(2024, 10, 8)));
	}

	static List<Due> due(ReferenceData data, String campaign, String code) {
		return data.deliverables()
			.stream()
			.filter(d -> d.campaign().equals(campaign) && d.code().equals(code))
			.findFirst()
			.orElseThrow()
			.instances();
	}

	@Test
	void writeFillsTheDeliverableTables() throws IOException {
		// given
		samplesWith(HEADER + "QA2024,PLAN,专项行动方案,方案,once,2024-04-13,townships,\n");
		ReferenceData data = ReferenceDataLoader.load(dir);
		try (Warehouse warehouse = Warehouse.inMemory()) {
			// when
			ReferenceDataLoader.write(warehouse, data);
			warehouse.buildStaging();
			// then: Saturday 13 April moved earlier to Friday the 12th, owed by the five
			// townships
			assertThat(Given.rows(warehouse, """
					select deliverable_code, instance, nominal_due, due_on, count(*)
					from stg_reference__deliverable_dues group by all"""))
				.containsExactly(List.of("PLAN", "once", "2024-04-13", "2024-04-12", "5"));
		}
	}

	@Test
	void eachBadValueIsNamedWithItsLineAndColumn() throws IOException {
		assertProblem("QA2099,PLAN,方案,,once,2024-04-15,,\n",
				"deliverables.csv 第2行 campaign 列：专项行动代码“QA2099”不在 campaigns.csv 中");
		assertProblem("QA2024,PLAN,方案,,once,2024-04-15,,\nQA2024,PLAN,方案二,,once,2024-04-16,,\n",
				"deliverables.csv 第3行 code 列：专项行动 QA2024 的应报材料代码“PLAN”重复");
		assertProblem("QA2024,PLAN,方案,,monthly,2024-04-15,,\n",
				"deliverables.csv 第2行 kind 列：“monthly”不是允许的值（once、quarterly）");
		assertProblem("QA2024,PLAN,方案,,once,4月15日,,\n",
				"deliverables.csv 第2行 due 列：一次性材料（once）的截止日“4月15日”应写成 YYYY-MM-DD，例如 2024-04-15");
		assertProblem("QA2024,PLAN,方案,,once,2023-04-15,,\n",
				"deliverables.csv 第2行 due 列：截止日 2023-04-15 不在专项行动“强安2024监管执法专项行动”期间（2024-04 至 2024-10，或其后一年内）");
		assertProblem("QA2024,Q,案例,,quarterly,1|Q5=12-20,,\n",
				"deliverables.csv 第2行 due 列：例外“Q5=12-20”应写成 Qn=MM-DD，例如 Q4=12-20（第四季度的材料12月20日前报）");
		assertProblem("QA2024,Q,案例,,quarterly,1|Q4=02-30,,\n", "deliverables.csv 第2行 due 列：例外 Q4=02-30 不是有效日期");
		assertProblem("QA2024,Q,案例,,quarterly,0,,\n",
				"deliverables.csv 第2行 due 列：按季材料（quarterly）的截止日“0”应以 1–31 的日子开头（季度结束后下月的第几日），可跟例外，例如 1|Q4=12-20");
		assertProblem("QA2024,PLAN,方案,,once,2024-04-15,HM01|HM99,\n",
				"deliverables.csv 第2行 who 列：填报单位代码“HM99”不在 submitters.csv 中（可写 all、departments、townships，或用 | 连接的填报单位代码）");
		assertProblem("QA2024,PLAN,方案,,once,2024-04-15,,directory\n",
				"deliverables.csv 第2行 satisfied_by 列：“directory”不是允许的值（document、liaison_list、enterprise_directory、hazard_ledger、inspection_record，可用 | 连接多个）");
		assertProblem("QA2024,,方案,,once,2024-04-15,,\n", "deliverables.csv 第2行 code 列：不能为空");
	}

	@Test
	void theHeaderIsChecked() throws IOException {
		samplesWith("campaign,code,name,kind\nQA2024,PLAN,方案,once\n");
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessage("deliverables.csv 第1行：缺少列“due”，表头应为 campaign,code,name,kind,due");
	}

	void assertProblem(String rows, String message) throws IOException {
		for (Path p : Files.list(dir).toList()) {
			Files.delete(p);
		}
		samplesWith(HEADER + rows);
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessage(message);
	}

}
