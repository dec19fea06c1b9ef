package dev.callgate.sip;

import gov.nist.core.net.SecurityManagerProvider;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * The stack's key and trust material when it has none to use: Callgate listens on UDP and TCP only, never TLS.
 * The stack's default provider loads the JDK's trust store at every start (about 70 ms of a start, for nothing).
 */
public final class WithoutTls implements SecurityManagerProvider {
    @Override
    public void init(Properties properties) {
        // Nothing to load: no TLS listening point is ever created.
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        throw new UnsupportedOperationException("Callgate does not offer SIP over TLS");
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        throw new UnsupportedOperationException("Callgate does not offer SIP over TLS");
    }
}
