package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.Race;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.LimitExceededException;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.AppliedLevelEnum;
import software.amazon.awssdk.services.servicequotas.model.IllegalArgumentException;
import software.amazon.awssdk.services.servicequotas.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.servicequotas.model.ListRequestedServiceQuotaChangeHistoryResponse;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;
import software.amazon.awssdk.services.servicequotas.model.QuotaContextScope;
import software.amazon.awssdk.services.servicequotas.model.QuotaExceededException;
import software.amazon.awssdk.services.servicequotas.model.RequestStatus;
import software.amazon.awssdk.services.servicequotas.model.RequestedServiceQuotaChange;
import software.amazon.awssdk.services.servicequotas.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/**
 * Quota increases through the unmodified ServiceQuotasClient and the operator's decisions
 * (docs/limits.md §7): an approved value is what Connect enforces at once; nothing else changes it.
 * Runs on each store.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class QuotaRequestAcceptanceTest extends ServerSuite {
    static final String INSTANCES = "L-AA17A6B9";
    static final String QUEUES = "L-19A87C94";
    static final String OTHER = "444455556666";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RACE_ROUNDS = 5;
    ServiceQuotasClient quotas;

    @BeforeEach
    void quotasClient() {
        quotas = Clients.serviceQuotas(server.port(), ACCOUNT, "us-east-1");
    }

    @AfterEach
    void closeClient() {
        quotas.close();
    }

    @Test
    void listsConnectsQuotasWithLevelsAndDefaults() {
        List<ServiceQuota> listed = quotas.listServiceQuotasPaginator(r -> r.serviceCode("connect").maxResults(5)).quotas().stream().toList();

        assertThat(listed).extracting(ServiceQuota::quotaCode).contains(INSTANCES, QUEUES, "L-12AB7C57").doesNotContain("CG-AGENT-STATUSES");
        assertThat(listed).allSatisfy(q -> assertThat(q.adjustable()).isTrue());
        ServiceQuota instances = listed.stream().filter(q -> q.quotaCode().equals(INSTANCES)).findFirst().orElseThrow();
        assertThat(instances.quotaAppliedAtLevel()).isEqualTo(AppliedLevelEnum.ACCOUNT);
        assertThat(instances.value()).isEqualTo(5.0);
        assertThat(instances.quotaArn()).isEqualTo("arn:aws:servicequotas:us-east-1:" + ACCOUNT + ":connect/" + INSTANCES);
        ServiceQuota queues = quotas.getAWSDefaultServiceQuota(r -> r.serviceCode("connect").quotaCode(QUEUES)).quota();
        assertThat(queues.quotaAppliedAtLevel()).isEqualTo(AppliedLevelEnum.RESOURCE);
        assertThat(queues.value()).isEqualTo(50.0);
        assertThat(queues.quotaArn()).isEqualTo("arn:aws:servicequotas:us-east-1::connect/" + QUEUES);
        assertThat(quotas.listAWSDefaultServiceQuotasPaginator(r -> r.serviceCode("connect")).quotas().stream().count())
                .isEqualTo(listed.size());
        assertThatThrownBy(() -> quotas.listServiceQuotas(r -> r.serviceCode("connect").nextToken("forged")))
                .isInstanceOf(InvalidPaginationTokenException.class);
        assertThatThrownBy(() -> quotas.getServiceQuota(r -> r.serviceCode("ec2").quotaCode(QUEUES)))
                .isInstanceOf(NoSuchResourceException.class);
    }

    @Test
    void perInstanceQuotasListEachInstancesValueUnderItsArnAtTheResourceLevel() {
        String raised = connect.describeInstance(r -> r.instanceId(newInstance("raised"))).instance().arn();
        String plain = connect.describeInstance(r -> r.instanceId(newInstance("plain"))).instance().arn();
        operator("POST", "/_callgate/requests/" + increase(QUEUES, 60, raised).id() + "/approve", null);

        List<ServiceQuota> queues = quotas.listServiceQuotas(r -> r.serviceCode("connect").quotaCode(QUEUES)
                .quotaAppliedAtLevel(AppliedLevelEnum.RESOURCE)).quotas();
        assertThat(queues).extracting(q -> q.quotaContext().contextId() + "=" + q.value())
                .containsExactlyInAnyOrder(raised + "=60.0", plain + "=50.0");
        assertThat(queues).allSatisfy(q -> {
            assertThat(q.quotaAppliedAtLevel()).isEqualTo(AppliedLevelEnum.RESOURCE);
            assertThat(q.quotaContext().contextScope()).isEqualTo(QuotaContextScope.RESOURCE);
            assertThat(q.quotaContext().contextScopeType()).isEqualTo("AWS::Connect::Instance");
        });
        // The account level (the default) has each quota once; a per-instance one with the value new instances get.
        ServiceQuota forNew = quotas.listServiceQuotas(r -> r.serviceCode("connect").quotaCode(QUEUES)).quotas().get(0);
        assertThat(forNew.quotaContext().contextId()).isEqualTo("*");
        assertThat(forNew.value()).isEqualTo(50.0);
        assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode(INSTANCES)).quota().quotaContext()).isNull();

        List<ServiceQuota> resource = quotas.listServiceQuotasPaginator(r -> r.serviceCode("connect")
                .quotaAppliedAtLevel(AppliedLevelEnum.RESOURCE).maxResults(7)).quotas().stream().toList();
        assertThat(resource).allSatisfy(q -> assertThat(q.quotaContext().contextId()).isIn(raised, plain));
        assertThat(resource).extracting(ServiceQuota::quotaCode).doesNotContain(INSTANCES, "CG-API-RATE");
        List<ServiceQuota> account = quotas.listServiceQuotasPaginator(r -> r.serviceCode("connect")
                .quotaAppliedAtLevel(AppliedLevelEnum.ACCOUNT)).quotas().stream().toList();
        assertThat(resource).hasSize(2 * (account.size() - 2));
        List<ServiceQuota> all = quotas.listServiceQuotasPaginator(r -> r.serviceCode("connect")
                .quotaAppliedAtLevel(AppliedLevelEnum.ALL).maxResults(10)).quotas().stream().toList();
        assertThat(all).containsExactlyInAnyOrderElementsOf(concat(account, resource));
    }

    @Test
    void aRequestWhoseContextNamesNoInstanceIsStillAResourceLevelOne() {
        String arn = connect.describeInstance(r -> r.instanceId(newInstance("mine"))).instance().arn();
        String invalid = increase(QUEUES, 60, arn.replace(ACCOUNT, OTHER)).id();
        String account = increase(INSTANCES, 9, null).id();

        assertThat(quotas.listRequestedServiceQuotaChangeHistory(r -> r.quotaRequestedAtLevel(AppliedLevelEnum.RESOURCE))
                .requestedQuotas()).extracting(RequestedServiceQuotaChange::id).containsExactly(invalid);
        assertThat(quotas.listRequestedServiceQuotaChangeHistory(r -> r.quotaRequestedAtLevel(AppliedLevelEnum.ACCOUNT))
                .requestedQuotas()).extracting(RequestedServiceQuotaChange::id).containsExactly(account);
    }

    private static List<ServiceQuota> concat(List<ServiceQuota> first, List<ServiceQuota> second) {
        List<ServiceQuota> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    @Test
    void approvedInstanceQuotaAdmitsTheSixthInstanceAtOnce() {
        for (int i = 0; i < 5; i++) {
            newInstance("inst" + i);
        }
        assertThatThrownBy(() -> newInstance("inst5")).isInstanceOf(ServiceQuotaExceededException.class);

        RequestedServiceQuotaChange request = increase(INSTANCES, 6, null);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThatThrownBy(() -> newInstance("inst5")).isInstanceOf(ServiceQuotaExceededException.class);
        assertThat(operator("POST", "/_callgate/requests/" + request.id() + "/approve", "{\"reason\":\"growth\"}").path("status").asText())
                .isEqualTo("APPROVED");

        newInstance("inst5");
        assertThatThrownBy(() -> newInstance("inst6")).isInstanceOf(ServiceQuotaExceededException.class);
        assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode(INSTANCES)).quota().value()).isEqualTo(6.0);
        RequestedServiceQuotaChange approved = quotas.getRequestedServiceQuotaChange(r -> r.requestId(request.id())).requestedQuota();
        assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(approved.lastUpdated()).isAfterOrEqualTo(approved.created());
    }

    @Test
    void approvedQueueQuotaAdmitsTheFiftyFirstQueueOfThatInstanceOnly() {
        Fixtures fixtures = Fixtures.newInstance(connect, "queues");
        Fixtures other = Fixtures.newInstance(connect, "others");
        String arn = connect.describeInstance(r -> r.instanceId(fixtures.instanceId)).instance().arn();
        for (int i = 1; i < 50; i++) { // BasicQueue is the first
            fixtures.queue("q" + i);
        }
        assertThatThrownBy(() -> fixtures.queue("q50")).isInstanceOf(LimitExceededException.class);
        assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode(QUEUES).contextId(arn)).quota().value()).isEqualTo(50.0);

        String id = increase(QUEUES, 51, arn).id();
        operator("POST", "/_callgate/requests/" + id + "/approve", null);

        fixtures.queue("q50");
        assertThatThrownBy(() -> fixtures.queue("q51")).isInstanceOf(LimitExceededException.class);
        assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode(QUEUES).contextId(arn)).quota().value()).isEqualTo(51.0);
        assertThat(server.operator().value("instances/" + other.instanceId + "/quotas", "QUEUES")).isEqualTo(50);
    }

    @Test
    void aDenialKeepsTheOldValueAndNeedsAReason() {
        String id = increase(INSTANCES, 8, null).id();

        assertThat(server.operator().send("POST", "/_callgate/requests/" + id + "/deny", "{}").statusCode()).isEqualTo(400);
        JsonNode denied = operator("POST", "/_callgate/requests/" + id + "/deny", "{\"reason\":\"no business case\"}");

        assertThat(denied.path("status").asText()).isEqualTo("DENIED");
        assertThat(denied.path("reason").asText()).isEqualTo("no business case");
        assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode(INSTANCES)).quota().value()).isEqualTo(5.0);
        assertThat(server.operator().send("POST", "/_callgate/requests/" + id + "/approve", null).body()).contains("DENIED");
        // Closed, it no longer blocks a new request for the same quota.
        assertThat(increase(INSTANCES, 8, null).status()).isEqualTo(RequestStatus.PENDING);
    }

    @Test
    void submissionRefusals() {
        increase(INSTANCES, 7, null);

        assertThatThrownBy(() -> increase(INSTANCES, 9, null)).isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> increase("CG-AGENT-STATUSES", 60, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not adjustable");
        assertThatThrownBy(() -> increase("L-8F812903", 20, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ContextId");
        assertThatThrownBy(() -> increase("L-00000000", 20, null)).isInstanceOf(NoSuchResourceException.class);
        String arn = connect.describeInstance(r -> r.instanceId(newInstance("small"))).instance().arn();
        assertThatThrownBy(() -> increase(QUEUES, 50, arn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("You must provide a quota value greater than the current quota value");
        assertThatThrownBy(() -> quotas.requestServiceQuotaIncrease(r -> r.serviceCode("lambda").quotaCode(QUEUES).desiredValue(60.0)))
                .isInstanceOf(NoSuchResourceException.class);
        // A ContextId naming no instance of the caller's is recorded as INVALID_REQUEST, and blocks nothing.
        String foreign = arn.replace(ACCOUNT, OTHER);
        RequestedServiceQuotaChange invalid = increase(QUEUES, 60, foreign);
        assertThat(invalid.status()).isEqualTo(RequestStatus.INVALID_REQUEST);
        assertThat(increase(QUEUES, 60, arn).status()).isEqualTo(RequestStatus.PENDING);
    }

    @Test
    void theTwentyFirstOpenRequestIsRefused() {
        List<String> codes = List.of("L-9A46857E", "L-8F812903", QUEUES, "L-516BC0EB", "L-D3E7BE26", "L-20CD02F7", "L-68BBE2E8",
                "L-0865B754", "L-F325A715", "L-22922690");
        for (String alias : List.of("first", "second")) {
            String arn = connect.describeInstance(r -> r.instanceId(newInstance(alias))).instance().arn();
            for (String code : codes) {
                increase(code, 1000, arn);
            }
        }

        assertThatThrownBy(() -> increase(INSTANCES, 10, null)).isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("20");
        String one = operator("GET", "/_callgate/requests?account=" + ACCOUNT + "&status=PENDING", null).path("requests").get(0).path("id").asText();
        operator("POST", "/_callgate/requests/" + one + "/deny", "{\"reason\":\"make room\"}");
        assertThat(increase(INSTANCES, 10, null).status()).isEqualTo(RequestStatus.PENDING);
    }

    /**
     * A lost update (two submissions that both count 19 open and both insert) needs two racers inside the
     * count-then-insert window at once, which a cold server seldom gives: so the race is run round after round,
     * each from 19 open requests (the round's winner is denied), by as many racers as the keys allow.
     */
    @Test
    void racingSubmissionsAtNineteenOpenAdmitExactlyOne() {
        List<String> codes = List.of("L-9A46857E", "L-8F812903", QUEUES, "L-516BC0EB", "L-D3E7BE26", "L-20CD02F7", "L-68BBE2E8",
                "L-0865B754", "L-F325A715", "L-22922690");
        List<String[]> keys = new ArrayList<>();
        for (String alias : List.of("one", "two", "three", "four", "five")) {
            String arn = connect.describeInstance(r -> r.instanceId(newInstance(alias))).instance().arn();
            codes.forEach(code -> keys.add(new String[] {code, arn}));
        }
        for (String[] key : keys.subList(0, 19)) {
            increase(key[0], 1000, key[1]);
        }

        // Each racer asks for another quota or instance, so only the 20-open limit can refuse it.
        List<String[]> racers = keys.subList(19, keys.size());
        for (int round = 1; round <= RACE_ROUNDS; round++) {
            List<String> answers = Race.run(racers.size(), i -> {
                String[] key = racers.get(i);
                try {
                    return increase(key[0], 1000, key[1]).id();
                } catch (QuotaExceededException e) {
                    assertThat(e.statusCode()).isEqualTo(400);
                    return null;
                }
            });
            List<String> admitted = answers.stream().filter(Objects::nonNull).toList();

            assertThat(admitted).as("round %d: admitted", round).hasSize(1);
            assertThat(operator("GET", "/_callgate/requests?account=" + ACCOUNT + "&status=PENDING", null).path("requests"))
                    .as("round %d: open requests", round).hasSize(20);
            operator("POST", "/_callgate/requests/" + admitted.get(0) + "/deny", "{\"reason\":\"next round\"}");
        }
    }

    @Test
    void concurrentCreatesRightAfterAnApprovalAdmitExactlyTheNewRoom() {
        for (int i = 0; i < 5; i++) {
            newInstance("base" + i);
        }
        operator("POST", "/_callgate/requests/" + increase(INSTANCES, 8, null).id() + "/approve", null);

        List<Boolean> created = Race.run(10, i -> {
            try {
                newInstance("race" + i);
                return true;
            } catch (ServiceQuotaExceededException e) {
                return false;
            }
        });
        assertThat(created).filteredOn(c -> c).hasSize(3);
        assertThat(created).filteredOn(c -> !c).hasSize(7);
    }

    @Test
    void historyPagesInCreationOrderAndAnotherAccountSeesNothing() {
        String arn = connect.describeInstance(r -> r.instanceId(newInstance("history"))).instance().arn();
        List<String> ids = new ArrayList<>();
        for (String code : List.of("L-9A46857E", "L-8F812903", QUEUES, "L-D3E7BE26", "L-20CD02F7")) {
            ids.add(increase(code, 1000, arn).id());
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListRequestedServiceQuotaChangeHistoryResponse page = quotas.listRequestedServiceQuotaChangeHistory(r -> r.serviceCode("connect")
                    .maxResults(2).nextToken(next));
            page.requestedQuotas().forEach(q -> seen.add(q.id()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(quotas.listRequestedServiceQuotaChangeHistoryByQuota(r -> r.serviceCode("connect").quotaCode(QUEUES))
                .requestedQuotas()).extracting(RequestedServiceQuotaChange::id).containsExactly(ids.get(2));
        assertThat(quotas.listRequestedServiceQuotaChangeHistory(r -> r.status(RequestStatus.APPROVED)).requestedQuotas()).isEmpty();
        assertThatThrownBy(() -> quotas.listRequestedServiceQuotaChangeHistory(r -> r.nextToken("cg1.eA.forged")))
                .isInstanceOf(InvalidPaginationTokenException.class);

        try (ServiceQuotasClient other = Clients.serviceQuotas(server.port(), OTHER, "us-east-1")) {
            assertThat(other.listRequestedServiceQuotaChangeHistory(r -> { }).requestedQuotas()).isEmpty();
            assertThatThrownBy(() -> other.getRequestedServiceQuotaChange(r -> r.requestId(ids.get(0))))
                    .isInstanceOf(NoSuchResourceException.class);
        }
    }

    @Test
    void anAccountsValueInARegionReadsTheSameThroughServiceQuotasAndEveryOperatorView() {
        newInstance("east");
        try (ConnectClient westConnect = Clients.connect(server.port(), ACCOUNT, "us-west-2");
                ServiceQuotasClient west = Clients.serviceQuotas(server.port(), ACCOUNT, "us-west-2");
                ServiceQuotasClient unused = Clients.serviceQuotas(server.port(), ACCOUNT, "eu-central-1")) {
            Fixtures.newInstance(westConnect, "west");
            String id = west.requestServiceQuotaIncrease(r -> r.serviceCode("connect").quotaCode(INSTANCES).desiredValue(7.0))
                    .requestedQuota().id();
            operator("POST", "/_callgate/requests/" + id + "/approve", null);

            assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode(INSTANCES)).quota().value()).isEqualTo(5.0);
            assertThat(west.getServiceQuota(r -> r.serviceCode("connect").quotaCode(INSTANCES)).quota().value()).isEqualTo(7.0);
            // No instance there yet, so no ledger row: the edition's default, everywhere.
            assertThat(unused.getServiceQuota(r -> r.serviceCode("connect").quotaCode(INSTANCES)).quota().value()).isEqualTo(5.0);
        }
        assertThat(server.operator().value("accounts/" + ACCOUNT + "/quotas?region=us-east-1", "INSTANCES_PER_REGION")).isEqualTo(5);
        assertThat(server.operator().value("accounts/" + ACCOUNT + "/quotas?region=us-west-2", "INSTANCES_PER_REGION")).isEqualTo(7);
        assertThat(server.operator().value("accounts/" + ACCOUNT + "/quotas?region=eu-central-1", "INSTANCES_PER_REGION")).isEqualTo(5);
        JsonNode account = operator("GET", "/_callgate/accounts", null).path("accounts").get(0);
        assertThat(account.path("regions")).extracting(r -> r.path("region").asText() + " " + r.path("instances").asLong() + "/"
                + r.path("quota").asLong()).containsExactly("us-east-1 1/5", "us-west-2 1/7");
    }

    @Test
    void theGeneralApiRateIsRequestablePerAccount() {
        assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode("CG-API-RATE")).quota().value()).isEqualTo(2.0);

        String id = increase("CG-API-RATE", 10, null).id();
        operator("POST", "/_callgate/requests/" + id + "/approve", null);

        assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode("CG-API-RATE")).quota().value()).isEqualTo(10.0);
        JsonNode throttle = operator("GET", "/_callgate/accounts/" + ACCOUNT + "/throttle", null);
        assertThat(throttle.toString()).contains("\"rate\":10").contains("\"burst\":13");
    }

    private RequestedServiceQuotaChange increase(String code, double value, String contextId) {
        return quotas.requestServiceQuotaIncrease(r -> r.serviceCode("connect").quotaCode(code).desiredValue(value).contextId(contextId))
                .requestedQuota();
    }

    private String newInstance(String alias) {
        return connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias(alias)
                .inboundCallsEnabled(true).outboundCallsEnabled(true)).id();
    }

    private JsonNode operator(String method, String path, String body) {
        HttpResponse<String> response = server.operator().send(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
