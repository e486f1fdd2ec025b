package org.anjian.readers.limits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * {@link OoxmlPrescan}'s quick pass over a part that is plain XML as Excel and WPS write
 * it: the UTF-8 bytes are checked and counted without a general parser (the JDK's StAX
 * parser took about 0.3 CPU s, plus its JIT compilation, for a ledger's 22 MB
 * shared-strings table, which the reader then parses again).
 *
 * <p>
 * It only ever answers "plain, and this is what it counts": the shared strings
 * ({@code si} under an {@code sst} root) and their characters as the JDK parser's
 * {@code getTextLength} sums them (references expanded, line ends normalised). Anything
 * else — a DTD, comment, CDATA or processing instruction, a reference other than the five
 * predefined ones or a character reference, an encoding other than UTF-8, a name that is
 * not ASCII, an unbound or re-bound prefix, two attributes of one local name, a character
 * XML forbids, malformed UTF-8 or markup, a worksheet root, a string nested in a string,
 * the counts reaching {@link Limits} — is {@link #NOT_PLAIN}: the prescan then parses the
 * part with the JDK parser as before, which gives every verdict and message (so a part
 * this class accepts is one that parser accepts, with the same counts).
 */
final class PlainXmlPart {

	/** What a plain part holds. */
	record Counts(long strings, long chars) {
	}

	/** The part is not plain, or reaches a limit: the full parser must judge it. */
	static final Counts NOT_PLAIN = null;

	/**
	 * What the prescan allows before it throws: a part reaching one is not plain (the
	 * parser then throws the limit's own exception).
	 *
	 * @param strings shared strings (cells) still allowed
	 * @param stringChars characters one string may hold
	 * @param chars shared-string characters still allowed in all
	 */
	record Limits(long strings, long stringChars, long chars) {
	}

	private static final int BUFFER_BYTES = 1 << 16;

	/** Longer names, more attributes, deeper nesting or more prefixes: not plain. */
	private static final int MAX_NAME_BYTES = 128;

	private static final int MAX_ATTRIBUTES = 64;

	private static final int MAX_DEPTH = 256;

	private static final int MAX_PREFIXES = 64;

	private static final int MAX_DECLARATION_BYTES = 256;

	/**
	 * The XML declarations a plain part may open with (version 1.0, UTF-8 or none,
	 * standalone or not).
	 */
	private static final Pattern DECLARATION = Pattern.compile("<\\?xml[ \\t\\r\\n]+version[ \\t\\r\\n]*=[ \\t\\r\\n]*"
			+ "(\"1\\.0\"|'1\\.0')([ \\t\\r\\n]+encoding[ \\t\\r\\n]*=[ \\t\\r\\n]*(\"(?i:utf-8)\"|'(?i:utf-8)'))?"
			+ "([ \\t\\r\\n]+standalone[ \\t\\r\\n]*=[ \\t\\r\\n]*(\"(yes|no)\"|'(yes|no)'))?[ \\t\\r\\n]*\\?>");

	/** Namespaces no prefix may be bound to (a plain part never tries). */
	private static final java.util.Set<String> RESERVED_NAMESPACES = java.util.Set
		.of("http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/");

	private static final boolean[] NAME_START = new boolean[256];

	private static final boolean[] NAME = new boolean[256];

	static {
		for (int b = 0; b < 128; b++) {
			NAME_START[b] = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_';
			NAME[b] = NAME_START[b] || b >= '0' && b <= '9' || b == '-' || b == '.';
		}
	}

	private final InputStream in;

	private final Limits limits;

	private final byte[] buf = new byte[BUFFER_BYTES];

	private int pos;

	private int end;

	/** Names of the open elements, each as its bytes. */
	private final byte[][] open = new byte[MAX_DEPTH][];

	private int depth;

	/**
	 * Prefixes declared on the open elements, with the depth of their element (innermost
	 * last).
	 */
	private final String[] prefixes = new String[MAX_PREFIXES];

	private final int[] prefixDepths = new int[MAX_PREFIXES];

	private int prefixCount;

	private final byte[] name = new byte[MAX_NAME_BYTES];

	private int nameLength;

	/** Where the local part of {@link #name} starts (after its colon, if any). */
	private int localStart;

	private final String[] attributes = new String[MAX_ATTRIBUTES];

	private boolean sst;

	/** Depth of the open {@code si}, or -1. */
	private int stringDepth = -1;

	private long strings;

	private long stringChars;

	private long chars;

	/** The last text character was a CR, so an LF right after it counts nothing. */
	private boolean afterCr;

	/** Consecutive {@code ]} just before, for {@code ]]>}. */
	private int brackets;

	private PlainXmlPart(InputStream in, Limits limits) {
		this.in = in;
		this.limits = limits;
	}

	/**
	 * Reads {@code in} to its end when the part is plain.
	 * @return the counts, or {@link #NOT_PLAIN} (then {@code in} may be left part-read)
	 * @throws IOException from {@code in} (an {@link InflateGuard}'s zip-bomb stop
	 * included)
	 */
	static Counts scan(InputStream in, Limits limits) throws IOException {
		PlainXmlPart part = new PlainXmlPart(in, limits);
		return part.document() ? new Counts(part.strings, part.chars) : NOT_PLAIN;
	}

	private int read() throws IOException {
		if (pos < end) {
			return buf[pos++] & 0xFF;
		}
		int n = in.readNBytes(buf, 0, buf.length);
		if (n <= 0) {
			return -1;
		}
		pos = 1;
		end = n;
		return buf[0] & 0xFF;
	}

	private boolean document() throws IOException {
		int b = read();
		if (b == '<') {
			b = read();
			if (b == '?') {
				if (!declaration()) {
					return false;
				}
				b = skipSpace(read());
				if (b != '<') {
					return false;
				}
				b = read();
			}
		}
		else {
			b = skipSpace(b);
			if (b != '<') {
				return false;
			}
			b = read();
		}
		// b follows the root's '<'
		if (!startTag(b)) {
			return false;
		}
		if (depth > 0 && !content()) {
			return false;
		}
		// after the root only white space (a comment or PI there is legal, but not plain)
		return skipSpace(read()) == -1;
	}

	private boolean declaration() throws IOException {
		StringBuilder text = new StringBuilder("<?");
		int b;
		while ((b = read()) != -1 && b < 0x80 && text.length() < MAX_DECLARATION_BYTES) {
			text.append((char) b);
			if (b == '>' && text.charAt(text.length() - 2) == '?') {
				return DECLARATION.matcher(text).matches();
			}
		}
		return false;
	}

	private int skipSpace(int b) throws IOException {
		while (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
			b = read();
		}
		return b;
	}

	/** Element content until the root closes. */
	private boolean content() throws IOException {
		while (depth > 0) {
			if (!textRun()) {
				return false;
			}
			int b = read();
			if (b == '<') {
				afterCr = false;
				brackets = 0;
				b = read();
				if (b == '/') {
					if (!endTag()) {
						return false;
					}
				}
				else if (!startTag(b)) {
					return false;
				}
			}
			else if (!text(b)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The common text in the buffer at once: printable ASCII and three-byte UTF-8 (the
	 * CJK of a ledger), in one loop that compiles early; the rest goes by {@link #text}.
	 * @return false when a limit is reached
	 */
	private boolean textRun() {
		byte[] buf = this.buf;
		int p = pos;
		int e = end;
		int n = 0;
		while (p < e) {
			int b = buf[p];
			if (b >= 0x20) {
				if (b == '<' || b == '&' || b == ']' || b == '>') {
					break;
				}
				p++;
			}
			else if ((b & 0xF0) == 0xE0 && p + 2 < e) {
				int b1 = buf[p + 1];
				int b2 = buf[p + 2];
				if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) {
					break;
				}
				int c = (b & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F);
				if (c < 0x800 || c >= 0xD800 && c <= 0xDFFF || c >= 0xFFFE) {
					break;
				}
				p += 3;
			}
			else {
				break;
			}
			n++;
		}
		if (p == pos) {
			return true;
		}
		pos = p;
		afterCr = false;
		brackets = 0;
		return count(n);
	}

	/** One byte of text (and the rest of its UTF-8 sequence or reference). */
	private boolean text(int b) throws IOException {
		int counted;
		if (b < 0x80) {
			if (b == -1) {
				return false;
			}
			if (b == '&') {
				brackets = 0;
				afterCr = false;
				counted = reference();
				if (counted == 0) {
					return false;
				}
				return count(counted);
			}
			if (b == '>' && brackets >= 2) {
				return false;
			}
			brackets = b == ']' ? brackets + 1 : 0;
			if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
				return false;
			}
			boolean lf = b == '\n' && afterCr;
			afterCr = b == '\r';
			return lf || count(1);
		}
		brackets = 0;
		afterCr = false;
		counted = utf8(b);
		return counted != 0 && count(counted);
	}

	private boolean count(int n) {
		if (stringDepth < 0) {
			return true;
		}
		stringChars += n;
		chars += n;
		return stringChars <= limits.stringChars() && chars <= limits.chars();
	}

	/**
	 * The rest of a UTF-8 sequence led by {@code b}: the UTF-16 units it makes (1 or 2),
	 * or 0 when malformed, overlong, a surrogate, beyond U+10FFFF or U+FFFE/U+FFFF.
	 */
	private int utf8(int b) throws IOException {
		if (b >= 0xC2 && b <= 0xDF) {
			return continuation(read()) ? 1 : 0;
		}
		if (b >= 0xE0 && b <= 0xEF) {
			int b1 = read();
			int b2 = read();
			if (!continuation(b1) || !continuation(b2)) {
				return 0;
			}
			int c = (b & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F);
			return c < 0x800 || c >= 0xD800 && c <= 0xDFFF || c == 0xFFFE || c == 0xFFFF ? 0 : 1;
		}
		if (b >= 0xF0 && b <= 0xF4) {
			int b1 = read();
			int b2 = read();
			int b3 = read();
			if (!continuation(b1) || !continuation(b2) || !continuation(b3)) {
				return 0;
			}
			int c = (b & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F);
			return c < 0x10000 || c > 0x10FFFF ? 0 : 2;
		}
		return 0;
	}

	private static boolean continuation(int b) {
		return b >= 0x80 && b <= 0xBF;
	}

	/**
	 * After {@code &}: a predefined entity or a character reference to a character XML
	 * allows; the UTF-16 units it makes, or 0.
	 */
	private int reference() throws IOException {
		byte[] ref = new byte[12];
		int n = 0;
		int b;
		while ((b = read()) != ';') {
			if (b == -1 || n == ref.length) {
				return 0;
			}
			ref[n++] = (byte) b;
		}
		String text = new String(ref, 0, n, StandardCharsets.ISO_8859_1);
		switch (text) {
			case "amp", "lt", "gt", "quot", "apos" -> {
				return 1;
			}
			default -> {
			}
		}
		int c;
		if (text.startsWith("#x") && n > 2 && text.chars().skip(2).allMatch(PlainXmlPart::isHex)) {
			c = n > 10 ? -1 : (int) Long.parseLong(text.substring(2), 16);
		}
		else if (text.startsWith("#") && n > 1 && text.chars().skip(1).allMatch(ch -> ch >= '0' && ch <= '9')) {
			c = n > 10 ? -1 : (int) Long.parseLong(text.substring(1));
		}
		else {
			return 0;
		}
		if (c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD) {
			return 1;
		}
		return c >= 0x10000 && c <= 0x10FFFF ? 2 : 0;
	}

	private static boolean isHex(int c) {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
	}

	/**
	 * A name starting with {@code b} into {@link #name}: ASCII, at most one colon with a
	 * part on each side; the byte after it, or -2 when it is not a plain name.
	 */
	private int name(int b) throws IOException {
		if (b < 0 || !NAME_START[b]) {
			return -2;
		}
		nameLength = 0;
		localStart = 0;
		while (b >= 0 && (NAME[b] || b == ':')) {
			if (nameLength == MAX_NAME_BYTES) {
				return -2;
			}
			if (b == ':') {
				if (localStart > 0 || nameLength == 0) {
					return -2;
				}
				localStart = nameLength + 1;
			}
			else if (localStart == nameLength && localStart > 0 && !NAME_START[b]) {
				return -2;
			}
			name[nameLength++] = (byte) b;
			b = read();
		}
		if (localStart == nameLength) {
			return -2;
		}
		return b;
	}

	private String prefix() {
		return localStart == 0 ? null : new String(name, 0, localStart - 1, StandardCharsets.ISO_8859_1);
	}

	private boolean localIs(String local) {
		int length = nameLength - localStart;
		if (length != local.length()) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (name[localStart + i] != local.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** A start tag after its {@code <}, starting with {@code b}. */
	private boolean startTag(int b) throws IOException {
		b = name(b);
		if (b == -2 || depth == MAX_DEPTH) {
			return false;
		}
		byte[] element = Arrays.copyOf(name, nameLength);
		String elementPrefix = prefix();
		boolean root = depth == 0;
		boolean isString = !root && sst && localIs("si");
		if (root) {
			if (localIs("worksheet")) {
				return false;
			}
			sst = localIs("sst");
		}
		int level = depth + 1;
		int attributeCount = 0;
		int declaredBefore = prefixCount;
		boolean empty = false;
		while (true) {
			boolean space = b == ' ' || b == '\t' || b == '\n' || b == '\r';
			b = skipSpace(b);
			if (b == '>') {
				break;
			}
			if (b == '/') {
				if (read() != '>') {
					return false;
				}
				empty = true;
				break;
			}
			if (!space || attributeCount == MAX_ATTRIBUTES) {
				return false;
			}
			b = name(b);
			if (b == -2) {
				return false;
			}
			String qname = new String(name, 0, nameLength, StandardCharsets.ISO_8859_1);
			String prefix = prefix();
			String local = qname.substring(localStart);
			b = skipSpace(b);
			if (b != '=') {
				return false;
			}
			b = skipSpace(read());
			if (b != '"' && b != '\'') {
				return false;
			}
			boolean declaration = "xmlns".equals(prefix) || prefix == null && "xmlns".equals(local);
			String value = attributeValue(b, declaration);
			if (value == null) {
				return false;
			}
			for (int i = 0; i < attributeCount; i++) {
				// the same qualified name twice, or one local name under two prefixes
				// (which might be bound to one namespace): not plain
				String other = attributes[i];
				int colon = other.indexOf(':');
				if (other.equals(qname) || prefix != null && colon > 0 && other.substring(colon + 1).equals(local)) {
					return false;
				}
			}
			attributes[attributeCount++] = qname;
			if (declaration && (value.contains("&") || RESERVED_NAMESPACES.contains(value))) {
				return false;
			}
			if ("xmlns".equals(prefix)) {
				if (value.isEmpty() || "xml".equals(local) || "xmlns".equals(local) || prefixCount == MAX_PREFIXES) {
					return false;
				}
				prefixes[prefixCount] = local;
				prefixDepths[prefixCount++] = level;
			}
			b = read();
		}
		// prefixes are bound by this element's declarations as well
		if (elementPrefix != null && ("xml".equals(elementPrefix) || !bound(elementPrefix))) {
			return false;
		}
		for (int i = 0; i < attributeCount; i++) {
			int colon = attributes[i].indexOf(':');
			if (colon > 0) {
				String prefix = attributes[i].substring(0, colon);
				if (!"xmlns".equals(prefix) && !"xml".equals(prefix) && !bound(prefix)) {
					return false;
				}
			}
		}
		if (isString) {
			if (stringDepth >= 0 || ++strings > limits.strings()) {
				return false;
			}
			stringChars = 0;
			stringDepth = level;
		}
		if (empty) {
			prefixCount = declaredBefore;
			if (isString) {
				stringDepth = -1;
			}
			return true;
		}
		open[depth++] = element;
		return true;
	}

	private boolean bound(String prefix) {
		if ("xml".equals(prefix) || "xmlns".equals(prefix)) {
			return "xml".equals(prefix);
		}
		for (int i = prefixCount - 1; i >= 0; i--) {
			if (prefixes[i].equals(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An attribute value up to its closing {@code quote}: its ASCII bytes when
	 * {@code keep} (a namespace declaration's), else ""; null when it is not plain.
	 */
	private String attributeValue(int quote, boolean keep) throws IOException {
		StringBuilder value = keep ? new StringBuilder() : null;
		int b;
		while ((b = read()) != quote) {
			if (b == -1 || b == '<') {
				return null;
			}
			if (keep) {
				value.append((char) b);
			}
			if (b == '&') {
				if (reference() == 0) {
					return null;
				}
			}
			else if (b >= 0x80) {
				if (utf8(b) == 0) {
					return null;
				}
			}
			else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
				return null;
			}
		}
		return keep ? value.toString() : "";
	}

	/** An end tag after its {@code </}: the open element's name. */
	private boolean endTag() throws IOException {
		int b = name(read());
		if (b == -2) {
			return false;
		}
		b = skipSpace(b);
		byte[] element = open[depth - 1];
		if (b != '>' || !Arrays.equals(element, 0, element.length, name, 0, nameLength)) {
			return false;
		}
		depth--;
		if (stringDepth == depth + 1) {
			stringDepth = -1;
		}
		while (prefixCount > 0 && prefixDepths[prefixCount - 1] > depth) {
			prefixCount--;
		}
		return true;
	}

}
