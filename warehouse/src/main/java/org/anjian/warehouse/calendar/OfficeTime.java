package org.anjian.warehouse.calendar;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The office's wall clock. Every time anjian stores or prints (received_at, as_of,
 * deadlines, job times) is an Asia/Shanghai local time, whatever zone the machine runs
 * in; this is the one place that zone is named.
 */
public final class OfficeTime {

	/**
	 * 北京时间: the zone of every wall-clock time in the warehouse, the outbox and the
	 * command line.
	 */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private OfficeTime() {
	}

	/** The current office wall-clock time. */
	public static LocalDateTime now() {
		return LocalDateTime.now(ZONE);
	}

	/** The office wall-clock time of {@code clock}'s instant. */
	public static LocalDateTime now(Clock clock) {
		return LocalDateTime.now(clock.withZone(ZONE));
	}

}
