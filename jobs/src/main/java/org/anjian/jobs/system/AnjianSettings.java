package org.anjian.jobs.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where anjian keeps its state and which deployment it serves.
 *
 * @param home {@code --home}: warehouse.duckdb, exports/, outbox/, batch/ (job
 * repository), scheduler/
 * @param reference {@code --reference}: the reference-data folder; null = the bundled
 * demo county
 * @param maskPhones whether BI exports mask liaison phone numbers (default true)
 */
@ConfigurationProperties("anjian")
public record AnjianSettings(Path home, Path reference, Boolean maskPhones) {

	public AnjianSettings {
		home = home == null ? Path.of("anjian-data").toAbsolutePath() : home;
		maskPhones = maskPhones == null ? Boolean.TRUE : maskPhones;
	}

	public Path warehouseFile() {
		return home.resolve("warehouse.duckdb");
	}

	public Path exportsDir() {
		return home.resolve("exports");
	}

	public Path outboxDir() {
		return home.resolve("outbox");
	}

	public Path batchDir() {
		return home.resolve("batch");
	}

}
