package org.anjian.schedules;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * A trigger's next fire, for a status command.
 *
 * @param trigger the trigger's name, e.g. {@code rollup-QA2024-2024-06-cutoff} or
 * {@code nightly-ingest}
 * @param job the batch job it starts
 * @param parameters the job parameters it passes (the nightly business date is added when
 * it fires)
 * @param at the next fire time, wall clock of the schedule's zone
 */
public record NextFire(String trigger, String job, Map<String, String> parameters, LocalDateTime at) {
}
