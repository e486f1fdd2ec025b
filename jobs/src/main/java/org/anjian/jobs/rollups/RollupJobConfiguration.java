package org.anjian.jobs.rollups;

import java.util.HashMap;
import java.util.Map;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupBuilder;
import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.writers.official.OfficialTableExporter;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * rollupJob (汇总上报): materialize one rollup (cutoff or month-end) of one campaign and
 * month with its 催报 roster, then write the county's official table and manifest into the
 * outbox. SQL is the unit here, so both steps are tasklets. Identifying parameters:
 * {@link RollupRequest#parameters()} (campaign, period, kind, asOf) and the warehouse's
 * intake state ({@code inputs}).
 */
@Configuration(proxyBeanMethods = false)
class RollupJobConfiguration {

	static final String JOB_NAME = "rollupJob";

	// rollupMaterialize: rollup_cutoff | rollup_month_end and rollup_roster for
	// (campaign, period), replaced; a what-if's whatif_ twins for its as_of

	@Bean
	Step rollupMaterialize(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, ReferenceData referenceData) {
		return new StepBuilder("rollupMaterialize", jobRepository).tasklet((contribution, chunk) -> {
			new RollupBuilder(warehouse, referenceData).materialize(request(contribution.getStepExecution()));
			return RepeatStatus.FINISHED;
		}, batchTransactionManager).build();
	}

	// officialTableWrite: outbox/<campaign>/<YYYY-MM>/<kind>/<county>-….xlsx +
	// manifest.json, atomically; a what-if's under <kind>/as-of-<YYYYMMDD-HHMMSS>/

	@Bean
	Step officialTableWrite(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, ReferenceData referenceData, AnjianSettings settings) {
		return new StepBuilder("officialTableWrite", jobRepository).tasklet((contribution, chunk) -> {
			org.anjian.warehouse.CrashPoints.reach("rollup-outbox");
			RollupRequest request = request(contribution.getStepExecution());
			new OfficialTableExporter(warehouse.connection()).export(request, request.isWhatIf(referenceData),
					settings.outboxDir());
			return RepeatStatus.FINISHED;
		}, batchTransactionManager).build();
	}

	/**
	 * The rollup this execution is for: its identifying parameters are
	 * {@link RollupRequest#parameters()}.
	 */
	private static RollupRequest request(StepExecution execution) {
		Map<String, String> parameters = new HashMap<>();
		execution.getJobParameters().parameters().forEach(p -> parameters.put(p.name(), String.valueOf(p.value())));
		return RollupRequest.fromParameters(parameters);
	}

	@Bean
	Job rollupJob(JobRepository jobRepository, Step rollupMaterialize, Step officialTableWrite) {
		return new JobBuilder(JOB_NAME, jobRepository).start(rollupMaterialize).next(officialTableWrite).build();
	}

}
