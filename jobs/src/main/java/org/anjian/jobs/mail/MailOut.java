package org.anjian.jobs.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParameterList;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.writers.exports.AtomicFiles;
import org.anjian.writers.official.OfficialTableExporter;
import org.springframework.stereotype.Component;

/**
 * 发信 (mail-send): what is due now, each event once.
 * <ul>
 * <li>{@code feedback:<sha256>} 退回通知 / 审核提示: every annotated workbook recorded in
 * {@code audit_feedback}, attached, to the submitter's email (submitters.csv), else to
 * the address the file came from;</li>
 * <li>{@code reminder:<campaign>:<period>:<submitter>} 催报: on a month's deadline day,
 * every submitter with no accepted table for it yet (未报 or 已报被退回);</li>
 * <li>{@code upward:<campaign>:<period>:cutoff:<table sha256>} 上报: every official cutoff
 * table in the outbox with its manifest.json, to the office above; the receipt is then
 * added to the manifest as {@code sent}.</li>
 * </ul>
 * An event is recorded in {@code mail_sent} as {@code sending}, with the Message-ID the
 * message will carry, before the SMTP conversation, and becomes {@code sent} with the
 * server's reply once the server accepted it; a refusal removes the record (the next run
 * tries again). A process killed in between leaves {@code sending}: such an event is not
 * sent again on its own (at most once), but listed on every run until the office checks
 * its sent mail and, if it did not go, runs {@code mail-send --resend KEY}. Without an
 * SMTP server (or with {@code --dry-run}) each message is written as
 * {@code outbox/mail/<yyyy-MM>/<event>.eml} instead and recorded {@code written}.
 */
@Component
public class MailOut {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final Pattern MANIFEST_FIELD = Pattern
		.compile("\"(file|sha256|campaign|period|kind)\": \"([^\"]*)\"");

	private final MailSettings mail;

	private final Warehouse warehouse;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	MailOut(MailSettings mail, Warehouse warehouse, ReferenceData reference, AnjianSettings settings) {
		this.mail = mail;
		this.warehouse = warehouse;
		this.reference = reference;
		this.settings = settings;
	}

	/** What one run mailed. */
	public record Sent(int sent, int written, int failed, List<String> interrupted) {

	}

	/** One message due. */
	private record Outgoing(String eventKey, List<String> to, String subject, String body, List<Path> attachments,
			Path manifest) {
	}

	/**
	 * The folder dry-run messages are written into.
	 */
	public Path emlFolder() {
		return settings.outboxDir().resolve("mail");
	}

	/**
	 * Sends (or, dry-run, writes) every message due at {@code now}.
	 * @param dryRun write .eml files even when a server is configured
	 * @param quiet say nothing when nothing is due (the nightly run)
	 */
	public Sent send(LocalDateTime now, boolean dryRun, boolean quiet, RunProgress progress)
			throws SQLException, IOException, MessagingException {
		boolean toFiles = dryRun || !mail.sendConfigured();
		List<String> notes = new ArrayList<>();
		List<Outgoing> due = new ArrayList<>();
		due.addAll(feedback(now, notes));
		due.addAll(reminders(now, notes));
		due.addAll(upward(notes));
		int sent = 0;
		int written = 0;
		int failed = 0;
		if (!due.isEmpty()) {
			progress.line("发信：" + due.size() + " 封" + (toFiles ? "（演练：写成 .eml 文件，放在 " + emlFolder() + "）"
					: "，经 " + new URLName(mail.smtpUrl()).getHost()));
		}
		Session session = session();
		try (Transport transport = toFiles || due.isEmpty() ? null : connect(session)) {
			for (Outgoing o : due) {
				String messageId = "<anjian." + MailIn.sha256(o.eventKey()).substring(0, 16) + "."
						+ System.currentTimeMillis() + "@" + domainOf(mail.fromOrPlaceholder()) + ">";
				if (!begin(o, messageId)) {
					continue;
				}
				MimeMessage message = compose(session, o, messageId);
				if (toFiles) {
					Path eml = emlFolder().resolve(YearMonth.from(now).toString())
						.resolve(fileNameOf(o.eventKey()) + ".eml");
					Files.createDirectories(eml.getParent());
					byte[] bytes = bytes(message);
					AtomicFiles.write(eml, out -> out.write(bytes));
					done(o, "written", null, settings.home().relativize(eml).toString().replace('\\', '/'));
					progress.line("  写出 " + o.subject() + " → " + eml);
					written++;
				}
				else {
					String reply;
					try {
						transport.sendMessage(message, message.getAllRecipients());
						reply = lastReply(transport);
					}
					catch (MessagingException ex) {
						// refused, or the connection failed: not accepted, the next run
						// tries
						// again
						forget(o.eventKey());
						progress.problem("发信失败（下次运行重试）：" + o.subject() + " → " + String.join(", ", o.to()) + "："
								+ ex.getMessage());
						failed++;
						continue;
					}
					done(o, "sent", reply, null);
					progress.line("  已发送 " + o.subject() + " → " + String.join(", ", o.to()) + "（" + reply + "）");
					sent++;
				}
				if (o.manifest() != null) {
					receipt(o.eventKey(), o.manifest());
				}
			}
		}
		repairReceipts();
		List<String> interrupted = interrupted();
		interrupted.forEach(progress::problem);
		if (!quiet || !due.isEmpty()) {
			notes.forEach(progress::line);
			progress
				.line("发信完成：发送 " + sent + " 封，写出 .eml " + written + " 封" + (failed > 0 ? "，失败 " + failed + " 封" : ""));
		}
		return new Sent(sent, written, failed, interrupted);
	}

	/**
	 * Forgets an event a killed run left {@code sending}, so this run sends it.
	 * @return whether there was one
	 */
	public boolean resend(String eventKey) throws SQLException {
		return forget(eventKey);
	}

	// ---- what is due

	private List<Outgoing> feedback(LocalDateTime now, List<String> notes) throws SQLException {
		List<Outgoing> out = new ArrayList<>();
		if (!tableExists("audit_feedback")) {
			// written by the annotated-workbook step (issue 14 part 1); nothing to send
			// before it exists
			return out;
		}
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery(Warehouse.resource("mail/feedback_due.sql"))) {
			while (rs.next()) {
				String sha = rs.getString("sha256");
				Optional<Submitter> submitter = Optional.ofNullable(rs.getString("submitter_code"))
					.flatMap(reference::submitter);
				List<String> to = submitter.map(Submitter::emails).filter(e -> !e.isEmpty()).orElse(null);
				if (to == null && rs.getString("mail_sender") != null) {
					to = List.of(rs.getString("mail_sender"));
				}
				String path = rs.getString("path");
				String file = path.substring(path.lastIndexOf('/') + 1);
				String who = submitter.map(Submitter::name).orElse("报送单位");
				if (to == null) {
					notes.add("未发 " + file + " 的审核意见：" + who + " 没有邮箱（submitters.csv 的 email 列），也不是邮件报来的");
					continue;
				}
				Path workbook = settings.home().resolve(rs.getString("workbook_path"));
				if (!Files.isRegularFile(workbook)) {
					notes.add("未发 " + file + " 的审核意见：找不到审核意见表 " + workbook);
					continue;
				}
				boolean rejected = "退回".equals(rs.getString("outcome"));
				Campaign campaign = Optional.ofNullable(rs.getString("campaign"))
					.flatMap(reference::campaign)
					.orElse(null);
				YearMonth period = rs.getDate("period") == null ? null
						: YearMonth.from(rs.getDate("period").toLocalDate());
				String month = campaign == null || period == null ? ""
						: campaign.name() + " " + period.getYear() + "年" + period.getMonthValue() + "月";
				String subject = (rejected ? "【退回通知】" : "【审核提示】") + (month.isEmpty() ? "" : month + " ") + who + "："
						+ file;
				StringBuilder body = new StringBuilder();
				body.append(who).append("：\n\n");
				body.append("你单位 ")
					.append(rs.getTimestamp("received_at").toLocalDateTime().format(MINUTE))
					.append(" 报送的《")
					.append(file)
					.append("》");
				if (rejected) {
					body.append("审核未通过，已退回（错误 ")
						.append(rs.getLong("errors"))
						.append(" 处，提示 ")
						.append(rs.getLong("warnings"))
						.append(" 处），本次报送不计入汇总。\n\n");
					body.append("请打开附件《")
						.append(workbook.getFileName())
						.append("》：第一页“审核意见”逐条列出问题和改法，表中红色单元格为必须改正的错误，黄色为提示，批注写明原因。")
						.append("请在原模板上改正后重新报送（直接回复本邮件并附上改正后的表即可）");
					deadline(campaign, period, now).ifPresent(d -> body.append("，截止时间 ").append(d));
					body.append("。\n");
				}
				else {
					body.append("已接收，有提示 ")
						.append(rs.getLong("warnings"))
						.append(" 处，请核对。\n\n")
						.append("请打开附件《")
						.append(workbook.getFileName())
						.append("》：黄色单元格为提示，批注和第一页“审核意见”写明原因。数字无误的，可在表下方写“上报说明”后重新报送，")
						.append("或来电说明；数字有误的，请改正后重新报送");
					deadline(campaign, period, now).ifPresent(d -> body.append("（截止时间 ").append(d).append("）"));
					body.append("。\n");
				}
				body.append("\n主要问题：\n").append(findings(sha));
				body.append("\n联系人：")
					.append(mail.contact())
					.append("\n\n")
					.append(office())
					.append("\n（本邮件由安监统计系统自动发送）\n");
				out.add(new Outgoing("feedback:" + sha, to, subject, body.toString(), List.of(workbook), null));
			}
		}
		return out;
	}

	private List<Outgoing> reminders(LocalDateTime now, List<String> notes) throws SQLException {
		List<Outgoing> out = new ArrayList<>();
		DeadlineCalendar calendar = new DeadlineCalendar(reference.holidays());
		LocalDate today = now.toLocalDate();
		for (Campaign campaign : reference.campaigns()) {
			for (YearMonth month = campaign.firstMonth(); !month.isAfter(campaign.lastMonth()); month = month
				.plusMonths(1)) {
				if (!campaign.owes(month) || !calendar.deadline(campaign, month).equals(today)) {
					continue;
				}
				for (Submitter s : reference.submitters()) {
					long[] counts = tables(s.code(), campaign.code(), month, now);
					if (counts[0] > 0) {
						continue;
					}
					String status = counts[1] > 0 ? "已报被退回" : "未报";
					String key = "reminder:" + campaign.code() + ":" + month + ":" + s.code();
					if (state(key).isPresent()) {
						continue;
					}
					if (s.emails().isEmpty()) {
						notes.add("未发催报：" + s.name() + "（" + status + "）没有邮箱（submitters.csv 的 email 列）");
						continue;
					}
					String monthText = month.getYear() + "年" + month.getMonthValue() + "月";
					String subject = "【催报】" + campaign.name() + " " + monthText + "报表今天（" + today.format(DAY) + "）截止";
					StringBuilder body = new StringBuilder(s.name()).append("：\n\n");
					body.append(campaign.name())
						.append(" ")
						.append(monthText)
						.append("统计表的报送截止时间是今天 ")
						.append(today.format(DAY))
						.append(" 23:59，截至 ")
						.append(now.format(MINUTE))
						.append(" 尚未收到你单位的可用报表（")
						.append(status)
						.append("）。\n\n");
					if (counts[1] > 0) {
						body.append("你单位已报的表审核未通过，请按退回通知所附的审核意见改正后重新报送。\n");
					}
					else {
						body.append("请用统一模板填报，今天内发到本邮箱（作为附件，.xlsx、.xls 或 .csv 均可）。\n");
					}
					body.append("逾期未报的，按上月数据沿用并在通报中列为未报。\n\n联系人：")
						.append(mail.contact())
						.append("\n\n")
						.append(office())
						.append("\n（本邮件由安监统计系统自动发送）\n");
					out.add(new Outgoing(key, s.emails(), subject, body.toString(), List.of(), null));
				}
			}
		}
		return out;
	}

	private List<Outgoing> upward(List<String> notes) throws IOException, SQLException {
		List<Outgoing> out = new ArrayList<>();
		if (mail.upwardTo().isEmpty() || !Files.isDirectory(settings.outboxDir())) {
			return out;
		}
		for (Path manifest : cutoffManifests()) {
			java.util.Map<String, String> fields = fields(manifest);
			String key = "upward:" + fields.get("campaign") + ":" + fields.get("period") + ":" + fields.get("kind")
					+ ":" + fields.get("sha256");
			if (state(key).isPresent()) {
				continue;
			}
			Path table = manifest.resolveSibling(fields.getOrDefault("file", ""));
			if (!Files.isRegularFile(table)) {
				notes.add("未上报 " + manifest.getParent() + "：找不到上报表 " + table.getFileName());
				continue;
			}
			String campaign = reference.campaign(fields.get("campaign"))
				.map(Campaign::name)
				.orElse(fields.get("campaign"));
			YearMonth period = YearMonth.parse(fields.get("period"));
			String monthText = period.getYear() + "年" + period.getMonthValue() + "月";
			String subject = "【上报】" + reference.top().name() + " " + campaign + " " + monthText + "统计汇总表";
			String body = "上级安委办：\n\n现报送" + reference.top().name() + campaign + monthText + "统计汇总表（截止日汇总），见附件《"
					+ table.getFileName() + "》；manifest.json 列出每行数据的来源报表、" + "已报和未报单位，供核对。\n\n联系人：" + mail.contact()
					+ "\n\n" + office() + "\n（本邮件由安监统计系统自动发送）\n";
			out.add(new Outgoing(key, mail.upwardTo(), subject, body, List.of(table, manifest), manifest));
		}
		return out;
	}

	/**
	 * Every official cutoff table's manifest:
	 * {@code outbox/<campaign>/<period>/cutoff/manifest.json}.
	 */
	private List<Path> cutoffManifests() throws IOException {
		List<Path> out = new ArrayList<>();
		try (DirectoryStream<Path> campaigns = Files.newDirectoryStream(settings.outboxDir(), Files::isDirectory)) {
			for (Path campaign : campaigns) {
				try (DirectoryStream<Path> periods = Files.newDirectoryStream(campaign, Files::isDirectory)) {
					for (Path period : periods) {
						Path manifest = period.resolve("cutoff").resolve("manifest.json");
						if (period.getFileName().toString().matches("\\d{4}-\\d{2}") && Files.isRegularFile(manifest)) {
							out.add(manifest);
						}
					}
				}
			}
		}
		out.sort(null);
		return out;
	}

	private static java.util.Map<String, String> fields(Path manifest) throws IOException {
		java.util.Map<String, String> fields = new java.util.HashMap<>();
		Matcher m = MANIFEST_FIELD.matcher(Files.readString(manifest));
		while (m.find()) {
			fields.putIfAbsent(m.group(1), m.group(2));
		}
		return fields;
	}

	// ---- the record

	private boolean begin(Outgoing o, String messageId) throws SQLException {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement(Warehouse.resource("mail/sent_begin.sql"))) {
			ps.setString(1, o.eventKey());
			ps.setString(2, String.join(", ", o.to()));
			ps.setString(3, o.subject());
			ps.setString(4, messageId);
			ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
			return ps.executeUpdate() == 1;
		}
	}

	private void done(Outgoing o, String state, String reply, String eml) throws SQLException {
		try (PreparedStatement ps = warehouse.connection().prepareStatement(Warehouse.resource("mail/sent_done.sql"))) {
			ps.setString(1, state);
			ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
			ps.setString(3, reply);
			ps.setString(4, eml);
			ps.setString(5, o.eventKey());
			ps.executeUpdate();
		}
	}

	private boolean forget(String eventKey) throws SQLException {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement(Warehouse.resource("mail/sent_forget.sql"))) {
			ps.setString(1, eventKey);
			return ps.executeUpdate() == 1;
		}
	}

	/**
	 * An event's record: state, message_id, recipient, sent_at, server_reply, eml_path.
	 */
	private Optional<String[]> state(String eventKey) throws SQLException {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement(Warehouse.resource("mail/sent_state.sql"))) {
			ps.setString(1, eventKey);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? Optional.of(new String[] { rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getString(5), rs.getString(6) }) : Optional.empty();
			}
		}
	}

	private List<String> interrupted() throws SQLException {
		List<String> out = new ArrayList<>();
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery(Warehouse.resource("mail/sent_interrupted.sql"))) {
			while (rs.next()) {
				out.add("上次发信中断，不能确定是否已发出（不自动重发）：" + rs.getString("event_key") + " → " + rs.getString("recipient")
						+ "，Message-ID " + rs.getString("message_id") + "；请在发件箱核对，未发出的运行 anjian mail-send --resend "
						+ rs.getString("event_key"));
			}
		}
		return out;
	}

	/**
	 * Adds the sending's receipt to the manifest as {@code "sent": [ … ]}; a manifest
	 * that already names the Message-ID is left as it is.
	 */
	private void receipt(String eventKey, Path manifest) throws SQLException, IOException {
		Optional<String[]> record = state(eventKey);
		if (record.isEmpty() || "sending".equals(record.get()[0]) || !Files.isRegularFile(manifest)) {
			return;
		}
		String[] r = record.get();
		String json = Files.readString(manifest);
		if (json.contains(r[1])) {
			return;
		}
		String entry = "    {\"to\": " + OfficialTableExporter.quote(r[2]) + ", \"message_id\": "
				+ OfficialTableExporter.quote(r[1]) + ", \"sent_at\": " + quoteOrNull(r[3]) + ", \"server_reply\": "
				+ quoteOrNull(r[4]) + ", \"dry_run\": " + "written".equals(r[0]) + ", \"eml\": " + quoteOrNull(r[5])
				+ "}";
		int end = json.lastIndexOf('}');
		int open = json.indexOf("\"sent\": [");
		String updated;
		if (open >= 0) {
			int close = json.indexOf(']', open);
			String inside = json.substring(open + "\"sent\": [".length(), close).strip();
			updated = json.substring(0, open) + "\"sent\": [\n" + (inside.isEmpty() ? "" : "    " + inside + ",\n")
					+ entry + "\n  ]" + json.substring(close + 1);
		}
		else {
			updated = json.substring(0, end).stripTrailing() + ",\n  \"sent\": [\n" + entry + "\n  ]\n}\n";
		}
		AtomicFiles.write(manifest, out -> out.write(updated.getBytes(StandardCharsets.UTF_8)));
	}

	/** A run killed between the record and the manifest: the receipt is added now. */
	private void repairReceipts() throws IOException, SQLException {
		if (!Files.isDirectory(settings.outboxDir())) {
			return;
		}
		for (Path manifest : cutoffManifests()) {
			java.util.Map<String, String> f = fields(manifest);
			receipt("upward:" + f.get("campaign") + ":" + f.get("period") + ":" + f.get("kind") + ":" + f.get("sha256"),
					manifest);
		}
	}

	// ---- the message

	private Session session() {
		Properties props = new Properties();
		if (mail.sendConfigured()) {
			URLName url = new URLName(mail.smtpUrl());
			String protocol = url.getProtocol().toLowerCase(Locale.ROOT);
			props.put("mail." + protocol + ".connectiontimeout", "60000");
			props.put("mail." + protocol + ".timeout", "120000");
			props.put("mail." + protocol + ".auth", String.valueOf(mail.smtpPassword() != null));
			if (protocol.equals("smtp")) {
				props.put("mail.smtp.starttls.enable", "true");
			}
			else {
				props.put("mail.smtps.ssl.checkserveridentity", "true");
			}
		}
		return Session.getInstance(props);
	}

	private Transport connect(Session session) throws MessagingException {
		URLName url = new URLName(mail.smtpUrl());
		String protocol = url.getProtocol().toLowerCase(Locale.ROOT);
		if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
			throw new IllegalArgumentException("发信服务器应以 smtps:// 或 smtp:// 开头：" + mail.smtpUrl());
		}
		Transport transport = session.getTransport(protocol);
		transport.connect(url.getHost(), url.getPort(), mail.smtpUser(), mail.smtpPassword());
		return transport;
	}

	private MimeMessage compose(Session session, Outgoing o, String messageId) throws MessagingException, IOException {
		MimeMessage message = new MimeMessage(session) {
			@Override
			protected void updateMessageID() throws MessagingException {
				// the Message-ID recorded before sending, not one made now
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom(new InternetAddress(mail.fromOrPlaceholder(), office(), "UTF-8"));
		for (String to : o.to()) {
			message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
		}
		message.setSubject(o.subject(), "UTF-8");
		message.setSentDate(new Date());
		message.setHeader("X-Anjian-Event", o.eventKey());
		MimeMultipart content = new MimeMultipart();
		MimeBodyPart text = new MimeBodyPart();
		text.setText(o.body(), "UTF-8");
		content.addBodyPart(text);
		for (Path file : o.attachments()) {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(
					new jakarta.activation.DataHandler(new jakarta.activation.FileDataSource(file.toFile())));
			// a Chinese name as RFC 2231 (filename*0*=UTF-8''…): the default encoded
			// words
			// (RFC 2047) of a long name get split across continuations, which no client
			// reads back
			ParameterList name = new ParameterList();
			name.set("filename", file.getFileName().toString(), "UTF-8");
			part.setHeader("Content-Disposition", new ContentDisposition(Part.ATTACHMENT, name).toString());
			content.addBodyPart(part);
		}
		message.setContent(content);
		message.saveChanges();
		return message;
	}

	private String office() {
		return reference.top().name() + "安委办";
	}

	private String findings(String sha256) throws SQLException {
		StringBuilder out = new StringBuilder();
		try (PreparedStatement ps = warehouse.connection().prepareStatement(Warehouse.resource("mail/findings.sql"))) {
			ps.setString(1, sha256);
			try (ResultSet rs = ps.executeQuery()) {
				int n = 1;
				while (rs.next()) {
					out.append(n++)
						.append(". ")
						.append("error".equals(rs.getString("severity")) ? "【错误】" : "【提示】")
						.append(rs.getString("sheet") == null ? "" : rs.getString("sheet") + " ")
						.append(rs.getObject("row_number") == null ? "" : "第" + rs.getInt("row_number") + "行 ")
						.append(rs.getString("column_name") == null ? "" : rs.getString("column_name") + "：")
						.append(rs.getString("message"))
						.append("（")
						.append(rs.getString("rule"))
						.append("）\n");
				}
			}
		}
		return out.isEmpty() ? "（见附件）\n" : out.toString();
	}

	private Optional<String> deadline(Campaign campaign, YearMonth period, LocalDateTime now) {
		if (campaign == null || period == null) {
			return Optional.empty();
		}
		LocalDate day = new DeadlineCalendar(reference.holidays()).deadline(campaign, period);
		return Optional.of(day.format(DAY) + " 23:59" + (day.isBefore(now.toLocalDate()) ? "（已过，请尽快报送，按逾期计）" : ""));
	}

	private long[] tables(String submitter, String campaign, YearMonth month, LocalDateTime now) throws SQLException {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement(Warehouse.resource("mail/submitter_month.sql"))) {
			ps.setString(1, submitter);
			ps.setString(2, campaign);
			ps.setObject(3, month.atDay(1));
			ps.setObject(4, now);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return new long[] { rs.getLong(1), rs.getLong(2) };
			}
		}
	}

	private boolean tableExists(String table) throws SQLException {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("select count(*) from information_schema.tables where table_name = ?")) {
			ps.setString(1, table);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1) > 0;
			}
		}
	}

	private static String lastReply(Transport transport) {
		return transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport smtp
				? smtp.getLastServerResponse().strip() : "accepted";
	}

	private static String domainOf(String address) {
		return address.substring(address.indexOf('@') + 1);
	}

	/** An event key as a file name: {@code feedback_ab12…}. */
	static String fileNameOf(String eventKey) {
		return eventKey.replaceAll("[^\\p{L}\\p{N}._-]", "_");
	}

	private static String quoteOrNull(String s) {
		return s == null ? "null" : OfficialTableExporter.quote(s);
	}

	/** The bytes of a message as it is written to a file. */
	static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return out.toByteArray();
	}

}
