package dev.callgate.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Listens to call progress tones: G.711 µ-law decoded by the JDK's own decoder (independent of
 * Callgate's encoder), the cadence as runs of loud and quiet 10 ms windows, and the power of one
 * frequency by the Goertzel algorithm.
 */
public final class ToneAnalysis {
    public static final int SAMPLE_RATE = 8000;
    private static final int WINDOW = SAMPLE_RATE / 100;

    private ToneAnalysis() {
    }

    /** µ-law bytes to linear samples. */
    public static double[] decode(byte[] ulaw) {
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.ULAW, SAMPLE_RATE, 8, 1, 1, SAMPLE_RATE, false);
        try (AudioInputStream linear = AudioSystem.getAudioInputStream(new AudioFormat(SAMPLE_RATE, 16, 1, true, false),
                new AudioInputStream(new ByteArrayInputStream(ulaw), format, ulaw.length))) {
            ByteBuffer bytes = ByteBuffer.wrap(linear.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            double[] samples = new double[ulaw.length];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = bytes.getShort();
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lengths in ms of the alternating loud and quiet runs of 10 ms windows, from the first loud one to the last. */
    public static List<Integer> runs(double[] samples) {
        double[] energy = new double[samples.length / WINDOW];
        for (int w = 0; w < energy.length; w++) {
            for (int i = w * WINDOW; i < (w + 1) * WINDOW; i++) {
                energy[w] += samples[i] * samples[i];
            }
        }
        double loud = Arrays.stream(energy).max().orElseThrow() / 10;
        List<Integer> runs = new ArrayList<>();
        boolean on = true;
        int length = 0;
        for (double e : energy) {
            if ((e > loud) != on) {
                runs.add(length * 10);
                on = !on;
                length = 0;
            }
            length++;
        }
        if (on) {
            runs.add(length * 10); // a trailing quiet run is no off period: the tone may have ended there
        }
        return runs;
    }

    /** The samples of each stretch between silences (µ-law's zero decodes to 0) of at least 10 ms. */
    public static List<double[]> bursts(double[] samples) {
        List<double[]> bursts = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= samples.length; i++) {
            boolean quiet = i == samples.length || isQuietFrom(samples, i);
            if (!quiet && start < 0) {
                start = i;
            } else if (quiet && start >= 0) {
                bursts.add(Arrays.copyOfRange(samples, start, i));
                start = -1;
            }
        }
        return bursts;
    }

    private static boolean isQuietFrom(double[] samples, int i) {
        for (int j = i; j < Math.min(samples.length, i + WINDOW); j++) {
            if (samples[j] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The power of one frequency in the samples (Goertzel). */
    public static double power(double[] samples, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (double sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
