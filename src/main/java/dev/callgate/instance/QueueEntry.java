package dev.callgate.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One of a routing profile's queue entries: a queue on a channel, with its priority and delay, stored
 * as a reference from the profile to the queue ({@link Relations#QUEUE_ENTRY} and the channel) whose
 * detail carries the priority and delay. This is only its row form, which an instance's default
 * resources are written in too; every change to a profile's entries, and their quota, goes through
 * {@code connect.RoutingProfileQueues}.
 */
public record QueueEntry(String queueId, String channel, int priority, int delay) {
    private static final ObjectMapper JSON = Json.MAPPER;

    /** The entry a reference row holds. */
    public static QueueEntry of(RefRow ref) {
        JsonNode detail = readDetail(ref.detail());
        return new QueueEntry(ref.toId(), ref.relation().substring(Relations.QUEUE_ENTRY.length()),
                detail.path("Priority").asInt(), detail.path("Delay").asInt());
    }

    /** The order in which entries are listed and paged. */
    public String key() {
        return queueId + "/" + Relations.QUEUE_ENTRY + channel;
    }

    /** The entry's reference row from {@code profileId}. */
    public RefRow ref(String instanceId, String profileId) {
        return new RefRow(instanceId, ResourceKind.ROUTING_PROFILE.name(), profileId, Relations.QUEUE_ENTRY + channel,
                ResourceKind.QUEUE.name(), queueId, JSON.createObjectNode().put("Priority", priority).put("Delay", delay).toString());
    }

    private static JsonNode readDetail(String detail) {
        try {
            return JSON.readTree(detail == null ? "{}" : detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
