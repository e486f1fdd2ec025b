package org.anjian.jobs.remote;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.anjian.jobs.submissions.IntakeReaders;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.JobRepositoryStore;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code anjian worker --home H --inbox I} (工作进程): takes partitions of intakes from the
 * queue one at a time ({@link RemoteQueue}; prefetch 1, acknowledged only once the
 * partition's step has finished, so a worker killed mid-file hands its partition back to
 * the broker) and runs {@link ListReadTasklet} on each. Its context is its own, small:
 * the shared job repository (PostgreSQL, {@code ANJIAN_BATCH_URL}), the broker, the
 * worker step. It never opens the warehouse, so any number of workers run beside the
 * manager, on this machine or others that see the same home and inbox. Runs until stopped
 * (SIGTERM lets the running partition finish… or come back to the queue).
 */
public final class RemoteWorker {

	private RemoteWorker() {
	}

	/**
	 * Runs a worker until the process is stopped; returns an exit code on a bad start.
	 */
	public static int command(Path home, Map<String, String> options, Map<String, String> environment, PrintStream out,
			PrintStream err) {
		Map<String, Object> settings = new HashMap<>(environment);
		options.forEach((option, value) -> {
			String setting = IntakeSettings.settingOf(option);
			if (setting != null) {
				settings.put(setting, value);
			}
		});
		if (options.containsKey("remote")) {
			settings.put(RemoteQueue.BROKER, options.get("remote"));
		}
		if (RemoteQueue.from(k -> (String) settings.get(k)) == null) {
			err.println("anjian: worker 需要消息队列：--remote amqp://用户:密码@主机:5672 或环境变量 " + RemoteQueue.BROKER);
			return 64;
		}
		if (settings.getOrDefault("ANJIAN_BATCH_URL", "").toString().isBlank()) {
			err.println(
					"anjian: worker 需要与主进程共享的 PostgreSQL 作业库：环境变量 ANJIAN_BATCH_URL（及 ANJIAN_BATCH_USER、ANJIAN_BATCH_PASSWORD）");
			return 64;
		}
		Path inbox = Path.of(options.get("inbox")).toAbsolutePath().normalize();
		if (!Files.isDirectory(inbox)) {
			err.println("anjian: 收件目录不存在或不是文件夹：" + inbox);
			return 65;
		}
		// no Spring Boot logging here: the framework's start-up chatter stays off the
		// worker's output, which says what it staged
		if (org.slf4j.LoggerFactory
			.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.WARN);
		}
		settings.put("anjian.home", home.toString());
		settings.put("anjian.inbox", inbox.toString());
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("anjianWorker", settings));
		context.getBeanFactory().registerSingleton("workerOut", out);
		context.register(WorkerContext.class);
		context.refresh();
		context.registerShutdownHook();
		RemoteQueue queue = context.getBean(RemoteQueue.class);
		out.println("worker " + ProcessHandle.current().pid() + " 已就绪：队列 " + queue.queue() + "（"
				+ queue.broker().getHost() + "），数据目录 " + home + "，收件目录 " + inbox);
		out.flush();
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		context.close();
		return 0;
	}

	/**
	 * The worker's beans; registered by {@link #command} only (not a
	 * {@code @Configuration}, so the application's component scan never picks it up).
	 */
	@EnableBatchProcessing
	@EnableJdbcJobRepository(dataSourceRef = "batchDataSource", transactionManagerRef = "batchTransactionManager")
	@EnableIntegration
	@EnableBatchIntegration
	@Import(RemoteBroker.class)
	static class WorkerContext {

		@Bean(destroyMethod = "close")
		DataSource batchDataSource(Environment env) throws SQLException {
			return JobRepositoryStore.external(env.getProperty("ANJIAN_BATCH_URL"),
					env.getProperty("ANJIAN_BATCH_USER", ""), env.getProperty("ANJIAN_BATCH_PASSWORD", ""), false);
		}

		@Bean
		PlatformTransactionManager batchTransactionManager(DataSource batchDataSource) {
			return new DataSourceTransactionManager(batchDataSource);
		}

		@Bean
		DirectChannel workerRequests() {
			return new DirectChannel();
		}

		/**
		 * Partition requests off the queue, one at a time: the message is acknowledged
		 * when the step has run (the flow is synchronous), so a killed worker's partition
		 * is redelivered.
		 */
		@Bean
		IntegrationFlow workerRequestsIn(CachingConnectionFactory remoteConnectionFactory, RemoteQueue queue,
				DirectChannel workerRequests) {
			return IntegrationFlow
				.from(Amqp.inboundAdapter(remoteConnectionFactory, queue.queue())
					.configureContainer(c -> c.prefetchCount(1).concurrentConsumers(1)))
				.transform(Object.class, RemoteQueue::decode)
				.channel(workerRequests)
				.get();
		}

		@Bean(name = RemoteQueue.WORKER_STEP)
		Step remoteListReadWorker(RemotePartitioningWorkerStepBuilderFactory steps, DirectChannel workerRequests,
				PlatformTransactionManager batchTransactionManager, Environment env, PrintStream workerOut) {
			IntakeReaders readers = IntakeReaders.of(IntakeSettings.from(env::getProperty));
			ListReadTasklet tasklet = new ListReadTasklet(Path.of(env.getProperty("anjian.home")),
					Path.of(env.getProperty("anjian.inbox")), readers, workerOut);
			return steps.get(RemoteQueue.WORKER_STEP)
				.inputChannel(workerRequests)
				.tasklet(tasklet, batchTransactionManager)
				.build();
		}

	}

}
