/**
 * The office's calendar: which rollups are due when, Quartz triggers for them and the
 * nightly ingest, and a thin adapter that starts Spring Batch jobs by name through
 * {@link org.anjian.schedules.JobStarter}.
 */
package org.anjian.schedules;
