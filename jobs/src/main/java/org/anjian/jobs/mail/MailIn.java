package org.anjian.jobs.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.SentDateTerm;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.springframework.stereotype.Component;

/**
 * 收信 (mail-fetch): every message in the office's mailbox not fetched before has its
 * spreadsheet attachments (.xlsx .xls .csv, and those inside a .zip) saved into the inbox
 * under {@code 邮件/<yyyy-MM>/<yyyyMMdd-HHmmss>-<who>-<id>/}, each file's last-modified
 * time — the intake's received time — set to the message's Date. The folder is decided by
 * the message alone and the message is recorded in {@code mail_fetched} only after its
 * files are saved: a run killed in between saves the same files to the same paths again
 * (same bytes, same time: the intake sees one file), a message recorded is never fetched
 * again. The mailbox is opened read-only: nothing is marked, moved or deleted.
 */
@Component
public class MailIn {

	/** The inbox sub-folder mail-fetch writes into. */
	public static final String FOLDER = "邮件";

	static final List<String> SPREADSHEETS = List.of(".xlsx", ".xls", ".csv");

	/** A zip with more entries than this is not opened (a zip bomb of tiny files). */
	static final int MAX_ZIP_ENTRIES = 500;

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final MailSettings mail;

	private final Warehouse warehouse;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	MailIn(MailSettings mail, Warehouse warehouse, ReferenceData reference, AnjianSettings settings) {
		this.mail = mail;
		this.warehouse = warehouse;
		this.reference = reference;
		this.settings = settings;
	}

	/** What one fetch did. */
	public record Fetched(int messages, int files, List<String> problems) {

	}

	/**
	 * Fetches every message not fetched before into {@code inbox}.
	 * @throws MessagingException when the mailbox cannot be reached or read (nothing of
	 * the message being read is recorded)
	 */
	public Fetched fetch(Path inbox, RunProgress progress) throws MessagingException, IOException, SQLException {
		if (!mail.fetchConfigured()) {
			throw new IllegalStateException(
					"没有设置收信邮箱（" + MailSettings.IMAP_URL + " 或 " + MailSettings.optionOf(MailSettings.IMAP_URL) + "）");
		}
		URLName url = new URLName(mail.imapUrl());
		String protocol = url.getProtocol().toLowerCase(Locale.ROOT);
		if (!protocol.equals("imap") && !protocol.equals("imaps")) {
			throw new IllegalArgumentException("收信邮箱应以 imaps:// 或 imap:// 开头：" + mail.imapUrl());
		}
		Properties props = new Properties();
		props.put("mail." + protocol + ".connectiontimeout", "60000");
		props.put("mail." + protocol + ".timeout", "120000");
		if (protocol.equals("imaps")) {
			props.put("mail.imaps.ssl.checkserveridentity", "true");
		}
		String folderName = url.getFile() == null || url.getFile().isBlank() ? "INBOX" : url.getFile();
		String mailbox = protocol + "://" + mail.imapUser() + "@" + url.getHost()
				+ (url.getPort() > 0 ? ":" + url.getPort() : "") + "/" + folderName;
		progress.line("收信：" + mailbox);
		Session session = Session.getInstance(props);
		int messages = 0;
		int files = 0;
		List<String> problems = new ArrayList<>();
		try (Store store = session.getStore(protocol)) {
			store.connect(url.getHost(), url.getPort(), mail.imapUser(), mail.imapPassword());
			try (Folder folder = store.getFolder(folderName)) {
				folder.open(Folder.READ_ONLY);
				Message[] all = mail.imapSince() == null ? folder.getMessages()
						: folder.search(new SentDateTerm(ComparisonTerm.GE,
								java.util.Date.from(mail.imapSince().atStartOfDay(OfficeTime.ZONE).toInstant())));
				FetchProfile profile = new FetchProfile();
				profile.add(FetchProfile.Item.ENVELOPE);
				profile.add("Message-ID");
				folder.fetch(all, profile);
				Set<String> seen = fetchedIds();
				for (Message message : all) {
					String id = messageId(message);
					if (!seen.add(id)) {
						continue;
					}
					List<String> saved;
					try {
						saved = save(message, id, inbox, problems, progress);
					}
					catch (jakarta.mail.FolderClosedException | jakarta.mail.StoreClosedException ex) {
						throw ex;
					}
					catch (MessagingException | IOException ex) {
						// one message that cannot be read does not hold up the others;
						// not
						// recorded, so the next run tries it again
						problems.add("邮件 " + id + " 无法读取（下次运行再试）：" + ex.getMessage());
						continue;
					}
					record(id, mailbox, message, saved);
					messages++;
					files += saved.size();
				}
			}
		}
		progress.line("收信完成：新邮件 " + messages + " 封，保存附件 " + files + " 个到 " + inbox.resolve(FOLDER));
		problems.forEach(progress::problem);
		return new Fetched(messages, files, List.copyOf(problems));
	}

	/**
	 * Saves the message's spreadsheets; returns their paths relative to the inbox.
	 */
	private List<String> save(Message message, String id, Path inbox, List<String> problems, RunProgress progress)
			throws MessagingException, IOException {
		Instant date = dateOf(message);
		LocalDateTime local = LocalDateTime.ofInstant(date, OfficeTime.ZONE);
		String sender = senderOf(message);
		Submitter submitter = reference.submitterByEmail(sender).orElse(null);
		// the submitter's name in the folder lets the intake recognise a table whose
		// 填报单位 is blank (it reads folder names when the content is silent)
		String who = submitter != null ? submitter.name()
				: sender == null ? "未知发件人" : sender.substring(0, Math.max(0, sender.indexOf('@')));
		Path folder = inbox.resolve(FOLDER)
			.resolve(MONTH.format(local))
			.resolve(STAMP.format(local) + "-" + safeName(who, "发件人") + "-" + sha256(id).substring(0, 6));
		List<Attachment> attachments = new ArrayList<>();
		collect(message, attachments, problems, describe(message));
		List<String> saved = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (Attachment a : attachments) {
			String name = unique(names, a.name());
			Path target = folder.resolve(name);
			write(target, a.bytes(), date);
			saved.add(inbox.relativize(target).toString().replace('\\', '/'));
			progress.line("  " + describe(message) + " → " + saved.get(saved.size() - 1));
		}
		return saved;
	}

	private record Attachment(String name, byte[] bytes) {
	}

	/** The spreadsheets in a part, zips opened, depth first. */
	private void collect(Part part, List<Attachment> out, List<String> problems, String message)
			throws MessagingException, IOException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i), out, problems, message);
			}
			return;
		}
		if (part.isMimeType("message/rfc822")) {
			// a forwarded message: its attachments are the township's
			collect((Part) part.getContent(), out, problems, message);
			return;
		}
		String name = fileName(part);
		if (name == null) {
			return;
		}
		String ext = extension(name);
		if (!SPREADSHEETS.contains(ext) && !ext.equals(".zip")) {
			return;
		}
		byte[] bytes;
		try (InputStream in = part.getInputStream()) {
			bytes = readAtMost(in, mail.maxAttachmentBytes());
		}
		if (bytes == null) {
			problems.add(message + " 的附件“" + name + "”超过 " + mail.maxAttachmentBytes() / 1024 / 1024 + " MB，未保存（"
					+ MailSettings.MAX_ATTACHMENT_MB + "）");
			return;
		}
		if (ext.equals(".zip")) {
			unzip(name, bytes, out, problems, message);
		}
		else {
			out.add(new Attachment(safeName(name, "附件" + ext), bytes));
		}
	}

	/**
	 * The spreadsheets inside a zip, by their own file names only: no folder of the
	 * archive is made (no path leaves the message's folder), entries over the size limit
	 * or past the entry count are reported and left out, zips inside are not opened.
	 */
	private void unzip(String zipName, byte[] zip, List<Attachment> out, List<String> problems, String message)
			throws IOException {
		int entries = 0;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), zipCharset(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				if (++entries > MAX_ZIP_ENTRIES) {
					problems.add(message + " 的压缩包“" + zipName + "”超过 " + MAX_ZIP_ENTRIES + " 个文件，其余未解压");
					return;
				}
				String path = entry.getName().replace('\\', '/');
				String base = path.substring(path.lastIndexOf('/') + 1);
				if (entry.isDirectory() || base.isBlank() || base.startsWith("~$") || path.startsWith("__MACOSX/")
						|| !SPREADSHEETS.contains(extension(base))) {
					continue;
				}
				byte[] bytes = readAtMost(in, mail.maxAttachmentBytes());
				if (bytes == null) {
					problems.add(message + " 的压缩包“" + zipName + "”中“" + base + "”解压后超过 "
							+ mail.maxAttachmentBytes() / 1024 / 1024 + " MB，未保存");
					continue;
				}
				out.add(new Attachment(safeName(base, "附件" + extension(base)), bytes));
			}
		}
		catch (java.util.zip.ZipException | IllegalArgumentException ex) {
			problems.add(message + " 的压缩包“" + zipName + "”无法解压（" + ex.getMessage() + "）");
		}
	}

	/**
	 * UTF-8 when every entry name says so (flag bit 11) or decodes as UTF-8; else GBK,
	 * what Windows' zip tool in Chinese writes.
	 */
	private static java.nio.charset.Charset zipCharset(byte[] zip) {
		try (ZipInputStream probe = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			while (probe.getNextEntry() != null) {
				// decoding every name: a malformed one throws
			}
			return StandardCharsets.UTF_8;
		}
		catch (IllegalArgumentException | IOException ex) {
			return java.nio.charset.Charset.forName("GBK");
		}
	}

	/** The bytes, or null when there are more than {@code limit}. */
	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
		return bytes.length > limit ? null : bytes;
	}

	/**
	 * Writes through a temp file beside the warehouse (swept by the next run) and moves
	 * it in whole, its time set first: the intake never sees half a file or a file
	 * without its message's time.
	 */
	private void write(Path target, byte[] bytes, Instant date) throws IOException {
		Files.createDirectories(target.getParent());
		Path temp = settings.home().resolve(".mail." + UUID.randomUUID() + ".tmp");
		Files.createDirectories(temp.getParent());
		try {
			Files.write(temp, bytes);
			Files.setLastModifiedTime(temp, FileTime.from(date));
			try {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (java.nio.file.AtomicMoveNotSupportedException ex) {
				// the inbox on another file system
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			Files.setLastModifiedTime(target, FileTime.from(date));
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private Set<String> fetchedIds() throws SQLException {
		Set<String> ids = new HashSet<>();
		try (PreparedStatement ps = warehouse.connection().prepareStatement("select message_id from mail_fetched");
				ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				ids.add(rs.getString(1));
			}
		}
		return ids;
	}

	private void record(String id, String mailbox, Message message, List<String> saved)
			throws SQLException, MessagingException {
		String sender = senderOf(message);
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement(Warehouse.resource("mail/record_fetched.sql"))) {
			ps.setString(1, id);
			ps.setString(2, mailbox);
			ps.setString(3, sender);
			ps.setString(4, reference.submitterByEmail(sender).map(Submitter::code).orElse(null));
			ps.setString(5, message.getSubject());
			ps.setObject(6, LocalDateTime.ofInstant(dateOf(message), OfficeTime.ZONE));
			ps.setString(7, String.join("\n", saved));
			ps.setObject(8, OffsetDateTime.now(ZoneOffset.UTC));
			ps.executeUpdate();
		}
	}

	/**
	 * The Message-ID, or one made from what identifies the message when it has none.
	 */
	static String messageId(Message message) throws MessagingException {
		String[] ids = message.getHeader("Message-ID");
		if (ids != null && ids.length > 0 && !ids[0].isBlank()) {
			return ids[0].strip();
		}
		return "<" + sha256(
				dateOf(message) + "|" + senderOf(message) + "|" + message.getSubject() + "|" + message.getSize())
				+ "@anjian.no-message-id>";
	}

	/** The message's Date, else when the server received it, else now. */
	static Instant dateOf(Message message) throws MessagingException {
		java.util.Date date = message.getSentDate() != null ? message.getSentDate() : message.getReceivedDate();
		return date == null ? Instant.now() : date.toInstant();
	}

	static String senderOf(Message message) throws MessagingException {
		Address[] from = message.getFrom();
		return from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a.getAddress() : null;
	}

	private static String describe(Message message) throws MessagingException {
		return "邮件“" + message.getSubject() + "”（" + senderOf(message) + "）";
	}

	private static String fileName(Part part) throws MessagingException {
		String name = part.getFileName();
		if (name == null) {
			return null;
		}
		try {
			return MimeUtility.decodeText(name);
		}
		catch (UnsupportedEncodingException ex) {
			return name;
		}
	}

	static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
	}

	/**
	 * A name that stays one file in its folder on every system: no folder part, no
	 * character Windows refuses, not "." or "..".
	 */
	static String safeName(String name, String fallback) {
		String base = name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1);
		base = base.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip();
		while (base.startsWith(".")) {
			base = base.substring(1);
		}
		return base.isBlank() ? fallback : base.length() > 120 ? base.substring(base.length() - 120) : base;
	}

	private static String unique(Set<String> names, String name) {
		String candidate = name;
		int n = 2;
		while (!names.add(candidate.toLowerCase(Locale.ROOT))) {
			String ext = extension(name);
			candidate = name.substring(0, name.length() - ext.length()) + "-" + n++ + ext;
		}
		return candidate;
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
