package org.anjian.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workbench in a real browser: the distribution's headless chromium driven through
 * its chromedriver (Selenium), at 1366×768, against {@code anjian serve}'s web context on
 * the sample county after a nightly of 2024-05-23 02:00 (住建局's May table, received at
 * 09:10 that morning, is held back for the upload). Screenshots of each page are kept in
 * {@code jobs/target/workbench-screenshots/}. 桃源镇's May table has one header reworded, so
 * it is loaded with a 提示 its clerk explains. Without chromium the tests fail, they never
 * skip.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchBrowserTests {

	static final Path CHROMIUM = Path.of(System.getProperty("anjian.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("anjian.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "workbench-screenshots");

	static final String HELD_BACK = "2024-05/住建局5月报表.xlsx";

	/** 桃源镇's May table, its 聘用安全专家 header reworded: loaded with a TEMPLATE_CHANGED 提示. */
	static final String WARNED = "2024-05/强安2024专项行动统计汇总表-桃源镇-202405.xlsx";

	@TempDir
	static Path dir;

	static Path home;

	static Path inbox;

	static Path upload;

	static ConfigurableApplicationContext workbench;

	static String base;

	static WebDriver browser;

	@BeforeAll
	static void nightlyThenServe() throws Exception {
		assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "浏览器测试需要 " + CHROMIUM + " 和 "
				+ CHROMEDRIVER
				+ "：apt-get install -y chromium chromium-driver（.ci/run 会安装），或用 -Danjian.chromium / -Danjian.chromedriver 指定");
		SampleCounty county = SampleCounty.load();
		Path reference = county.copyReference(dir.resolve("reference"));
		inbox = county.copyInbox(dir.resolve("inbox"));
		upload = dir.resolve("held-back").resolve(Path.of(HELD_BACK).getFileName().toString());
		Files.createDirectories(upload.getParent());
		Files.move(inbox.resolve(HELD_BACK), upload);
		WorkbenchLists.write(inbox.resolve("2024-05/清单"));
		reword(inbox.resolve(WARNED), "聘用安全专家", "聘请安全专家");
		home = dir.resolve("home");
		CliRun nightly = CliRun.of("nightly", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString(), "--now", "2024-05-23T02:00:00");
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		Accounts accounts = new Accounts(home.resolve(Accounts.FILE_NAME));
		accounts.put("office", "office-password", "office", null);
		accounts.put("taoyuan", "taoyuan-password", "clerk", "HM02");
		accounts.put("zhujian", "zhujian-password", "clerk", "HM07");
		WorkbenchSettings settings = new WorkbenchSettings(home, reference, inbox, 0);
		workbench = Workbench.start(settings, WorkbenchActions.locking(settings));
		base = "http://localhost:" + Workbench.port(workbench);
		Files.createDirectories(SCREENSHOTS);
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768",
				"--lang=zh-CN");
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build(), options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(6));
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (workbench != null) {
			workbench.close();
		}
	}

	@Test
	@Order(1)
	void noPageWithoutSigningIn() throws Exception {
		browser.manage().deleteAllCookies();
		browser.get(base + "/month");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		browser.get(base + "/files");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		signIn("office", "wrong-password");
		assertThat(browser.getPageSource()).contains("登录名或密码不对");
		shot("login");
	}

	@Test
	@Order(2)
	void monthPageIsTheWarehouseRoster() throws Exception {
		signIn("office", "office-password");
		browser.get(base + "/month?campaign=QA2024&period=2024-05");
		Map<String, String> shown = new TreeMap<>();
		Map<String, String> rosterShown = new TreeMap<>();
		for (WebElement row : browser.findElements(By.cssSelector("#roster tbody tr"))) {
			shown.put(row.getAttribute("data-submitter"), row.findElement(By.className("status")).getText());
			rosterShown.put(row.getAttribute("data-submitter"), row.findElement(By.className("roster")).getText());
		}
		// independently: the cutoff roster the rollup materialized, read from the
		// analysts'
		// snapshot; a missing submitter whose only May file was rejected is 已报被退回
		Map<String, String> expected = new TreeMap<>();
		Map<String, String> roster = new TreeMap<>();
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement()
					.executeQuery(
							"""
									select r.submitter_code, r.status,
									       exists (select 1 from audit_file f where f.submitter_code = r.submitter_code
									               and f.campaign = r.campaign and f.period = r.period and f.status = 'rejected') as rejected
									from rollup_roster r
									where r.campaign = 'QA2024' and r.period = DATE '2024-05-01' and r.kind = 'cutoff'""")) {
			while (rs.next()) {
				String status = rs.getString(2);
				roster.put(rs.getString(1), switch (status) {
					case "on_time" -> "已报";
					case "late" -> "迟报";
					default -> "未报";
				});
				expected.put(rs.getString(1), switch (status) {
					case "on_time" -> "已报";
					case "late" -> "迟报";
					default -> rs.getBoolean(3) ? "已报被退回" : "未报";
				});
			}
		}
		assertThat(expected).hasSize(8);
		assertThat(shown).isEqualTo(expected);
		assertThat(rosterShown).isEqualTo(roster);
		// what the sample county is known to hold: 新场镇's May table was rejected, 住建局's
		// came after the deadline (held back here)
		assertThat(shown).containsEntry("HM04", "已报被退回").containsEntry("HM07", "未报").containsEntry("HM02", "已报");
		assertThat(browser.findElement(By.id("deadline")).getText()).isEqualTo("2024-05-22");
		List<String> chased = browser.findElements(By.cssSelector("#chase tbody tr"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(chased).hasSize(2);
		assertThat(String.join("\n", chased)).contains("新场镇", "曾德明", "18728350092", "鹤鸣县住房和城乡建设局", "袁小兵",
				"15196284437");
		shot("month-office");
	}

	@Test
	@Order(3)
	void bulletinRanksAsAnIndependentQueryDoes() throws Exception {
		signIn("office", "office-password");
		browser.get(base + "/bulletin?campaign=QA2024&period=2024-05");
		browser.findElement(By.id("write-bulletin")).click();
		// on a loaded machine the click may return before the next page is there
		String href = new WebDriverWait(browser, Duration.ofMinutes(2))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("bulletin-xlsx")))
			.getAttribute("href");
		shot("bulletin");
		HttpResponse<byte[]> xlsx = get(href.substring(base.length()));
		assertThat(xlsx.statusCode()).isEqualTo(200);
		List<List<String>> read = new java.util.ArrayList<>();
		try (org.apache.poi.ss.usermodel.Workbook workbook = org.apache.poi.ss.usermodel.WorkbookFactory
			.create(new java.io.ByteArrayInputStream(xlsx.body()))) {
			org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(0);
			org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter();
			for (int r = 2; r <= sheet.getLastRowNum(); r++) {
				org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
				if (row != null && row.getCell(2) != null) {
					read.add(List.of(formatter.formatCellValue(row.getCell(1)),
							formatter.formatCellValue(row.getCell(2)), formatter.formatCellValue(row.getCell(6))));
				}
			}
			assertThat(formatter.formatCellValue(sheet.getRow(sheet.getLastRowNum()).getCell(0)))
				.contains("未报：鹤鸣县住房和城乡建设局", "已报被退回：新场镇");
		}
		// the same ranking, computed in SQL from the roster and the current tables:
		// timeliness
		// class, then the rectification rate (highest first, none last), then the code
		List<List<String>> expected = new java.util.ArrayList<>();
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement()
					.executeQuery(
							"""
									with t as (
									    select r.submitter_code, r.submitter_name,
									           case when r.status = 'missing' and exists (select 1 from audit_file a
									               where a.submitter_code = r.submitter_code and a.campaign = 'QA2024'
									               and a.period = DATE '2024-05-01' and a.status = 'rejected') then 'rejected'
									                else r.status end as t,
									           (select round(100.0 * sum(f.rectified_total) / nullif(sum(f.hazards_total), 0), 1)
									            from fact_submission_line f where f.submitter_code = r.submitter_code
									            and f.campaign = 'QA2024' and f.period = DATE '2024-05-01' and f.is_current) as rate
									    from rollup_roster r
									    where r.campaign = 'QA2024' and r.period = DATE '2024-05-01' and r.kind = 'cutoff')
									select submitter_name,
									       case t when 'on_time' then '按时报送' when 'late' then '迟报' when 'rejected' then '已报被退回' else '未报' end,
									       coalesce(cast(rate as varchar), '—')
									from t
									order by case t when 'on_time' then 0 when 'late' then 1 when 'rejected' then 2 else 3 end,
									         rate desc nulls last, submitter_code""")) {
			while (rs.next()) {
				expected.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3).replaceAll("\\.0$", "")));
			}
		}
		assertThat(expected).hasSize(8);
		assertThat(read).isEqualTo(expected);
		assertThat(read.get(6).get(0)).isEqualTo("新场镇");
		assertThat(read.get(7).get(0)).isEqualTo("鹤鸣县住房和城乡建设局");
		assertThat(browser.findElements(By.cssSelector("#bulletin tbody tr td:nth-child(2)"))
			.stream()
			.map(WebElement::getText)
			.toList()).isEqualTo(expected.stream().map(e -> e.get(0)).toList());

		// the targets (defaults: a department ≥ 2 enterprises a month, key directory 100
		// %,
		// 双随机 ≥ 5 %), computed from the tables' cumulative figures and the raw lists
		// matched by name
		List<List<String>> targets = new java.util.ArrayList<>();
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement()
					.executeQuery(
							"""
									with cum as (
									    select submitter_code, period, sum(enterprises_inspected) as e from fact_submission_line
									    where campaign = 'QA2024' and is_current group by 1, 2),
									m as (
									    select d.submitter_code, d.name,
									           (select e from cum where cum.submitter_code = d.submitter_code and period = DATE '2024-05-01')
									           - coalesce((select e from cum where cum.submitter_code = d.submitter_code
									                       and period = DATE '2024-04-01'), 0) as inspected
									    from dim_submitter d where d.kind = 'department'),
									dir as (
									    select f.submitter_code, d.list, d.enterprise_name from raw_enterprise_directory d
									    join audit_file f on f.sha256 = d.sha256 and f.status = 'loaded'),
									insp as (
									    select distinct f.submitter_code, i.enterprise_name from raw_inspection_record i
									    join audit_file f on f.sha256 = i.sha256 and f.status = 'loaded'
									    where cast(i.inspected_on as date) between DATE '2024-04-01' and DATE '2024-05-31'),
									cov as (
									    select dir.submitter_code,
									           round(100.0 * count(insp.enterprise_name) filter (where list = 'key')
									                 / nullif(count(*) filter (where list = 'key'), 0), 1) as coverage,
									           round(100.0 * count(insp.enterprise_name) filter (where list = 'general')
									                 / nullif(count(*) filter (where list = 'general'), 0), 1) as share
									    from dir left join insp on insp.submitter_code = dir.submitter_code
									        and insp.enterprise_name = dir.enterprise_name
									    group by 1)
									select m.name, coalesce(cast(m.inspected as varchar), '未报'), coalesce(cast(cov.coverage as varchar), ''),
									       coalesce(cast(cov.share as varchar), '')
									from m left join cov using (submitter_code)
									order by (case when m.inspected is null or m.inspected < 2 then 1 else 0 end)
									             + (case when cov.coverage < 100 then 1 else 0 end) + (case when cov.share < 5 then 1 else 0 end),
									         m.inspected desc nulls last, cov.coverage desc nulls last, cov.share desc nulls last, m.submitter_code""")) {
			while (rs.next()) {
				targets.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
			}
		}
		assertThat(targets).hasSize(3)
			.contains(List.of("鹤鸣县住房和城乡建设局", "未报", "", ""))
			.anySatisfy(t -> assertThat(t).startsWith("鹤鸣县应急管理局").endsWith("75.0", ""))
			.anySatisfy(t -> assertThat(t).startsWith("鹤鸣县市场监督管理局").endsWith("", "5.0"));
		assertThat(targets.get(2).get(0)).isEqualTo("鹤鸣县住房和城乡建设局");
		assertThat(browser.findElements(By.cssSelector("#targets tbody tr"))
			.stream()
			.map(r -> List.of(r.findElement(By.cssSelector("td:nth-child(2)")).getText(),
					r.findElement(By.className("inspected")).getText(),
					r.findElement(By.className("coverage")).getText(), r.findElement(By.className("share")).getText()))
			.toList()).isEqualTo(targets);
		assertThat(browser.findElement(By.id("targets-worst")).getText()).contains("鹤鸣县住房和城乡建设局（本月检查企业数无（本月未报）",
				"重点检查企业名录库覆盖率 75.0%（3/4），应达 100%");
		try (org.apache.poi.ss.usermodel.Workbook workbook = org.apache.poi.ss.usermodel.WorkbookFactory
			.create(new java.io.ByteArrayInputStream(xlsx.body()))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
			org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(1);
			assertThat(sheet.getSheetName()).isEqualTo("目标考核");
			org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter();
			List<List<String>> inXlsx = new java.util.ArrayList<>();
			for (int r = 2; r < 2 + targets.size(); r++) {
				org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
				inXlsx.add(List.of(formatter.formatCellValue(row.getCell(1)),
						formatter.formatCellValue(row.getCell(2)).replace("—", "未报"),
						formatter.formatCellValue(row.getCell(6)).replace("—", ""),
						formatter.formatCellValue(row.getCell(8)).replace("—", "")));
			}
			assertThat(inXlsx)
				.isEqualTo(targets.stream().map(t -> t.stream().map(v -> v.replaceAll("\\.0$", "")).toList()).toList());
		}
	}

	@Test
	@Order(3)
	void officePagesFilesRollupsTasks() throws Exception {
		signIn("office", "office-password");
		browser.get(base + "/files");
		List<WebElement> files = browser.findElements(By.cssSelector("#files tbody tr"));
		long recorded;
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement().executeQuery("select count(*) from audit_file")) {
			rs.next();
			recorded = rs.getLong(1);
		}
		assertThat(files).hasSize((int) recorded);
		shot("files");
		String rejected = sha("2024-05/新场镇5月统计表.xlsx");
		browser.get(base + "/files/" + rejected);
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("已退回（拒收）");
		assertThat(browser.findElements(By.cssSelector("#issues tbody tr"))).isNotEmpty();
		shot("file-rejected");
		HttpResponse<byte[]> original = get("/files/" + rejected + "/original");
		assertThat(original.statusCode()).isEqualTo(200);
		assertThat(original.body()).isEqualTo(Files.readAllBytes(inbox.resolve("2024-05/新场镇5月统计表.xlsx")));

		browser.get(base + "/rollups?campaign=QA2024&period=2024-05&kind=cutoff");
		String preview = browser.findElement(By.id("official")).getText();
		assertThat(preview).contains("鹤鸣县");
		HttpResponse<byte[]> manifest = get(
				"/rollups/download?campaign=QA2024&period=2024-05&kind=cutoff&file=manifest.json");
		assertThat(manifest.statusCode()).isEqualTo(200);
		assertThat(new String(manifest.body(), StandardCharsets.UTF_8))
			.isEqualTo(Files.readString(home.resolve("outbox/QA2024/2024-05/cutoff/manifest.json")));
		shot("rollups");

		browser.get(base + "/tasks");
		String jobs = browser.findElement(By.id("jobs")).getText();
		assertThat(jobs).contains("submissionsIntakeJob", "rollupJob", "exportJob", "COMPLETED");
		shot("tasks");
	}

	@Test
	@Order(3)
	void hazardsPageCountsAsAnIndependentQueryDoes() throws Exception {
		signIn("office", "office-password");
		browser.get(base + "/hazards?date=" + WorkbenchLists.HAZARDS_AS_OF);
		Map<List<String>, List<Long>> shown = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
		for (WebElement row : browser.findElements(By.cssSelector("#counts tbody tr"))) {
			shown.put(List.of(row.getAttribute("data-submitter"), row.getAttribute("data-region")),
					row.findElements(By.className("num"))
						.stream()
						.limit(5)
						.map(c -> Long.parseLong(c.getText()))
						.toList());
		}
		// independently, from the raw ledger rows of the loaded ledgers: region by the
		// 所属乡镇 text, else the submitter's; rectified by the date (完成日期, or 已整改
		// with none written); overdue past 整改期限; a blank 五落实 cell is incomplete
		Map<List<String>, List<Long>> expected = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement()
					.executeQuery(
							"""
									with h as (
									    select f.submitter_code, coalesce(r.region_code, s.region_code) as region_code, l.*,
									           try_cast(l.deadline as date) as dl, try_cast(l.rectified_on as date) as ro
									    from raw_hazard_ledger l
									    join audit_file f on f.sha256 = l.sha256 and f.status = 'loaded'
									    join dim_submitter s on s.submitter_code = f.submitter_code
									    left join dim_region r on r.name = l.township
									    where l.level = 'major' and cast(l.found_on as date) <= DATE '%s'),
									o as (
									    select *, not (coalesce(ro <= DATE '%s', false) or (status = 'rectified' and ro is null)) as open
									    from h)
									select submitter_code, region_code, count(*), count(*) filter (where not open),
									       count(*) filter (where open), count(*) filter (where open and dl < DATE '%s'),
									       count(*) filter (where open and (coalesce(responsible, '') = '' or coalesce(measures, '') = ''
									           or try_cast(funds_wan as decimal) is null or dl is null or coalesce(contingency_plan, '') = ''))
									from o group by 1, 2"""
								.formatted(WorkbenchLists.HAZARDS_AS_OF, WorkbenchLists.HAZARDS_AS_OF,
										WorkbenchLists.HAZARDS_AS_OF))) {
			while (rs.next()) {
				expected.put(List.of(rs.getString(1), rs.getString(2)),
						List.of(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
			}
		}
		assertThat(shown).isEqualTo(expected);
		// the scenario's known answers (WorkbenchLists): 桃源镇 4 major, 1 rectified, 3
		// open, 1 overdue, 2 incomplete; 应急局's in 石门镇 2, 1, 1, 1, 0
		assertThat(expected).containsEntry(List.of("HM02", "519902101"), List.of(4L, 1L, 3L, 1L, 2L))
			.containsEntry(List.of("HM06", "519902102"), List.of(2L, 1L, 1L, 1L, 0L))
			.hasSize(2);
		String open = browser.findElement(By.id("open")).getText();
		assertThat(open).contains("桃源镇乙化工有限公司", "逾期 15 天", "责任人、资金", "桃源镇戊材料厂", "措施、期限、预案", "石门镇己矿业有限公司", "逾期 14 天")
			.doesNotContain("桃源镇丙建材有限公司");
		shot("hazards");

		HttpResponse<byte[]> xlsx = get("/hazards/export?date=" + WorkbenchLists.HAZARDS_AS_OF + "&format=xlsx");
		assertThat(xlsx.statusCode()).isEqualTo(200);
		try (org.apache.poi.ss.usermodel.Workbook workbook = org.apache.poi.ss.usermodel.WorkbookFactory
			.create(new java.io.ByteArrayInputStream(xlsx.body()))) {
			org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter();
			org.apache.poi.ss.usermodel.Row total = workbook.getSheetAt(0).getRow(2 + expected.size());
			assertThat(formatter.formatCellValue(total.getCell(0))).isEqualTo("合计");
			assertThat(List.of(2, 3, 4, 5, 6).stream().map(i -> formatter.formatCellValue(total.getCell(i))).toList())
				.containsExactly("6", "2", "4", "2", "2");
			assertThat(workbook.getSheetAt(1).getLastRowNum()).as("4 open hazards, a blank row, the note").isEqualTo(7);
		}
		HttpResponse<byte[]> csv = get("/hazards/export?date=" + WorkbenchLists.HAZARDS_AS_OF + "&format=csv");
		assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFF")
			.contains("桃源镇乙化工有限公司", "合计,,6,2,4,2,2");

		// a clerk sees its own submitter's hazards only
		signIn("taoyuan", "taoyuan-password");
		browser.get(base + "/hazards?date=" + WorkbenchLists.HAZARDS_AS_OF);
		assertThat(browser.findElements(By.cssSelector("#counts tbody tr"))
			.stream()
			.map(r -> r.getAttribute("data-submitter"))
			.toList()).containsExactly("HM02");
		assertThat(browser.findElement(By.id("open")).getText()).doesNotContain("石门镇己矿业有限公司");
	}

	@Test
	@Order(3)
	void rollupsOfEveryRegionAndAWhatIf() throws Exception {
		signIn("office", "office-password");
		browser.get(base + "/rollups?campaign=QA2024&period=2024-05&kind=cutoff");
		String official = "select region_code, submitters_reported, hazards_total from %s where campaign = 'QA2024' "
				+ "and period = DATE '2024-05-01' and industry_code = 'ALL' %s order by region_code";
		assertThat(regionsShown()).isEqualTo(regions(official.formatted("rollup_cutoff", "")))
			.hasSize(6)
			.containsKey("519902");

		// as of 2024-05-21 10:00, before 桃源镇's table (10:01 that day): a what-if, the
		// official rollup left as it was
		browser.findElement(By.id("what-if-as-of")).sendKeys("2024-05-21T10:00:00");
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("document.getElementById('what-if-as-of').value = '2024-05-21T10:00:00'");
		browser.findElement(By.id("what-if")).click();
		new WebDriverWait(browser, Duration.ofMinutes(6))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("what-if-label")));
		assertThat(browser.findElement(By.id("outcome")).getText()).contains("假设汇总");
		Map<String, List<Long>> whatIf = regions(
				official.formatted("whatif_rollup_cutoff", "and as_of = TIMESTAMP '2024-05-21 10:00:00'"));
		assertThat(regionsShown()).isEqualTo(whatIf);
		Map<String, List<Long>> before = regions(official.formatted("rollup_cutoff", ""));
		// 桃源镇 counts with its April table (carried forward) in the what-if only
		assertThat(whatIf.get("519902101").get(1)).isLessThan(before.get("519902101").get(1));
		try (Connection c = snapshot(); ResultSet rs = c.createStatement().executeQuery("""
				select (select status || ' ' || carried_forward from whatif_rollup_roster where submitter_code = 'HM02'
				        and campaign = 'QA2024' and period = DATE '2024-05-01' and kind = 'cutoff'
				        and as_of = TIMESTAMP '2024-05-21 10:00:00'),
				       (select status || ' ' || carried_forward from rollup_roster where submitter_code = 'HM02'
				        and campaign = 'QA2024' and period = DATE '2024-05-01' and kind = 'cutoff')""")) {
			rs.next();
			assertThat(List.of(rs.getString(1), rs.getString(2))).containsExactly("missing true", "on_time false");
		}
		shot("rollups-what-if");
		Path folder = home.resolve("outbox/QA2024/2024-05/cutoff/as-of-20240521-100000");
		assertThat(folder.resolve("manifest.json")).exists();
		HttpResponse<byte[]> manifest = get("/rollups/download?campaign=QA2024&period=2024-05&kind=cutoff"
				+ "&file=manifest.json&asOf=2024-05-21T10:00");
		assertThat(new String(manifest.body(), StandardCharsets.UTF_8))
			.isEqualTo(Files.readString(folder.resolve("manifest.json")));
	}

	private static Map<String, List<Long>> regionsShown() {
		Map<String, List<Long>> shown = new TreeMap<>();
		for (WebElement row : browser.findElements(By.cssSelector("#regions tbody tr"))) {
			List<WebElement> cells = row.findElements(By.tagName("td"));
			shown.put(row.getAttribute("data-region"),
					List.of(Long.parseLong(cells.get(2).getText()), Long.parseLong(cells.get(5).getText())));
		}
		return shown;
	}

	private static Map<String, List<Long>> regions(String sql) throws Exception {
		Map<String, List<Long>> rows = new TreeMap<>();
		try (Connection c = snapshot(); ResultSet rs = c.createStatement().executeQuery(sql)) {
			while (rs.next()) {
				rows.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3)));
			}
		}
		return rows;
	}

	@Test
	@Order(4)
	void clerkSeesOnlyItsOwnSubmitter() throws Exception {
		signIn("taoyuan", "taoyuan-password");
		browser.get(base + "/month?campaign=QA2024&period=2024-05");
		List<WebElement> rows = browser.findElements(By.cssSelector("#roster tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getAttribute("data-submitter")).isEqualTo("HM02");
		assertThat(browser.findElements(By.id("chase"))).isEmpty();
		shot("month-clerk");
		browser.get(base + "/files");
		List<String> submitters = browser.findElements(By.cssSelector("#files tbody tr td:nth-child(3)"))
			.stream()
			.map(WebElement::getText)
			.distinct()
			.toList();
		assertThat(submitters).containsExactly("桃源镇");
		shot("files-clerk");
	}

	@Test
	@Order(5)
	void clerkIsRefusedAnotherTownshipsFile() throws Exception {
		signIn("taoyuan", "taoyuan-password");
		String shimen = sha("2024-05/石门镇5月统计表（更正）.xlsx");
		browser.get(base + "/files/" + shimen);
		assertThat(browser.findElement(By.id("forbidden")).getText()).contains("403");
		assertThat(browser.getPageSource()).doesNotContain("石门镇5月统计表");
		shot("forbidden");
		assertThat(get("/files/" + shimen + "/original").statusCode()).isEqualTo(403);
		assertThat(get("/files/" + shimen).statusCode()).isEqualTo(403);
		assertThat(get("/tasks").statusCode()).isEqualTo(403);
		assertThat(get("/files/" + sha("2024-05/强安2024专项行动统计汇总表-桃源镇-202405.xlsx") + "/original").statusCode())
			.isEqualTo(200);
		assertThat(Files.readString(home.resolve("logs/workbench-actions.log")))
			.contains("taoyuan\t拒绝访问\t文件 2024-05/石门镇5月统计表（更正）.xlsx");
	}

	@Test
	@Order(5)
	void aClerksUploadNamingAnotherSubmitterIsRefusedAndKept() throws Exception {
		signIn("taoyuan", "taoyuan-password");
		browser.get(base + "/upload");
		Path shimen = inbox.resolve("2024-05/石门镇5月统计表（更正）.xlsx");
		browser.findElement(By.id("file")).sendKeys(shimen.toAbsolutePath().toString());
		browser.findElement(By.id("send")).click();
		String problem = new WebDriverWait(browser, Duration.ofMinutes(2))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("problem")))
			.getText();
		assertThat(problem).contains("没有入库", "填报单位是“石门镇”，不是本单位（桃源镇）", "workbench-refused/");
		assertThat(browser.findElements(By.id("outcome"))).isEmpty();
		shot("upload-refused");
		// not in the inbox, nothing recorded; kept byte for byte, and logged
		assertThat(inbox.resolve(UploadPage.FOLDER).resolve("桃源镇").resolve(shimen.getFileName())).doesNotExist();
		try (var kept = Files.walk(home.resolve(UploadPage.REFUSED))) {
			List<Path> files = kept.filter(Files::isRegularFile).toList();
			assertThat(files).hasSize(1);
			assertThat(files.get(0)).hasSameBinaryContentAs(shimen);
			assertThat(problem).contains(home.relativize(files.get(0)).toString());
		}
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement()
					.executeQuery("select count(*) from audit_file where path like '" + UploadPage.FOLDER + "/%'")) {
			rs.next();
			assertThat(rs.getLong(1)).isZero();
		}
		assertThat(Files.readString(home.resolve("logs/workbench-actions.log")))
			.contains("taoyuan\t拒收他单位报表\t石门镇5月统计表（更正）.xlsx（填报单位 HM03 石门镇");
	}

	@Test
	@Order(6)
	void clerkUploadsATableAndSeesItLoaded() throws Exception {
		signIn("zhujian", "zhujian-password");
		browser.get(base + "/upload");
		browser.findElement(By.id("file")).sendKeys(upload.toAbsolutePath().toString());
		browser.findElement(By.id("send")).click();
		try {
			new WebDriverWait(browser, Duration.ofMinutes(6))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			shot("upload-failed");
			String log = Files.readString(home.resolve("logs/anjian.log"));
			throw new AssertionError("上传后没有结果：" + browser.findElement(By.tagName("body")).getText() + "\n"
					+ log.substring(Math.max(0, log.length() - 6000)), ex);
		}
		assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("已入库");
		assertThat(browser.findElement(By.id("submitter")).getText()).isEqualTo("鹤鸣县住房和城乡建设局");
		shot("upload");
		Path landed = inbox.resolve(UploadPage.FOLDER).resolve("鹤鸣县住房和城乡建设局").resolve(upload.getFileName());
		assertThat(landed).hasSameBinaryContentAs(upload);
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement()
					.executeQuery("select status, submitter_code from audit_file where path = '"
							+ inbox.relativize(landed).toString().replace("'", "''") + "'")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("loaded");
			assertThat(rs.getString(2)).isEqualTo("HM07");
		}
		browser.get(base + "/month?campaign=QA2024&period=2024-05");
		WebElement row = browser.findElement(By.cssSelector("#roster tbody tr[data-submitter='HM07']"));
		// received now, long after the deadline; the cutoff roster still says 未报
		assertThat(row.findElement(By.className("status")).getText()).isEqualTo("迟报");
		assertThat(row.findElement(By.className("roster")).getText()).isEqualTo("未报");
		assertThat(Files.readString(home.resolve("logs/workbench-actions.log"))).contains("zhujian\t上传\t");
	}

	@Test
	@Order(7)
	void aRunWhileAnotherProcessHoldsTheHomeIsRefusedAtOnce() throws Exception {
		signIn("office", "office-password");
		try (org.anjian.jobs.system.HomeLock held = org.anjian.jobs.system.HomeLock.acquire(home)) {
			assertThat(held).isNotNull();
			browser.get(base + "/tasks");
			long started = System.nanoTime();
			browser.findElement(By.id("run-nightly")).click();
			String outcome = new WebDriverWait(browser, Duration.ofMinutes(1))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")))
				.getText();
			assertThat(outcome).contains("夜间作业：未运行", "另一个 anjian 作业");
			// refused, not waited for: the page came back without running anything
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
		}
		assertThat(Files.readString(home.resolve("logs/workbench-actions.log"))).contains("office\t运行夜间作业\t");
	}

	@Test
	@Order(8)
	void theNightlyRunsWhileTheWorkbenchServes() throws Exception {
		signIn("office", "office-password");
		browser.get(base + "/month?campaign=QA2024&period=2024-05");
		String before = browser.findElement(By.cssSelector("header .who")).getText();
		// the workbench holds no lock and no warehouse connection: a nightly in the same
		// home runs to the end, and the pages then show its export
		CliRun nightly = CliRun.of("nightly", "--home", home.toString(), "--reference",
				dir.resolve("reference").toString(), "--inbox", inbox.toString(), "--now", "2024-06-23T02:00:00");
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		browser.get(base + "/month?campaign=QA2024&period=2024-06");
		assertThat(browser.findElements(By.cssSelector("#roster tbody tr"))).hasSize(8);
		// May's rollups (cutoff 05-22, month-end 05-31) are done by this nightly at the
		// latest; June's wait for a June table (none is in the sample inbox)
		browser.get(base + "/month?campaign=QA2024&period=2024-05");
		assertThat(browser.findElements(By.cssSelector("#rollups tbody tr"))).isNotEmpty()
			.allSatisfy(row -> assertThat(row.getText()).contains("已完成"));
		assertThat(browser.findElement(By.cssSelector("header .who")).getText()).contains("数据截至").isNotEqualTo(before);
	}

	@Test
	@Order(6)
	void clerkExplainsAnAdvisoryFindingAndDownloadsTheAnnotatedCopy() throws Exception {
		signIn("taoyuan", "taoyuan-password");
		String warned = sha(WARNED);
		browser.get(base + "/files/" + warned);
		assertThat(browser.findElement(By.id("issues")).getText()).contains("TEMPLATE_CHANGED", "聘请安全专家");
		assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("explain-rule"))).getOptions())
			.extracting(WebElement::getText)
			.containsExactly("TEMPLATE_CHANGED");
		String text = "镇里今年起用新模板，6月改回规定模板";
		browser.findElement(By.id("explain-text")).sendKeys(text);
		browser.findElement(By.id("explain-send")).click();
		String done = new WebDriverWait(browser, Duration.ofMinutes(3))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("explain-done")))
			.getText();
		assertThat(done).contains("已登记上报说明", "TEMPLATE_CHANGED", text);
		assertThat(browser.findElement(By.id("explanations")).getText()).contains("TEMPLATE_CHANGED", text, "taoyuan");
		shot("file-explained");
		// recorded in the warehouse as the explain command records it, by the signed-in
		// clerk, and published: the 本月 line says 已说明 with the text
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement()
					.executeQuery("select rule, text, explained_by, source from audit_explanation where sha256 = '"
							+ warned + "'")) {
			assertThat(rs.next()).isTrue();
			assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
				.containsExactly("TEMPLATE_CHANGED", text, "taoyuan", "office");
			assertThat(rs.next()).isFalse();
		}
		browser.get(base + "/month?campaign=QA2024&period=2024-05");
		WebElement row = browser.findElement(By.cssSelector("#roster tbody tr[data-submitter='HM02']"));
		assertThat(row.findElement(By.className("note")).getText()).contains("已说明：TEMPLATE_CHANGED：" + text)
			.doesNotContain("有提示");
		// the annotated copy written at intake, opened as the clerk would
		HttpResponse<byte[]> annotated = get("/files/" + warned + "/annotated");
		assertThat(annotated.statusCode()).isEqualTo(200);
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				new java.io.ByteArrayInputStream(annotated.body()))) {
			assertThat(wb.getSheetName(0)).isEqualTo("审核意见");
			assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).contains("审核意见");
		}
		// another township's annotated copy (新场镇's rejected table): 403, logged
		assertThat(get("/files/" + sha("2024-05/新场镇5月统计表.xlsx") + "/annotated").statusCode()).isEqualTo(403);
		assertThat(Files.readString(home.resolve("logs/workbench-actions.log")))
			.contains("taoyuan\t上报说明\t" + WARNED + " TEMPLATE_CHANGED：" + text + "（已登记）")
			.contains("taoyuan\t下载审核意见\toutbox/feedback/HM02/")
			.contains("taoyuan\t拒绝访问\t下载审核意见 2024-05/新场镇5月统计表.xlsx");
	}

	/**
	 * Signs in and waits for the answer (the month page, or the login page saying no):
	 * the click may return before the form is even sent, and a page asked for then
	 * cancels the sign-in, so it is shown to nobody signed in (the login page).
	 */
	private static void signIn(String user, String password) {
		browser.manage().deleteAllCookies();
		browser.get(base + "/login");
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("signin")).click();
		new WebDriverWait(browser, Duration.ofMinutes(2)).until(d -> !d.getCurrentUrl().equals(base + "/login"));
	}

	private static void shot(String name) throws Exception {
		Path png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	/** A GET with the browser's session (downloads and status codes). */
	private static HttpResponse<byte[]> get(String path) throws Exception {
		Cookie session = browser.manage().getCookieNamed("JSESSIONID");
		return HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()
			.send(HttpRequest.newBuilder(URI.create(base + path.replace(" ", "%20")))
				.header("Cookie", "JSESSIONID=" + session.getValue())
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String sha(String path) throws Exception {
		try (Connection c = snapshot();
				ResultSet rs = c.createStatement()
					.executeQuery("select sha256 from audit_file where path = '" + path.replace("'", "''") + "'")) {
			assertThat(rs.next()).as(path).isTrue();
			return rs.getString(1);
		}
	}

	/** Rewrites one header text of a workbook in place, keeping its received time. */
	private static void reword(Path workbook, String from, String to) throws Exception {
		java.nio.file.attribute.FileTime received = Files.getLastModifiedTime(workbook);
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				Files.newInputStream(workbook))) {
			int changed = 0;
			for (org.apache.poi.ss.usermodel.Sheet sheet : wb) {
				for (org.apache.poi.ss.usermodel.Row row : sheet) {
					for (org.apache.poi.ss.usermodel.Cell cell : row) {
						if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
								&& from.equals(cell.getStringCellValue().strip())) {
							cell.setCellValue(to);
							changed++;
						}
					}
				}
			}
			assertThat(changed).as(workbook + " 中的“" + from + "”").isEqualTo(1);
			try (var out = Files.newOutputStream(workbook)) {
				wb.write(out);
			}
		}
		Files.setLastModifiedTime(workbook, received);
	}

	private static Connection snapshot() throws Exception {
		Properties readOnly = new Properties();
		readOnly.setProperty("duckdb.read_only", "true");
		return DriverManager.getConnection("jdbc:duckdb:" + home.resolve("analyst/anjian.duckdb"), readOnly);
	}

}
