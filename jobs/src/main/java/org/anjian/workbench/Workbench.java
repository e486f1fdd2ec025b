package org.anjian.workbench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataException;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.anjian.warehouse.reference.Targets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import sun.misc.Signal;

/**
 * The office's workbench: {@code anjian serve} (and {@code schedule --serve}) start a web
 * context of its own ({@link WorkbenchApplication}, this package only), beside no other
 * anjian bean: it reads the analysts' snapshot, the job repository and the outbox, and
 * runs jobs through {@link WorkbenchActions}. {@code anjian account} adds an account.
 */
public final class Workbench {

	/**
	 * The commands this package runs (the CLI hands them over before taking the lock).
	 */
	public static final List<String> COMMANDS = List.of("serve", "account", "bulletin");

	/** Where the account command reads the password when not from stdin. */
	static final String PASSWORD_VARIABLE = "ANJIAN_ACCOUNT_PASSWORD";

	private Workbench() {
	}

	/** Starts the web server; the caller closes the context to stop it. */
	public static ConfigurableApplicationContext start(WorkbenchSettings settings, WorkbenchActions actions) {
		SpringApplication app = new SpringApplication(WorkbenchApplication.class);
		app.setWebApplicationType(WebApplicationType.SERVLET);
		app.setLogStartupInfo(false);
		app.setRegisterShutdownHook(false);
		Map<String, Object> properties = new HashMap<>();
		properties.put("anjian.home", settings.home().toString());
		properties.put("spring.main.web-application-type", "servlet");
		properties.put("server.port", String.valueOf(settings.port()));
		// a clerk's PC left signed in: the session ends after 30 minutes without a
		// request
		properties.put("server.servlet.session.timeout", System.getenv().getOrDefault("ANJIAN_SESSION_TIMEOUT", "30m"));
		properties.put("server.servlet.session.cookie.http-only", "true");
		properties.put("spring.servlet.multipart.max-file-size", "200MB");
		properties.put("spring.servlet.multipart.max-request-size", "200MB");
		properties.put("spring.thymeleaf.cache", "true");
		// the reasons pages give (没有这个文件 …) are ours, in Chinese, and name nothing secret
		properties.put("server.error.include-message", "always");
		app.addInitializers(context -> {
			context.getBeanFactory().registerSingleton("workbenchSettings", settings);
			context.getBeanFactory().registerSingleton("workbenchActions", actions);
		});
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("anjianWorkbench", properties));
		app.setEnvironment(environment);
		return app.run();
	}

	/** The port a started workbench listens on. */
	public static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * {@code serve} or {@code account}, as the CLI hands them over: exit codes as the
	 * other commands (65 bad reference data or accounts, 75 port in use).
	 */
	public static int command(String command, Path home, Path reference, Map<String, String> options,
			Map<String, String> environment, PrintStream out, PrintStream err) {
		ReferenceData data;
		try {
			data = reference == null ? ReferenceDataLoader.loadDemo() : ReferenceDataLoader.load(reference);
			// the 通报's targets: a malformed targets.csv stops serve and bulletin here,
			// with its line
			Targets.load(reference, data);
		}
		catch (ReferenceDataException ex) {
			err.println("anjian: " + ex.getMessage());
			return 65;
		}
		if ("account".equals(command)) {
			return account(home, data, options, environment, out, err);
		}
		if ("bulletin".equals(command)) {
			return bulletin(home, reference, data, options, out, err);
		}
		Accounts accounts = new Accounts(new WorkbenchSettings(home, reference, home, 0).accounts());
		try {
			if (accounts.all().isEmpty()) {
				err.println("anjian: 还没有工作台账户（" + accounts.file() + "）：先运行 " + PASSWORD_VARIABLE
						+ "=… anjian account --user 登录名 --role office，见 README“工作台”");
				return 65;
			}
		}
		catch (IllegalStateException ex) {
			err.println("anjian: " + ex.getMessage());
			return 65;
		}
		Path inbox = Path.of(options.getOrDefault("inbox", home.resolve("inbox").toString())).toAbsolutePath();
		int port = Integer.parseInt(options.getOrDefault("port", String.valueOf(WorkbenchSettings.DEFAULT_PORT)));
		WorkbenchSettings settings = new WorkbenchSettings(home, reference, inbox, port);
		CountDownLatch stopped = new CountDownLatch(1);
		for (String name : List.of("TERM", "INT")) {
			try {
				Signal.handle(new Signal(name), s -> stopped.countDown());
			}
			catch (IllegalArgumentException ex) {
				// not on this platform
			}
		}
		try {
			Files.createDirectories(inbox);
			try (ConfigurableApplicationContext context = start(settings, WorkbenchActions.locking(settings))) {
				out.println("工作台已启动：http://localhost:" + port(context) + "/ （数据目录 " + home + "，收件目录 " + inbox + "，账户 "
						+ accounts.file() + "；Ctrl-C 停止）");
				out.flush();
				stopped.await();
				out.println("工作台已停止");
			}
			return 0;
		}
		catch (Exception ex) {
			Throwable t = ex;
			while (t.getCause() != null && !(t instanceof PortInUseException)) {
				t = t.getCause();
			}
			if (t instanceof PortInUseException) {
				err.println("anjian: 端口 " + port + " 已被占用：用 --port 换一个");
				return 75;
			}
			err.println("anjian: serve 失败：" + t);
			return 70;
		}
	}

	/**
	 * {@code bulletin --campaign C --period YYYY-MM}: the month's 通报 .xlsx into the
	 * outbox, from the analysts' snapshot (like the page; runs beside the nightly).
	 */
	private static int bulletin(Path home, Path reference, ReferenceData data, Map<String, String> options,
			PrintStream out, PrintStream err) {
		WorkbenchSettings settings = new WorkbenchSettings(home, reference, home.resolve("inbox"), 0);
		Snapshot snapshot = new Snapshot(settings);
		String campaign = options.get("campaign");
		if (data.campaign(campaign).isEmpty()) {
			err.println("anjian: 未知的专项行动代码“" + campaign + "”");
			return 65;
		}
		if (!snapshot.available()) {
			err.println("anjian: " + home + " 还没有分析快照（" + settings.snapshot() + "）：先运行 nightly 或 export");
			return 65;
		}
		java.time.YearMonth month = java.time.YearMonth.parse(options.get("period"));
		try {
			List<Bulletin.Line> lines = Bulletin.lines(snapshot, campaign, month);
			if (lines.isEmpty()) {
				err.println("anjian: " + campaign + " " + month + " 的截止日汇总还没有做（或还没有导出）：通报以它的催报名单为准");
				return 65;
			}
			List<BulletinTargets.Line> targets = BulletinTargets.lines(snapshot, data, Targets.load(reference, data),
					campaign, month);
			Path written = Bulletin.write(settings.outbox(), data, campaign, month, lines, targets);
			out.println("月通报（" + campaign + " " + month + "，数据截至 " + Format.dateTime(snapshot.publishedAt()) + "）：");
			for (Bulletin.Line l : lines) {
				out.println(String.format("  %2d %-14s %-6s 整改率 %s  重大隐患整改率 %s", l.rank(), l.name(),
						l.timelinessLabel(), l.rate() == null ? "—" : l.rate().toPlainString() + "%",
						l.majorRate() == null ? "—" : l.majorRate().toPlainString() + "%"));
			}
			out.println(Bulletin.worst(lines));
			out.println("目标考核：" + BulletinTargets.worst(targets));
			out.println("通报：" + written);
			return 0;
		}
		catch (Exception ex) {
			err.println("anjian: bulletin 失败：" + ex.getMessage());
			return 70;
		}
	}

	private static int account(Path home, ReferenceData data, Map<String, String> options,
			Map<String, String> environment, PrintStream out, PrintStream err) {
		String user = options.get("user");
		String role = options.get("role");
		String submitter = options.get("submitter");
		if ("clerk".equals(role) && (submitter == null || data.submitter(submitter).isEmpty())) {
			err.println("anjian: clerk 账户需要 --submitter，取 submitters.csv 中的代码"
					+ (submitter == null ? "" : "（没有“" + submitter + "”）"));
			return 64;
		}
		if ("office".equals(role) && submitter != null) {
			err.println("anjian: office 账户不属于某个填报单位，不要给 --submitter");
			return 64;
		}
		String password = environment.get(PASSWORD_VARIABLE);
		try {
			if (password == null) {
				password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			}
			if (password == null) {
				err.println("anjian: 没有密码：设置 " + PASSWORD_VARIABLE + " 或从标准输入给一行");
				return 64;
			}
			Accounts accounts = new Accounts(home.resolve(Accounts.FILE_NAME));
			accounts.put(user, password.strip(), role, submitter);
			out.println(
					"账户 " + user + "（" + role + (submitter == null ? "" : "，" + submitter) + "）已写入 " + accounts.file());
			return 0;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println("anjian: " + ex.getMessage());
			return 64;
		}
		catch (Exception ex) {
			err.println("anjian: account 失败：" + ex.getMessage());
			return 70;
		}
	}

}
