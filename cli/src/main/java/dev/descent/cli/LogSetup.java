package dev.descent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.google.auto.service.AutoService;

/**
 * The CLI's logging, set up in code rather than from a {@code logback.xml}: concise {@code LEVEL
 * message} lines on stderr (stdout carries only results), INFO for Descent, WARN for libraries.
 * {@code --verbose} lowers Descent's level to DEBUG ({@link CommonOptions}).
 *
 * <p>Logback finds this class through {@code ServiceLoader} before it looks for configuration
 * files. Parsing XML, and the pattern layout's converters (some 60 classes spun up at start-up),
 * would cost about a tenth of a second of every start-up (measured in docs/performance.md), more
 * than the book's whole training run.
 */
@AutoService(Configurator.class)
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LevelAndMessage layout = new LevelAndMessage();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("dev.descent").setLevel(Level.INFO);
        for (String name : QUIET_UNLESS_VERBOSE) {
            context.getLogger(name).setLevel(Level.OFF);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Where Spark logs a failed task's stack trace (which Descent's error message already explains):
     * shown only with {@code --verbose}. Spark's other warnings (no resources accepted, an executor
     * lost) still show.
     */
    static final java.util.List<String> QUIET_UNLESS_VERBOSE = java.util.List.of(
            "org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager",
            "org.apache.spark.storage.BlockManager", "org.apache.spark.util.Utils", "org.apache.hadoop",
            "org.apache.spark.util.ShutdownHookManager");

    /**
     * Sets the level of Descent's loggers, when logback is SLF4J's provider; under another (Spark's
     * log4j, with {@code spark-submit}) that provider's configuration decides.
     */
    static void descentLevel(Level level) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("dev.descent").setLevel(level);
            if (level.toInt() <= Level.DEBUG.toInt()) {
                QUIET_UNLESS_VERBOSE.forEach(name -> context.getLogger(name).setLevel(null));
            }
        }
    }

    /** {@code %-5level %msg%n}, with a stack trace when one was logged (debug output). */
    static final class LevelAndMessage extends LayoutBase<ILoggingEvent> {

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(80);
            String level = event.getLevel().toString();
            line.append(level);
            for (int i = level.length(); i < 6; i++) {
                line.append(' ');
            }
            line.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                line.append(ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(event.getThrowableProxy()))
                        .append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }
    }
}
