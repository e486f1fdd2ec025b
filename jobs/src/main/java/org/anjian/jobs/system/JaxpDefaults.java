package org.anjian.jobs.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.TransformerFactory;

/**
 * Names the JDK's own XML parser and transformer factories as the JAXP system properties
 * when nothing else could be chosen, so that {@code SAXParserFactory.newInstance()} and
 * the like stop searching the class path. XMLBeans asks for a new SAX parser factory for
 * every part POI reads, and POI for a new transformer factory for every relationship part
 * and content-types file it writes; each asks every jar of the class path for a
 * {@code META-INF/services} file first (about a fifth of an annotated workbook's CPU
 * time, issue 18 part 5). A factory keeps its lookup when a property, the JDK's
 * {@code jaxp.properties} or a jar on the class path names a provider (the jar carries
 * StAX providers, aalto-xml, so the StAX factories are left alone), so the factory chosen
 * is the one it would have been.
 */
public final class JaxpDefaults {

	static {
		// the class's initializer runs once per process, whichever thread gets here first
		nameBuiltInFactories();
	}

	private JaxpDefaults() {
	}

	/** Once per process, before the first workbook is read or written. */
	public static void install() {
		// done by the class's initializer
	}

	private static void nameBuiltInFactories() {
		Properties jaxp;
		try {
			jaxp = jaxpProperties();
		}
		catch (IOException ex) {
			// unreadable: every factory keeps its lookup
			return;
		}
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		ClassLoader loader = context != null ? context : ClassLoader.getSystemClassLoader();
		Map<String, Supplier<Object>> defaults = Map.of(SAXParserFactory.class.getName(),
				SAXParserFactory::newDefaultInstance, DocumentBuilderFactory.class.getName(),
				DocumentBuilderFactory::newDefaultInstance, TransformerFactory.class.getName(),
				TransformerFactory::newDefaultInstance);
		defaults.forEach((factory, builtIn) -> {
			if (System.getProperty(factory) == null && !jaxp.containsKey(factory)
					&& loader.getResource("META-INF/services/" + factory) == null) {
				System.setProperty(factory, builtIn.get().getClass().getName());
			}
		});
	}

	/** {@code $JAVA_HOME/conf/jaxp.properties}, read after the system properties. */
	private static Properties jaxpProperties() throws IOException {
		Properties properties = new Properties();
		Path file = Path.of(System.getProperty("java.home"), "conf", "jaxp.properties");
		if (Files.isRegularFile(file)) {
			try (InputStream in = Files.newInputStream(file)) {
				properties.load(in);
			}
		}
		return properties;
	}

}
