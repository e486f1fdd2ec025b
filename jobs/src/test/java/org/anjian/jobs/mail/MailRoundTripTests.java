package org.anjian.jobs.mail;

import static org.anjian.jobs.mail.MailSupport.OFFICE;
import static org.anjian.jobs.mail.MailSupport.OFFICE_PASSWORD;
import static org.anjian.jobs.mail.MailSupport.SHANGHAI;
import static org.anjian.jobs.mail.MailSupport.attachment;
import static org.anjian.jobs.mail.MailSupport.files;
import static org.anjian.jobs.mail.MailSupport.message;
import static org.anjian.jobs.mail.MailSupport.query;
import static org.anjian.jobs.mail.MailSupport.text;
import static org.anjian.jobs.mail.MailSupport.update;
import static org.anjian.jobs.mail.MailSupport.withEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail in and out against a real SMTP/IMAP server (GreenMail) through the command line,
 * as an office would run it: a township's table arrives by mail (one plain, one in a
 * zip), mail-fetch saves it into the inbox with the message's date, the intake rejects
 * it, mail-send mails the annotated workbook back and read over IMAP it opens in POI; the
 * deadline day's 催报 and the cutoff table to the office above follow. Every step run again
 * does nothing, and a run killed between saving and recording (fetch) or between the
 * server's acceptance and the record (send) fetches and sends nothing twice.
 */
@ExtendWith(MailSupport.OfficePassword.class)
class MailRoundTripTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	private static final String XINCHANG = "xinchang@town.test";

	private static final String CITY = "ajb@city.test";

	/** The rejected May table of 新场镇 in samples/ (S3: 合计 is not the sum of its rows). */
	private static final String REJECTED_SHA = "f0e6e61e662354c116136d5d00e9e40af96509386f19ca9f30ef154aa865557c";

	@TempDir
	Path dir;

	private SampleCounty county;

	private Path reference;

	private Path home;

	private Path inbox;

	/** The office's mailbox. */
	private GreenMailUser office;

	/** The sample county's May tables. */
	private Path samples;

	@BeforeEach
	void office() throws IOException {
		county = SampleCounty.load();
		reference = withEmail(county.copyReference(dir.resolve("reference")), "HM04", XINCHANG);
		home = dir.resolve("home");
		inbox = Files.createDirectories(dir.resolve("inbox"));
		office = greenMail.setUser(OFFICE, OFFICE, OFFICE_PASSWORD);
		greenMail.setUser(XINCHANG, XINCHANG, "town");
		greenMail.setUser(CITY, CITY, "city");
		samples = county.reference().resolveSibling("inbox").resolve("2024-05");
	}

	@Test
	void aTableByMailIsSavedRejectedAndAnsweredOnceEvenAcrossKilledRuns() throws Exception {
		LocalDateTime sentAt = LocalDateTime.parse("2024-05-14T20:35:01");
		office.deliver(message(XINCHANG, "新场镇5月报表", sentAt, "新场镇5月统计表.xlsx",
				Files.readAllBytes(samples.resolve("新场镇5月统计表.xlsx"))));
		office.deliver(message("clerk@shimen.test", "石门镇报表（压缩包）", LocalDateTime.parse("2024-05-16T09:30:00"), "石门镇.zip",
				zip(samples.resolve("石门镇5月统计表.xlsx"))));

		// mail in: both messages, the files under 邮件/ with the message's date
		CliRun fetched = cli("mail-fetch", home, reference, "--inbox", inbox.toString());
		assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
		assertThat(fetched.out()).contains("新邮件 2 封，保存附件 3 个");
		List<Path> saved = files(inbox);
		assertThat(saved).extracting(p -> inbox.relativize(p).toString().replace('\\', '/'))
			.anyMatch(p -> p.matches("邮件/2024-05/20240514-203501-新场镇-[0-9a-f]{6}/新场镇5月统计表.xlsx"))
			.anyMatch(p -> p.matches("邮件/2024-05/20240516-093000-clerk-[0-9a-f]{6}/石门镇5月统计表.xlsx"))
			// the entry that tried to leave: kept inside its message's folder, by its
			// name
			.anyMatch(p -> p.matches("邮件/2024-05/20240516-093000-clerk-[0-9a-f]{6}/escape.xlsx"))
			.hasSize(3);
		assertThat(files(dir)).filteredOn(p -> p.getFileName().toString().equals("escape.xlsx"))
			.allMatch(p -> p.startsWith(inbox.resolve("邮件")));
		Path xinchangFile = saved.stream().filter(p -> p.toString().contains("新场镇")).findFirst().orElseThrow();
		assertThat(Files.getLastModifiedTime(xinchangFile).toInstant()).isEqualTo(sentAt.atZone(SHANGHAI).toInstant());
		assertThat(query(home, "select count(*) from mail_fetched")).isEqualTo("2");
		assertThat(query(home, "select submitter_code from mail_fetched where sender = '" + XINCHANG + "'"))
			.isEqualTo("HM04");

		// fetched again: nothing
		CliRun again = cli("mail-fetch", home, reference, "--inbox", inbox.toString());
		assertThat(again.out()).contains("新邮件 0 封");
		assertThat(files(inbox)).isEqualTo(saved);

		// a run killed after saving and before recording: the same files again, no copy
		update(home, "delete from mail_fetched");
		CliRun afterKill = cli("mail-fetch", home, reference, "--inbox", inbox.toString());
		assertThat(afterKill.out()).contains("新邮件 2 封");
		assertThat(files(inbox)).isEqualTo(saved);
		assertThat(Files.getLastModifiedTime(xinchangFile).toInstant()).isEqualTo(sentAt.atZone(SHANGHAI).toInstant());

		// the intake: 新场镇's table rejected, received at the message's date
		CliRun ingested = cli("ingest", home, reference, "--inbox", inbox.toString(), "--now", "2024-05-21T12:00:00");
		assertThat(ingested.exitCode()).as(ingested.toString()).isZero();
		assertThat(query(home,
				"select status || ' ' || strftime(received_at, '%Y-%m-%d %H:%M:%S') from audit_file where sha256 = '"
						+ REJECTED_SHA + "'"))
			.isEqualTo("rejected 2024-05-14 20:35:01");
		// the intake's own annotated workbook (audit_feedback) is what goes back
		assertThat(query(home,
				"select outcome || ' ' || workbook_path from audit_feedback where sha256 = '" + REJECTED_SHA + "'"))
			.matches("退回 outbox/feedback/HM04/20240514-203501-f0e6e61e-新场镇5月统计表\\.审核意见\\.xlsx");

		// mail out: the annotated workbook to 新场镇's mailbox, once
		String smtp = "smtp://localhost:" + greenMail.getSmtp().getPort();
		CliRun sent = cli("mail-send", home, reference, "--now", "2024-05-21T12:00:00", "--mail-smtp-url", smtp,
				"--mail-from", OFFICE, "--mail-office-contact", "县安委办 李敏 0839-1234567");
		assertThat(sent.exitCode()).as(sent.toString()).isZero();
		List<Message> township = inboxOf(XINCHANG, "town");
		assertThat(township).hasSize(1);
		Message notice = township.get(0);
		assertThat(notice.getSubject()).startsWith("【退回通知】").contains("新场镇5月统计表.xlsx");
		String body = text(notice);
		assertThat(body).contains("审核未通过", "2024年5月22日 23:59", "县安委办 李敏 0839-1234567", "TOTAL_MISMATCH");
		byte[] attached = attachment(notice, "新场镇5月统计表.审核意见.xlsx");
		try (Workbook opened = WorkbookFactory.create(new java.io.ByteArrayInputStream(attached))) {
			assertThat(opened.getSheetAt(0).getSheetName()).isEqualTo("审核意见");
			assertThat(opened.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("审核意见：新场镇5月统计表.xlsx");
		}
		assertThat(query(home,
				"select state || ' ' || message_id || ' ' || server_reply from mail_sent where event_key = 'feedback:"
						+ REJECTED_SHA + "'"))
			.isEqualTo("sent " + notice.getHeader("Message-ID")[0] + " "
					+ query(home,
							"select server_reply from mail_sent where event_key = 'feedback:" + REJECTED_SHA + "'"))
			.contains(" 250");
		CliRun sentAgain = cli("mail-send", home, reference, "--now", "2024-05-21T12:00:00", "--mail-smtp-url", smtp,
				"--mail-from", OFFICE);
		assertThat(sentAgain.out()).contains("发送 0 封");
		assertThat(inboxOf(XINCHANG, "town")).hasSize(1);

		// a run killed after the server took it and before the record said so: not sent
		// again, said on every run until the office resends it on purpose
		update(home, "update mail_sent set state = 'sending', sent_at = null, server_reply = null");
		CliRun afterSendKill = cli("mail-send", home, reference, "--now", "2024-05-21T12:00:00", "--mail-smtp-url",
				smtp, "--mail-from", OFFICE);
		assertThat(afterSendKill.err()).contains("不能确定是否已发出", "feedback:" + REJECTED_SHA);
		assertThat(inboxOf(XINCHANG, "town")).hasSize(1);
		CliRun resent = cli("mail-send", home, reference, "--now", "2024-05-21T12:00:00", "--mail-smtp-url", smtp,
				"--mail-from", OFFICE, "--resend", "feedback:" + REJECTED_SHA);
		assertThat(resent.exitCode()).as(resent.toString()).isZero();
		assertThat(inboxOf(XINCHANG, "town")).hasSize(2);

		// the deadline day: 新场镇 (已报被退回) gets a 催报, once; 石门镇 reported and has no
		// address anyway
		CliRun reminded = cli("mail-send", home, reference, "--now", "2024-05-22T02:00:00", "--mail-smtp-url", smtp,
				"--mail-from", OFFICE, "--mail-office-contact", "县安委办 李敏 0839-1234567");
		assertThat(reminded.exitCode()).as(reminded.toString()).isZero();
		List<Message> withReminder = inboxOf(XINCHANG, "town");
		assertThat(withReminder).hasSize(3);
		Message reminder = withReminder.get(2);
		assertThat(reminder.getSubject()).isEqualTo("【催报】强安2024监管执法专项行动 2024年5月报表今天（2024年5月22日）截止");
		assertThat(text(reminder)).contains("已报被退回", "县安委办 李敏 0839-1234567");
		cli("mail-send", home, reference, "--now", "2024-05-22T08:00:00", "--mail-smtp-url", smtp, "--mail-from",
				OFFICE);
		assertThat(inboxOf(XINCHANG, "town")).hasSize(3);

		// after the cutoff rollup the county table and its manifest go to the office
		// above; the manifest then carries the receipt
		CliRun rollup = cli("rollup", home, reference, "--campaign", "QA2024", "--period", "2024-05", "--kind",
				"cutoff");
		assertThat(rollup.exitCode()).as(rollup.toString()).isZero();
		CliRun upward = cli("mail-send", home, reference, "--now", "2024-05-23T02:00:00", "--mail-smtp-url", smtp,
				"--mail-from", OFFICE, "--mail-upward-to", CITY);
		assertThat(upward.exitCode()).as(upward.toString()).isZero();
		List<Message> city = inboxOf(CITY, "city");
		assertThat(city).hasSize(1);
		assertThat(city.get(0).getSubject()).isEqualTo("【上报】鹤鸣县 强安2024监管执法专项行动 2024年5月统计汇总表");
		Path manifest = home.resolve("outbox/QA2024/2024-05/cutoff/manifest.json");
		String manifestText = Files.readString(manifest);
		assertThat(new String(attachment(city.get(0), "manifest.json"), StandardCharsets.UTF_8))
			.doesNotContain("\"sent\"")
			.contains("\"submitters_missing\"");
		assertThat(manifestText).contains("\"sent\": [", city.get(0).getHeader("Message-ID")[0], "\"dry_run\": false",
				"250");
		String table = manifestText.replaceAll("(?s).*\"file\": \"([^\"]+)\".*", "$1");
		try (Workbook opened = WorkbookFactory
			.create(new java.io.ByteArrayInputStream(attachment(city.get(0), table)))) {
			assertThat(opened.getNumberOfSheets()).isPositive();
		}
		cli("mail-send", home, reference, "--now", "2024-05-23T03:00:00", "--mail-smtp-url", smtp, "--mail-from",
				OFFICE, "--mail-upward-to", CITY);
		assertThat(inboxOf(CITY, "city")).hasSize(1);
		assertThat(Files.readString(manifest)).isEqualTo(manifestText);
	}

	@Test
	void nightlyFetchesBeforeTheIntakeAndAnswersAfterIt() throws Exception {
		office.deliver(message(XINCHANG, "新场镇5月报表（夜间）", LocalDateTime.parse("2024-05-14T20:35:01"), "新场镇5月统计表.xlsx",
				Files.readAllBytes(samples.resolve("新场镇5月统计表.xlsx"))));
		int before = inboxOf(XINCHANG, "town").size();

		CliRun nightly = cli("nightly", home, reference, "--inbox", inbox.toString(), "--now", "2024-05-21T02:00:00",
				"--mail-imap-url", "imap://localhost:" + greenMail.getImap().getPort() + "/INBOX", "--mail-imap-user",
				OFFICE, "--mail-smtp-url", "smtp://localhost:" + greenMail.getSmtp().getPort(), "--mail-from", OFFICE);
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		assertThat(nightly.out().indexOf("收信完成")).isPositive().isLessThan(nightly.out().indexOf("收件入库"));
		assertThat(nightly.out().indexOf("已发送 【退回通知】")).isGreaterThan(nightly.out().indexOf("入库完成"));
		assertThat(query(home, "select path from audit_file where sha256 = '" + REJECTED_SHA + "'"))
			.startsWith("邮件/2024-05/20240514-203501-新场镇-");
		assertThat(inboxOf(XINCHANG, "town")).hasSize(before + 1);
	}

	@Test
	void withoutAServerMessagesAreWrittenAsEmlFilesThatParseBack() throws Exception {
		county.copyInbox(inbox);
		CliRun ingested = cli("ingest", home, reference, "--inbox", inbox.toString(), "--now", "2024-05-21T12:00:00");
		assertThat(ingested.exitCode()).as(ingested.toString()).isZero();

		CliRun written = cli("mail-send", home, reference, "--now", "2024-05-21T12:00:00");
		assertThat(written.exitCode()).as(written.toString()).isZero();
		assertThat(written.out()).contains("演练", "写出 .eml 1 封");
		List<Path> emls = files(home.resolve("outbox/mail"));
		assertThat(emls).hasSize(1);
		assertThat(emls.get(0).toString()).endsWith("2024-05/feedback_" + REJECTED_SHA + ".eml");
		// a Chinese attachment name as RFC 2231, which every client reads (not split
		// encoded words)
		assertThat(Files.readString(emls.get(0), StandardCharsets.ISO_8859_1)).contains("filename*=UTF-8''")
			.doesNotContain("filename*0=");
		MimeMessage parsed;
		try (InputStream in = Files.newInputStream(emls.get(0))) {
			parsed = new MimeMessage(Session.getInstance(new Properties()), in);
		}
		assertThat(parsed.getSubject()).startsWith("【退回通知】");
		assertThat(((InternetAddress) parsed.getRecipients(Message.RecipientType.TO)[0]).getAddress())
			.isEqualTo(XINCHANG);
		assertThat(text(parsed)).contains("审核未通过");
		try (Workbook opened = WorkbookFactory
			.create(new java.io.ByteArrayInputStream(attachment(parsed, "新场镇5月统计表.审核意见.xlsx")))) {
			assertThat(opened.getSheetName(0)).isEqualTo("审核意见");
		}
		assertThat(query(home, "select state || ' ' || eml_path from mail_sent"))
			.isEqualTo("written " + home.relativize(emls.get(0)).toString().replace('\\', '/'));

		CliRun again = cli("mail-send", home, reference, "--now", "2024-05-21T12:00:00");
		assertThat(again.out()).contains("写出 .eml 0 封");
		assertThat(files(home.resolve("outbox/mail"))).isEqualTo(emls);
	}

	// ---- helpers

	private static CliRun cli(String command, Path home, Path reference, String... options) {
		return MailSupport.cli(greenMail, command, home, reference, options);
	}

	private static List<Message> inboxOf(String user, String password) throws Exception {
		return MailSupport.inboxOf(greenMail, user, password);
	}

	/**
	 * A zip as a township makes it: the table inside a folder, a note, and an entry that
	 * tries to leave the folder it is unpacked in (saved by its own name only).
	 */
	private static byte[] zip(Path table) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
			zip.putNextEntry(new ZipEntry("5月/石门镇5月统计表.xlsx"));
			zip.write(Files.readAllBytes(table));
			zip.putNextEntry(new ZipEntry("说明.txt"));
			zip.write("见附件".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("../../escape.xlsx"));
			zip.write(new byte[] { 1, 2, 3 });
		}
		return out.toByteArray();
	}

}
