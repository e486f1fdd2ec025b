package org.anjian.jobs.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home's log for a command run without a Spring context ({@code rollup}): what Spring
 * Boot's logging sets up from application.properties — the rolling file
 * {@code <home>/logs/anjian.log} (appender {@code FILE}, same pattern, size, history and
 * cap), root at WARN, anjian at INFO, nothing on the console — so a failure's stack trace
 * lands where the one-line reason on stderr says.
 */
final class FileLog {

	/** application.properties' logging.pattern.file. */
	static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

	private FileLog() {
	}

	/**
	 * Best effort, as Boot's: no Logback (another binding on the class path), the command
	 * runs unlogged.
	 */
	static void start(Path home) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		context.reset();
		String file = Cli.logFile(home).toString();
		RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
		appender.setContext(context);
		appender.setName("FILE");
		appender.setFile(file);
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern(PATTERN);
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		appender.setEncoder(encoder);
		SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
		rolling.setContext(context);
		rolling.setParent(appender);
		// Boot's file-appender.xml default name; sizes from application.properties
		rolling.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
		rolling.setMaxFileSize(FileSize.valueOf("10MB"));
		rolling.setMaxHistory(30);
		rolling.setTotalSizeCap(FileSize.valueOf("300MB"));
		rolling.start();
		appender.setRollingPolicy(rolling);
		appender.start();
		ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
		root.addAppender(appender);
		context.getLogger("org.anjian").setLevel(Level.INFO);
	}

}
