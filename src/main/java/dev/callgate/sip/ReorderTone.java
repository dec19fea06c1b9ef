package dev.callgate.sip;

/**
 * A country's reorder (fast busy) tone: its frequencies, summed, each at -24 dBm0, and its cadence of
 * on and off periods, rendered as G.711 µ-law frames of 20 ms (160 samples at 8 kHz). A frame with no
 * tone in it is null: it is not sent (silence suppression).
 */
public enum ReorderTone {
    /** North America's precise tone plan: 480 + 620 Hz, 0.25 s on, 0.25 s off. */
    US(new double[] {480, 620}, 250, 250),
    /** 400 Hz, 0.4 s on, 0.35 s off, 0.225 s on, 0.525 s off. */
    UK(new double[] {400}, 400, 350, 225, 525),
    /** 425 Hz, 0.24 s on, 0.24 s off. */
    DE(new double[] {425}, 240, 240),
    /** 400 Hz, 0.5 s on, 0.5 s off. */
    JP(new double[] {400}, 500, 500),
    /** 425 Hz, 0.375 s on, 0.375 s off. */
    AU(new double[] {425}, 375, 375);

    static final int SAMPLE_RATE = 8000;
    static final int FRAME_SAMPLES = 160;
    /** How long a refused caller hears it before the 503: two cadence cycles. */
    static final int CYCLES_BEFORE_REFUSAL = 2;

    private final double[] frequencies;
    private final int[] cadenceMillis;
    private final byte[][] frames;

    ReorderTone(double[] frequencies, int... cadenceMillis) {
        this.frequencies = frequencies;
        this.cadenceMillis = cadenceMillis;
        this.frames = render();
    }

    /** What is played before the 503: {@link #CYCLES_BEFORE_REFUSAL} cycles, frame by frame, null for a silent frame. */
    byte[][] frames() {
        return frames;
    }

    private byte[][] render() {
        int cycleSamples = 0;
        for (int millis : cadenceMillis) {
            cycleSamples += millis * SAMPLE_RATE / 1000;
        }
        int total = CYCLES_BEFORE_REFUSAL * cycleSamples;
        byte[][] rendered = new byte[(total + FRAME_SAMPLES - 1) / FRAME_SAMPLES][];
        for (int frame = 0; frame < rendered.length; frame++) {
            byte[] payload = new byte[FRAME_SAMPLES];
            boolean sounding = false;
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                int n = frame * FRAME_SAMPLES + i;
                boolean on = n < total && isOn(n % cycleSamples);
                payload[i] = MuLaw.encode(on ? (int) Math.round(sample(n)) : 0);
                sounding |= on;
            }
            rendered[frame] = sounding ? payload : null;
        }
        return rendered;
    }

    /** Whether the cadence sounds at sample {@code n} of a cycle: its even periods are on. */
    private boolean isOn(int n) {
        int end = 0;
        for (int period = 0; period < cadenceMillis.length; period++) {
            end += cadenceMillis[period] * SAMPLE_RATE / 1000;
            if (n < end) {
                return period % 2 == 0;
            }
        }
        throw new IllegalArgumentException("sample " + n + " is past the cycle");
    }

    private double sample(int n) {
        double sum = 0;
        for (double frequency : frequencies) {
            sum += Level.AMPLITUDE * Math.sin(2 * Math.PI * frequency * n / SAMPLE_RATE);
        }
        return sum;
    }

    /** Its own class: an enum's static fields that are not constants are not yet set while its constants are built. */
    private static final class Level {
        /** Peak of a -24 dBm0 sine in 16-bit linear: 0 dBm0 is 3.17 dB below µ-law's full scale (G.711). */
        static final double AMPLITUDE = 32635 / Math.pow(10, 3.17 / 20) * Math.pow(10, -24.0 / 20);
    }
}
