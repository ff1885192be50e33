package dev.turnpike.gateway.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures the lines of logger {@code turnpike.access} while open. */
public final class AccessLogLines implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("turnpike.access");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Starts capturing. */
    public AccessLogLines() {
        appender.start();
        logger.addAppender(appender);
    }

    /** The formatted lines so far. */
    public List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
