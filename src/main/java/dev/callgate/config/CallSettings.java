package dev.callgate.config;

import dev.callgate.sip.ReorderTone;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Callgate takes calls: the SIP port (UDP and TCP, on the server's bind address; 0 picks a free
 * one), the trunk that outbound calls are sent to ({@code host:port}, or null for none) and the longest
 * a call may last before Callgate hangs it up, and the reorder tone that a caller refused for want of a
 * free slot hears as early media before the 503 (or null for none).
 */
public record CallSettings(int sipPort, String sipTrunk, Duration maxCallDuration, ReorderTone reorderTone) {
    public static final int DEFAULT_SIP_PORT = 5060;
    public static final Duration DEFAULT_MAX_CALL_DURATION = Duration.ofHours(4);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([hms])");

    /** The values of --reorder-tone. */
    public static final String CHOICES = "off, early-media (North America's tone) or early-media:us, :uk, :de, :jp or :au";

    public CallSettings {
        if (sipPort < 0 || sipPort > 65535) {
            throw new IllegalArgumentException("--sip-port must be 0..65535, not " + sipPort);
        }
        if (sipTrunk != null && !sipTrunk.matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("--sip-trunk must be host:port, not '" + sipTrunk + "'");
        }
        if (maxCallDuration.isNegative() || maxCallDuration.isZero()) {
            throw new IllegalArgumentException("--max-call-duration must be positive, not " + maxCallDuration);
        }
    }

    /** What tests start from: a free SIP port (tests run many servers at once), no trunk, the 4-hour guard, no tone. */
    public static CallSettings forTests() {
        return new CallSettings(0, null, DEFAULT_MAX_CALL_DURATION, null);
    }

    /**
     * What a caller refused with 503 (no free concurrent-call slot) hears first: nothing ({@code off},
     * null), or a country's reorder tone in a 183: {@code early-media} (North America's) or
     * {@code early-media:uk|de|jp|au|us}.
     */
    public static ReorderTone parseReorderTone(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return null;
        }
        if (value.equals("early-media")) {
            return ReorderTone.US;
        }
        if (value.startsWith("early-media:")) {
            return ReorderTone.valueOf(value.substring("early-media:".length()).toUpperCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("Not a reorder tone: " + text);
    }

    /** The reorder tone as --reorder-tone spells it. */
    public String reorderToneLabel() {
        return reorderTone == null ? "off" : "early-media:" + reorderTone.name().toLowerCase(Locale.ROOT);
    }

    /** A duration such as {@code 4h}, {@code 90m} or {@code 30s}. */
    public static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--max-call-duration must be a duration such as 4h, 90m or 30s, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    public CallSettings withSipTrunk(String trunk) {
        return new CallSettings(sipPort, trunk, maxCallDuration, reorderTone);
    }

    public CallSettings withMaxCallDuration(Duration duration) {
        return new CallSettings(sipPort, sipTrunk, duration, reorderTone);
    }

    public CallSettings withReorderTone(ReorderTone tone) {
        return new CallSettings(sipPort, sipTrunk, maxCallDuration, tone);
    }
}
