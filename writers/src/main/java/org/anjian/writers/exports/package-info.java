/**
 * Parquet and CSV exports of the warehouse's dim, fact and rollup tables, swapped in
 * whole; atomic file writes.
 */
package org.anjian.writers.exports;
