package org.anjian.schedules;

import java.time.YearMonth;

/**
 * One rollup of one campaign month, whatever its {@code as_of}: {@code kind} is a
 * {@link org.anjian.warehouse.rollups.RollupKind#code()}, as stored in
 * {@code rollup_roster.kind}.
 */
public record RollupKey(String campaign, YearMonth period, String kind) {
}
