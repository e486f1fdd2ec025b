package org.anjian.readers.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.anjian.readers.limits.InflateGuard;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.rows.FileSignature;

/**
 * Documents (.docx, .doc, .wps, .pdf) sent for a campaign's deliverables (plans,
 * summaries, 典型案例): never parsed as data, only recognised — by the extension, confirmed
 * by the content's signature — and, for a .docx, the text of its first page read so that
 * its title can name what it is and who sent it. A .doc, .wps or .pdf is recognised by
 * its name alone (no Word-97 or PDF text extraction is bundled).
 */
public final class DocumentFiles {

	/** How much of a .docx's opening text is kept: its title and heading lines. */
	static final int FIRST_PAGE_CHARS = 2000;

	private static final XMLInputFactory XML = hardened();

	private DocumentFiles() {
	}

	/**
	 * A recognised document.
	 *
	 * @param format docx, doc, wps or pdf
	 * @param firstPage the first page's text, paragraphs on lines of their own (at most
	 * {@value #FIRST_PAGE_CHARS} characters); null when not read (.doc, .wps, .pdf, or an
	 * unreadable .docx)
	 */
	public record Document(Path path, String format, String firstPage) {
	}

	/**
	 * Whether the file name says it is a document anjian may record for a deliverable.
	 */
	public static boolean hasDocumentExtension(Path file) {
		return extension(file) != null;
	}

	/**
	 * The file as a document: its extension is .docx, .doc, .wps or .pdf and its content
	 * is that kind of file (a zip holding {@code word/document.xml}, an OLE2 compound
	 * file, {@code %PDF-}); empty otherwise, or when it cannot be opened.
	 * @param limits the inflation limits a .docx's text part is read within
	 */
	public static Optional<Document> open(Path file, ReaderLimits limits) {
		String format = extension(file);
		if (format == null) {
			return Optional.empty();
		}
		try {
			byte[] head;
			try (InputStream in = Files.newInputStream(file)) {
				head = in.readNBytes(8);
			}
			FileSignature signature = FileSignature.of(head);
			return switch (format) {
				case "docx" -> signature == FileSignature.ZIP ? docx(file, limits) : Optional.empty();
				case "doc", "wps" ->
					signature == FileSignature.OLE2 ? Optional.of(new Document(file, format, null)) : Optional.empty();
				default -> startsWithPdf(head) ? Optional.of(new Document(file, format, null)) : Optional.empty();
			};
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Document> docx(Path file, ReaderLimits limits) throws IOException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			ZipEntry body = zip.getEntry("word/document.xml");
			if (body == null) {
				return Optional.empty();
			}
			String text;
			try (InputStream in = new InflateGuard(zip.getInputStream(body), body.getName(), body.getCompressedSize(),
					limits)) {
				text = firstPage(in);
			}
			catch (IOException | XMLStreamException | RuntimeException ex) {
				// a damaged body: still a document, recognised by its name
				text = null;
			}
			return Optional.of(new Document(file, "docx", text));
		}
		catch (java.util.zip.ZipException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The text of {@code word/document.xml} up to the first page break (an explicit
	 * {@code w:br w:type="page"}, Word's {@code w:lastRenderedPageBreak}, or a section
	 * end) or {@value #FIRST_PAGE_CHARS} characters, one line per paragraph.
	 */
	static String firstPage(InputStream in) throws XMLStreamException {
		XMLStreamReader xml = XML.createXMLStreamReader(in);
		StringBuilder text = new StringBuilder();
		boolean inText = false;
		try {
			while (xml.hasNext() && text.length() < FIRST_PAGE_CHARS) {
				int event = xml.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					String name = xml.getLocalName();
					if ("t".equals(name)) {
						inText = true;
					}
					else if ("tab".equals(name)) {
						text.append(' ');
					}
					else if ("lastRenderedPageBreak".equals(name) && text.length() > 0) {
						break;
					}
					else if ("br".equals(name) && "page".equals(attribute(xml, "type")) && text.length() > 0) {
						break;
					}
					else if ("sectPr".equals(name) && text.length() > 0) {
						break;
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT) {
					String name = xml.getLocalName();
					if ("t".equals(name)) {
						inText = false;
					}
					else if ("p".equals(name) && text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
						text.append('\n');
					}
				}
				else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
					text.append(xml.getText());
				}
			}
		}
		finally {
			xml.close();
		}
		String out = text.length() > FIRST_PAGE_CHARS ? text.substring(0, FIRST_PAGE_CHARS) : text.toString();
		return out.strip();
	}

	private static String attribute(XMLStreamReader xml, String localName) {
		for (int i = 0; i < xml.getAttributeCount(); i++) {
			if (localName.equals(xml.getAttributeLocalName(i))) {
				return xml.getAttributeValue(i);
			}
		}
		return null;
	}

	private static boolean startsWithPdf(byte[] head) {
		return head.length >= 5 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F'
				&& head[4] == '-';
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		if (dot < 0) {
			return null;
		}
		String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
		return switch (ext) {
			case "docx", "doc", "wps", "pdf" -> ext;
			default -> null;
		};
	}

	private static XMLInputFactory hardened() {
		// documents come from outside: no DTD, no external entities
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		return factory;
	}

}
