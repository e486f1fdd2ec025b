package org.anjian.workbench;

import java.time.LocalDateTime;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page shows: who is signed in, and how fresh the data is. */
@ControllerAdvice
class PageModel {

	private final Accounts accounts;

	private final Snapshot snapshot;

	PageModel(Accounts accounts, Snapshot snapshot) {
		this.accounts = accounts;
		this.snapshot = snapshot;
	}

	@ModelAttribute
	void common(Authentication authentication, Model model) {
		if (authentication != null && authentication.isAuthenticated()
				&& accounts.find(authentication.getName()).isPresent()) {
			model.addAttribute("viewer", Viewer.of(authentication, accounts));
		}
		LocalDateTime at = snapshot.publishedAt();
		model.addAttribute("snapshotAt", at == null ? null : Format.dateTime(at));
	}

}
