package org.anjian.bench;

import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * The reading floor: one StAX pass over xl/worksheets/sheet1.xml counting rows and cells,
 * no shared strings, no values. {@code stax-bare} uses the JDK's own parser;
 * {@code stax-aalto} uses Aalto, the parser fastexcel-reader brings along, to show how
 * much of any gap is the XML parser alone.
 */
final class StaxBare implements BenchWorkload {

	enum Parser {

		JDK, AALTO

	}

	private final Parser parser;

	StaxBare(Parser parser) {
		this.parser = parser;
	}

	@Override
	public String name() {
		return parser == Parser.JDK ? "stax-bare" : "stax-aalto";
	}

	@Override
	public String description() {
		return parser == Parser.JDK ? "JDK 自带 StAX 扫一遍 sheet1.xml，只数单元格（读取下限）"
				: "Aalto StAX 扫一遍 sheet1.xml，只数单元格（换解析器后的读取下限）";
	}

	@Override
	public long run(Run run) throws Exception {
		// newDefaultFactory: the JDK's parser even though Aalto, on the class path,
		// registers itself as the StAX provider
		XMLInputFactory factory = parser == Parser.JDK ? XMLInputFactory.newDefaultFactory()
				: new com.fasterxml.aalto.stax.InputFactoryImpl();
		long rows = 0;
		long cells = 0;
		try (ZipFile zip = new ZipFile(run.ledger().toFile())) {
			ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
			try (InputStream in = zip.getInputStream(sheet)) {
				XMLStreamReader xml = factory.createXMLStreamReader(in);
				while (xml.hasNext()) {
					if (xml.next() == XMLStreamConstants.START_ELEMENT) {
						String name = xml.getLocalName();
						if ("c".equals(name)) {
							cells++;
						}
						else if ("row".equals(name)) {
							rows++;
						}
					}
				}
				xml.close();
			}
		}
		return cells > 0 ? rows - LedgerWorkbookGenerator.ROWS_BEFORE_DATA : -1;
	}

}
