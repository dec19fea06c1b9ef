package dev.callgate.instance;

import dev.callgate.aws.ServiceError;
import dev.callgate.http.WireRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pagination for every List operation: a page size from MaxResults (or the parameter of Callgate's own
 * APIs that says it), and a NextToken that carries the key of the last item returned, so pages stay
 * consistent while items are created or deleted.
 *
 * <p>A token is {@code cg1.<last key>.<tag>} (base64url), the tag an HMAC-SHA256 of the list's identity
 * (the operation's list and whose it is, e.g. "ListQueues/QUEUE,AGENT_QUEUE@{instance}") and the key.
 * The HMAC key is a fixed constant, not a secret: the tag is a checksum that tells a token of this very
 * list from a forged, garbled or foreign one (another operation's, another instance's), which is refused
 * with InvalidRequestException. Anyone who reads this code can mint a token, but a minted token only
 * starts the caller's own list at another key, which the caller may read anyway. A fixed key keeps tokens
 * valid across restarts and across nodes.
 */
public final class Pages {
    private static final String VERSION = "cg1";
    private static final SecretKeySpec KEY = new SecretKeySpec("callgate page token v1".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Pages() {
    }

    /**
     * Where a page of {@code list} starts and how long it is, for the AWS operations: their MaxResults is already
     * within the model's range (MemberRules refuses any other before the operation runs).
     */
    public static Cursor cursor(String list, Integer maxResults, int defaultSize, String nextToken) {
        return cursor(list, maxResults, defaultSize, nextToken, ServiceError::invalidRequest);
    }

    /** Where a page of {@code list} starts, for a size already read and checked ({@link #size}). */
    public static Cursor cursor(String list, int size, String nextToken) {
        return cursor(list, size, size, nextToken);
    }

    /** For services that refuse a foreign token with an error of their own (Service Quotas' InvalidPaginationTokenException). */
    public static Cursor cursor(String list, Integer maxResults, int defaultSize, String nextToken,
            Function<String, ServiceError> badToken) {
        return new Cursor(list, maxResults == null ? defaultSize : maxResults, after(list, nextToken, badToken));
    }

    /**
     * The page size that query parameter {@code parameter} of one of Callgate's own APIs asks for (no model checks
     * these): a whole number from 1 to {@code maxSize}, {@code defaultSize} when absent, else the refusal naming it.
     */
    public static int size(WireRequest request, String parameter, int defaultSize, int maxSize) {
        String value = request.queryParam(parameter);
        if (value == null) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= maxSize) {
                return size;
            }
        } catch (NumberFormatException e) {
            // not a whole number: falls through to the refusal
        }
        throw ServiceError.invalidParameter(parameter + " must be between 1 and " + maxSize + "; got " + value + ".");
    }

    /** The key after which the page starts (null for the first page), or the service's refusal of a token not of this list. */
    private static String after(String list, String nextToken, Function<String, ServiceError> badToken) {
        if (nextToken == null || nextToken.isEmpty()) {
            return null;
        }
        String[] parts = nextToken.split("\\.", -1);
        if (parts.length == 3 && parts[0].equals(VERSION)) {
            try {
                String key = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                if (parts[2].equals(tag(list, key))) {
                    return key;
                }
            } catch (IllegalArgumentException e) {
                // not base64: falls through to the refusal
            }
        }
        throw badToken.apply("NextToken '" + nextToken + "' is not a token this operation returned for this list.");
    }

    private static String token(String list, String lastKey) {
        return VERSION + "." + ENCODER.encodeToString(lastKey.getBytes(StandardCharsets.UTF_8)) + "." + tag(list, lastKey);
    }

    private static String tag(String list, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(KEY);
            mac.update(list.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return ENCODER.encodeToString(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A page to read: its list, its size and the key after which it starts (null for the first page). */
    public record Cursor(String list, int size, String after) {
        /** The page made of items read after {@link #after} in key order, up to {@code size + 1} of them (one more tells there is a next page). */
        public <T> Page<T> page(List<T> read, Function<T, String> key) {
            List<T> items = read.subList(0, Math.min(size, read.size()));
            return new Page<>(items, read.size() > size ? token(list, key.apply(items.get(size - 1))) : null);
        }

        /** The token of the page that starts after {@code lastKey}, for lists that page by their own position. */
        public String next(String lastKey) {
            return token(list, lastKey);
        }

        /** The page of a whole list held in memory, in key order. */
        public <T> Page<T> slice(List<T> all, Function<T, String> key) {
            return page(all.stream().filter(item -> after == null || key.apply(item).compareTo(after) > 0)
                    .sorted((a, b) -> key.apply(a).compareTo(key.apply(b))).limit(size + 1L).toList(), key);
        }
    }

    /** One page of items and the token of the next page, null on the last. */
    public record Page<T>(List<T> items, String nextToken) {
    }
}
