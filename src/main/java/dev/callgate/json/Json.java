package dev.callgate.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of the server. A mapper is safe to share once built, and each keeps caches of its own
 * (serializers, deserializers, reflection over the types it has met): one per class that needs JSON meant building
 * and filling them eighteen times over, a cost paid at start and in memory.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
