package dev.callgate.sip;

/**
 * The North American reorder (fast busy) tone of the precise tone plan: 480 Hz and 620 Hz summed, each
 * at -24 dBm0, 0.25 s on and 0.25 s off, as one cadence cycle of G.711 µ-law frames of 20 ms (160
 * samples at 8 kHz). A frame with no tone in it is null: it is not sent (silence suppression).
 */
final class ReorderTone {
    static final int SAMPLE_RATE = 8000;
    static final int FRAME_SAMPLES = 160;
    /** How long a refused caller hears it before the 503: two cycles, 1 s. */
    static final int CYCLES_BEFORE_REFUSAL = 2;
    private static final double[] FREQUENCIES = {480, 620};
    private static final int ON_SAMPLES = SAMPLE_RATE / 4;
    private static final int CYCLE_SAMPLES = SAMPLE_RATE / 2;
    /** Peak of a -24 dBm0 sine in 16-bit linear: 0 dBm0 is 3.17 dB below µ-law's full scale (G.711). */
    private static final double AMPLITUDE = 32635 / Math.pow(10, 3.17 / 20) * Math.pow(10, -24.0 / 20);

    /** One cycle (500 ms): 25 frames, the 13 first carrying tone (the 13th half of it). */
    static final byte[][] CYCLE = cycle();

    private ReorderTone() {
    }

    private static byte[][] cycle() {
        byte[][] frames = new byte[(CYCLE_SAMPLES + FRAME_SAMPLES - 1) / FRAME_SAMPLES][];
        for (int frame = 0; frame < frames.length; frame++) {
            int first = frame * FRAME_SAMPLES;
            if (first >= ON_SAMPLES) {
                continue;
            }
            byte[] payload = new byte[FRAME_SAMPLES];
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                payload[i] = MuLaw.encode(first + i < ON_SAMPLES ? (int) Math.round(sample(first + i)) : 0);
            }
            frames[frame] = payload;
        }
        return frames;
    }

    private static double sample(int n) {
        double sum = 0;
        for (double frequency : FREQUENCIES) {
            sum += AMPLITUDE * Math.sin(2 * Math.PI * frequency * n / SAMPLE_RATE);
        }
        return sum;
    }
}
