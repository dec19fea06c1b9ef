package dev.callgate.instance;

import dev.callgate.aws.ServiceError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pagination for List operations: a page size from MaxResults, and an opaque NextToken that carries
 * the key of the last item returned, so pages stay consistent while items are created or deleted.
 */
public final class Pages {
    private static final String PREFIX = "cg1:";
    private static final int MAX_PAGE = 1000;

    public int size(Integer maxResults, int defaultSize) {
        return size(maxResults, defaultSize, MAX_PAGE);
    }

    /** For operations whose model caps MaxResults lower than {@value #MAX_PAGE}. */
    public int size(Integer maxResults, int defaultSize, int maxPage) {
        if (maxResults == null) {
            return defaultSize;
        }
        if (maxResults < 1 || maxResults > maxPage) {
            throw ServiceError.invalidParameter("MaxResults must be between 1 and " + maxPage + "; got " + maxResults + ".");
        }
        return maxResults;
    }

    /** The key after which the page starts, or null for the first page. */
    public String after(String nextToken) {
        if (nextToken == null || nextToken.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw ServiceError.invalidParameter("NextToken '" + nextToken + "' is not a token this operation returned.");
    }

    public String token(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }
}
