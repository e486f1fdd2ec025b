package org.anjian.jobs.levels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.writers.official.OfficialRow;
import org.anjian.writers.official.OfficialTable;
import org.anjian.writers.official.OfficialTableWriter;

/**
 * One anjian deployment of a level test — its reference data written by the test, its
 * home and its inbox under one folder — and the helpers that write a unit's own table
 * into an inbox and carry a lower deployment's outbox table into it, as an office would
 * copy the file it received.
 */
final class Deployment {

	static final String CAMPAIGN = "QA2024";

	/** The industries every deployment of the chain lists (code, name). */
	static final Map<String, String> INDUSTRIES = industries("yjgl", "应急管理", "jtys", "交通运输", "zj", "住建");

	/** code, name, code, name … in order. */
	static Map<String, String> industries(String... codesAndNames) {
		Map<String, String> out = new LinkedHashMap<>();
		for (int i = 0; i < codesAndNames.length; i += 2) {
			out.put(codesAndNames[i], codesAndNames[i + 1]);
		}
		return out;
	}

	final String name;

	final Map<String, String> industries;

	final Path reference;

	final Path home;

	final Path inbox;

	/**
	 * Writes the reference data: {@code regions} rows {@code code,name,level,parent},
	 * {@code submitters} rows {@code code,name,kind,region_code}, the campaign 强安2024 due
	 * on {@code cutoffDay}.
	 */
	Deployment(Path root, String name, List<String> regions, List<String> submitters, int cutoffDay,
			Map<String, String> industries) {
		this.name = name;
		this.industries = industries;
		this.reference = root.resolve(name).resolve("reference");
		this.home = root.resolve(name).resolve("home");
		this.inbox = root.resolve(name).resolve("inbox");
		try {
			Files.createDirectories(reference);
			Files.createDirectories(inbox);
			Files.write(reference.resolve("regions.csv"), lines("code,name,level,parent_code", regions));
			Files.write(reference.resolve("submitters.csv"), lines("code,name,kind,region_code,aliases,liaison,phone",
					submitters.stream().map(s -> s + ",,,").toList()));
			List<String> industryRows = new ArrayList<>();
			industries.forEach((code, label) -> industryRows.add(code + "," + label + ","));
			Files.write(reference.resolve("industries.csv"), lines("code,name,aliases", industryRows));
			Files.write(reference.resolve("campaigns.csv"),
					lines("code,name,first_month,last_month,cutoff_day,title_keywords,form",
							List.of(CAMPAIGN + ",强安2024监管执法专项行动,2024-04,2024-10," + cutoffDay + ",强安2024,F-000")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lines(String header, List<String> rows) {
		List<String> out = new ArrayList<>();
		out.add(header);
		out.addAll(rows);
		return out;
	}

	/** {@code nightly} at business time {@code now}: ingest, due rollups, exports. */
	CliRun nightly(LocalDateTime now) {
		return CliRun.of("nightly", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString(), "--now", now.toString());
	}

	CliRun ingest() {
		return CliRun.of("ingest", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString());
	}

	/** The official table this deployment wrote for a month and kind. */
	Path outbox(YearMonth period, String kind) {
		Path folder = home.resolve("outbox").resolve(CAMPAIGN).resolve(period.toString()).resolve(kind);
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.toString().endsWith(".xlsx")).findFirst().orElseThrow();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Copies a lower deployment's official table into this inbox as received at
	 * {@code received} (the morning after the lower level's deadline, say): no edit, the
	 * file as written.
	 */
	Path receive(Path officialTable, String from, LocalDateTime received) {
		try {
			Path target = inbox.resolve(from)
				.resolve(officialTable.getParent().getFileName().toString())
				.resolve(officialTable.getFileName().toString());
			Files.createDirectories(target.getParent());
			Files.copy(officialTable, target);
			Files.setLastModifiedTime(target, FileTime.from(received.atZone(SampleCounty.SHANGHAI).toInstant()));
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a unit's own cumulative table for {@code month} into this inbox in the
	 * official layout (as the demo inbox does), received at {@code received}.
	 */
	void table(String unit, String scope, YearMonth month, Map<String, Map<String, BigDecimal>> cumulative,
			LocalDateTime received) {
		List<OfficialRow> rows = new ArrayList<>();
		Map<String, BigDecimal> total = new LinkedHashMap<>();
		cumulative.forEach((industry, values) -> {
			rows.add(new OfficialRow(industries.get(industry), values));
			values.forEach((k, v) -> total.merge(k, v, BigDecimal::add));
		});
		OfficialTable table = new OfficialTable("F-000", "全" + scope + "安全生产“强安2024”监管执法专项行动统计汇总表",
				YearMonth.of(2024, 4), month, unit, received.toLocalDate(), rows, new OfficialRow("合  计", total));
		try {
			Path file = inbox.resolve(month.toString()).resolve(unit + month.getMonthValue() + "月统计表.xlsx");
			Files.createDirectories(file.getParent());
			new OfficialTableWriter().write(table, file);
			Files.setLastModifiedTime(file, FileTime.from(received.atZone(SampleCounty.SHANGHAI).toInstant()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<Map<String, Object>> query(String sql) {
		return WarehouseQueries.query(home, sql);
	}

}
