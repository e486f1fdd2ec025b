package org.anjian.jobs.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.writers.official.OfficialRow;
import org.anjian.writers.official.OfficialTable;
import org.anjian.writers.official.OfficialTableWriter;

/**
 * Generates a demo deployment's inbox (the bundled county's, or any reference data's):
 * every submitter's cumulative F-000 table for the first two months of the 强安2024
 * campaign, written in the official layout, with the events an office meets every month —
 * a corrected table sent again, the same file forwarded twice, a 合计 that does not add up,
 * a table after the deadline — and received times set as mtimes. Seeded: the same figures
 * every time.
 */
public final class DemoInbox {

	private final ReferenceData reference;

	private final Random random = new Random(2024);

	private final DemoFigures demoFigures = new DemoFigures(random);

	private final OfficialTableWriter writer = new OfficialTableWriter();

	public DemoInbox(ReferenceData reference) {
		this.reference = reference;
	}

	/** The months the demo inbox holds tables for: the campaign's first two. */
	public static List<YearMonth> months(Campaign campaign) {
		return List.of(campaign.firstMonth(), campaign.firstMonth().plusMonths(1));
	}

	/** Writes every submitter's tables for {@link #months} under {@code inbox}. */
	public void generate(Path inbox, Campaign campaign) throws IOException {
		generate(inbox, campaign, null);
	}

	/**
	 * Writes every submitter's tables for {@link #months} under {@code inbox}; with
	 * {@code lower} (a lower deployment's outbox, or a folder of several), each official
	 * table found there beside its manifest.json is copied in unedited instead, received
	 * at 09:00 the morning after its as_of (sent the day after the lower deadline), and
	 * the submitter it names (its 填报单位, the manifest's region) gets no generated table.
	 * @return the lower deployments whose tables were copied
	 */
	public List<String> generate(Path inbox, Campaign campaign, Path lower) throws IOException {
		Set<String> fromBelow = lower == null ? Set.of() : copyLowerTables(lower, inbox);
		List<YearMonth> months = months(campaign);
		YearMonth first = months.get(0);
		Map<String, Map<String, Map<String, BigDecimal>>> cumulative = new HashMap<>();
		for (YearMonth month : months) {
			Path folder = inbox.resolve(month.toString());
			Files.createDirectories(folder);
			int n = 0;
			for (Submitter s : reference.submitters()) {
				n++;
				if (fromBelow.contains(s.name())) {
					continue;
				}
				Map<String, Map<String, BigDecimal>> figures = cumulative.computeIfAbsent(s.code(),
						k -> new LinkedHashMap<>());
				for (Industry industry : industriesOf(s)) {
					Map<String, BigDecimal> before = figures.getOrDefault(industry.code(), Map.of());
					figures.put(industry.code(), add(before, figures(campaign)));
				}
				LocalDateTime received = month.atDay(10 + n).atTime(9 + n % 8, 15 + n);
				boolean late = month.equals(months.get(1)) && n == reference.submitters().size() - 1;
				if (late) {
					received = month.atDay(23).atTime(9, 10); // after the 22nd: carried
																// forward at the cutoff
				}
				boolean wrongTotal = month.equals(months.get(1)) && n == 4;
				Path file = folder.resolve(s.name() + month.getMonthValue() + "月统计表.xlsx");
				write(file, campaign, month, s, figures, wrongTotal, received);
				if (month.equals(months.get(1)) && n == 2) {
					// a corrected table sent again two days later supersedes the first
					figures.values().iterator().next().merge("enforcement_documents", BigDecimal.ONE, BigDecimal::add);
					write(folder.resolve(s.name() + month.getMonthValue() + "月统计表（更正）.xlsx"), campaign, month, s,
							figures, false, received.plusDays(2));
				}
				if (month.equals(first) && n == 1) {
					// the same file forwarded again in the next month's mail: a duplicate
					Path forwarded = inbox.resolve(months.get(1).toString()).resolve("转发").resolve(file.getFileName());
					Files.createDirectories(forwarded.getParent());
					Files.copy(file, forwarded);
					setReceived(forwarded, received.plusDays(20));
				}
			}
		}
		return List.copyOf(fromBelow);
	}

	private static final Pattern MANIFEST_FIELD = Pattern.compile("\"(file|as_of|region|county)\": \"([^\"]*)\"");

	/**
	 * Copies every official table beside a manifest.json under {@code lower} into
	 * {@code inbox/<region>/<month>/<kind>/}; returns the regions (填报单位) copied.
	 */
	private static Set<String> copyLowerTables(Path lower, Path inbox) throws IOException {
		if (!Files.isDirectory(lower)) {
			throw new IOException("下级部署的上报表目录不存在：" + lower);
		}
		Set<String> regions = new TreeSet<>();
		List<Path> manifests;
		try (Stream<Path> walk = Files.walk(lower)) {
			manifests = walk.filter(p -> p.getFileName().toString().equals("manifest.json")).sorted().toList();
		}
		for (Path manifest : manifests) {
			Map<String, String> fields = new HashMap<>();
			Matcher m = MANIFEST_FIELD.matcher(Files.readString(manifest));
			while (m.find()) {
				fields.putIfAbsent(m.group(1), m.group(2));
			}
			Path table = manifest.resolveSibling(fields.getOrDefault("file", ""));
			String region = fields.getOrDefault("region", fields.get("county"));
			if (region == null || fields.get("as_of") == null || !Files.isRegularFile(table)) {
				continue;
			}
			Path folder = manifest.getParent();
			Path target = inbox.resolve(region)
				.resolve(folder.getParent().getFileName().toString())
				.resolve(folder.getFileName().toString())
				.resolve(table.getFileName().toString());
			Files.createDirectories(target.getParent());
			Files.copy(table, target);
			setReceived(target, LocalDateTime.parse(fields.get("as_of")).toLocalDate().plusDays(1).atTime(9, 0));
			regions.add(region);
		}
		return regions;
	}

	private void write(Path file, Campaign campaign, YearMonth month, Submitter s,
			Map<String, Map<String, BigDecimal>> figures, boolean wrongTotal, LocalDateTime received)
			throws IOException {
		List<OfficialRow> rows = new ArrayList<>();
		Map<String, BigDecimal> total = new LinkedHashMap<>();
		for (Industry industry : reference.industries()) {
			Map<String, BigDecimal> values = figures.get(industry.code());
			if (values != null) {
				rows.add(new OfficialRow(industry.name(), values));
				values.forEach((k, v) -> total.merge(k, v, BigDecimal::add));
			}
		}
		if (wrongTotal) {
			total.merge("hazards_total", BigDecimal.valueOf(5), BigDecimal::add);
		}
		// the title a unit's own copy of the form carries: 全镇 for a township, 全县 for a
		// county department …
		String scope = reference.regions()
			.stream()
			.filter(r -> r.code().equals(s.regionCode()))
			.findFirst()
			.orElse(reference.top())
			.scopeWord();
		OfficialTable table = new OfficialTable(campaign.form(),
				"全" + scope + "安全生产“" + campaign.titleKeywords().get(0) + "”监管执法专项行动统计汇总表", campaign.firstMonth(),
				month, s.name(), received.toLocalDate(), rows, new OfficialRow("合  计", total));
		writer.write(table, file);
		setReceived(file, received);
	}

	private static void setReceived(Path file, LocalDateTime received) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(received.atZone(OfficeTime.ZONE).toInstant()));
	}

	/**
	 * Departments report their own industry and one more; townships report most
	 * industries.
	 */
	private List<Industry> industriesOf(Submitter s) {
		List<Industry> all = reference.industries();
		if ("department".equals(s.kind())) {
			int i = Math.abs(s.code().hashCode()) % all.size();
			return List.of(all.get(i), all.get((i + 1) % all.size()));
		}
		return all.subList(0, Math.min(all.size(), 4 + random.nextInt(3)));
	}

	/** One month's activity for one industry, in the campaign's form. */
	private Map<String, BigDecimal> figures(Campaign campaign) {
		return demoFigures.month(campaign.form());
	}

	private static Map<String, BigDecimal> add(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
		Map<String, BigDecimal> out = new LinkedHashMap<>(b);
		a.forEach((k, v) -> out.merge(k, v, BigDecimal::add));
		return out;
	}

}
