package dev.callgate.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.Callgate;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import dev.callgate.json.Json;
import dev.callgate.limits.quota.Quota;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Saved and scheduled reports (limits.md §3; Connect has no API for them, so Callgate offers its own).
 * A report has an owner (a user of the instance), a name unique in the instance, a definition (any
 * JSON object) and may be published. Every saved report counts toward "Reports per instance",
 * personal ones included; a report with a schedule (a recurrence and a time zone) also counts toward
 * "Scheduled reports per instance", and becomes visible to everyone allowed to view saved reports.
 */
public final class ReportService {
    /** The recurrences a schedule may have. */
    public static final Set<String> RECURRENCES = Set.of("HOURLY", "DAILY", "WEEKLY", "MONTHLY");
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int MAX_DEFINITION = 64_000;

    private final InstanceResources resources;

    public ReportService(InstanceResources resources) {
        this.resources = resources;
    }

    public ObjectNode save(Caller caller, String instanceRef, JsonNode request) {
        String name = Checks.name("name", text(request, "name"), 127);
        String owner = Checks.name("ownerUserId", text(request, "ownerUserId"), 64);
        JsonNode definition = request.path("definition");
        if (!definition.isObject()) {
            throw ServiceError.invalidParameter("definition must be a JSON object.");
        }
        if (definition.toString().length() > MAX_DEFINITION) {
            throw ServiceError.invalidParameter("definition is longer than " + MAX_DEFINITION + " characters.");
        }
        boolean published = request.path("published").asBoolean(false);
        var draft = resources.create(caller, instanceRef, ResourceKind.REPORT, name, (tx, d) -> {
            tx.require(ResourceKind.USER, owner);
            tx.ref(ResourceKind.REPORT, d.id(), Relations.OWNER, ResourceKind.USER, owner);
            ObjectNode report = JSON.createObjectNode()
                    .put("reportId", d.id()).put("instanceId", d.instance().id()).put("name", name)
                    .put("ownerUserId", owner).put("published", published)
                    .put("createdTime", d.now().toString()).put("lastModifiedTime", d.now().toString());
            report.set("definition", definition);
            report.putNull("schedule");
            return report.toString();
        });
        return view(resources.find(caller, draft.instance().id(), ResourceKind.REPORT, draft.id()));
    }

    public ObjectNode get(Caller caller, String instanceRef, String reportId) {
        return view(resources.find(caller, instanceRef, ResourceKind.REPORT, reportId));
    }

    public ObjectNode list(Caller caller, String instanceRef, int size, String nextToken) {
        var page = resources.list(caller, instanceRef, List.of(ResourceKind.REPORT), size, nextToken, size);
        ObjectNode result = JSON.createObjectNode();
        ArrayNode reports = result.putArray("reports");
        page.rows().forEach(row -> reports.add(view(row)));
        if (page.nextToken() != null) {
            result.put("nextToken", page.nextToken());
        }
        return result;
    }

    /** Deletes a report and gives back its slots: the report's and, when scheduled, the schedule's. */
    public void delete(Caller caller, String instanceRef, String reportId) {
        resources.delete(caller, instanceRef, ResourceKind.REPORT, reportId, (tx, row) -> {
            if (!read(row).path("schedule").isNull()) {
                tx.release(Quota.SCHEDULED_REPORTS, 1);
            }
        });
    }

    public ObjectNode publish(Caller caller, String instanceRef, String reportId) {
        return view(resources.update(caller, instanceRef, ResourceKind.REPORT, reportId, (tx, row) ->
                read(row).put("published", true).put("lastModifiedTime", tx.now().toString()).toString()));
    }

    /** Sets a report's schedule; the first schedule of a report takes a slot of "Scheduled reports per instance". */
    public ObjectNode schedule(Caller caller, String instanceRef, String reportId, JsonNode request) {
        String recurrence = text(request, "recurrence");
        if (recurrence == null || !RECURRENCES.contains(recurrence)) {
            throw ServiceError.invalidParameter("recurrence must be one of " + RECURRENCES + "; got " + recurrence + ".");
        }
        String timeZone = text(request, "timeZone");
        try {
            ZoneId.of(timeZone == null ? "" : timeZone);
        } catch (DateTimeException e) {
            throw ServiceError.invalidParameter("timeZone '" + timeZone + "' is not a known time zone.");
        }
        return view(resources.update(caller, instanceRef, ResourceKind.REPORT, reportId, (tx, row) -> {
            ObjectNode report = read(row);
            if (report.path("schedule").isNull()) {
                tx.charge(Quota.SCHEDULED_REPORTS, 1);
            }
            report.putObject("schedule").put("recurrence", recurrence).put("timeZone", timeZone);
            return report.put("lastModifiedTime", tx.now().toString()).toString();
        }));
    }

    /** Removes a report's schedule and gives its slot back; a report without one is left as it is. */
    public ObjectNode unschedule(Caller caller, String instanceRef, String reportId) {
        return view(resources.update(caller, instanceRef, ResourceKind.REPORT, reportId, (tx, row) -> {
            ObjectNode report = read(row);
            if (report.path("schedule").isNull()) {
                return null;
            }
            tx.release(Quota.SCHEDULED_REPORTS, 1);
            report.putNull("schedule");
            return report.put("lastModifiedTime", tx.now().toString()).toString();
        }));
    }

    /** A report as the API shows it: its stored form and who can see it. */
    private static ObjectNode view(ResourceRow row) {
        ObjectNode report = read(row);
        boolean shared = report.path("published").asBoolean() || !report.path("schedule").isNull();
        report.put("visibility", shared ? "INSTANCE" : "OWNER");
        report.put("lastModifiedTime", Instant.ofEpochMilli(row.modifiedAtMillis()).toString());
        return report;
    }

    private static ObjectNode read(ResourceRow row) {
        try {
            return (ObjectNode) JSON.readTree(row.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored report is not JSON: " + row.body(), e);
        }
    }

    private static String text(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw ServiceError.invalidParameter(member + " must be a string.");
        }
        return value == null || value.isNull() ? null : value.asText();
    }
}
