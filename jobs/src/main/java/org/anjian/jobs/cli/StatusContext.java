package org.anjian.jobs.cli;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The context {@code status} runs in: only {@link StatusCommand} of the commands, every
 * other bean created on first use. So a status never opens the warehouse (whose DuckDB
 * file lock a running job holds): it reads the job repository and the analysts' snapshot
 * alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "anjian.command", havingValue = "status")
class StatusContext {

	@Bean
	static BeanFactoryPostProcessor statusOnlyReads() {
		return beanFactory -> {
			for (String name : beanFactory.getBeanNamesForType(AnjianCommand.class, true, false)) {
				if (!StatusCommand.class.getName().equals(beanFactory.getBeanDefinition(name).getBeanClassName())
						&& beanFactory instanceof BeanDefinitionRegistry registry) {
					registry.removeBeanDefinition(name);
				}
			}
			for (String name : beanFactory.getBeanDefinitionNames()) {
				BeanDefinition definition = beanFactory.getBeanDefinition(name);
				if (definition.getRole() == BeanDefinition.ROLE_APPLICATION) {
					definition.setLazyInit(true);
				}
			}
		};
	}

}
