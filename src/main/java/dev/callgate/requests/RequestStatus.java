package dev.callgate.requests;

/** A request's status, in Service Quotas' names (docs/limits.md §7). */
public enum RequestStatus {
    PENDING, CASE_OPENED, APPROVED, DENIED, CASE_CLOSED, NOT_APPROVED, INVALID_REQUEST;

    /** An open request still awaits a decision: it blocks another for the same quota and context, and counts toward the 20. */
    public boolean isOpen() {
        return this == PENDING || this == CASE_OPENED;
    }
}
