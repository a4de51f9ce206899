package io.spinestream.launcher;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.FileHandler;

/**
 * Routes the infrastructure's logging (SLF4J and java.util.logging, through JBoss LogManager) into
 * files, quietly: Kafka at WARN into {@code logs/kafka.log}, everything else at WARN (the launcher's own
 * classes at INFO) into {@code logs/launcher.log}. The console is left to the launcher's own output.
 */
final class Logging {

    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n";
    private static Path configuredFor;

    private Logging() {
    }

    static synchronized void configure(Path logsDir) {
        Path dir = logsDir.toAbsolutePath().normalize();
        if (dir.equals(configuredFor)) {
            return;
        }
        LogContext context = LogContext.getLogContext();
        Logger root = context.getLogger("");
        Handler launcherLog = fileHandler(dir.resolve("launcher.log"));
        Handler kafkaLog = fileHandler(dir.resolve("kafka.log"));
        replaceHandlers(root, launcherLog);
        root.setLevel(Level.WARNING);
        context.getLogger("io.spinestream").setLevel(Level.INFO);
        for (String category : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            Logger logger = context.getLogger(category);
            replaceHandlers(logger, kafkaLog);
            logger.setUseParentHandlers(false);
            logger.setLevel(Level.WARNING);
        }
        configuredFor = dir;
    }

    private static void replaceHandlers(Logger logger, Handler handler) {
        for (Handler old : logger.clearHandlers()) {
            old.close();
        }
        logger.addHandler(handler);
    }

    private static Handler fileHandler(Path file) {
        try {
            FileHandler handler = new FileHandler(new PatternFormatter(PATTERN), file.toFile(), true);
            handler.setAutoFlush(true);
            handler.setLevel(Level.ALL);
            return handler;
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }
}
