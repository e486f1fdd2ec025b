package org.anjian.schedules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Holiday;

/**
 * The sample county's campaigns and holidays (all the calendar needs), parsed here so
 * these tests do not wait for the reference data loader; and the deadlines expected.json
 * gives as the true answers.
 */
final class SampleReference {

	private SampleReference() {
	}

	static Path samples() {
		return Path.of(System.getProperty("anjian.samples", "../samples"));
	}

	static ReferenceData calendarOnly() {
		try {
			Path reference = samples().resolve("reference");
			List<Campaign> campaigns = new ArrayList<>();
			List<String> campaignLines = Files.readAllLines(reference.resolve("campaigns.csv"), StandardCharsets.UTF_8);
			List<String> header = Arrays.asList(campaignLines.get(0).strip().split(","));
			for (String line : campaignLines.subList(1, campaignLines.size())) {
				if (line.isBlank()) {
					continue;
				}
				String[] f = line.strip().split(",", -1);
				int shift = header.indexOf("holiday_shift");
				String holidayShift = shift >= 0 && shift < f.length && !f[shift].isBlank() ? f[shift] : "earlier";
				campaigns.add(new Campaign(f[0], f[1], YearMonth.parse(f[2]), YearMonth.parse(f[3]),
						Integer.parseInt(f[4]), List.of(f[5].split("\\|")), f[6], holidayShift));
			}
			List<Holiday> holidays = new ArrayList<>();
			List<String> holidayLines = Files.readAllLines(reference.resolve("holidays.csv"), StandardCharsets.UTF_8);
			for (String line : holidayLines.subList(1, holidayLines.size())) {
				if (!line.isBlank()) {
					String[] f = line.strip().split(",");
					holidays.add(new Holiday(LocalDate.parse(f[0]), f[1]));
				}
			}
			return new ReferenceData(List.of(), List.of(), List.of(), campaigns, holidays);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * expected.json "deadlines": period → holiday-shifted deadline, for campaign QA2024.
	 */
	static Map<YearMonth, LocalDate> expectedDeadlines() {
		try {
			List<Map<String, String>> rows = JsonPath.read(samples().resolve("expected.json").toFile(),
					"$.deadlines[?(@.campaign == 'QA2024')]");
			Map<YearMonth, LocalDate> deadlines = new LinkedHashMap<>();
			for (Map<String, String> row : rows) {
				deadlines.put(YearMonth.parse(row.get("period")), LocalDate.parse(row.get("deadline")));
			}
			return deadlines;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
