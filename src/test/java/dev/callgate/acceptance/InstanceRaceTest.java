package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.Race;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;

/** 20 threads race for the 5 instance slots of one account and region: exactly 5 win, on each store. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class InstanceRaceTest extends ServerSuite {
    static final int THREADS = 20;

    @RepeatedTest(3)
    void exactlyFiveOfTwentyParallelCreatesSucceed() {
        List<Integer> statuses = Race.run(THREADS, i -> {
            try {
                connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias("race-" + i)
                        .inboundCallsEnabled(true).outboundCallsEnabled(true));
                return 200;
            } catch (ServiceQuotaExceededException e) {
                return e.statusCode();
            }
        });

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 402).hasSize(15);
        int listed = connect.listInstances(r -> r.maxResults(10)).instanceSummaryList().size();
        assertThat(listed).isEqualTo(5);
        assertThat(server.operator().usage("accounts/" + ACCOUNT + "/quotas?region=us-east-1", "INSTANCES_PER_REGION"))
                .isEqualTo(listed);
    }
}
