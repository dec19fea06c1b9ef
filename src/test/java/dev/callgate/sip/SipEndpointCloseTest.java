package dev.callgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A SIP endpoint closed right after it started (a start that fails just after SIP came up) frees both its ports. */
class SipEndpointCloseTest {
    @Test
    void closingRightAfterListeningFreesTheUdpAndTcpPorts() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 10; attempt++) {
            SipEndpoint endpoint = SipEndpoint.listen(loopback.getHostAddress(), 0);
            int port = endpoint.port();

            endpoint.close();

            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
                 ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(loopback, port));
                assertThat(udp.getLocalPort()).isEqualTo(port);
                assertThat(tcp.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
