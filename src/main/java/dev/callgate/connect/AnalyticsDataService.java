package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.ResourceKind;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.connect.model.AnalyticsDataAssociationResult;
import software.amazon.awssdk.services.connect.model.AssociateAnalyticsDataSetRequest;
import software.amazon.awssdk.services.connect.model.AssociateAnalyticsDataSetResponse;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.DisassociateAnalyticsDataSetRequest;
import software.amazon.awssdk.services.connect.model.DisassociateAnalyticsDataSetResponse;
import software.amazon.awssdk.services.connect.model.ListAnalyticsDataAssociationsRequest;
import software.amazon.awssdk.services.connect.model.ListAnalyticsDataAssociationsResponse;

/**
 * Analytics data sets an instance shares with an account (the caller's own when no target is given),
 * through a resource share. Associating a data set with an account it is already shared with answers
 * the existing association.
 */
public final class AnalyticsDataService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private final InstanceResources resources;

    public AnalyticsDataService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(AssociateAnalyticsDataSetRequest.class, this::associate);
        handlers.on(ListAnalyticsDataAssociationsRequest.class, this::list);
        handlers.on(DisassociateAnalyticsDataSetRequest.class, this::disassociate);
    }

    public AssociateAnalyticsDataSetResponse associate(Caller caller, AssociateAnalyticsDataSetRequest request) {
        String dataSet = Checks.name("DataSetId", request.dataSetId(), 255);
        String target = target(caller, request.targetAccountId());
        InstanceRow instance = resources.instance(caller, request.instanceId());
        String name = name(dataSet, target);
        AnalyticsDataAssociationResult association = resources.inTransaction(instance, tx -> {
            var existing = tx.findByName(ResourceKind.ANALYTICS_DATA_SET, name);
            if (existing.isPresent()) {
                return decode(existing.get(), AnalyticsDataAssociationResult.builder());
            }
            String share = UUID.randomUUID().toString();
            AnalyticsDataAssociationResult created = AnalyticsDataAssociationResult.builder().dataSetId(dataSet).targetAccountId(target)
                    .resourceShareId(share).resourceShareArn("arn:aws:ram:" + instance.region() + ":" + instance.accountId()
                            + ":resource-share/" + share)
                    .resourceShareStatus("ACTIVE").build();
            tx.insert(ResourceKind.ANALYTICS_DATA_SET, share, name, json(created));
            return created;
        });
        return AssociateAnalyticsDataSetResponse.builder().dataSetId(dataSet).targetAccountId(target)
                .resourceShareId(association.resourceShareId()).resourceShareArn(association.resourceShareArn()).build();
    }

    /** The instance's associations, of one data set when DataSetId is given. */
    public ListAnalyticsDataAssociationsResponse list(Caller caller, ListAnalyticsDataAssociationsRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.ANALYTICS_DATA_SET,
                row -> request.dataSetId() == null || row.name().startsWith(request.dataSetId() + "/"),
                request.maxResults(), request.nextToken(), 100);
        List<AnalyticsDataAssociationResult> results = found.page().rows().stream()
                .map(row -> (AnalyticsDataAssociationResult) decode(row, AnalyticsDataAssociationResult.builder())).toList();
        return ListAnalyticsDataAssociationsResponse.builder().results(results).nextToken(found.page().nextToken()).build();
    }

    public DisassociateAnalyticsDataSetResponse disassociate(Caller caller, DisassociateAnalyticsDataSetRequest request) {
        String dataSet = Checks.name("DataSetId", request.dataSetId(), 255);
        String target = target(caller, request.targetAccountId());
        resources.deleteNamed(caller, request.instanceId(), ResourceKind.ANALYTICS_DATA_SET, name(dataSet, target),
                InstanceResources.Deletion.NONE);
        return DisassociateAnalyticsDataSetResponse.builder().build();
    }

    private static String target(Caller caller, String targetAccountId) {
        if (targetAccountId == null) {
            return caller.accountId();
        }
        if (!targetAccountId.matches("\\d{12}")) {
            throw ServiceError.invalidParameter("TargetAccountId '" + targetAccountId + "' is not a 12-digit account id.");
        }
        return targetAccountId;
    }

    private static String name(String dataSet, String target) {
        return dataSet + "/" + target;
    }
}
