package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.testing.Clients;
import dev.callgate.testing.ServerSuite;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.ThrottlingException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasException;
import software.amazon.awssdk.services.servicequotas.model.TooManyRequestsException;

/**
 * Each AWS service has its own throttle buckets: an operation name two services share (TagResource)
 * is two buckets, and Service Quotas refuses with its own throttling error. Virtual clock: no token
 * comes back unless a test says so.
 */
class ServiceThrottleAcceptanceTest extends ServerSuite {
    static final String ARN = "arn:aws:connect:us-east-1:" + ACCOUNT + ":instance/00000000-0000-0000-0000-000000000000";
    ServiceQuotasClient quotas;

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withThrottle(ThrottleMode.FAITHFUL).withClock(Settings.ClockMode.VIRTUAL);
    }

    /** Once, after the suite's server has started (it starts before the first test). */
    @BeforeEach
    void quotasClient() {
        if (quotas != null) {
            return;
        }
        quotas = Clients.serviceQuotas(server.port(), ACCOUNT, "us-east-1");
    }

    @AfterAll
    void closeClient() {
        quotas.close();
    }

    @Test
    void exhaustingConnectsTagResourceLeavesServiceQuotasTagResourceAlone() {
        // Connect's TagResource bucket: the general group, BurstLimit 5. Each call takes a token, found or not.
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(this::tagConnect).isInstanceOfSatisfying(ConnectException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isNotEqualTo("ThrottlingException"));
        }
        assertThatThrownBy(this::tagConnect).isInstanceOfSatisfying(ThrottlingException.class,
                e -> assertThat(e.getMessage()).contains("connect:TagResource"));

        // Service Quotas' TagResource is admitted by its own bucket, and answers that Callgate does not serve it yet.
        assertThatThrownBy(() -> quotas.tagResource(r -> r.resourceARN(ARN).tags(t -> t.key("k").value("v"))))
                .isInstanceOfSatisfying(ServiceQuotasException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }

    @Test
    void serviceQuotasThrottlesWithTooManyRequestsAt400AndSaysWhenToRetry() {
        // ListServices: 10 per second, BurstLimit 10.
        for (int i = 0; i < 10; i++) {
            quotas.listServices(r -> { });
        }

        assertThatThrownBy(() -> quotas.listServices(r -> { }))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.getMessage()).contains("servicequotas:ListServices", "RateLimit 10 per second");
                    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After-Ms")).hasValue("100");
                });
        // Connect's calls of the same account are not touched.
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).isEmpty();
    }

    private void tagConnect() {
        connect.tagResource(r -> r.resourceArn(ARN).tags(Map.of("k", "v")));
    }
}
