package org.anjian.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.anjian.schedules.NextFire;
import org.anjian.jobs.system.RecentJobs.JobRun;

/**
 * {@code status --json}: one JSON object on one line — {@code home}, {@code jobs} (newest
 * first: {@code job, status, exitCode, created, started, ended, seconds, written}),
 * {@code nextFires} ({@code at, trigger}) and {@code submissions} ({@code campaign,
 * period, status, files}, as of the last export). Times are Asia/Shanghai local
 * date-times ({@code 2024-05-22T23:59:59}), absent values {@code null}.
 */
final class StatusJson {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private final Path home;

	private final List<String> jobs = new ArrayList<>();

	private final List<String> fires = new ArrayList<>();

	private final List<String> submissions = new ArrayList<>();

	StatusJson(Path home) {
		this.home = home;
	}

	void job(JobRun e) {
		Double seconds = e.started() == null || e.ended() == null ? null
				: Duration.between(e.started(), e.ended()).toMillis() / 1000.0;
		jobs.add("{\"job\":" + string(e.job()) + ",\"status\":" + string(e.status()) + ",\"exitCode\":"
				+ string(e.exitCode()) + ",\"created\":" + time(StatusCommand.office(e.created())) + ",\"started\":"
				+ time(StatusCommand.office(e.started())) + ",\"ended\":" + time(StatusCommand.office(e.ended()))
				+ ",\"seconds\":" + seconds + ",\"written\":" + e.written() + "}");
	}

	void fire(NextFire fire) {
		fires.add("{\"at\":" + time(fire.at()) + ",\"trigger\":" + string(fire.trigger()) + "}");
	}

	void submissions(String campaign, String period, String status, long files) {
		submissions.add("{\"campaign\":" + string(campaign) + ",\"period\":" + string(period) + ",\"status\":"
				+ string(status) + ",\"files\":" + files + "}");
	}

	String toJson() {
		return "{\"home\":" + string(home.toString()) + ",\"jobs\":[" + String.join(",", jobs) + "],\"nextFires\":["
				+ String.join(",", fires) + "],\"submissions\":[" + String.join(",", submissions) + "]}";
	}

	private static String time(LocalDateTime time) {
		return time == null ? "null" : string(SECONDS.format(time));
	}

	static String string(String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
