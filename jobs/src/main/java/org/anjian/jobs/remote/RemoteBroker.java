package org.anjian.jobs.remote;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The broker's beans, the same for the manager ({@link RemoteIntake}) and a worker
 * ({@link RemoteWorker}), which import them; not a {@code @Configuration}, so the
 * application's component scan leaves it alone.
 */
class RemoteBroker {

	@Bean
	RemoteQueue remoteQueue(Environment environment) {
		return RemoteQueue.from(environment::getProperty);
	}

	@Bean(destroyMethod = "destroy")
	CachingConnectionFactory remoteConnectionFactory(RemoteQueue queue) {
		return queue.connect();
	}

}
