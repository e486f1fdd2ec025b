package org.anjian.jobs.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.anjian.jobs.support.CliRun;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the mail tests share: the office's mailbox on a GreenMail server, the command line
 * run against it, messages as a township writes them, mailboxes read back over IMAP, and
 * the warehouse queried directly.
 */
final class MailSupport {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final String OFFICE = "office@county.test";

	static final String OFFICE_PASSWORD = "secret";

	private MailSupport() {
	}

	/**
	 * The office mailbox's password for the test class: the passwords are environment
	 * variables only, and Spring reads system properties the same way.
	 */
	static final class OfficePassword implements BeforeAllCallback, AfterAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			System.setProperty(MailSettings.IMAP_PASSWORD, OFFICE_PASSWORD);
		}

		@Override
		public void afterAll(ExtensionContext context) {
			System.clearProperty(MailSettings.IMAP_PASSWORD);
		}

	}

	/**
	 * The command line with the home and reference data; mail-fetch reads the office's
	 * mailbox on {@code server}.
	 */
	static CliRun cli(GreenMailExtension server, String command, Path home, Path reference, String... options) {
		List<String> argv = new ArrayList<>(
				List.of(command, "--home", home.toString(), "--reference", reference.toString()));
		if (command.equals("mail-fetch")) {
			argv.addAll(List.of("--mail-imap-url", imapUrl(server), "--mail-imap-user", OFFICE));
		}
		argv.addAll(List.of(options));
		return CliRun.of(argv.toArray(String[]::new));
	}

	static String imapUrl(GreenMailExtension server) {
		return "imap://localhost:" + server.getImap().getPort() + "/INBOX";
	}

	static String smtpUrl(GreenMailExtension server) {
		return "smtp://localhost:" + server.getSmtp().getPort();
	}

	/**
	 * submitters.csv with the optional email column at its end, filled for the submitter
	 * {@code code}.
	 */
	static Path withEmail(Path reference, String code, String email) throws IOException {
		Path csv = reference.resolve("submitters.csv");
		List<String> lines = new ArrayList<>();
		for (String line : Files.readAllLines(csv)) {
			lines.add(line + (line.startsWith("code,") ? ",email" : line.startsWith(code + ",") ? "," + email : ","));
		}
		Files.write(csv, lines);
		return reference;
	}

	/** A message to the office as a township sends it: a line of text and one file. */
	static MimeMessage message(String from, String subject, LocalDateTime date, String fileName, byte[] bytes)
			throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress(from));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(OFFICE));
		message.setSubject(subject, "UTF-8");
		message.setSentDate(Date.from(date.atZone(SHANGHAI).toInstant()));
		MimeMultipart content = new MimeMultipart();
		MimeBodyPart text = new MimeBodyPart();
		text.setText("请查收", "UTF-8");
		content.addBodyPart(text);
		MimeBodyPart file = new MimeBodyPart();
		file.setContent(bytes, "application/octet-stream");
		file.setFileName(MimeUtility.encodeText(fileName, "UTF-8", "B"));
		file.setDisposition(Part.ATTACHMENT);
		content.addBodyPart(file);
		message.setContent(content);
		message.saveChanges();
		return message;
	}

	static List<Path> files(Path root) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).sorted().toList();
		}
	}

	/** Every message in {@code user}'s INBOX, read whole. */
	static List<Message> inboxOf(GreenMailExtension server, String user, String password) throws Exception {
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect("localhost", server.getImap().getPort(), user, password);
		Folder folder = store.getFolder("INBOX");
		folder.open(Folder.READ_ONLY);
		// read whole while the folder is open
		List<Message> out = new ArrayList<>();
		for (Message m : folder.getMessages()) {
			out.add(new MimeMessage((MimeMessage) m));
		}
		folder.close();
		store.close();
		return out;
	}

	static String text(Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				out.append(text(multipart.getBodyPart(i)));
			}
			return out.toString();
		}
		return "";
	}

	static byte[] attachment(Part message, String nameEnding) throws Exception {
		Multipart multipart = (Multipart) message.getContent();
		for (int i = 0; i < multipart.getCount(); i++) {
			Part part = multipart.getBodyPart(i);
			if (part.getFileName() != null && MimeUtility.decodeText(part.getFileName()).endsWith(nameEnding)) {
				try (InputStream in = part.getInputStream()) {
					return in.readAllBytes();
				}
			}
		}
		throw new AssertionError("no attachment " + nameEnding);
	}

	static String query(Path home, String sql) throws SQLException {
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"));
				Statement st = c.createStatement();
				ResultSet rs = st.executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	static void update(Path home, String sql) throws SQLException {
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("warehouse.duckdb"));
				Statement st = c.createStatement()) {
			st.execute(sql);
		}
	}

}
