package org.anjian.workbench;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Who is looking: the office sees every submitter, a clerk only its own.
 *
 * @param submitterCode the clerk's submitter; null for the office
 */
record Viewer(String user, boolean office, String submitterCode) {

	static Viewer of(Authentication authentication, Accounts accounts) {
		Accounts.Account account = accounts.find(authentication.getName())
			.orElseThrow(() -> new AccessDeniedException("账户已不存在：" + authentication.getName()));
		return new Viewer(account.user(), account.office(), account.submitterCode());
	}

	boolean sees(String submitter) {
		return office || (submitter != null && submitter.equals(submitterCode));
	}

	/**
	 * Refuses (403) a clerk asking for another submitter's file, and logs that it was
	 * asked.
	 */
	void require(String submitter, ActionLog log, String what) {
		if (!sees(submitter)) {
			log.record(user, "拒绝访问", what + "（属于 " + submitter + "）");
			throw new AccessDeniedException("不是本单位的文件");
		}
	}

}
