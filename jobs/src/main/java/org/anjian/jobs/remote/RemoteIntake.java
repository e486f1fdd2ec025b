package org.anjian.jobs.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anjian.jobs.submissions.InboxFile;
import org.anjian.jobs.submissions.InboxFileItemReader;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.writers.ledger.AuditLedger;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The manager's side of an intake spread over workers (收件分发), present only when
 * {@code ANJIAN_REMOTE} names a broker: before the intake job, every new inbox file
 * becomes one partition of {@code remoteListReadJob}; the partitions go to the queue
 * ({@link RemoteQueue}), workers ({@link RemoteWorker}) read and check the record-level
 * lists among them into staged rows ({@link StagedRows}) and the manager polls the job
 * repository — PostgreSQL, shared with the workers — until every partition completed. The
 * intake job then runs as always and replays each staged list instead of reading the
 * file: the manager alone writes DuckDB, through the one intake path. A worker killed
 * mid-file leaves its partition's message unacknowledged; RabbitMQ hands it to another
 * worker, which runs the partition again.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(RemoteQueue.BROKER)
@EnableIntegration
@Import(RemoteBroker.class)
public class RemoteIntake {

	static final String JOB_NAME = "remoteListReadJob";

	/** How long the manager waits for its workers before the intake fails. */
	private static final long TIMEOUT_MS = 6 * 3600_000L;

	@Bean
	DirectChannel remoteRequests() {
		return new DirectChannel();
	}

	/** Partition requests onto the queue, as text. */
	@Bean
	IntegrationFlow remoteRequestsOut(DirectChannel remoteRequests, CachingConnectionFactory remoteConnectionFactory,
			RemoteQueue queue) {
		return IntegrationFlow.from(remoteRequests)
			.transform(StepExecutionRequest.class, RemoteQueue::encode)
			.handle(Amqp.outboundAdapter(new RabbitTemplate(remoteConnectionFactory)).routingKey(queue.queue()))
			.get();
	}

	/**
	 * One partition per new inbox file: its path under the inbox, its SHA-256 and the
	 * staging folder of this run.
	 */
	@Bean
	@StepScope
	Partitioner remoteFilePartitioner(@Value("#{jobParameters['inbox']}") String inbox,
			@Value("#{jobParameters['now']}") LocalDateTime now, @Value("#{jobParameters['run']}") String run,
			Warehouse warehouse, ReferenceData reference, IntakeSettings settings) {
		return gridSize -> {
			List<InboxFile> files = InboxFileItemReader.newFiles(Path.of(inbox), new AuditLedger(warehouse), reference,
					now, settings.settle());
			Map<String, ExecutionContext> partitions = new HashMap<>();
			for (int i = 0; i < files.size(); i++) {
				ExecutionContext context = new ExecutionContext();
				context.putString("path", files.get(i).path());
				context.putString("sha256", files.get(i).sha256());
				context.putString("run", run);
				partitions.put(String.format("file%06d", i), context);
			}
			return partitions;
		};
	}

	@Bean
	Step remoteListRead(JobRepository jobRepository, Partitioner remoteFilePartitioner, DirectChannel remoteRequests,
			BeanFactory beanFactory) {
		return new RemotePartitioningManagerStepBuilder("remoteListRead", jobRepository)
			.partitioner(RemoteQueue.WORKER_STEP, remoteFilePartitioner)
			.outputChannel(remoteRequests)
			.pollInterval(200)
			.timeout(TIMEOUT_MS)
			.beanFactory(beanFactory)
			.build();
	}

	@Bean
	Job remoteListReadJob(JobRepository jobRepository, Step remoteListRead) {
		return new JobBuilder(JOB_NAME, jobRepository).start(remoteListRead).build();
	}

	@Bean
	Lists remoteLists(JobOperator jobOperator, @Qualifier("remoteListReadJob") Job remoteListReadJob,
			AnjianSettings settings, @Value("${ANJIAN_BATCH_URL:}") String batchUrl) {
		return new Lists(jobOperator, remoteListReadJob, settings.home(), batchUrl);
	}

	/** What the intake run ({@code Runs.ingest}) calls. */
	public static final class Lists {

		private final JobOperator jobOperator;

		private final Job job;

		private final Path home;

		private final String batchUrl;

		Lists(JobOperator jobOperator, Job job, Path home, String batchUrl) {
			this.jobOperator = jobOperator;
			this.job = job;
			this.home = home;
			this.batchUrl = batchUrl;
		}

		/**
		 * Has the workers read the new lists of {@code inbox}; returns the staging folder
		 * the intake replays them from.
		 * @throws IllegalStateException when the job repository is not shared
		 * (PostgreSQL) or a partition failed
		 */
		public Path read(Path inbox, LocalDateTime now, RunProgress progress) throws Exception {
			if (batchUrl.isBlank()) {
				throw new IllegalStateException(
						"设置了 " + RemoteQueue.BROKER + " 却没有共享的作业库：工作进程与本进程须使用同一个 PostgreSQL 作业库（ANJIAN_BATCH_URL）");
			}
			String run = java.util.UUID.randomUUID().toString();
			JobParametersBuilder params = new JobParametersBuilder().addString("inbox", inbox.toString())
				.addString("run", run);
			if (now != null) {
				params.addLocalDateTime("now", now);
			}
			long started = System.nanoTime();
			progress.line("分发读取：每个新文件一个分区，交给工作进程读取和审核");
			JobExecution execution = jobOperator.start(job, params.toJobParameters());
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("分发读取失败（" + execution.getStatus() + "）："
						+ execution.getAllFailureExceptions().stream().findFirst().map(Throwable::toString).orElse(""));
			}
			Path staging = RemoteQueue.staging(home, run);
			long staged = Files.isDirectory(staging) ? count(staging) : 0;
			progress.line("分发读取完成：工作进程暂存清单 " + staged + " 个，用时 " + (System.nanoTime() - started) / 1_000_000 + " ms");
			return staging;
		}

		/** Removes a run's staging folder once the intake is over. */
		public void clear(Path staging) {
			if (staging == null || !Files.isDirectory(staging)) {
				return;
			}
			try (Stream<Path> files = Files.walk(staging)) {
				for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static long count(Path staging) throws IOException {
			try (Stream<Path> files = Files.list(staging)) {
				return files.filter(p -> p.getFileName().toString().endsWith(".rows")).count();
			}
		}

	}

}
