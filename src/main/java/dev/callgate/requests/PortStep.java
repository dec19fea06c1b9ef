package dev.callgate.requests;

import java.util.List;

/** The steps of a port (docs/limits.md §8). */
public enum PortStep {
    SUBMITTED, PORTABILITY_CONFIRMED, NOT_PORTABLE, LOA_RECEIVED, SUBMITTED_TO_CARRIER, REJECTED, PORT_DATE_SET, NUMBERS_ADDED, COMPLETED;

    /** The steps that may follow this one; the first is where {@code advance} without a step goes. */
    public List<PortStep> next() {
        return switch (this) {
            case SUBMITTED -> List.of(PORTABILITY_CONFIRMED, NOT_PORTABLE);
            case PORTABILITY_CONFIRMED, REJECTED -> List.of(LOA_RECEIVED);
            case LOA_RECEIVED -> List.of(SUBMITTED_TO_CARRIER);
            case SUBMITTED_TO_CARRIER -> List.of(PORT_DATE_SET, REJECTED);
            case PORT_DATE_SET -> List.of(NUMBERS_ADDED);
            case NUMBERS_ADDED -> List.of(COMPLETED);
            case NOT_PORTABLE, COMPLETED -> List.of();
        };
    }
}
