package dev.callgate.numbers;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.Callgate;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Arns;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceRows;
import dev.callgate.instance.Pages;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import dev.callgate.store.Sql;
import dev.callgate.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.connect.model.AvailableNumberSummary;
import software.amazon.awssdk.services.connect.model.ClaimPhoneNumberRequest;
import software.amazon.awssdk.services.connect.model.ClaimPhoneNumberResponse;
import software.amazon.awssdk.services.connect.model.ClaimedPhoneNumberSummary;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.DescribePhoneNumberRequest;
import software.amazon.awssdk.services.connect.model.DescribePhoneNumberResponse;
import software.amazon.awssdk.services.connect.model.ListPhoneNumbersSummary;
import software.amazon.awssdk.services.connect.model.ListPhoneNumbersV2Request;
import software.amazon.awssdk.services.connect.model.ListPhoneNumbersV2Response;
import software.amazon.awssdk.services.connect.model.PhoneNumberStatus;
import software.amazon.awssdk.services.connect.model.PhoneNumberType;
import software.amazon.awssdk.services.connect.model.PhoneNumberWorkflowStatus;
import software.amazon.awssdk.services.connect.model.ReleasePhoneNumberRequest;
import software.amazon.awssdk.services.connect.model.ReleasePhoneNumberResponse;
import software.amazon.awssdk.services.connect.model.SearchAvailablePhoneNumbersRequest;
import software.amazon.awssdk.services.connect.model.SearchAvailablePhoneNumbersResponse;
import software.amazon.awssdk.services.connect.model.UpdatePhoneNumberMetadataRequest;
import software.amazon.awssdk.services.connect.model.UpdatePhoneNumberMetadataResponse;
import software.amazon.awssdk.services.connect.model.UpdatePhoneNumberRequest;
import software.amazon.awssdk.services.connect.model.UpdatePhoneNumberResponse;

/**
 * Phone numbers (quota "Phone numbers per instance", refused with ServiceQuotaExceededException):
 * searched in the inventory, claimed to an instance, described, listed, moved to another instance and
 * released. Every number ever claimed keeps its row in phone_number_taken, so a released number is never
 * offered again.
 */
public final class PhoneNumberService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final int DEFAULT_SEARCH = 10;

    private final InstanceResources resources;
    private final Store store;
    private final PhoneInventory inventory = new PhoneInventory();
    private final InstanceRows instanceRows = new InstanceRows();

    public PhoneNumberService(InstanceResources resources) {
        this.resources = resources;
        this.store = resources.store();
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(SearchAvailablePhoneNumbersRequest.class, this::search);
        handlers.on(ClaimPhoneNumberRequest.class, this::claim);
        handlers.on(DescribePhoneNumberRequest.class, this::describe);
        handlers.on(ListPhoneNumbersV2Request.class, this::list);
        handlers.on(ReleasePhoneNumberRequest.class, this::release);
        handlers.on(UpdatePhoneNumberRequest.class, this::move);
        handlers.on(UpdatePhoneNumberMetadataRequest.class, this::updateMetadata);
    }

    /** Marks every number of a deleted instance released: still never offered again. */
    public static void releaseInstance(Connection connection, String instanceId) throws SQLException {
        Sql.update(connection, "update phone_number_taken set released = true where instance_id = ?", instanceId);
    }

    /** The instance that holds a claimed number (E.164), if any: where a call to it goes. */
    public static Optional<String> instanceClaiming(Connection connection, String e164) throws SQLException {
        return Sql.one(connection, "select instance_id from phone_number_taken where phone_number = ? and released = false",
                rs -> rs.getString(1), e164);
    }

    public SearchAvailablePhoneNumbersResponse search(Caller caller, SearchAvailablePhoneNumbersRequest request) {
        target(caller, request.targetArn(), request.instanceId());
        String country = Checks.known("PhoneNumberCountryCode", request.phoneNumberCountryCode(), request.phoneNumberCountryCodeAsString()).toString();
        PhoneNumberType type = Checks.known("PhoneNumberType", request.phoneNumberType(), request.phoneNumberTypeAsString());
        String prefix = request.phoneNumberPrefix();
        if (prefix != null && !prefix.matches("\\+?\\d{1,15}")) {
            throw ServiceError.invalidParameter("PhoneNumberPrefix '" + prefix + "' must be digits, optionally after '+'.");
        }
        if (prefix != null && !prefix.startsWith("+")) {
            prefix = "+" + prefix;
        }
        Pages.Cursor cursor = Pages.cursor("SearchAvailablePhoneNumbers@" + caller.accountId() + "/" + caller.region()
                + "/" + country + "/" + type + "/" + prefix, request.maxResults(), DEFAULT_SEARCH, request.nextToken());
        int size = cursor.size();
        int position = cursor.after() == null ? 0 : Integer.parseInt(cursor.after());
        PhoneInventory.Kind kind = switch (type) {
            case DID -> PhoneInventory.Kind.DID;
            case TOLL_FREE -> PhoneInventory.Kind.TOLL_FREE;
            default -> null;
        };
        List<AvailableNumberSummary> offered = new ArrayList<>();
        String next = null;
        while (kind != null && offered.size() < size) {
            List<PhoneInventory.Candidate> batch = inventory.candidates(country, kind, prefix, position, 50);
            if (batch.isEmpty()) {
                break;
            }
            Set<String> taken = store.read(c -> taken(c, batch.stream().map(PhoneInventory.Candidate::e164).toList()));
            for (PhoneInventory.Candidate candidate : batch) {
                position = candidate.position() + 1;
                if (!taken.contains(candidate.e164())) {
                    offered.add(AvailableNumberSummary.builder().phoneNumber(candidate.e164())
                            .phoneNumberCountryCode(country).phoneNumberType(type).build());
                    if (offered.size() == size) {
                        next = cursor.next(String.valueOf(position));
                        break;
                    }
                }
            }
        }
        return SearchAvailablePhoneNumbersResponse.builder().availableNumbersList(offered).nextToken(next).build();
    }

    public ClaimPhoneNumberResponse claim(Caller caller, ClaimPhoneNumberRequest request) {
        InstanceRow instance = target(caller, request.targetArn(), request.instanceId());
        PhoneInventory.Number number = inventory.classify(request.phoneNumber()).orElseThrow(() -> ServiceError.invalidParameter(
                "PhoneNumber '" + request.phoneNumber() + "' is not a valid E.164 DID or toll-free number of the inventory."));
        Checks.length("PhoneNumberDescription", request.phoneNumberDescription(), 500);
        Optional<String[]> earlier = request.clientToken() == null ? Optional.empty()
                : store.read(c -> byClientToken(c, instance.id(), request.clientToken()));
        if (earlier.isPresent()) {
            if (!earlier.get()[1].equals(number.e164())) {
                throw new ServiceError(ErrorCode.IDEMPOTENCY, "ClientToken " + request.clientToken()
                        + " was used to claim another number.");
            }
            return claimed(instance, earlier.get()[0]);
        }
        var draft = resources.create(instance, ResourceKind.PHONE_NUMBER, number.e164(), (tx, d) -> {
            try {
                Sql.update(tx.connection(), "insert into phone_number_taken"
                        + " (phone_number, id, instance_id, client_token, released) values (?, ?, ?, ?, false)",
                        number.e164(), d.id(), instance.id(), request.clientToken());
            } catch (SQLException e) {
                if (Store.isUniqueViolation(e)) {
                    throw ServiceError.invalidParameter("Phone number " + number.e164() + " is not available: it is claimed,"
                            + " or was released and is never offered again.");
                }
                throw e;
            }
            return json(ClaimedPhoneNumberSummary.builder().phoneNumberId(d.id()).phoneNumberArn(d.arn())
                    .phoneNumber(number.e164()).phoneNumberCountryCode(number.country())
                    .phoneNumberType(number.kind() == PhoneInventory.Kind.DID ? PhoneNumberType.DID : PhoneNumberType.TOLL_FREE)
                    .phoneNumberDescription(request.phoneNumberDescription()).targetArn(Arns.instance(instance))
                    .instanceId(instance.id()).tags(Checks.tags(request.tags(), request.hasTags()))
                    .phoneNumberStatus(PhoneNumberStatus.builder().status(PhoneNumberWorkflowStatus.CLAIMED).build()).build());
        });
        return ClaimPhoneNumberResponse.builder().phoneNumberId(draft.id()).phoneNumberArn(draft.arn()).build();
    }

    /**
     * Adds ported US numbers to an instance in the caller's transaction: charged to its phone-number quota
     * all at once (a port that does not fit is refused whole), then each one claimed like ClaimPhoneNumber's.
     */
    public void addPorted(InstanceResources.Tx tx, List<String> numbers) throws SQLException {
        tx.charge(ResourceKind.PHONE_NUMBER.quota(), numbers.size());
        InstanceRow instance = tx.instance();
        for (String number : numbers) {
            String id = UUID.randomUUID().toString();
            try {
                Sql.update(tx.connection(), "insert into phone_number_taken"
                        + " (phone_number, id, instance_id, client_token, released) values (?, ?, ?, null, false)", number, id, instance.id());
            } catch (SQLException e) {
                if (Store.isUniqueViolation(e)) {
                    throw ServiceError.invalidParameter("Phone number " + number + " is already in Callgate: it cannot be ported in.");
                }
                throw e;
            }
            String arn = Arns.resource(instance, ResourceKind.PHONE_NUMBER, id);
            tx.insert(ResourceKind.PHONE_NUMBER, id, number, json(ClaimedPhoneNumberSummary.builder().phoneNumberId(id).phoneNumberArn(arn)
                    .phoneNumber(number).phoneNumberCountryCode("US").phoneNumberType(PhoneNumberType.DID)
                    .phoneNumberDescription("Ported").targetArn(Arns.instance(instance)).instanceId(instance.id())
                    .phoneNumberStatus(PhoneNumberStatus.builder().status(PhoneNumberWorkflowStatus.CLAIMED).build()).build()));
        }
    }

    public DescribePhoneNumberResponse describe(Caller caller, DescribePhoneNumberRequest request) {
        InstanceRow instance = instanceOf(caller, request.phoneNumberId());
        ClaimedPhoneNumberSummary summary = resources.describe(caller, instance.id(), ResourceKind.PHONE_NUMBER,
                request.phoneNumberId(), ClaimedPhoneNumberSummary.builder());
        return DescribePhoneNumberResponse.builder().claimedPhoneNumberSummary(summary).build();
    }

    /** The numbers of one instance, or of all the caller's instances in the region when neither TargetArn nor InstanceId is given. */
    public ListPhoneNumbersV2Response list(Caller caller, ListPhoneNumbersV2Request request) {
        var page = request.targetArn() == null && request.instanceId() == null
                ? resources.listAcrossInstances(caller, ResourceKind.PHONE_NUMBER, request.maxResults(), request.nextToken(), 100)
                : resources.list(caller, target(caller, request.targetArn(), request.instanceId()).id(),
                        List.of(ResourceKind.PHONE_NUMBER), request.maxResults(), request.nextToken(), 100);
        List<String> countries = request.hasPhoneNumberCountryCodes() ? request.phoneNumberCountryCodesAsStrings() : null;
        List<String> types = request.hasPhoneNumberTypes() ? request.phoneNumberTypesAsStrings() : null;
        return ListPhoneNumbersV2Response.builder()
                .listPhoneNumbersSummaryList(page.rows().stream()
                        .map(row -> (ClaimedPhoneNumberSummary) decode(row, ClaimedPhoneNumberSummary.builder()))
                        .filter(n -> countries == null || countries.contains(n.phoneNumberCountryCodeAsString()))
                        .filter(n -> types == null || types.contains(n.phoneNumberTypeAsString()))
                        .filter(n -> request.phoneNumberPrefix() == null || n.phoneNumber().startsWith(request.phoneNumberPrefix()))
                        .map(n -> ListPhoneNumbersSummary.builder().phoneNumberId(n.phoneNumberId()).phoneNumberArn(n.phoneNumberArn())
                                .phoneNumber(n.phoneNumber()).phoneNumberCountryCode(n.phoneNumberCountryCode())
                                .phoneNumberType(n.phoneNumberType()).targetArn(n.targetArn()).instanceId(n.instanceId())
                                .phoneNumberDescription(n.phoneNumberDescription()).build())
                        .toList())
                .nextToken(page.nextToken()).build();
    }

    public ReleasePhoneNumberResponse release(Caller caller, ReleasePhoneNumberRequest request) {
        onNumber(caller, request.phoneNumberId(), (tx, number) -> {
            tx.delete(number, (t, row) ->
                    Sql.update(t.connection(), "update phone_number_taken set released = true where id = ?", row.id()));
            return number;
        });
        return ReleasePhoneNumberResponse.builder().build();
    }

    /**
     * Moves a claimed number to another of the caller's instances in the region, in one transaction: the
     * target's phone-number quota is charged (refused as ClaimPhoneNumber is) and the source's slot given
     * back, so a refused move changes nothing. A number already in the target stays (a retry is harmless).
     * Amazon Connect moves the number only, not the flow it was associated with (its API reference: "It
     * doesn't migrate the flow configuration of the phone number"); Callgate keeps no number-to-flow
     * association (AssociatePhoneNumberContactFlow is not implemented), so nothing else moves or is left.
     */
    public UpdatePhoneNumberResponse move(Caller caller, UpdatePhoneNumberRequest request) {
        InstanceRow target = target(caller, request.targetArn(), request.instanceId());
        ResourceRow moved = onNumber(caller, request.phoneNumberId(), (tx, number) -> {
            if (tx.instance().id().equals(target.id())) {
                return number;
            }
            ClaimedPhoneNumberSummary summary = decode(number, ClaimedPhoneNumberSummary.builder());
            InstanceResources.Tx into = tx.on(target);
            into.add(ResourceKind.PHONE_NUMBER, number.id(), number.name(), json(summary.toBuilder()
                    .targetArn(Arns.instance(target)).instanceId(target.id()).build()));
            tx.delete(number, InstanceResources.Deletion.NONE);
            Sql.update(tx.connection(), "update phone_number_taken set instance_id = ? where id = ?", target.id(), number.id());
            return number;
        });
        return UpdatePhoneNumberResponse.builder().phoneNumberId(moved.id())
                .phoneNumberArn(Arns.resource(target, ResourceKind.PHONE_NUMBER, moved.id())).build();
    }

    /** Changes a number's description; its ClientToken needs no record, as the same change twice is the change once. */
    public UpdatePhoneNumberMetadataResponse updateMetadata(Caller caller, UpdatePhoneNumberMetadataRequest request) {
        onNumber(caller, request.phoneNumberId(), (tx, number) -> {
            if (request.phoneNumberDescription() == null) {
                return number;
            }
            ClaimedPhoneNumberSummary summary = decode(number, ClaimedPhoneNumberSummary.builder());
            return tx.update(number, json(summary.toBuilder().phoneNumberDescription(request.phoneNumberDescription()).build()));
        });
        return UpdatePhoneNumberMetadataResponse.builder().build();
    }

    /** The caller's instance that holds a claimed number, or ResourceNotFoundException (also for another account's). */
    public InstanceRow instanceOf(Caller caller, String phoneNumberId) {
        String instanceId = store.read(c -> Sql.one(c, "select instance_id from phone_number_taken where id = ? and released = false",
                rs -> rs.getString(1), phoneNumberId)).orElseThrow(() -> notFound(phoneNumberId));
        try {
            return resources.instance(caller, instanceId);
        } catch (ServiceError other) {
            throw notFound(phoneNumberId);
        }
    }

    /**
     * Runs {@code work} in one transaction on the instance that holds a claimed number of the caller, with
     * the number locked: its phone_number_taken row first, which says where it is now (a racing
     * UpdatePhoneNumber waits for this one, or this one for it), then its resource row there.
     */
    private ResourceRow onNumber(Caller caller, String phoneNumberId, NumberWork work) {
        InstanceRow found = instanceOf(caller, phoneNumberId);
        return resources.inTransaction(found, tx -> {
            String holderId = Sql.one(tx.connection(), "select instance_id from phone_number_taken where id = ? and released = false"
                    + " for update", rs -> rs.getString(1), phoneNumberId).orElseThrow(() -> notFound(phoneNumberId));
            InstanceResources.Tx holder = holderId.equals(found.id()) ? tx : tx.on(instanceRows.find(tx.connection(),
                    caller.accountId(), caller.region(), holderId).orElseThrow(() -> notFound(phoneNumberId)));
            return work.run(holder, holder.require(ResourceKind.PHONE_NUMBER, phoneNumberId));
        });
    }

    @FunctionalInterface
    private interface NumberWork {
        ResourceRow run(InstanceResources.Tx tx, ResourceRow number) throws SQLException;
    }

    /** The instance a phone-number call is for: TargetArn (an instance ARN) or InstanceId, exactly one. */
    private InstanceRow target(Caller caller, String targetArn, String instanceId) {
        if ((targetArn == null) == (instanceId == null)) {
            throw ServiceError.invalidParameter("Give exactly one of TargetArn and InstanceId.");
        }
        if (targetArn != null && !targetArn.contains(":instance/")) {
            throw ServiceError.invalidParameter("TargetArn '" + targetArn + "' is not an instance ARN"
                    + " (traffic distribution groups are not supported by Callgate).");
        }
        return resources.instance(caller, targetArn != null ? targetArn : instanceId);
    }

    private ClaimPhoneNumberResponse claimed(InstanceRow instance, String id) {
        return ClaimPhoneNumberResponse.builder().phoneNumberId(id)
                .phoneNumberArn(Arns.resource(instance, ResourceKind.PHONE_NUMBER, id)).build();
    }

    private static Optional<String[]> byClientToken(Connection c, String instanceId, String token) throws SQLException {
        return Sql.one(c, "select id, phone_number from phone_number_taken"
                + " where instance_id = ? and client_token = ? and released = false",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, instanceId, token);
    }

    private static Set<String> taken(Connection c, List<String> numbers) throws SQLException {
        if (numbers.isEmpty()) {
            return new HashSet<>();
        }
        String marks = String.join(", ", Collections.nCopies(numbers.size(), "?"));
        return new HashSet<>(Sql.list(c, "select phone_number from phone_number_taken where phone_number in (" + marks + ")",
                rs -> rs.getString(1), numbers.toArray()));
    }

    private static ServiceError notFound(String phoneNumberId) {
        return ServiceError.notFound("Phone number " + phoneNumberId + " not found.");
    }
}
