package dev.callgate.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays its {@link ReorderTone} as RTP (RFC 3550, PCMU, payload type 0) from one UDP socket, a packet
 * every 20 ms on its own timer thread, never on the SIP stack's. Silent frames are not sent; the
 * first packet of each burst carries the marker bit, and the timestamp runs on through the silences.
 */
final class RtpSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtpSender.class);
    private static final int HEADER_BYTES = 12;
    private static final int PCMU = 0;
    private static final long FRAME_MILLIS = 1000L * ReorderTone.FRAME_SAMPLES / ReorderTone.SAMPLE_RATE;
    /** Refused callers heard at once; more are refused without the tone, so a flood of INVITEs cannot become a flood of RTP. */
    static final int MAX_STREAMS = 100;

    private final ReorderTone tone;
    private final DatagramSocket socket;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rtp-tones");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger playing = new AtomicInteger();
    private final Random random = new SecureRandom();

    private RtpSender(ReorderTone tone, DatagramSocket socket) {
        this.tone = tone;
        this.socket = socket;
    }

    /** A sender of {@code tone} on a free UDP port of {@code bind}. */
    static RtpSender open(String bind, ReorderTone tone) {
        try {
            return new RtpSender(tone, new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bind), 0)));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("Cannot open an RTP port on " + bind + ": " + e.getMessage(), e));
        }
    }

    /** The UDP port the tone is sent from, which the SDP names. */
    int port() {
        return socket.getLocalPort();
    }

    /**
     * Plays the tone to {@code target} while {@code wanted} holds, then runs {@code played} (not
     * when {@code wanted} stopped it). False, and nothing played, when {@link #MAX_STREAMS} are playing already.
     */
    boolean play(InetSocketAddress target, BooleanSupplier wanted, Runnable played) {
        if (playing.incrementAndGet() > MAX_STREAMS) {
            playing.decrementAndGet();
            return false;
        }
        Stream stream = new Stream(tone.frames(), target, wanted, played);
        synchronized (stream) {
            stream.future = timer.scheduleAtFixedRate(stream, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** One caller's stream: its SSRC, and sequence number and timestamp starting at random (RFC 3550 §5.1). */
    private final class Stream implements Runnable {
        private final byte[][] frames;
        private final InetSocketAddress target;
        private final BooleanSupplier wanted;
        private final Runnable played;
        private final int ssrc = random.nextInt();
        private final int firstTimestamp = random.nextInt();
        private int sequence = random.nextInt(1 << 16);
        private int frame;
        private boolean silent = true;
        private ScheduledFuture<?> future;

        Stream(byte[][] frames, InetSocketAddress target, BooleanSupplier wanted, Runnable played) {
            this.frames = frames;
            this.target = target;
            this.wanted = wanted;
            this.played = played;
        }

        @Override
        public synchronized void run() {
            if (!wanted.getAsBoolean()) {
                finish();
                return;
            }
            if (frame == frames.length) {
                finish();
                played.run();
                return;
            }
            byte[] payload = frames[frame];
            if (payload != null) {
                send(payload, silent);
            }
            silent = payload == null;
            frame++;
        }

        private void send(byte[] payload, boolean marker) {
            ByteBuffer packet = ByteBuffer.allocate(HEADER_BYTES + payload.length)
                    .put((byte) 0x80) // version 2, no padding, no extension, no CSRC
                    .put((byte) ((marker ? 0x80 : 0) | PCMU))
                    .putShort((short) sequence++)
                    .putInt(firstTimestamp + frame * ReorderTone.FRAME_SAMPLES)
                    .putInt(ssrc)
                    .put(payload);
            try {
                socket.send(new DatagramPacket(packet.array(), packet.capacity(), target));
            } catch (IOException | IllegalArgumentException e) {
                LOG.debug("RTP to {} not sent: {}", target, e.toString());
            }
        }

        private void finish() {
            future.cancel(false);
            playing.decrementAndGet();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        socket.close();
    }
}
