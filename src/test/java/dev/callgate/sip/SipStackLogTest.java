package dev.callgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.CommonLogger;
import gov.nist.core.LogLevels;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The SIP stack logs through SLF4J: no log4j is on the class path, so any log4j call would fail the SIP tests. */
class SipStackLogTest {
    @Test
    void aListeningStackLogsThroughSipStackLog() {
        SipEndpoint endpoint = SipEndpoint.listen(InetAddress.getLoopbackAddress().getHostAddress(), 0);
        try {
            assertThat(CommonLogger.legacyLogger).isInstanceOf(SipStackLog.class);
        } finally {
            endpoint.close();
        }
    }

    /** At SLF4J's default level (info) the stack builds its warnings and errors, and none of its chatter. */
    @Test
    void theStackBuildsWarningsAndErrorsOnly() {
        SipStackLog log = new SipStackLog();

        assertThat(log.isLoggingEnabled(LogLevels.TRACE_ERROR)).isTrue();
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_WARN)).isTrue();
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_INFO)).isFalse();
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
        assertThat(log.isLoggingEnabled()).isFalse();
    }
}
