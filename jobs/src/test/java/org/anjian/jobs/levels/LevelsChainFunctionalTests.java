package org.anjian.jobs.levels;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.jayway.jsonpath.JsonPath;
import org.anjian.jobs.demo.DemoFigures;
import org.anjian.jobs.support.CliRun;
import org.anjian.writers.official.FormLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002's situation carried two levels up (CONTRACT.md "Levels"): a township
 * deployment (积翠镇) adds up its villages' tables; its official tables go, unedited, into
 * the inbox of a county deployment (鹤鸣县) beside another township and a county department;
 * the county's official tables go into a city deployment (云台市) beside another county and
 * a city department. The city's rollups must equal the units' own tables added up
 * directly, measure by measure, fines to the cent. Cutoff tables travel (each level's
 * cutoff uses the lower one's cutoff table, sent the morning after the lower deadline),
 * and so do month-end tables (sent on the 1st, they supersede the cutoff table of their
 * month).
 */
class LevelsChainFunctionalTests {

	static final YearMonth APRIL = YearMonth.of(2024, 4);

	static final YearMonth MAY = YearMonth.of(2024, 5);

	static final List<String> MEASURES = FormLayout.of("F-000").measureCodes();

	@TempDir
	Path tmp;

	/** unit → month → industry → measure → cumulative figure, as the unit reported it. */
	final Map<String, Map<YearMonth, Map<String, Map<String, BigDecimal>>>> reported = new LinkedHashMap<>();

	@Test
	void aCityRollupEqualsItsVillagesTownshipsAndCountiesTablesAddedUpDirectly() {
		// given three deployments, each with the reference data of its own level
		Deployment township = new Deployment(tmp, "积翠镇",
				List.of("519902105,积翠镇,township,", "519902105201,积翠村,village,519902105",
						"519902105202,白鹤村,village,519902105", "519902105203,青龙社区,village,519902105"),
				List.of("JC01,积翠村,township,519902105201", "JC02,白鹤村,township,519902105202",
						"JC03,青龙社区,township,519902105203", "JC04,积翠镇安全生产监督管理站,department,519902105"),
				18, Deployment.INDUSTRIES);
		Deployment county = new Deployment(tmp, "鹤鸣县",
				List.of("519902,鹤鸣县,county,", "519902105,积翠镇,township,519902", "519902101,桃源镇,township,519902"),
				List.of("HM01,积翠镇,township,519902105", "HM02,桃源镇,township,519902101",
						"HM03,鹤鸣县应急管理局,department,519902"),
				22, Deployment.INDUSTRIES);
		Deployment city = new Deployment(tmp, "云台市",
				List.of("5199,云台市,city,", "519902,鹤鸣县,county,5199", "519903,青石县,county,5199"),
				List.of("YT01,鹤鸣县,township,519902", "YT02,青石县,township,519903", "YT03,云台市应急管理局,department,5199"), 25,
				Deployment.INDUSTRIES);
		// and every unit's own tables for April and May, received on time
		for (YearMonth month : List.of(APRIL, MAY)) {
			int day = 8;
			for (String village : List.of("积翠村", "白鹤村", "青龙社区")) {
				township.table(village, village.endsWith("社区") ? "社区" : "村", month, figures(village, month),
						month.atDay(day++).atTime(10, 0));
			}
			township.table("积翠镇安全生产监督管理站", "镇", month, figures("积翠镇安全生产监督管理站", month),
					month.atDay(day++).atTime(10, 0));
			county.table("桃源镇", "镇", month, figures("桃源镇", month), month.atDay(day++).atTime(10, 0));
			county.table("鹤鸣县应急管理局", "县", month, figures("鹤鸣县应急管理局", month), month.atDay(day++).atTime(10, 0));
			city.table("青石县", "县", month, figures("青石县", month), month.atDay(day++).atTime(10, 0));
			city.table("云台市应急管理局", "市", month, figures("云台市应急管理局", month), month.atDay(day++).atTime(10, 0));
		}

		// when each level runs its nightly job once May's cutoff is past, and its tables
		// go up: the cutoff tables the morning after the deadline, April's month-end
		// table on 1 May
		LocalDateTime townshipNow = LocalDateTime.of(2024, 5, 18, 2, 0);
		nightly(township, townshipNow);
		for (YearMonth month : List.of(APRIL, MAY)) {
			county.receive(township.outbox(month, "cutoff"), "积翠镇", sentAfter(township, month, 18));
		}
		county.receive(township.outbox(APRIL, "month-end"), "积翠镇", LocalDateTime.of(2024, 5, 1, 9, 0));
		nightly(county, LocalDateTime.of(2024, 5, 23, 2, 0));
		for (YearMonth month : List.of(APRIL, MAY)) {
			city.receive(county.outbox(month, "cutoff"), "鹤鸣县", sentAfter(county, month, 22));
		}
		city.receive(county.outbox(APRIL, "month-end"), "鹤鸣县", LocalDateTime.of(2024, 5, 1, 9, 0));
		nightly(city, LocalDateTime.of(2024, 6, 1, 2, 0));

		// then every table sent up was recognised and loaded, none rejected
		for (Deployment upper : List.of(county, city)) {
			assertThat(upper.query("select path, status, error_count from audit_file where status not in ('loaded', "
					+ "'superseded') or error_count > 0"))
				.as(upper.name + " rejected nothing")
				.isEmpty();
		}
		assertThat(county.query("""
				select status from audit_file where submitter_code = 'HM01' and period = date '2024-04-01'
				order by received_at""")).extracting(r -> r.get("status"))
			.as("积翠镇's April month-end table supersedes its cutoff table")
			.containsExactly("superseded", "loaded");
		// each level's table says which level it is
		assertThat(titles(county, "积翠镇")).allMatch(t -> t.startsWith("全镇安全生产“强安2024”"));

		// the city's cutoff rows: the units' cumulative tables, added up directly
		List<String> heming = List.of("积翠村", "白鹤村", "青龙社区", "积翠镇安全生产监督管理站", "桃源镇", "鹤鸣县应急管理局");
		List<String> everyone = new ArrayList<>(heming);
		everyone.addAll(List.of("青石县", "云台市应急管理局"));
		for (YearMonth month : List.of(APRIL, MAY)) {
			assertRollup(city, "rollup_cutoff", month, "5199", sum(everyone, month), "");
			assertRollup(city, "rollup_cutoff", month, "519902", sum(heming, month), "");
			assertRollup(city, "rollup_cutoff", month, "519903", sum(List.of("青石县"), month), "");
		}
		// the city's month-end rows: May's cumulative figures and May's own (May − April)
		assertRollup(city, "rollup_month_end", MAY, "5199", sum(everyone, MAY), "_cum");
		assertRollup(city, "rollup_month_end", MAY, "5199", minus(sum(everyone, MAY), sum(everyone, APRIL)), "");
		assertRollup(city, "rollup_month_end", MAY, "519902", minus(sum(heming, MAY), sum(heming, APRIL)), "");
		assertThat(city.query("""
				select submitters_expected, submitters_reported from rollup_cutoff
				where region_code = '5199' and industry_code = 'ALL' and period = date '2024-05-01'"""))
			.containsExactly(Map.of("submitters_expected", 3, "submitters_reported", 3));
		// the county's and the city's own tables name their level
		assertThat(county.outbox(MAY, "cutoff").getFileName().toString()).isEqualTo("鹤鸣县-QA2024-2024-05-cutoff.xlsx");
		assertThat(titles(city, "鹤鸣县")).allMatch(t -> t.startsWith("全县安全生产“强安2024”"));
		assertThat(city.outbox(MAY, "cutoff").getFileName().toString()).isEqualTo("云台市-QA2024-2024-05-cutoff.xlsx");

		// and a city figure traces down through the manifests: the city's 合计 names
		// 鹤鸣县's table by the sha256 the county's manifest gives it, the county's names
		// 积翠镇's the same way, and 积翠镇's names the very files its units sent
		Object cityManifest = manifest(city, MAY);
		Object countyManifest = manifest(county, MAY);
		Object townshipManifest = manifest(township, MAY);
		assertThat(sources(cityManifest, "YT01")).containsExactly((String) JsonPath.read(countyManifest, "$.sha256"));
		assertThat(sources(countyManifest, "HM01"))
			.containsExactly((String) JsonPath.read(townshipManifest, "$.sha256"));
		List<String> townshipSources = JsonPath.read(townshipManifest,
				"$.rows[?(@.industry_code == 'ALL')].sources[*].sha256");
		assertThat(townshipSources).containsExactlyInAnyOrderElementsOf(sha256s(township.inbox.resolve("2024-05")));
	}

	static Object manifest(Deployment deployment, YearMonth month) {
		try {
			return JsonPath.parse(deployment.outbox(month, "cutoff").resolveSibling("manifest.json").toFile()).json();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The sha256 of the table a 合计 row took from {@code submitter}. */
	static List<String> sources(Object manifest, String submitter) {
		return JsonPath.read(manifest,
				"$.rows[?(@.industry_code == 'ALL')].sources[?(@.submitter_code == '" + submitter + "')].sha256");
	}

	static List<String> sha256s(Path folder) {
		try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
			return files.map(f -> {
				try {
					return java.util.HexFormat.of()
						.formatHex(java.security.MessageDigest.getInstance("SHA-256")
							.digest(java.nio.file.Files.readAllBytes(f)));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void anIndustryTheCityDoesNotListRejectsTheCountysTableWithAMessageNamingTheCounty() throws Exception {
		// given 青川县's own May table (the bundled demo county lists 民爆物品), and a city
		// whose industries.csv does not
		Map<String, String> cityIndustries = Deployment.industries("yjgl", "应急管理", "jtys", "交通运输", "zj", "住建", "scjg",
				"市场监管", "whly", "文化旅游", "xf", "消防", "czrq", "城镇燃气");
		Deployment city = new Deployment(tmp, "云台市", List.of("5199,云台市,city,", "519905,青川县,county,5199"),
				List.of("YT02,青川县,township,519905"), 25, cityIndustries);
		Path samplesCity = Path.of(System.getProperty("anjian.samples", "../samples"))
			.toAbsolutePath()
			.normalize()
			.resolveSibling("samples-city");
		Path table;
		try (java.util.stream.Stream<Path> files = java.nio.file.Files
			.list(samplesCity.resolve("lower/青川县/QA2024/2024-05/cutoff"))) {
			table = files.filter(f -> f.toString().endsWith(".xlsx")).findFirst().orElseThrow();
		}
		city.receive(table, "青川县", LocalDateTime.of(2024, 5, 23, 9, 0));

		// when
		CliRun ingest = city.ingest();

		// then the city's rule for an unknown industry applies, as for any submitter, and
		// the message says whose table it is
		assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
		assertThat(city.query("select submitter_code, status from audit_file"))
			.containsExactly(Map.of("submitter_code", "YT02", "status", "rejected"));
		assertThat(city.query("select rule, column_name, message from audit_issue where severity = 'error'"))
			.extracting(r -> r.get("rule") + " " + r.get("message"))
			.containsExactly("UNKNOWN_INDUSTRY 第15行：行业“民爆物品”不在本市行业名单中（industries.csv），请使用规定的行业名称"
					+ "（填报单位：青川县；如本市也统计此行业，请在 industries.csv 中增加它或它的别名）");
	}

	/** The titles of the tables a lower deployment sent, as the upper level read them. */
	static List<String> titles(Deployment upper, String from) {
		return upper.query("select path from audit_file where path like '" + from + "/%'").stream().map(r -> {
			try (var wb = org.apache.poi.ss.usermodel.WorkbookFactory
				.create(upper.inbox.resolve((String) r.get("path")).toFile(), null, true)) {
				return wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	static void nightly(Deployment deployment, LocalDateTime now) {
		CliRun run = deployment.nightly(now);
		assertThat(run.exitCode()).as(deployment.name + ": " + run).isZero();
	}

	/**
	 * The morning after the lower level's (holiday-shifted) deadline, from its outbox.
	 */
	static LocalDateTime sentAfter(Deployment lower, YearMonth month, int cutoffDay) {
		List<Map<String, Object>> asOf = lower
			.query("select max(as_of) as as_of from rollup_cutoff where period = date '" + month.atDay(1) + "'");
		LocalDateTime deadline = ((java.sql.Timestamp) asOf.get(0).get("as_of")).toLocalDateTime();
		assertThat(deadline.getDayOfMonth()).isLessThanOrEqualTo(cutoffDay);
		return deadline.toLocalDate().plusDays(1).atTime(9, 0);
	}

	void assertRollup(Deployment deployment, String table, YearMonth month, String region,
			Map<String, Map<String, BigDecimal>> expected, String suffix) {
		for (Map.Entry<String, Map<String, BigDecimal>> row : expected.entrySet()) {
			List<Map<String, Object>> actual = deployment
				.query("select * from " + table + " where period = date '" + month.atDay(1) + "' and region_code = '"
						+ region + "' and industry_code = '" + row.getKey() + "'");
			assertThat(actual).as(table + " " + month + " " + region + " " + row.getKey()).hasSize(1);
			for (String measure : MEASURES) {
				Object value = actual.get(0).get(measure + suffix);
				BigDecimal got = value == null ? null : new BigDecimal(value.toString());
				assertThat(got).as(table + " " + month + " " + region + " " + row.getKey() + " " + measure + suffix)
					.isNotNull()
					.isEqualByComparingTo(row.getValue().get(measure));
			}
		}
	}

	/** Industry (and ALL) → measure → the units' figures of {@code month} added up. */
	Map<String, Map<String, BigDecimal>> sum(List<String> units, YearMonth month) {
		Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
		for (String unit : units) {
			reported.get(unit).get(month).forEach((industry, values) -> values.forEach((measure, v) -> {
				out.computeIfAbsent(industry, k -> new LinkedHashMap<>()).merge(measure, v, BigDecimal::add);
				out.computeIfAbsent("ALL", k -> new LinkedHashMap<>()).merge(measure, v, BigDecimal::add);
			}));
		}
		return out;
	}

	static Map<String, Map<String, BigDecimal>> minus(Map<String, Map<String, BigDecimal>> a,
			Map<String, Map<String, BigDecimal>> b) {
		Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
		a.forEach((industry, values) -> values
			.forEach((measure, v) -> out.computeIfAbsent(industry, k -> new LinkedHashMap<>())
				.put(measure, v.subtract(b.getOrDefault(industry, Map.of()).getOrDefault(measure, BigDecimal.ZERO)))));
		return out;
	}

	/**
	 * A unit's cumulative table for {@code month}: April's activity, plus May's for May;
	 * every check rule holds (a month's activity is {@link DemoFigures}'); fines in 万元
	 * with cents. Each unit reports two or three industries, seeded by its name.
	 */
	Map<String, Map<String, BigDecimal>> figures(String unit, YearMonth month) {
		Map<YearMonth, Map<String, Map<String, BigDecimal>>> months = reported.computeIfAbsent(unit, u -> {
			Random random = new Random(u.hashCode());
			DemoFigures activity = new DemoFigures(random);
			List<String> industries = new ArrayList<>(Deployment.INDUSTRIES.keySet());
			if (random.nextBoolean()) {
				industries.remove(1 + random.nextInt(2));
			}
			Map<YearMonth, Map<String, Map<String, BigDecimal>>> byMonth = new LinkedHashMap<>();
			Map<String, Map<String, BigDecimal>> cumulative = new LinkedHashMap<>();
			for (YearMonth m : List.of(APRIL, MAY)) {
				Map<String, Map<String, BigDecimal>> table = new LinkedHashMap<>();
				for (String industry : industries) {
					Map<String, BigDecimal> sum = new LinkedHashMap<>(cumulative.getOrDefault(industry, Map.of()));
					activity.month("F-000").forEach((k, v) -> sum.merge(k, v, BigDecimal::add));
					cumulative.put(industry, sum);
					table.put(industry, new LinkedHashMap<>(sum));
				}
				byMonth.put(m, table);
			}
			return byMonth;
		});
		return months.get(month);
	}

}
