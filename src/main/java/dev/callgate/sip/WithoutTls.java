package dev.callgate.sip;

import gov.nist.core.net.NetworkLayer;
import gov.nist.core.net.SecurityManagerProvider;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The stack's sockets and key material when it has no TLS to offer: Callgate listens on UDP and TCP only. The stack's
 * defaults build the JDK's default TLS context (its trust store, ~150 certificates parsed) at every start, for nothing:
 * about 0.1 s of a start and 1 MB kept on the heap. The stack takes this class for both roles, each by its property.
 */
public final class WithoutTls implements SecurityManagerProvider, NetworkLayer {
    private static final int CONNECT_TIMEOUT_MILLIS = 8000;   // as the stack's own network layer

    @Override
    public void init(Properties properties) {
        // Nothing to load: no TLS listening point is ever created.
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        throw noTls();
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        throw noTls();
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) {
        throw noTls();
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) {
        throw noTls();
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) {
        throw noTls();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return createSocket(address, port, null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return createSocket(address, port, localAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null || localPort != 0) {
            socket.bind(new InetSocketAddress(localAddress, localPort));
        }
        try {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new ConnectException("No SIP connection to " + address + ":" + port + " within " + CONNECT_TIMEOUT_MILLIS + " ms");
        }
        return socket;
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress localAddress) throws SocketException {
        if (!localAddress.isMulticastAddress()) {
            return new DatagramSocket(port, localAddress);
        }
        try {
            MulticastSocket socket = new MulticastSocket(port);
            socket.joinGroup(localAddress);
            return socket;
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        // Plain sockets need nothing from the stack.
    }

    private static UnsupportedOperationException noTls() {
        return new UnsupportedOperationException("Callgate does not offer SIP over TLS");
    }
}
