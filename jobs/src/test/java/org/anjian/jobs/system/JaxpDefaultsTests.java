package org.anjian.jobs.system;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.TransformerFactory;

import org.junit.jupiter.api.Test;

/**
 * The factories named are the ones the lookup chose anyway; a factory a jar provides
 * (StAX: aalto-xml) keeps its lookup.
 */
class JaxpDefaultsTests {

	@Test
	void namesTheBuiltInFactoriesOnlyWhereNoJarProvidesOne() {
		Class<?> stax = XMLInputFactory.newFactory().getClass();
		JaxpDefaults.install();
		assertThat(System.getProperty(SAXParserFactory.class.getName()))
			.isEqualTo(SAXParserFactory.newDefaultInstance().getClass().getName());
		assertThat(SAXParserFactory.newInstance().getClass())
			.isEqualTo(SAXParserFactory.newDefaultInstance().getClass());
		assertThat(DocumentBuilderFactory.newInstance().getClass())
			.isEqualTo(DocumentBuilderFactory.newDefaultInstance().getClass());
		assertThat(TransformerFactory.newInstance().getClass())
			.isEqualTo(TransformerFactory.newDefaultInstance().getClass());
		assertThat(System.getProperty(XMLInputFactory.class.getName())).isNull();
		assertThat(XMLInputFactory.newFactory().getClass()).isEqualTo(stax)
			.isNotEqualTo(XMLInputFactory.newDefaultFactory().getClass());
	}

}
