package org.anjian.jobs.system;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.ObjectName;

/**
 * A command that ends within a second or two does its work before HotSpot's optimizing
 * compiler (C2) pays off: in a {@code status} C2 compiled about 250 methods (zip reading
 * of the nested jars, class loading), half the process's CPU time. The JVM's own
 * diagnostic command {@code Compiler.directives_add} (what {@code jcmd} calls) excludes
 * C2 for this process, so methods stay with the quick compiler — as
 * {@code -XX:TieredStopAtLevel=1} would, which {@code java -jar} cannot carry. Only the
 * short reading commands ask for it; ingest, schedule and serve keep C2.
 */
public final class ShortRun {

	private ShortRun() {
	}

	/** Best effort: a JVM without the command just compiles as usual. */
	public static void quickCompilerOnly() {
		if (!"true".equals(System.getProperty("anjian.short-run", "true"))) {
			return;
		}
		try {
			Path directives = Files.createTempFile("anjian-c1-", ".json");
			try {
				Files.writeString(directives, "[{ match: \"*.*\", c2: { Exclude: true } }]");
				ManagementFactory.getPlatformMBeanServer()
					.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
							new Object[] { new String[] { directives.toString() } },
							new String[] { String[].class.getName() });
			}
			finally {
				Files.deleteIfExists(directives);
			}
		}
		catch (Exception | LinkageError ex) {
			// no management module, no temporary folder: the usual compilers
		}
	}

}
