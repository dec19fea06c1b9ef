package dev.callgate.requests;

/** What a request asks for: a quota increase (the Service Quotas API) or a change Service Quotas has no code for. */
public enum RequestKind {
    QUOTA_INCREASE, ADD_COUNTRIES, REMOVE_COUNTRIES, LIFT_PREFIX, PORT_NUMBERS
}
