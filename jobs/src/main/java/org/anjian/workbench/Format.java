package org.anjian.workbench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * How the pages write times and months (Asia/Shanghai wall-clock, as the office reads
 * them).
 */
public final class Format {

	private static final java.time.format.DateTimeFormatter DATE_TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm:ss");

	private Format() {
	}

	/** The time as the office writes it; null for none. */
	public static String dateTime(Object value) {
		if (value instanceof LocalDateTime t) {
			return t.format(DATE_TIME);
		}
		return value == null ? null : value.toString();
	}

	public static String month(Object value) {
		if (value instanceof LocalDate d) {
			return YearMonth.from(d).toString();
		}
		return value == null ? "" : value.toString();
	}

	public static String status(String status) {
		if (status == null) {
			return "";
		}
		return switch (status) {
			case "loaded" -> "已入库";
			case "superseded" -> "已被更正版本取代";
			case "duplicate" -> "重复";
			case "rejected" -> "已退回（拒收）";
			default -> status;
		};
	}

	/** A 催报 roster status in the office's words. */
	public static String rosterStatus(String status) {
		if (status == null) {
			return "";
		}
		return switch (status) {
			case "on_time" -> "已报";
			case "late" -> "迟报";
			case "missing" -> "未报";
			case "rejected" -> "已报被退回";
			default -> status;
		};
	}

	/** A hazard ledger's 整改状态 in the office's words. */
	public static String hazardStatus(String status) {
		if (status == null) {
			return "未填";
		}
		return switch (status) {
			case "rectified" -> "已整改";
			case "in_progress" -> "整改中";
			case "not_started" -> "未整改";
			default -> status;
		};
	}

}
