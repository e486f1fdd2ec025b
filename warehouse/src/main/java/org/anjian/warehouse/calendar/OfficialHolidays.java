package org.anjian.warehouse.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.anjian.warehouse.reference.ReferenceData.Holiday;

/**
 * The State Council's public holidays and make-up working days (调休), bundled as
 * {@code calendar/cn-holidays.csv}: one block per year, each from that year's notice
 * (国务院办公厅关于<year>年部分节假日安排的通知, named in the file and by {@link #notices()}).
 * {@link DeadlineCalendar} merges them with the office's {@code holidays.csv}.
 */
public final class OfficialHolidays {

	static final String RESOURCE = "calendar/cn-holidays.csv";

	private static final OfficialHolidays BUNDLED = load();

	private final List<Holiday> days;

	private final SortedMap<Integer, String> notices;

	private OfficialHolidays(List<Holiday> days, SortedMap<Integer, String> notices) {
		this.days = List.copyOf(days);
		this.notices = Collections.unmodifiableSortedMap(notices);
	}

	/** The bundled calendar. */
	public static OfficialHolidays bundled() {
		return BUNDLED;
	}

	/** Every holiday and make-up working day of every covered year's notice. */
	public List<Holiday> days() {
		return days;
	}

	/** The years whose notice is bundled, with the notice (document number and title). */
	public SortedMap<Integer, String> notices() {
		return notices;
	}

	private static OfficialHolidays load() {
		try (InputStream in = OfficialHolidays.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("缺少资源文件 " + RESOURCE);
			}
			List<Holiday> days = new ArrayList<>();
			SortedMap<Integer, String> notices = new TreeMap<>();
			boolean header = true;
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String l = line.strip();
				if (l.startsWith("#notice ")) {
					String[] parts = l.substring("#notice ".length()).split(" ", 2);
					notices.put(Integer.parseInt(parts[0]), parts[1]);
				}
				else if (!l.isEmpty() && !l.startsWith("#")) {
					if (header) {
						header = false;
						continue;
					}
					String[] f = l.split(",");
					if (!notices.containsKey(Integer.parseInt(f[0]))) {
						throw new IllegalStateException(RESOURCE + "：" + f[0] + " 年的行前没有 #notice 行");
					}
					days.add(new Holiday(LocalDate.parse(f[1]), f[2]));
				}
			}
			return new OfficialHolidays(days, notices);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
