package org.anjian.readers.rows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The xlsx quirks again through the JDK's StAX parser (no Stax2 typed attribute access:
 * the String path), the fallback {@code -Danjian.readers.stax=jdk} selects.
 */
class XlsxWithJdkParserTests extends XlsxWorkbookTests {

	private XmlFactories.SheetParser before;

	@BeforeEach
	void jdkParser() {
		before = XmlFactories.sheetParser();
		XmlFactories.useParser(XmlFactories.SheetParser.JDK);
	}

	@AfterEach
	void parserAsBefore() {
		XmlFactories.useParser(before);
	}

}
