package org.anjian.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.cli.Cli;
import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code anjian account} and what {@code anjian serve} refuses before it starts: the
 * account file the office edits, hashed, checked line by line.
 */
class WorkbenchCommandTests {

	@TempDir
	Path dir;

	@Test
	void accountWritesABcryptHashNeverThePassword() throws Exception {
		Path reference = SampleCounty.load().reference();
		CliRun office = account(Map.of("ANJIAN_ACCOUNT_PASSWORD", "secret-office-1"), "--user", "wang", "--role",
				"office", "--reference", reference.toString());
		assertThat(office.exitCode()).as(office.toString()).isZero();
		CliRun clerk = account(Map.of("ANJIAN_ACCOUNT_PASSWORD", "secret-clerk-1"), "--user", "li", "--role", "clerk",
				"--submitter", "HM03", "--reference", reference.toString());
		assertThat(clerk.exitCode()).as(clerk.toString()).isZero();
		String file = Files.readString(dir.resolve("home").resolve("accounts.csv"));
		assertThat(file).startsWith("user,password_hash,role,submitter_code\n").doesNotContain("secret");
		List<Accounts.Account> accounts = new Accounts(dir.resolve("home").resolve("accounts.csv")).all();
		assertThat(accounts).extracting(Accounts.Account::user, Accounts.Account::role, Accounts.Account::submitterCode)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("wang", "office", null),
					org.assertj.core.groups.Tuple.tuple("li", "clerk", "HM03"));
		assertThat(new BCryptPasswordEncoder().matches("secret-clerk-1", accounts.get(1).passwordHash())).isTrue();
		// a new password replaces the old one, the other accounts stay
		account(Map.of("ANJIAN_ACCOUNT_PASSWORD", "secret-clerk-2"), "--user", "li", "--role", "clerk", "--submitter",
				"HM03", "--reference", reference.toString());
		List<Accounts.Account> after = new Accounts(dir.resolve("home").resolve("accounts.csv")).all();
		assertThat(after).hasSize(2);
		assertThat(new BCryptPasswordEncoder().matches("secret-clerk-2", after.get(1).passwordHash())).isTrue();
	}

	@Test
	void aClerkNeedsAKnownSubmitter() {
		Path reference = SampleCounty.load().reference();
		CliRun none = account(Map.of("ANJIAN_ACCOUNT_PASSWORD", "secret-clerk-1"), "--user", "li", "--role", "clerk",
				"--reference", reference.toString());
		assertThat(none.exitCode()).isEqualTo(64);
		assertThat(none.err()).contains("--submitter");
		CliRun unknown = account(Map.of("ANJIAN_ACCOUNT_PASSWORD", "secret-clerk-1"), "--user", "li", "--role", "clerk",
				"--submitter", "HM99", "--reference", reference.toString());
		assertThat(unknown.exitCode()).isEqualTo(64);
		assertThat(unknown.err()).contains("HM99");
		CliRun role = CliRun.of("account", "--home", dir.resolve("home").toString(), "--user", "li", "--role", "boss");
		assertThat(role.exitCode()).isEqualTo(64);
		assertThat(role.err()).contains("--role", "boss");
		assertThat(dir.resolve("home").resolve("accounts.csv")).doesNotExist();
	}

	@Test
	void serveRefusesWithoutAccountsOrWithAPlainPassword() throws Exception {
		CliRun noAccounts = CliRun.of("serve", "--home", dir.resolve("home").toString(), "--port", "0");
		assertThat(noAccounts.exitCode()).isEqualTo(65);
		assertThat(noAccounts.err()).contains("还没有工作台账户", "anjian account");
		Files.createDirectories(dir.resolve("home"));
		Files.writeString(dir.resolve("home").resolve("accounts.csv"),
				"user,password_hash,role,submitter_code\nwang,123456,office,\n");
		CliRun plain = CliRun.of("serve", "--home", dir.resolve("home").toString(), "--port", "0");
		assertThat(plain.exitCode()).isEqualTo(65);
		assertThat(plain.err()).contains("accounts.csv 第2行 password_hash 列", "不能是明文密码");
		assertThat(CliRun.of("serve", "--port", "http").err()).contains("--port");
		assertThatThrownBy(() -> new Accounts(dir.resolve("home").resolve("accounts.csv")).loadUserByUsername("wang"))
			.hasMessageContaining("第2行");
	}

	private CliRun account(Map<String, String> environment, String... options) {
		String[] argv = new String[options.length + 3];
		argv[0] = "account";
		argv[1] = "--home";
		argv[2] = dir.resolve("home").toString();
		System.arraycopy(options, 0, argv, 3, options.length);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Cli.run(argv, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
