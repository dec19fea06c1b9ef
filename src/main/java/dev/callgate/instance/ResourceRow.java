package dev.callgate.instance;

/** A resource inside an instance: its family (kind), id, unique name (or null) and JSON description. */
public record ResourceRow(String instanceId, String kind, String id, String name, String body, long modifiedAtMillis) {
}
