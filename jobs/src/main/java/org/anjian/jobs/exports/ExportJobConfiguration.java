package org.anjian.jobs.exports;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.analyst.AnalystSnapshot;
import org.anjian.writers.exports.WarehouseExporter;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * exportJob (导出): Parquet and CSV for BI under {@code <home>/exports}, then the analysts'
 * read-only snapshot and data dictionary under {@code <home>/analyst}. Both appear
 * atomically; a reader never sees half of either.
 */
@Configuration(proxyBeanMethods = false)
class ExportJobConfiguration {

	static final String JOB_NAME = "exportJob";

	// warehouseExport: every dim_*, fact_*, rollup_* table; phones masked unless
	// --no-mask-phones

	@Bean
	Step warehouseExport(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, AnjianSettings settings) {
		return new StepBuilder("warehouseExport", jobRepository).tasklet((contribution, chunk) -> {
			boolean mask = !"true".equals(contribution.getStepExecution().getJobParameters().getString("noMaskPhones"));
			new WarehouseExporter(warehouse.connection(), mask && settings.maskPhones())
				.exportAll(settings.exportsDir());
			return RepeatStatus.FINISHED;
		}, batchTransactionManager).build();
	}

	// analystSnapshotPublish: <home>/analyst/anjian.duckdb swapped in by rename

	@Bean
	Step analystSnapshotPublish(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, AnjianSettings settings) {
		return new StepBuilder("analystSnapshotPublish", jobRepository).tasklet((contribution, chunk) -> {
			AnalystSnapshot.publish(warehouse.connection(), settings.home());
			return RepeatStatus.FINISHED;
		}, batchTransactionManager).build();
	}

	@Bean
	Job exportJob(JobRepository jobRepository, Step warehouseExport, Step analystSnapshotPublish) {
		return new JobBuilder(JOB_NAME, jobRepository).start(warehouseExport).next(analystSnapshotPublish).build();
	}

}
