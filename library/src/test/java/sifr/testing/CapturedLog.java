package sifr.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the library logs on one logger while a test runs. System.Logger's default backend is
 * java.util.logging, so its levels read as JUL's: ERROR is SEVERE, DEBUG is FINE, TRACE is FINER.
 * Closing restores the logger's level and detaches the capture.
 */
public final class CapturedLog extends Handler implements AutoCloseable {
    /** Every record published while open, in order. */
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level before;

    public CapturedLog(String loggerName) {
        logger = Logger.getLogger(loggerName);
        before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** The messages of the records at exactly {@code level}. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
