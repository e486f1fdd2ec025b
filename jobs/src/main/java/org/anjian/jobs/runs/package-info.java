/**
 * The run layer: what anjian can be asked to do — ingest an inbox, materialize a rollup,
 * export, the nightly sequence — as typed requests and results, each run reporting
 * through a {@link org.anjian.jobs.runs.RunProgress}. The CLI commands, the scheduler's
 * triggers, {@code demo} and any later front end call {@link org.anjian.jobs.runs.Runs};
 * none of them calls another.
 */
package org.anjian.jobs.runs;
