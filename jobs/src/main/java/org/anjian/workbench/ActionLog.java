package org.anjian.workbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;

import org.anjian.warehouse.calendar.OfficeTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Who did what: one line per sign-in, refused request, download, upload and run, in
 * {@code <home>/logs/workbench-actions.log} (Asia/Shanghai time, tab-separated: time,
 * user, action, what) and in anjian.log.
 */
@Component
class ActionLog {

	private static final Logger log = LoggerFactory.getLogger(ActionLog.class);

	private final WorkbenchSettings settings;

	ActionLog(WorkbenchSettings settings) {
		this.settings = settings;
	}

	synchronized void record(String user, String action, String what) {
		String line = OfficeTime.now().withNano(0).toString().replace('T', ' ') + '\t' + user + '\t' + action + '\t'
				+ what.replace('\n', ' ').replace('\t', ' ') + '\n';
		log.info("工作台 {} {} {}", user, action, what);
		try {
			Files.createDirectories(settings.actionLog().getParent());
			Files.writeString(settings.actionLog(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			log.warn("无法写入工作台操作日志 {}：{}", settings.actionLog(), ex.getMessage());
		}
	}

	@EventListener
	void signedIn(AuthenticationSuccessEvent event) {
		record(event.getAuthentication().getName(), "登录", "成功");
	}

	@EventListener
	void refused(AbstractAuthenticationFailureEvent event) {
		record(String.valueOf(event.getAuthentication().getName()), "登录失败", event.getException().getMessage());
	}

	static LocalDateTime now() {
		return OfficeTime.now();
	}

}
