/**
 * The county's official statistics summary table (统计汇总表): form layouts as configuration,
 * one POI writer, the outbox exporter.
 */
package org.anjian.writers.official;
