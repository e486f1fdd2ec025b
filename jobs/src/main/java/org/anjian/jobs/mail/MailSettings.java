package org.anjian.jobs.mail;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The office's mailbox and the address above (README "Mail (邮件收发)"). Each is a setting by
 * name, as the intake limits: an environment variable ({@code ANJIAN_MAIL_IMAP_URL}) or
 * the command-line option of the same name ({@code --mail-imap-url}), the option winning.
 * The passwords are environment variables only, so they never show in a process list.
 *
 * @param imapUrl the office's mailbox, e.g. {@code imaps://ajb@mail.example.gov.cn/INBOX}
 * (no scheme: IMAPS; no folder: INBOX); null: mail-fetch is not configured
 * @param imapSince messages dated before this day are left alone (a mailbox's history);
 * null: every message
 * @param smtpUrl the office's outgoing server, {@code smtps://host:465} or
 * {@code smtp://host:587} (STARTTLS when offered); null: dry-run, messages are written as
 * .eml files
 * @param from the office's address (default: the SMTP user, else the IMAP user)
 * @param upwardTo the office above's addresses, which get the cutoff table and its
 * manifest; empty: not sent
 * @param officeContact who the townships call, named in every message (default: the
 * office's address)
 * @param maxAttachmentBytes the largest attachment (and zip entry) saved; larger ones are
 * reported and left in the mailbox
 */
public record MailSettings(String imapUrl, String imapUser, String imapPassword, LocalDate imapSince, String smtpUrl,
		String smtpUser, String smtpPassword, String from, List<String> upwardTo, String officeContact,
		long maxAttachmentBytes) {

	public static final String IMAP_URL = "ANJIAN_MAIL_IMAP_URL";

	public static final String IMAP_USER = "ANJIAN_MAIL_IMAP_USER";

	public static final String IMAP_PASSWORD = "ANJIAN_MAIL_IMAP_PASSWORD";

	public static final String IMAP_SINCE = "ANJIAN_MAIL_IMAP_SINCE";

	public static final String SMTP_URL = "ANJIAN_MAIL_SMTP_URL";

	public static final String SMTP_USER = "ANJIAN_MAIL_SMTP_USER";

	public static final String SMTP_PASSWORD = "ANJIAN_MAIL_SMTP_PASSWORD";

	public static final String FROM = "ANJIAN_MAIL_FROM";

	public static final String UPWARD_TO = "ANJIAN_MAIL_UPWARD_TO";

	public static final String OFFICE_CONTACT = "ANJIAN_MAIL_OFFICE_CONTACT";

	public static final String MAX_ATTACHMENT_MB = "ANJIAN_MAIL_MAX_ATTACHMENT_MB";

	public static final long DEFAULT_MAX_ATTACHMENT_MB = 50;

	/** The address messages come from when nothing names the office's own. */
	static final String DRY_RUN_FROM = "anjian@localhost";

	/**
	 * Every setting that is also a command-line option, with what it means (the passwords
	 * are not).
	 */
	public static Map<String, String> options() {
		Map<String, String> all = new LinkedHashMap<>();
		all.put(IMAP_URL, "收信邮箱（IMAP），如 imaps://ajb@mail.example.gov.cn/INBOX；不写协议即 imaps；密码取环境变量 " + IMAP_PASSWORD);
		all.put(IMAP_USER, "收信邮箱的登录名（默认：地址中的用户名）");
		all.put(IMAP_SINCE, "只收这一天（YYYY-MM-DD）及以后的邮件（默认：全部）");
		all.put(SMTP_URL, "发信服务器，如 smtps://mail.example.gov.cn:465；密码取环境变量 " + SMTP_PASSWORD + "；不设置则只写 .eml（演练）");
		all.put(SMTP_USER, "发信登录名（默认：地址中的用户名）");
		all.put(FROM, "本单位发信地址（默认：发信登录名，否则收信登录名）");
		all.put(UPWARD_TO, "上级单位收表地址（多个用 | 分隔）：截止日汇总后发上报表和 manifest.json");
		all.put(OFFICE_CONTACT, "催报、退回通知中写明的联系人和电话，如“县安委办 李敏 0839-1234567”（默认：本单位发信地址）");
		all.put(MAX_ATTACHMENT_MB, "单个附件（及压缩包内单个文件）的上限，MB（默认 " + DEFAULT_MAX_ATTACHMENT_MB + "）");
		return all;
	}

	/**
	 * The setting a command-line option stands for ({@code mail-imap-url} →
	 * ANJIAN_MAIL_IMAP_URL), or null.
	 */
	public static String settingOf(String option) {
		String name = "ANJIAN_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
		return options().containsKey(name) || name.equals(IMAP_PASSWORD) || name.equals(SMTP_PASSWORD) ? name : null;
	}

	/** The option of a setting: ANJIAN_MAIL_IMAP_URL → {@code --mail-imap-url}. */
	public static String optionOf(String setting) {
		return "--" + setting.substring("ANJIAN_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * @throws IllegalArgumentException naming the setting whose value is not usable
	 */
	public static MailSettings from(Function<String, String> lookup) {
		Function<String, String> get = name -> {
			String value = lookup.apply(name);
			return value == null || value.isBlank() ? null : value.strip();
		};
		LocalDate since = null;
		if (get.apply(IMAP_SINCE) != null) {
			try {
				since = LocalDate.parse(get.apply(IMAP_SINCE));
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(
						"设置 " + IMAP_SINCE + " 的取值“" + get.apply(IMAP_SINCE) + "”无效：应为日期，如 2024-05-01");
			}
		}
		long maxMb = DEFAULT_MAX_ATTACHMENT_MB;
		if (get.apply(MAX_ATTACHMENT_MB) != null) {
			try {
				maxMb = Long.parseLong(get.apply(MAX_ATTACHMENT_MB));
			}
			catch (NumberFormatException ex) {
				maxMb = -1;
			}
			if (maxMb <= 0) {
				throw new IllegalArgumentException(
						"设置 " + MAX_ATTACHMENT_MB + " 的取值“" + get.apply(MAX_ATTACHMENT_MB) + "”无效：应为正整数（MB）");
			}
		}
		String imapUrl = withScheme(get.apply(IMAP_URL), "imaps");
		String smtpUrl = withScheme(get.apply(SMTP_URL), "smtps");
		String imapUser = firstOf(get.apply(IMAP_USER), userOf(imapUrl));
		String smtpUser = firstOf(get.apply(SMTP_USER), userOf(smtpUrl));
		String from = firstOf(get.apply(FROM), firstOf(smtpUser, imapUser));
		List<String> upward = get.apply(UPWARD_TO) == null ? List.of()
				: Arrays.stream(get.apply(UPWARD_TO).split("[|,;]"))
					.map(String::strip)
					.filter(s -> !s.isEmpty())
					.toList();
		return new MailSettings(imapUrl, imapUser, get.apply(IMAP_PASSWORD), since, smtpUrl, smtpUser,
				get.apply(SMTP_PASSWORD), from, upward, get.apply(OFFICE_CONTACT), maxMb * 1024 * 1024);
	}

	/** Whether mail-fetch has a mailbox to read. */
	public boolean fetchConfigured() {
		return imapUrl != null;
	}

	/** Whether mail-send talks to a server; otherwise it writes .eml files (dry-run). */
	public boolean sendConfigured() {
		return smtpUrl != null;
	}

	/** The office's address, or a placeholder in dry-run when none is set. */
	public String fromOrPlaceholder() {
		return from != null && from.contains("@") ? from : DRY_RUN_FROM;
	}

	/** The contact line every message names. */
	public String contact() {
		return officeContact != null ? officeContact : fromOrPlaceholder();
	}

	private static String withScheme(String url, String scheme) {
		return url == null || url.contains("://") ? url : scheme + "://" + url;
	}

	private static String userOf(String url) {
		if (url == null) {
			return null;
		}
		jakarta.mail.URLName name = new jakarta.mail.URLName(url);
		return name.getUsername();
	}

	private static String firstOf(String a, String b) {
		return a != null ? a : b;
	}

	@Override
	public String toString() {
		// never the passwords, in a log or an exception
		return "MailSettings[imap=" + imapUrl + ", smtp=" + smtpUrl + ", from=" + from + ", upwardTo=" + upwardTo + "]";
	}

	@Configuration(proxyBeanMethods = false)
	static class MailSettingsConfiguration {

		@Bean
		MailSettings mailSettings(Environment environment) {
			return MailSettings.from(environment::getProperty);
		}

	}

}
