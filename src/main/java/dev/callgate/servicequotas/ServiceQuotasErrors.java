package dev.callgate.servicequotas;

import dev.callgate.aws.ErrorCatalog;
import dev.callgate.aws.ErrorCode;
import java.util.Map;

/**
 * Service Quotas' error codes: every one is HTTP 400 except ServiceException (500). The SDK treats
 * TooManyRequestsException as throttling and retries it, and ServiceException too.
 */
public final class ServiceQuotasErrors {
    public static final ErrorCode ACCESS_DENIED = new ErrorCode("AccessDeniedException", 400);
    public static final ErrorCode DEPENDENCY_ACCESS_DENIED = new ErrorCode("DependencyAccessDeniedException", 400);
    public static final ErrorCode ILLEGAL_ARGUMENT = new ErrorCode("IllegalArgumentException", 400);
    public static final ErrorCode INVALID_PAGINATION_TOKEN = new ErrorCode("InvalidPaginationTokenException", 400);
    public static final ErrorCode INVALID_RESOURCE_STATE = new ErrorCode("InvalidResourceStateException", 400);
    public static final ErrorCode NO_SUCH_RESOURCE = new ErrorCode("NoSuchResourceException", 400);
    public static final ErrorCode QUOTA_EXCEEDED = new ErrorCode("QuotaExceededException", 400);
    public static final ErrorCode RESOURCE_ALREADY_EXISTS = new ErrorCode("ResourceAlreadyExistsException", 400);
    public static final ErrorCode SERVICE = new ErrorCode("ServiceException", 500);
    public static final ErrorCode TOO_MANY_REQUESTS = new ErrorCode("TooManyRequestsException", 400);
    /** What an AWS JSON service answers to a target it does not know. */
    public static final ErrorCode UNKNOWN_OPERATION = new ErrorCode("UnknownOperationException", 400);

    /** The shared refusals in Service Quotas' names; authentication failures keep their names, at 400 as on every AWS JSON service. */
    public static final ErrorCatalog CATALOG = ErrorCatalog.renaming(Map.ofEntries(
            Map.entry(ErrorCode.INVALID_REQUEST, ILLEGAL_ARGUMENT),
            Map.entry(ErrorCode.INVALID_PARAMETER, ILLEGAL_ARGUMENT),
            Map.entry(ErrorCode.RESOURCE_NOT_FOUND, NO_SUCH_RESOURCE),
            Map.entry(ErrorCode.ACCESS_DENIED, ACCESS_DENIED),
            Map.entry(ErrorCode.THROTTLING, TOO_MANY_REQUESTS),
            Map.entry(ErrorCode.INTERNAL_SERVICE, SERVICE),
            Map.entry(ErrorCode.UNKNOWN_OPERATION, UNKNOWN_OPERATION),
            Map.entry(ErrorCode.NOT_IMPLEMENTED, UNKNOWN_OPERATION),
            Map.entry(ErrorCode.UNRECOGNIZED_CLIENT, new ErrorCode(ErrorCode.UNRECOGNIZED_CLIENT.wireName(), 400)),
            Map.entry(ErrorCode.INVALID_SIGNATURE, new ErrorCode(ErrorCode.INVALID_SIGNATURE.wireName(), 400)),
            Map.entry(ErrorCode.MISSING_AUTHENTICATION_TOKEN, new ErrorCode(ErrorCode.MISSING_AUTHENTICATION_TOKEN.wireName(), 400))));

    private ServiceQuotasErrors() {
    }
}
