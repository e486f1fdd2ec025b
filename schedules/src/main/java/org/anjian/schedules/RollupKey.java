package org.anjian.schedules;

import java.time.YearMonth;

/**
 * One rollup of one campaign month: {@code kind} is {@link DueRollup#CUTOFF} or {@link DueRollup#MONTH_END}.
 */
public record RollupKey(String campaign, YearMonth period, String kind) {
}
