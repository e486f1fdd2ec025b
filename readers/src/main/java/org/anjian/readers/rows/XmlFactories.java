package org.anjian.readers.rows;

import java.io.InputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The hardened StAX factories OOXML parts are read with, which parser reads worksheets,
 * and the OOXML string escapes.
 */
final class XmlFactories {

	/**
	 * How worksheet parts are parsed. {@link #SCANNER} (the default):
	 * {@link SheetXmlScanner} over the UTF-8 bytes, with Aalto for parts in another
	 * encoding and for every other part. {@code -Danjian.readers.stax=aalto} reads
	 * worksheets with Aalto StAX as before the scanner, {@code -Danjian.readers.stax=jdk}
	 * every part with the JDK's StAX parser; both are kept for comparison and as the
	 * fallback.
	 */
	enum SheetParser {

		SCANNER, AALTO, JDK

	}

	private static final XMLInputFactory AALTO = hardened(new com.fasterxml.aalto.stax.InputFactoryImpl());

	private static final XMLInputFactory JDK = hardened(XMLInputFactory.newDefaultFactory());

	/**
	 * Aalto (what fastexcel-reader uses) parses sheet XML about twice as fast as the
	 * JDK's parser (README: measured) and lets cell attributes be decoded without
	 * Strings. Both are named explicitly, whatever else is on the class path.
	 */
	private static volatile SheetParser sheetParser = switch (System.getProperty("anjian.readers.stax", "")) {
		case "jdk" -> SheetParser.JDK;
		case "aalto" -> SheetParser.AALTO;
		default -> SheetParser.SCANNER;
	};

	private XmlFactories() {
	}

	private static XMLInputFactory hardened(XMLInputFactory factory) {
		// submissions come from outside: no DTD, no external entities (XXE, billion
		// laughs)
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		return factory;
	}

	/** Tests read the same parts with each parser. */
	static void useParser(SheetParser parser) {
		sheetParser = parser;
	}

	static SheetParser sheetParser() {
		return sheetParser;
	}

	/** A StAX reader: the JDK's when {@link SheetParser#JDK} is chosen, else Aalto. */
	static XMLStreamReader reader(InputStream in) throws XMLStreamException {
		return reader(in, sheetParser);
	}

	static XMLStreamReader reader(InputStream in, SheetParser parser) throws XMLStreamException {
		return (parser == SheetParser.JDK ? JDK : AALTO).createXMLStreamReader(in);
	}

	/**
	 * Decodes OOXML's {@code _xHHHH_} escapes (e.g. {@code _x000D_} for a carriage
	 * return) while making the String.
	 */
	static String decodeEscapes(char[] chars, int start, int length) {
		int end = start + length;
		int escape = -1;
		for (int i = start; i + 6 < end; i++) {
			if (chars[i] == '_' && chars[i + 1] == 'x' && chars[i + 6] == '_') {
				escape = i;
				break;
			}
		}
		if (escape < 0) {
			return new String(chars, start, length);
		}
		StringBuilder out = new StringBuilder(length);
		out.append(chars, start, escape - start);
		int i = escape;
		while (i < end) {
			if (i + 6 < end && chars[i] == '_' && chars[i + 1] == 'x' && chars[i + 6] == '_') {
				int code = hex(chars, i + 2);
				if (code >= 0) {
					out.append((char) code);
					i += 7;
					continue;
				}
			}
			out.append(chars[i++]);
		}
		return out.toString();
	}

	private static int hex(char[] chars, int start) {
		int value = 0;
		for (int i = start; i < start + 4; i++) {
			int digit = Character.digit(chars[i], 16);
			if (digit < 0) {
				return -1;
			}
			value = value * 16 + digit;
		}
		return value;
	}

}
