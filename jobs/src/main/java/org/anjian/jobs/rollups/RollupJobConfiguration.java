package org.anjian.jobs.rollups;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * rollupJob (汇总上报) in the Spring context (nightly, schedule, serve, demo); the
 * {@code rollup} command builds the same job without one ({@link RollupJob}).
 */
@Configuration(proxyBeanMethods = false)
class RollupJobConfiguration {

	@Bean
	Job rollupJob(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager, Warehouse warehouse,
			ReferenceData referenceData, AnjianSettings settings) {
		return RollupJob.build(jobRepository, batchTransactionManager, warehouse, referenceData, settings.outboxDir());
	}

}
