package org.anjian.jobs.rollups;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupBuilder;
import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.writers.official.OfficialTableExporter;
import org.anjian.writers.official.OfficialTableWriter;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * rollupJob (汇总上报): materialize one rollup (cutoff or month-end) of one campaign and
 * month with its 催报 roster, then write the county's official table and manifest into the
 * outbox. SQL is the unit here, so both steps are tasklets. Identifying parameters:
 * {@link RollupRequest#parameters()} (campaign, period, kind, asOf) and the warehouse's
 * intake state ({@code inputs}).
 *
 * <p>
 * One definition for both ways it runs: the Spring context's bean
 * ({@link RollupJobConfiguration}) and the {@code rollup} command, which builds it over a
 * job repository made without a context (issue 18 part 4). The tasklets are named
 * classes: Spring Batch records the tasklet's class name in each step's execution
 * context, and a lambda's name differs from process to process.
 */
public final class RollupJob {

	public static final String JOB_NAME = "rollupJob";

	private RollupJob() {
	}

	public static Job build(JobRepository jobRepository, PlatformTransactionManager batchTransactionManager,
			Warehouse warehouse, ReferenceData referenceData, Path outboxDir) {
		// rollupMaterialize: rollup_cutoff | rollup_month_end and rollup_roster for
		// (campaign, period), replaced; a what-if's whatif_ twins for its as_of
		var materialize = new StepBuilder("rollupMaterialize", jobRepository)
			.tasklet(new Materialize(warehouse, referenceData), batchTransactionManager)
			.build();
		// officialTableWrite: outbox/<campaign>/<YYYY-MM>/<kind>/<county>-….xlsx +
		// manifest.json, atomically; a what-if's under <kind>/as-of-<YYYYMMDD-HHMMSS>/
		var officialTable = new StepBuilder("officialTableWrite", jobRepository)
			.tasklet(new OfficialTableWrite(warehouse, referenceData, outboxDir), batchTransactionManager)
			.build();
		return new JobBuilder(JOB_NAME, jobRepository).start(materialize).next(officialTable).build();
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

	/** rollupMaterialize's work. */
	record Materialize(Warehouse warehouse, ReferenceData referenceData) implements Tasklet {

		@Override
		public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
			// the table's .xlsx classes load beside the rollup's SQL, not after it
			OfficialTableWriter.preloadInBackground();
			new RollupBuilder(warehouse, referenceData).materialize(request(contribution.getStepExecution()));
			return RepeatStatus.FINISHED;
		}

	}

	/** officialTableWrite's work. */
	record OfficialTableWrite(Warehouse warehouse, ReferenceData referenceData, Path outboxDir) implements Tasklet {

		@Override
		public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
			org.anjian.warehouse.CrashPoints.reach("rollup-outbox");
			RollupRequest request = request(contribution.getStepExecution());
			new OfficialTableExporter(warehouse.connection()).export(request, request.isWhatIf(referenceData),
					outboxDir);
			return RepeatStatus.FINISHED;
		}

	}

}
