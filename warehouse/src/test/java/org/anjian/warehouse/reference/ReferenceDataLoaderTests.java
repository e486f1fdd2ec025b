package org.anjian.warehouse.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.anjian.warehouse.Given;
import org.anjian.warehouse.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataLoaderTests {

	@TempDir
	Path dir;

	/**
	 * Copies the sample county's reference data into the temp dir, then replaces one
	 * file.
	 */
	Path samplesWith(String file, String content) throws IOException {
		for (String name : List.of("regions.csv", "industries.csv", "submitters.csv", "campaigns.csv",
				"holidays.csv")) {
			Files.copy(Given.samples().resolve("reference").resolve(name), dir.resolve(name),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		if (file != null) {
			Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
		}
		return dir;
	}

	@Test
	void loadsTheSampleCounty() {
		// when
		ReferenceData data = Given.sampleReference();
		// then
		assertThat(data.top().code()).isEqualTo("519902");
		assertThat(data.regions()).hasSize(6);
		assertThat(data.industries()).extracting(ReferenceData.Industry::code)
			.containsExactly("yjgl", "jtys", "zj", "scjg", "whly", "xf", "czrq");
		assertThat(data.industries().get(2).aliases()).containsExactly("住房和城乡建设", "住建局");
		assertThat(data.submitters()).hasSize(8);
		assertThat(data.submitter("HM06").orElseThrow().liaison()).isEqualTo("唐军");
		assertThat(data.campaign("QA2024").orElseThrow().holidayShift()).isEqualTo("earlier");
		assertThat(data.campaign("QA2024").orElseThrow().lastMonth()).isEqualTo(YearMonth.of(2024, 10));
		assertThat(data.holidays()).hasSize(72);
	}

	@Test
	void loadsTheBundledDemoCountyWhichDiffersFromTheSamples() {
		// when
		ReferenceData demo = ReferenceDataLoader.loadDemo();
		// then
		assertThat(demo.top().name()).isEqualTo("青川县");
		assertThat(demo.campaigns()).extracting(ReferenceData.Campaign::form).containsExactly("F-001", "F-000");
		assertThat(demo.campaign("QA2024").orElseThrow().cutoffDay()).isEqualTo(22);
		assertThat(demo.holidays()).isEqualTo(Given.sampleReference().holidays());
	}

	@Test
	void readsTheOptionalEmailColumnAtTheEndOfSubmitters() throws IOException {
		// given: the sample file with an email column added, one submitter with two
		// addresses
		String csv = Files.readString(Given.samples().resolve("reference").resolve("submitters.csv"));
		StringBuilder withEmails = new StringBuilder();
		for (String line : csv.split("\n")) {
			withEmails.append(line.strip())
				.append(line.startsWith("code,") ? ",email"
						: line.startsWith("HM04,") ? ",xcz@town.example.cn|Zeng.DM@town.example.cn" : ",")
				.append('\n');
		}
		samplesWith("submitters.csv", withEmails.toString());
		// when
		ReferenceData data = ReferenceDataLoader.load(dir);
		// then
		assertThat(data.submitter("HM04").orElseThrow().emails()).containsExactly("xcz@town.example.cn",
				"Zeng.DM@town.example.cn");
		assertThat(data.submitterByEmail("zeng.dm@TOWN.example.cn")).map(ReferenceData.Submitter::code)
			.contains("HM04");
		assertThat(data.submitter("HM01").orElseThrow().emails()).isEmpty();
		assertThat(Given.sampleReference().submitter("HM04").orElseThrow().emails()).isEmpty();
		// and an address that is not one is refused with its line
		samplesWith("submitters.csv", withEmails.toString().replace("xcz@town.example.cn", "xcz.town.example.cn"));
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessageContaining("submitters.csv 第5行 email 列")
			.hasMessageContaining("xcz.town.example.cn");
	}

	@Test
	void acceptsByteOrderMarkQuotingAndMissingHolidays() throws IOException {
		// given
		samplesWith("industries.csv",
				"\uFEFFcode,name,aliases\r\nyjgl,\"应急管理\",\"应急|应急管理局\"\r\nzj,住建,\"住建局|\"\"住建\"\"\"\r\n");
		Files.delete(dir.resolve("holidays.csv"));
		// when
		ReferenceData data = ReferenceDataLoader.load(dir);
		// then
		assertThat(data.industries().get(1).aliases()).containsExactly("住建局", "\"住建\"");
		assertThat(data.holidays()).isEmpty();
	}

	@Test
	void campaignShiftColumnIsOptionalAndValidated() throws IOException {
		// given
		samplesWith("campaigns.csv", """
				code,name,first_month,last_month,cutoff_day,title_keywords,form,holiday_shift
				QA2024,强安2024,2024-04,2024-10,22,强安2024,F-000,later
				ZX2023,排查整治,2023-05,2023-12,23,排查整治,F-001,
				""");
		// when
		ReferenceData data = ReferenceDataLoader.load(dir);
		// then
		assertThat(data.campaigns()).extracting(ReferenceData.Campaign::holidayShift)
			.containsExactly("later", "earlier");
	}

	@Test
	void calendarColumnsAreOptionalAndDefaultToFirstMonthAndSameMonth() throws IOException {
		// given: samples-b's campaigns with all ten columns, one of them left empty
		samplesWith("campaigns.csv", """
				code,name,first_month,last_month,cutoff_day,title_keywords,form,holiday_shift,report_from,deadline_month
				GJ2023,集中攻坚,2023-07,2023-12,1,集中攻坚2023,F-001,earlier,,next
				HH2024,护航2024,2024-03,2024-09,20,护航2024,F-000,earlier,2024-04,same
				QA2024,强安2024,2024-04,2024-10,22,强安2024,F-000,,,
				""");
		// when
		ReferenceData data = ReferenceDataLoader.load(dir);
		// then
		assertThat(data.campaigns()).extracting(ReferenceData.Campaign::reportFrom)
			.containsExactly(YearMonth.of(2023, 7), YearMonth.of(2024, 4), YearMonth.of(2024, 4));
		assertThat(data.campaigns()).extracting(ReferenceData.Campaign::deadlineMonth)
			.containsExactly("next", "same", "same");
		assertThat(data.campaign("HH2024").orElseThrow().owes(YearMonth.of(2024, 3))).isFalse();
		assertThat(data.campaign("HH2024").orElseThrow().owes(YearMonth.of(2024, 4))).isTrue();
		// and the first-round form (seven columns) keeps its defaults
		assertThat(Given.sampleReference().campaign("QA2024").orElseThrow())
			.extracting(ReferenceData.Campaign::reportFrom, ReferenceData.Campaign::deadlineMonth)
			.containsExactly(YearMonth.of(2024, 4), "same");
	}

	@Test
	void calendarColumnsAreValidatedWithTheirPlace() throws IOException {
		String header = "code,name,first_month,last_month,cutoff_day,title_keywords,form,holiday_shift,report_from,deadline_month\n";
		assertProblem("campaigns.csv", header + "HH,护航,2024-03,2024-09,20,护航,F-000,earlier,2024-02,same\n",
				"campaigns.csv 第2行 report_from 列：起报月份 2024-02 不在专项行动期间（2024-03 至 2024-09）内");
		assertProblem("campaigns.csv", header + "HH,护航,2024-03,2024-09,20,护航,F-000,earlier,2024-10,\n",
				"campaigns.csv 第2行 report_from 列：起报月份 2024-10 不在专项行动期间（2024-03 至 2024-09）内");
		assertProblem("campaigns.csv", header + "HH,护航,2024-03,2024-09,20,护航,F-000,earlier,2024-4,\n",
				"campaigns.csv 第2行 report_from 列：月份“2024-4”应写成 YYYY-MM，例如 2024-04");
		assertProblem("campaigns.csv", header + "HH,护航,2024-03,2024-09,20,护航,F-000,earlier,,次月\n",
				"campaigns.csv 第2行 deadline_month 列：“次月”不是允许的值（same、next）");
	}

	@Test
	void unknownRegionOfASubmitterNamesFileLineAndColumn() throws IOException {
		// given
		String submitters = Files.readString(Given.samples().resolve("reference/submitters.csv"))
			.replace("HM04,新场镇,township,519902103", "HM04,新场镇,township,519999");
		samplesWith("submitters.csv", submitters);
		// when / then
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessage("submitters.csv 第5行 region_code 列：地区代码“519999”不在 regions.csv 中");
	}

	@Test
	void rejectsEachKindOfBadValueWithItsPlace() throws IOException {
		String header = "code,name,first_month,last_month,cutoff_day,title_keywords,form\n";
		assertProblem("campaigns.csv", header + "QA,强安,2024-04,2024-10,32,强安,F-000\n",
				"campaigns.csv 第2行 cutoff_day 列：截止日“32”应为 1–31 的整数");
		assertProblem("campaigns.csv", header + "QA,强安,2024-04,2024-10,22,强安,F-002\n",
				"campaigns.csv 第2行 form 列：“F-002”不是允许的值（F-000、F-001、F-003-II）");
		assertProblem("campaigns.csv", header + "QA,强安,2024-11,2024-10,22,强安,F-000\n",
				"campaigns.csv 第2行 last_month 列：结束月份 2024-10 早于开始月份 2024-11");
		assertProblem("campaigns.csv", header + "QA,强安,2024-4,2024-10,22,强安,F-000\n",
				"campaigns.csv 第2行 first_month 列：月份“2024-4”应写成 YYYY-MM，例如 2024-04");
		assertProblem("campaigns.csv", header + "QA,,2024-04,2024-10,22,强安,F-000\n", "campaigns.csv 第2行 name 列：不能为空");
		assertProblem("campaigns.csv", "code,name,first_month,last_month,cutoff_day,title_keywords\n",
				"campaigns.csv 第1行：缺少列“form”，表头应为 code,name,first_month,last_month,cutoff_day,title_keywords,form");
		assertProblem("industries.csv", "code,name,aliases,colour\nyjgl,应急管理,,红\n",
				"industries.csv 第1行 第4列：多余的列“colour”，应为 code,name,aliases");
		assertProblem("industries.csv", "code,name,aliases\nyjgl,应急管理,\nyjgl,交通运输,\n",
				"industries.csv 第3行 code 列：行业代码“yjgl”重复");
		assertProblem("industries.csv", "code,name,aliases\nyjgl,应急管理,应急\njtys,交通运输,应急\n",
				"industries.csv 第3行 aliases 列：名称“应急”已是代码“yjgl”的名称或别名，不能再指“jtys”");
		assertProblem("regions.csv", "code,name,level,parent_code\n1,甲县,county,\n2,乙县,county,\n",
				"regions.csv parent_code 列：应恰好有一行的上级代码为空（本级地区，如县、市、镇），实际有 2 行（第2、3行）");
		assertProblem("regions.csv", "code,name,level,parent_code\n519902,鹤鸣县,county,\n5199021,某组,hamlet,519902\n",
				"regions.csv 第3行 level 列：“hamlet”不是允许的值（province、city、county、township、street、park、village）");
		assertProblem("regions.csv", "code,name,level,parent_code\n519902,鹤鸣县,county,\n5199021,某镇,township,8\n",
				"regions.csv 第3行 parent_code 列：上级地区代码“8”不在 regions.csv 中");
		assertProblem("holidays.csv", "date,kind\n2024-02-30,holiday\n",
				"holidays.csv 第2行 date 列：日期“2024-02-30”不是 YYYY-MM-DD 格式的有效日期");
		assertProblem("holidays.csv", "date,kind\n2024-05-01,rest\n",
				"holidays.csv 第2行 kind 列：“rest”不是允许的值（holiday、workday）");
	}

	@Test
	void aDeploymentOfAnyLevelHasOneTopRegionAndEverySubmitterBelowIt() throws IOException {
		// given: a city over a county over a township over a village
		String regions = """
				code,name,level,parent_code
				5108,广元市,city,
				510822,青川县,county,5108
				510822101,木鱼镇,township,510822
				510822101201,金桥村,village,510822101
				""";
		samplesWith("regions.csv", regions);
		Files.writeString(dir.resolve("submitters.csv"), """
				code,name,kind,region_code,aliases,liaison,phone
				GY01,广元市应急管理局,department,5108,,,
				GY02,青川县,township,510822,,,
				GY03,金桥村,township,510822101201,,,
				""");
		// when
		ReferenceData data = ReferenceDataLoader.load(dir);
		// then
		assertThat(data.top().name()).isEqualTo("广元市");
		assertThat(data.top().scopeWord()).isEqualTo("市");
		assertThat(data.regions()).extracting(ReferenceData.Region::scopeWord).containsExactly("市", "县", "镇", "村");

		// no top region at all: a cycle through every row
		assertProblem("regions.csv", "code,name,level,parent_code\n1,甲县,county,2\n2,甲镇,township,1\n",
				"regions.csv parent_code 列：应恰好有一行的上级代码为空（本级地区，如县、市、镇），实际有 0 行");
		// a cycle below the top
		assertProblem("regions.csv", regions + "9,甲村,village,8\n8,乙村,village,9\n",
				"regions.csv 第6、7行 parent_code 列：上级地区构成循环（9 → 8 → 9），到不了本级地区“广元市”");
		// a department of the city sits in the city itself
		samplesWith("regions.csv", regions);
		Files.writeString(dir.resolve("submitters.csv"), """
				code,name,kind,region_code,aliases,liaison,phone
				GY01,青川县应急管理局,department,510822,,,
				""");
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessage("submitters.csv 第2行 region_code 列：部门“青川县应急管理局”的地区应为本级地区“广元市”（5108），实际为“青川县”（county）");
		// a subordinate unit cannot be the deployment itself, nor outside the tree
		Files.writeString(dir.resolve("submitters.csv"), """
				code,name,kind,region_code,aliases,liaison,phone
				GY02,广元市,township,5108,,,
				""");
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessage("submitters.csv 第2行 region_code 列：下级单位“广元市”（kind township）的地区应在本级地区“广元市”之下，不能是本级地区本身");
		Files.writeString(dir.resolve("submitters.csv"), """
				code,name,kind,region_code,aliases,liaison,phone
				GY02,剑阁县,township,510823,,,
				""");
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessage("submitters.csv 第2行 region_code 列：地区代码“510823”不在 regions.csv 中");
	}

	@Test
	void missingFileIsNamed() throws IOException {
		// given
		samplesWith(null, null);
		Files.delete(dir.resolve("campaigns.csv"));
		// when / then
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessageStartingWith("缺少基础数据文件 campaigns.csv");
	}

	void assertProblem(String file, String content, String message) throws IOException {
		for (Path p : Files.list(dir).toList()) {
			Files.delete(p);
		}
		samplesWith(file, content);
		assertThatThrownBy(() -> ReferenceDataLoader.load(dir)).isInstanceOf(ReferenceDataException.class)
			.hasMessage(message);
	}

	@Test
	void writeReplacesTheReferenceTables() {
		// given
		try (Warehouse warehouse = Warehouse.inMemory()) {
			ReferenceDataLoader.write(warehouse, ReferenceDataLoader.loadDemo());
			// when
			ReferenceDataLoader.write(warehouse, Given.sampleReference());
			// then
			assertThat(Given.rows(warehouse, """
					select (select count(*) from ref_region), (select count(*) from ref_industry),
					    (select count(*) from ref_submitter), (select count(*) from ref_campaign),
					    (select count(*) from ref_holiday where year(date) between 2022 and 2024)"""))
				.containsExactly(List.of("6", "7", "8", "1", "72"));
			// the years holidays.csv lacks come from the bundled calendar (春节 2025 and
			// its
			// make-up Sunday)
			assertThat(Given.rows(warehouse, """
					select strftime(date, '%Y-%m-%d'), kind from ref_holiday
					where date in ('2025-01-26', '2025-01-28') order by date"""))
				.containsExactly(List.of("2025-01-26", "workday"), List.of("2025-01-28", "holiday"));
			assertThat(Given.rows(warehouse, """
					select code, first_month, last_month, title_keywords, holiday_shift, report_from, deadline_month
					from ref_campaign""")).containsExactly(
					List.of("QA2024", "2024-04-01", "2024-10-01", "[强安2024]", "earlier", "2024-04-01", "same"));
			assertThat(Given.rows(warehouse, "select parent_code from ref_region where level = 'county'"))
				.containsExactly(java.util.Collections.singletonList(null));
		}
	}

}
