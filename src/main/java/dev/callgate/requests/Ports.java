package dev.callgate.requests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.numbers.PhoneNumberService;
import dev.callgate.servicequotas.ServiceQuotasErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A port's progress, advanced by the operator step by step (docs/limits.md §8). Dates are the server
 * clock's, so a virtual clock moves them: the numbers join the instance no earlier than a day before
 * the port date, charged to its phone-number quota (a port that does not fit is held, its reason
 * saying why), and the port completes on its date, which approves the request.
 */
public final class Ports {
    private static final Duration NUMBERS_AHEAD = Duration.ofDays(1);

    private final ChangeRequests requests;
    private final InstanceService instances;
    private final InstanceResources resources;
    private final PhoneNumberService numbers;
    private final Clock clock;

    public Ports(ChangeRequests requests, InstanceService instances, InstanceResources resources, PhoneNumberService numbers, Clock clock) {
        this.requests = requests;
        this.instances = instances;
        this.resources = resources;
        this.numbers = numbers;
        this.clock = clock;
    }

    /** Moves a port to {@code stepName} (null: the usual next step); {@code portDate} (yyyy-mm-dd) goes with PORT_DATE_SET. */
    public ChangeRequest advance(String id, String stepName, String portDate, String reason) {
        ChangeRequest request = requests.find(id);
        if (request.kind() != RequestKind.PORT_NUMBERS) {
            throw refused("Request " + id + " is not a port: approve or deny it.");
        }
        PortStep from = PortStep.valueOf(request.details().path("step").asText());
        PortStep to = stepName == null ? first(from) : step(stepName);
        if (!from.next().contains(to)) {
            throw refused("Port " + id + " is at " + from + ": it can go to " + from.next() + ", not " + to + ".");
        }
        Instant now = clock.instant();
        ObjectNode details = request.details().deepCopy();
        details.put("step", to.name()).remove("held");
        details.withArray("steps").addObject().put("step", to.name()).put("at", now.toString());
        return switch (to) {
            case NOT_PORTABLE -> requests.move(request, RequestStatus.NOT_APPROVED, reason("The numbers are not portable.", reason), details, false);
            case PORT_DATE_SET -> requests.move(request, RequestStatus.CASE_OPENED, reason, withDate(details, portDate, now), false);
            case NUMBERS_ADDED -> addNumbers(request, details, now, reason);
            case COMPLETED -> complete(request, details, now, reason);
            default -> requests.move(request, RequestStatus.CASE_OPENED, reason, details, false);
        };
    }

    private ChangeRequest addNumbers(ChangeRequest request, ObjectNode details, Instant now, String reason) {
        Instant date = portDate(request);
        if (now.isBefore(date.minus(NUMBERS_AHEAD))) {
            throw refused("Port " + request.id() + " adds its numbers a day before its port date " + date + "; it is " + now + ".");
        }
        InstanceRow instance = instances.findOpened(request.instanceId());
        List<String> ported = new ArrayList<>();
        request.details().path("numbers").forEach(n -> ported.add(n.asText()));
        ChangeRequest next = requests.next(request, RequestStatus.CASE_OPENED, reason, details);
        try {
            resources.inTransaction(instance, tx -> {
                requests.record(tx.connection(), request, next);
                numbers.addPorted(tx, ported);
                return null;
            });
            return next;
        } catch (ServiceError full) {
            // Held, never dropped: the port stays at its date with the refusal as its reason, to be advanced again.
            ObjectNode held = request.details().deepCopy().put("held", full.getMessage());
            return requests.move(request, RequestStatus.CASE_OPENED, "Held: " + full.getMessage(), held, false);
        }
    }

    private ChangeRequest complete(ChangeRequest request, ObjectNode details, Instant now, String reason) {
        Instant date = portDate(request);
        if (now.isBefore(date)) {
            throw refused("Port " + request.id() + " completes on its port date " + date + "; it is " + now + ".");
        }
        return requests.move(request, RequestStatus.APPROVED, reason("The port is complete.", reason), details, false);
    }

    private static ObjectNode withDate(ObjectNode details, String portDate, Instant now) {
        if (portDate == null) {
            throw ServiceError.invalidParameter("PORT_DATE_SET needs \"portDate\": \"yyyy-mm-dd\".");
        }
        try {
            Instant date = LocalDate.parse(portDate).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!date.isAfter(now)) {
                throw ServiceError.invalidParameter("The port date " + portDate + " is not after today (" + now + ").");
            }
            return details.put("portDate", date.toString());
        } catch (DateTimeParseException e) {
            throw ServiceError.invalidParameter("portDate '" + portDate + "' is not a date (yyyy-mm-dd).");
        }
    }

    private static Instant portDate(ChangeRequest request) {
        return Instant.parse(request.details().path("portDate").asText());
    }

    private static PortStep first(PortStep from) {
        if (from.next().isEmpty()) {
            throw refused("The port is at " + from + ": it has no next step.");
        }
        return from.next().get(0);
    }

    private static PortStep step(String name) {
        try {
            return PortStep.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ServiceError.invalidParameter("step must be one of " + List.of(PortStep.values()) + "; got '" + name + "'.");
        }
    }

    private static String reason(String fallback, String given) {
        return given == null ? fallback : given;
    }

    private static ServiceError refused(String message) {
        return new ServiceError(ServiceQuotasErrors.INVALID_RESOURCE_STATE, message);
    }
}
