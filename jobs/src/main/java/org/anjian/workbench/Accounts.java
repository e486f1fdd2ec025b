package org.anjian.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The workbench's accounts: {@code accounts.csv} in the home (else in the reference
 * folder), UTF-8, header {@code user,password_hash,role,submitter_code}; the hash is
 * bcrypt ({@code $2a$}/{@code $2b$}/{@code $2y$}, e.g. from {@code anjian account} or
 * {@code htpasswd -nbBC 10}), role {@code office} or {@code clerk}, a clerk's
 * {@code submitter_code} from submitters.csv. Read at every sign-in, so an edit takes
 * effect without a restart.
 */
public final class Accounts implements UserDetailsService {

	public static final String FILE_NAME = "accounts.csv";

	static final String HEADER = "user,password_hash,role,submitter_code";

	/** One account. */
	public record Account(String user, String passwordHash, String role, String submitterCode) {

		public boolean office() {
			return "office".equals(role);
		}

	}

	private final Path file;

	public Accounts(Path file) {
		this.file = file;
	}

	public Path file() {
		return file;
	}

	/**
	 * Every account, in file order.
	 * @throws IllegalStateException for a malformed line, naming the file, line and
	 * column
	 */
	public List<Account> all() {
		if (!Files.exists(file)) {
			return List.of();
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法读取账户文件 " + file + "：" + ex.getMessage(), ex);
		}
		List<Account> accounts = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			String[] cells = line.split(",", -1);
			String where = file.getFileName() + " 第" + (i + 1) + "行";
			if (cells.length < 3) {
				throw new IllegalStateException(where + "：应有 " + HEADER + " 四列");
			}
			String role = cells[2].strip();
			String submitter = cells.length > 3 ? cells[3].strip() : "";
			if (!role.equals("office") && !role.equals("clerk")) {
				throw new IllegalStateException(where + " role 列：应为 office 或 clerk（不是“" + role + "”）");
			}
			if (!cells[1].strip().startsWith("$2")) {
				throw new IllegalStateException(where + " password_hash 列：应为 bcrypt 散列（以 $2 开头），不能是明文密码");
			}
			if (role.equals("clerk") && submitter.isEmpty()) {
				throw new IllegalStateException(where + " submitter_code 列：clerk 账户必须填写所属填报单位代码");
			}
			accounts.add(new Account(cells[0].strip(), cells[1].strip(), role, submitter.isEmpty() ? null : submitter));
		}
		return accounts;
	}

	public Optional<Account> find(String user) {
		return all().stream().filter(a -> a.user().equals(user)).findFirst();
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = find(username).orElseThrow(() -> new UsernameNotFoundException(username));
		return User.withUsername(account.user())
			.password("{bcrypt}" + account.passwordHash())
			.authorities(List.of(new SimpleGrantedAuthority("ROLE_" + account.role().toUpperCase())))
			.build();
	}

	/**
	 * Adds the account or replaces the one of that name; written aside and renamed.
	 */
	public void put(String user, String password, String role, String submitterCode) {
		if (user.isBlank() || user.contains(",")) {
			throw new IllegalArgumentException("登录名不能为空或含逗号：“" + user + "”");
		}
		if (password.length() < 8) {
			throw new IllegalArgumentException("密码至少 8 个字符");
		}
		Map<String, Account> accounts = new LinkedHashMap<>();
		all().forEach(a -> accounts.put(a.user(), a));
		accounts.put(user, new Account(user, new BCryptPasswordEncoder().encode(password), role, submitterCode));
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		accounts.values()
			.forEach(a -> text.append(a.user())
				.append(',')
				.append(a.passwordHash())
				.append(',')
				.append(a.role())
				.append(',')
				.append(a.submitterCode() == null ? "" : a.submitterCode())
				.append('\n'));
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Path aside = file.resolveSibling("." + FILE_NAME + ".tmp");
			Files.writeString(aside, text, StandardCharsets.UTF_8);
			Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法写入账户文件 " + file + "：" + ex.getMessage(), ex);
		}
	}

}
