package org.anjian.jobs.runs;

/**
 * Refresh the Parquet/CSV exports and the analysts' snapshot.
 *
 * @param maskPhones BI exports mask phones and reduce liaison names to the surname (the
 * default); false for an access-controlled internal copy
 * ({@code export --no-mask-phones})
 */
public record ExportRequest(boolean maskPhones) {
}
