package org.anjian.jobs.remote;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Where the manager and its workers meet: the RabbitMQ broker ({@code ANJIAN_REMOTE},
 * e.g. {@code amqp://guest:guest@127.0.0.1:5672}), the durable queue the partitions go
 * through ({@code ANJIAN_REMOTE_QUEUE}, default {@value #DEFAULT_QUEUE}) and the staging
 * folder on shared storage ({@code <home>/staging/remote/<manager's job execution>}). A
 * partition request travels as text ({@code stepName:stepExecutionId}), so no Java
 * deserialisation of broker messages is needed.
 */
public record RemoteQueue(URI broker, String queue) {

	/** The setting naming the broker; set, {@code ingest} reads lists on workers. */
	public static final String BROKER = "ANJIAN_REMOTE";

	/** The setting naming the queue. */
	public static final String QUEUE = "ANJIAN_REMOTE_QUEUE";

	static final String DEFAULT_QUEUE = "anjian.intake.partitions";

	/** The worker step every partition runs. */
	static final String WORKER_STEP = "remoteListRead.worker";

	/** The queue the settings name, or null when {@code ANJIAN_REMOTE} is not set. */
	static RemoteQueue from(Function<String, String> settings) {
		String broker = settings.apply(BROKER);
		if (broker == null || broker.isBlank()) {
			return null;
		}
		String queue = settings.apply(QUEUE);
		return new RemoteQueue(URI.create(broker.strip()), queue == null || queue.isBlank() ? DEFAULT_QUEUE : queue);
	}

	/** A connection factory for the broker, with the queue declared (durable). */
	CachingConnectionFactory connect() {
		CachingConnectionFactory factory = new CachingConnectionFactory(broker);
		new RabbitAdmin(factory).declareQueue(new Queue(queue, true));
		return factory;
	}

	/** The staging folder of one manager run, under the shared home. */
	static Path staging(Path home, String run) {
		return home.resolve("staging").resolve("remote").resolve(run);
	}

	static String encode(StepExecutionRequest request) {
		return request.getStepName() + ":" + request.getStepExecutionId();
	}

	static StepExecutionRequest decode(Object payload) {
		String text = payload instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
				: payload.toString();
		int colon = text.lastIndexOf(':');
		return new StepExecutionRequest(text.substring(0, colon), Long.parseLong(text.substring(colon + 1).strip()));
	}

}
