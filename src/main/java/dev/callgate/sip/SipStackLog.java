package dev.callgate.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the SIP stack's own log goes: SLF4J, as the rest of Callgate logs, its warnings and errors shown and the
 * rest at debug. The stack's default logger is log4j 1.x, whose set-up took 40 ms of a start's CPU
 * (bench/journal.md, "The SIP stack's log") and a library of its own.
 * The stack makes it by reflection (its {@code STACK_LOGGER} property), with the public constructor.
 */
public final class SipStackLog implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");

    /** Asked before the stack builds a message: at info and below, only when debug is on here. */
    @Override
    public boolean isLoggingEnabled(int level) {
        return level <= TRACE_WARN ? LOG.isWarnEnabled() : LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public void logFatalError(String message) {
        logError(message);
    }

    @Override
    public void logError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message, Exception e) {
        LOG.error(message, e);
    }

    @Override
    public void logException(Throwable e) {
        LOG.error(e.toString(), e);
    }

    @Override
    public void logWarning(String message) {
        LOG.warn(message);
    }

    @Override
    public void logInfo(String message) {
        logDebug(message);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception e) {
        LOG.debug(message, e);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logStackTrace() {
        LOG.debug("stack trace", new Throwable());
    }

    @Override
    public void logStackTrace(int level) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    /** The level is SLF4J's (org.slf4j.simpleLogger.log.gov.nist.javax.sip), not the stack's. */
    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }
}
