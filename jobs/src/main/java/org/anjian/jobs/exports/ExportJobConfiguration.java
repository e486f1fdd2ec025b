package org.anjian.jobs.exports;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.warehouse.Warehouse;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * exportJob (导出) in the Spring context: the job {@link ExportJob} builds, which the
 * {@code export} command also builds without a context.
 */
@Configuration(proxyBeanMethods = false)
class ExportJobConfiguration {

	@Bean
	Job exportJob(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager, Warehouse warehouse,
			AnjianSettings settings) {
		return ExportJob.build(jobRepository, batchTransactionManager, warehouse, settings);
	}

}
