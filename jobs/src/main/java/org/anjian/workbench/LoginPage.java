package org.anjian.workbench;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page (the only page without an account). */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login() {
		return "workbench/login";
	}

}
