package org.anjian.workbench;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * No anonymous access: every page but the sign-in page needs an account; the office's
 * pages (汇总, 通报, 任务) and runs need the office role. CSRF tokens on every form (Spring
 * Security's default), the session cookie HTTP-only and ending after
 * {@code ANJIAN_SESSION_TIMEOUT} (30 minutes).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class WorkbenchSecurity {

	@Bean
	SecurityFilterChain workbenchFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/workbench.css", "/error")
			.permitAll()
			.requestMatchers("/rollups/**", "/tasks/**", "/bulletin/**")
			.hasRole("OFFICE")
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/month", true).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.sessionManagement(session -> session.invalidSessionUrl("/login?expired"));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
