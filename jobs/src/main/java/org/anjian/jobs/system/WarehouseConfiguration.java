package org.anjian.jobs.system;

import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The DuckDB warehouse of this home and the deployment's reference data. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnjianSettings.class)
class WarehouseConfiguration {

	@Bean(destroyMethod = "close")
	@Lazy
	Warehouse warehouse(AnjianSettings settings) {
		return Warehouse.open(settings.warehouseFile());
	}

	/**
	 * Validated at start, so a bad reference file stops the command with its file, line
	 * and column.
	 */
	@Bean
	@Lazy
	ReferenceData referenceData(AnjianSettings settings) {
		return settings.reference() == null ? ReferenceDataLoader.loadDemo()
				: ReferenceDataLoader.load(settings.reference());
	}

}
