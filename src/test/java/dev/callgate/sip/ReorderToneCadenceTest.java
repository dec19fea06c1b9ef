package dev.callgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.callgate.testing.ToneAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every country's reorder tone, as rendered for RTP, has its frequencies and its cadence, twice. */
class ReorderToneCadenceTest {
    private static final Map<ReorderTone, Set<Double>> FREQUENCIES = Map.of(
            ReorderTone.US, Set.of(480.0, 620.0), ReorderTone.UK, Set.of(400.0), ReorderTone.DE, Set.of(425.0),
            ReorderTone.JP, Set.of(400.0), ReorderTone.AU, Set.of(425.0));
    private static final Map<ReorderTone, List<Integer>> CADENCES = Map.of(
            ReorderTone.US, List.of(250, 250), ReorderTone.UK, List.of(400, 350, 225, 525), ReorderTone.DE, List.of(240, 240),
            ReorderTone.JP, List.of(500, 500), ReorderTone.AU, List.of(375, 375));
    private static final double[] CANDIDATES = {350, 400, 425, 440, 480, 620, 1000};

    @ParameterizedTest
    @EnumSource(ReorderTone.class)
    void twoCyclesOfTheCadence(ReorderTone tone) {
        double[] samples = samples(tone.frames());

        List<Integer> expected = new ArrayList<>(CADENCES.get(tone));
        expected.addAll(CADENCES.get(tone));
        List<Integer> runs = ToneAnalysis.runs(samples);
        assertThat(runs).hasSize(expected.size() - 1); // the last off period ends the tone: nothing marks its end
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i)).as("run %d of %s", i, runs).isCloseTo(expected.get(i), within(10));
        }
        assertThat(tone.frames().length * 20).isCloseTo(expected.stream().mapToInt(Integer::intValue).sum(), within(20));
    }

    @ParameterizedTest
    @EnumSource(ReorderTone.class)
    void itsFrequenciesAndNoOthers(ReorderTone tone) {
        List<double[]> bursts = ToneAnalysis.bursts(samples(tone.frames()));
        assertThat(bursts).hasSize(CADENCES.get(tone).size()); // two cycles of on periods: one per two periods, twice
        for (double[] burst : bursts) {
            for (double frequency : FREQUENCIES.get(tone)) {
                for (double other : CANDIDATES) {
                    if (!FREQUENCIES.get(tone).contains(other)) {
                        assertThat(ToneAnalysis.power(burst, frequency)).as("%s Hz against %s Hz", frequency, other)
                                .isGreaterThan(100 * ToneAnalysis.power(burst, other));
                    }
                }
            }
        }
    }

    /** The frames decoded end to end, silent frames as silence. */
    private static double[] samples(byte[][] frames) {
        double[] samples = new double[frames.length * ReorderTone.FRAME_SAMPLES];
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] != null) {
                System.arraycopy(ToneAnalysis.decode(frames[i]), 0, samples, i * ReorderTone.FRAME_SAMPLES, ReorderTone.FRAME_SAMPLES);
            }
        }
        return samples;
    }
}
