package io.github.gradientspring.client;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Captures what one logger writes, at the given level and above, while an action runs. */
final class CapturedLogs {

    private CapturedLogs() {
    }

    static List<ILoggingEvent> capture(String loggerName, Level level, Runnable action) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger(loggerName);
        Level previous = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        logger.setLevel(level);
        logger.addAppender(appender);
        try {
            action.run();
        }
        finally {
            logger.detachAppender(appender);
            logger.setLevel(previous);
        }
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

}
