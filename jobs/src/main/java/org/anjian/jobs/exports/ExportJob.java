package org.anjian.jobs.exports;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.analyst.AnalystSnapshot;
import org.anjian.writers.exports.WarehouseExporter;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * exportJob (导出): Parquet and CSV for BI under {@code <home>/exports}, then the analysts'
 * read-only snapshot and data dictionary under {@code <home>/analyst}. Both appear
 * atomically; a reader never sees half of either. Identifying parameters: the warehouse's
 * state ({@code state}) and {@code noMaskPhones}.
 *
 * <p>
 * One definition for both ways it runs: the Spring context's bean
 * ({@link ExportJobConfiguration}) and the {@code export} command, which builds it over a
 * job repository made without a context (issue 18 part 4). The tasklets are named
 * classes: Spring Batch records the tasklet's class name in each step's execution
 * context, and a lambda's name differs from process to process.
 */
public final class ExportJob {

	public static final String JOB_NAME = "exportJob";

	private ExportJob() {
	}

	public static Job build(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, AnjianSettings settings) {
		// warehouseExport: every dim_*, fact_*, rollup_* table; phones masked unless
		// --no-mask-phones
		var warehouseExport = new StepBuilder("warehouseExport", jobRepository)
			.tasklet(new WarehouseExport(warehouse, settings), batchTransactionManager)
			.build();
		// analystSnapshotPublish: <home>/analyst/anjian.duckdb swapped in by rename
		var analystSnapshotPublish = new StepBuilder("analystSnapshotPublish", jobRepository)
			.tasklet(new AnalystSnapshotPublish(warehouse, settings), batchTransactionManager)
			.build();
		return new JobBuilder(JOB_NAME, jobRepository).start(warehouseExport).next(analystSnapshotPublish).build();
	}

	/** warehouseExport's work. */
	record WarehouseExport(Warehouse warehouse, AnjianSettings settings) implements Tasklet {

		@Override
		public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
			boolean mask = !"true".equals(contribution.getStepExecution().getJobParameters().getString("noMaskPhones"));
			new WarehouseExporter(warehouse.connection(), mask && settings.maskPhones())
				.exportAll(settings.exportsDir());
			return RepeatStatus.FINISHED;
		}

	}

	/** analystSnapshotPublish's work. */
	record AnalystSnapshotPublish(Warehouse warehouse, AnjianSettings settings) implements Tasklet {

		@Override
		public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
			AnalystSnapshot.publish(warehouse.connection(), settings.home());
			return RepeatStatus.FINISHED;
		}

	}

}
