package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.testing.Clients;
import dev.callgate.testing.RedisServer;
import dev.callgate.testing.RunningServer;
import dev.callgate.testing.Throttling;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.InternalServiceException;
import software.amazon.awssdk.services.connect.model.ListInstancesResponse;
import software.amazon.awssdk.services.connect.model.ThrottlingException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceException;

/**
 * The throttle's Redis going away under a running server: a call whose bucket cannot be read is refused
 * with the service's own failure (InternalServiceException 500; Service Quotas' ServiceException), within
 * the 2 s timeout even when Redis holds the connection and answers nothing, and changes nothing (not a
 * ThrottlingException: no limit was met); once Redis is back, calls are metered again without a restart:
 * admitted, then throttled once the burst is spent.
 */
class RedisThrottleOutageTest {
    static final String ACCOUNT = "111122223333";
    /** ListInstances' burst in the current edition. */
    static final int BURST = 5;

    RedisServer redis;
    RunningServer server;
    ConnectClient connect;

    @BeforeEach
    void serverOnItsOwnRedis() {
        redis = RedisServer.start();
        server = RunningServer.start(null, s -> s.withThrottle(ThrottleMode.FAITHFUL).withClock(Settings.ClockMode.VIRTUAL)
                .withThrottleStore(redis.address()));
        connect = Clients.connect(server.port(), ACCOUNT, "us-east-1");
    }

    @AfterEach
    void stop() {
        connect.close();
        server.close();
        redis.close();
    }

    @Test
    void aStoppedRedisRefusesCallsAsTheServicesFailureAndTheyAreMeteredAgainOnceItIsBack() {
        connect.listInstances(r -> { });

        redis.stop();

        assertThatThrownBy(() -> connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML).instanceAlias("in-the-outage")
                .inboundCallsEnabled(true).outboundCallsEnabled(true)))
                .isInstanceOfSatisfying(InternalServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("throttle's bucket store did not answer", "not admitted");
                });
        try (ServiceQuotasClient quotas = Clients.serviceQuotas(server.port(), ACCOUNT, "us-east-1")) {
            assertThatThrownBy(() -> quotas.listServices(r -> { }))
                    .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        }

        redis.startAgain();

        assertThat(awaitMetered().instanceSummaryList()).as("the refused create changed nothing").isEmpty();
    }

    @Test
    void aRedisThatAnswersNothingIsWaitedForUpToTheTimeoutNotForever() {
        connect.listInstances(r -> { });

        redis.pause();
        try {
            // The server answers by itself: a hang would end in the client's own read timeout (SdkClientException) instead.
            assertThatThrownBy(() -> connect.listInstances(r -> { }))
                    .isInstanceOfSatisfying(InternalServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("did not answer within 2 s"));
        } finally {
            redis.resume();
        }

        awaitMetered();
    }

    /**
     * Calls until one is admitted (the connection is re-made in the background, at most a second apart),
     * then until one is throttled: the bucket is metered again, not merely passed through. The virtual
     * clock stands still, so no token comes back meanwhile.
     */
    private ListInstancesResponse awaitMetered() {
        ListInstancesResponse admitted = awaitAdmitted();
        ThrottlingException refused = Throttling.drain(connect, 2 * BURST + 1).exception();
        assertThat(refused.awsErrorDetails().errorMessage()).contains("BurstLimit " + BURST);
        return admitted;
    }

    private ListInstancesResponse awaitAdmitted() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                return connect.listInstances(r -> { });
            } catch (InternalServiceException stillDown) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("calls were not admitted again within 30 s of Redis coming back", stillDown);
                }
            }
            try {
                Thread.sleep(50); // polling the reconnection, not waiting for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
