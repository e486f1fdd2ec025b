package org.anjian.jobs.runs;

import java.nio.charset.StandardCharsets;
import java.sql.Types;

import javax.sql.DataSource;

import org.anjian.jobs.exports.ExportJob;
import org.anjian.jobs.rollups.RollupJob;
import org.anjian.jobs.submissions.IngestJob;
import org.anjian.jobs.submissions.IntakeRuns;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupRequest;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.dao.AbstractJdbcBatchMetadataDao;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Isolation;

/**
 * The commands a person waits for, run without a Spring application context (issue 18
 * part 4): {@code ingest} (收件入库), {@code rollup} (汇总) and {@code export} (导出). Spring
 * Batch's job repository and job operator are built here as the context builds them
 * ({@code @EnableBatchProcessing} with {@code @EnableJdbcJobRepository}'s defaults,
 * {@code BatchInfrastructureConfiguration}), over the same job repository database, with
 * the same job ({@link IngestJob}, {@link RollupJob}, {@link ExportJob}) and the same run
 * ({@link IngestRunner}, {@link RollupRunner}, {@link ExportRunner}, {@link JobStarts}):
 * the execution is recorded as before, restarts and "already complete" work as before.
 */
public final class JobsWithoutContext {

	private JobsWithoutContext() {
	}

	/**
	 * 汇总 as the context's {@link Runs#rollup} runs it.
	 * @param batchDataSource the job repository's database, complete (as
	 * {@code JobRepositoryStore.open} leaves it)
	 */
	public static RollupRun rollup(AnjianSettings settings, ReferenceData reference, Warehouse warehouse,
			DataSource batchDataSource, RollupRequest request, RunProgress progress) throws Exception {
		// BatchInfrastructureConfiguration's batchTransactionManager
		PlatformTransactionManager transactions = new DataSourceTransactionManager(batchDataSource);
		JobRepository jobRepository = jobRepository(batchDataSource, transactions);
		Job job = RollupJob.build(jobRepository, transactions, warehouse, reference, settings.outboxDir());
		return new RollupRunner(starts(jobRepository, job, settings), job, reference, settings, warehouse)
			.rollup(request, progress);
	}

	/**
	 * 导出 as the context's {@link Runs#export} runs it.
	 * @param batchDataSource the job repository's database, complete (as
	 * {@code JobRepositoryStore.open} leaves it)
	 */
	public static ExportRun export(AnjianSettings settings, Warehouse warehouse, DataSource batchDataSource,
			ExportRequest request, RunProgress progress) throws Exception {
		PlatformTransactionManager transactions = new DataSourceTransactionManager(batchDataSource);
		JobRepository jobRepository = jobRepository(batchDataSource, transactions);
		Job job = ExportJob.build(jobRepository, transactions, warehouse, settings);
		return new ExportRunner(starts(jobRepository, job, settings), job, settings, warehouse).export(request,
				progress);
	}

	/**
	 * 收件入库 as the context's {@link Runs#ingest} runs it, without workers (an intake with
	 * a broker configured runs in the context): the intake job is built for the run from
	 * the parameters it starts with ({@link IngestJob#forRun}).
	 * @param batchDataSource the job repository's database, complete (as
	 * {@code JobRepositoryStore.open} leaves it)
	 */
	public static IngestResult ingest(AnjianSettings settings, ReferenceData reference, IntakeSettings intake,
			Warehouse warehouse, DataSource batchDataSource, IngestRequest request, RunProgress progress)
			throws Exception {
		PlatformTransactionManager transactions = new DataSourceTransactionManager(batchDataSource);
		JobRepository jobRepository = jobRepository(batchDataSource, transactions);
		IntakeRuns runs = new IntakeRuns();
		return new IngestRunner(parameters -> {
			Job job = IngestJob.forRun(jobRepository, transactions, warehouse, reference, settings, intake, runs,
					parameters);
			return starts(jobRepository, job, settings).start(job, parameters);
		}, jobRepository, runs, reference, settings, intake, warehouse, () -> null).ingest(request, progress);
	}

	private static JobStarts starts(JobRepository jobRepository, Job job, AnjianSettings settings) throws Exception {
		return new JobStarts(jobOperator(jobRepository, job), jobRepository, settings);
	}

	/**
	 * What {@code @EnableJdbcJobRepository(dataSourceRef = "batchDataSource",
	 * transactionManagerRef = "batchTransactionManager")} registers: the factory with the
	 * annotation's defaults, stated here because they are the annotation's, not
	 * necessarily the factory's.
	 */
	private static JobRepository jobRepository(DataSource dataSource, PlatformTransactionManager transactions)
			throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(transactions);
		factory.setCharset(StandardCharsets.UTF_8);
		factory.setTablePrefix(AbstractJdbcBatchMetadataDao.DEFAULT_TABLE_PREFIX);
		factory.setMaxVarCharLength(AbstractJdbcBatchMetadataDao.DEFAULT_EXIT_MESSAGE_LENGTH);
		factory.setClobType(Types.CLOB);
		factory.setValidateTransactionState(true);
		factory.setIsolationLevelForCreateEnum(Isolation.SERIALIZABLE);
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	/**
	 * What {@code @EnableBatchProcessing} registers when the context defines no job
	 * registry, task executor or bean named {@code transactionManager}: a registry of the
	 * jobs, a synchronous executor and a resourceless transaction manager around
	 * stop/abandon/recover.
	 */
	private static JobOperator jobOperator(JobRepository jobRepository, Job job) throws Exception {
		MapJobRegistry registry = new MapJobRegistry();
		registry.register(job);
		JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
		factory.setJobRepository(jobRepository);
		factory.setJobRegistry(registry);
		factory.afterPropertiesSet();
		return factory.getObject();
	}

}
