package dev.callgate.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import java.io.IOException;
import java.net.InetAddress;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's own message processors, but the end of a TCP connection (closed or reset by the peer, or a read
 * error) reaches the stack's listener as an {@link IOExceptionEvent} for the peer's address and port over TCP.
 * The stack says nothing when a connection ends, so a call not yet confirmed on it, whose final response or ACK can
 * no longer travel, would hold its slot until a timer ended it.
 */
public final class ConnectionWatch extends OIOMessageProcessorFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatch.class);

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport)
            throws IOException {
        return transport.equalsIgnoreCase(ListeningPoint.TCP) ? new WatchedTcp(address, stack, port)
                : super.createMessageProcessor(stack, address, port, transport);
    }

    /** The stack removes a TCP channel from its processor when the channel's connection has ended. */
    private static final class WatchedTcp extends TCPMessageProcessor {
        WatchedTcp(InetAddress address, SIPTransactionStack stack, int port) {
            super(address, stack, port);
        }

        @Override
        protected void remove(ConnectionOrientedMessageChannel channel) {
            super.remove(channel);
            try {
                SipListener listener = getSIPStack() instanceof SipStackImpl stack ? stack.getSipListener() : null;
                if (listener != null) {
                    listener.processIOException(new IOExceptionEvent(this, channel.getPeerAddress(), channel.getPeerPort(), ListeningPoint.TCP));
                }
            } catch (RuntimeException e) {
                // The channel's thread still has its parser to close.
                LOG.warn("End of the TCP connection from {}:{} not handled: {}", channel.getPeerAddress(), channel.getPeerPort(), e.toString());
            }
        }
    }
}
