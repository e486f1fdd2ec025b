package org.anjian.jobs.system;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.DynamicMBean;
import javax.management.ObjectName;

/**
 * A command that ends within a second or two does its work before HotSpot's optimizing
 * compiler (C2) pays off: in a {@code status} C2 compiled about 250 methods (zip reading
 * of the nested jars, class loading), half the process's CPU time. The JVM's own
 * diagnostic command {@code Compiler.directives_add} (what {@code jcmd} calls) excludes
 * C2 for this process, so methods stay with the quick compiler — as
 * {@code -XX:TieredStopAtLevel=1} would, which {@code java -jar} cannot carry. Only the
 * short reading commands ask for it here; anjian.jar's launcher also gives it to an
 * ingest, nightly or demo whose inbox holds no new file of 32 MB or more
 * ({@code AnjianLauncher.quick}); schedule, serve and worker keep C2.
 */
public final class ShortRun {

	private ShortRun() {
	}

	/** Best effort: a JVM without the command just compiles as usual. */
	public static void quickCompilerOnly() {
		if (!"true".equals(System.getProperty("anjian.short-run", "true"))
				|| "true".equals(System.getProperty("anjian.short-run.applied"))) {
			// off, or done already by anjian.jar's launcher, first thing in the process
			return;
		}
		try {
			Path directives = Files.createTempFile("anjian-c1-", ".json");
			try {
				Files.writeString(directives, "[{ match: \"*.*\", c2: { Exclude: true } }]");
				Object[] parameters = { new String[] { directives.toString() } };
				String[] signature = { String[].class.getName() };
				DynamicMBean commands = diagnosticCommands();
				if (commands != null) {
					commands.invoke("compilerDirectivesAdd", parameters, signature);
				}
				else {
					ManagementFactory.getPlatformMBeanServer()
						.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
								parameters, signature);
				}
			}
			finally {
				Files.deleteIfExists(directives);
			}
		}
		catch (Exception | LinkageError ex) {
			// no management module, no temporary folder: the usual compilers
		}
	}

	/**
	 * The JVM's diagnostic command MBean itself, without the platform MBean server: that
	 * server registers every platform MXBean first, which cost a rollup about a quarter
	 * of its main thread's samples (issue 18 part 4). Reached only where the module is
	 * opened to us — {@code anjian.jar}'s manifest says {@code Add-Opens:
	 * jdk.management/com.sun.management.internal} — else null and the caller goes through
	 * the server.
	 */
	private static DynamicMBean diagnosticCommands() {
		Module management = ModuleLayer.boot().findModule("jdk.management").orElse(null);
		String internal = "com.sun.management.internal";
		if (management == null || !management.isOpen(internal, ShortRun.class.getModule())) {
			return null;
		}
		try {
			// its static initializer loads the native library the commands live in
			Class.forName(internal + ".PlatformMBeanProviderImpl", true, ClassLoader.getPlatformClassLoader());
			Method mbean = Class
				.forName(internal + ".DiagnosticCommandImpl", true, ClassLoader.getPlatformClassLoader())
				.getDeclaredMethod("getDiagnosticCommandMBean");
			mbean.setAccessible(true);
			return (DynamicMBean) mbean.invoke(null);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

}
