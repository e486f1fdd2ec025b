package org.anjian.workbench;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.anjian.warehouse.reference.Targets;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * The workbench's web context: this package only (the commands' beans, the warehouse and
 * the job repository are not in it, so showing pages never opens a file a job writes).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = WorkbenchApplication.class)
class WorkbenchApplication {

	@Bean
	ReferenceData referenceData(WorkbenchSettings settings) {
		return settings.reference() == null ? ReferenceDataLoader.loadDemo()
				: ReferenceDataLoader.load(settings.reference());
	}

	/**
	 * targets.csv, read at start so a malformed file stops {@code serve} with its line.
	 */
	@Bean
	Targets targets(WorkbenchSettings settings, ReferenceData reference) {
		return Targets.load(settings.reference(), reference);
	}

	@Bean
	Accounts accounts(WorkbenchSettings settings) {
		return new Accounts(settings.accounts());
	}

}
