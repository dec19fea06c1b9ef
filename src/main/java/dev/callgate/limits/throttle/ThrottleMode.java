package dev.callgate.limits.throttle;

import dev.callgate.limits.edition.Edition;

/**
 * How strictly the API throttle applies (limits.md §6): {@code faithful} (Amazon Connect's rates),
 * {@code off} (every call admitted, still counted), or {@code scale=N} (every rate and burst
 * multiplied by N, for fast suites that still want to meet a throttle).
 */
public record ThrottleMode(boolean enabled, long scale) {
    public static final ThrottleMode FAITHFUL = new ThrottleMode(true, 1);
    public static final ThrottleMode OFF = new ThrottleMode(false, 1);
    private static final String SCALE = "scale=";

    public ThrottleMode {
        if (scale < 1) {
            throw new IllegalArgumentException("A throttle scale must be a whole number of at least 1; got " + scale);
        }
    }

    /** Reads {@code faithful}, {@code off} or {@code scale=N}. */
    public static ThrottleMode parse(String text) {
        if (text.equals("faithful")) {
            return FAITHFUL;
        }
        if (text.equals("off")) {
            return OFF;
        }
        if (text.startsWith(SCALE)) {
            try {
                return new ThrottleMode(true, Long.parseLong(text.substring(SCALE.length())));
            } catch (IllegalArgumentException e) {
                // not a number, or below 1: falls through to the refusal that lists what is accepted
            }
        }
        throw new IllegalArgumentException("The throttle mode must be faithful, off or scale=N (N a whole number >= 1); got '" + text + "'");
    }

    /** The rate a bucket gets in this mode. */
    public Edition.Rate apply(Edition.Rate rate) {
        return new Edition.Rate(rate.rate() * scale, rate.burst() * scale);
    }

    @Override
    public String toString() {
        return !enabled ? "off" : scale == 1 ? "faithful" : SCALE + scale;
    }
}
