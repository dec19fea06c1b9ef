package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.Clients;
import dev.callgate.testing.RunningServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;

/** 20 threads race for the 5 instance slots of one account and region: exactly 5 win, on one store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InstanceRaceTest {
    static final int THREADS = 20;
    static final String ACCOUNT = "123412341234";
    RunningServer server;

    abstract String storeUrl();

    @BeforeAll
    void start() {
        server = RunningServer.start(storeUrl());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @RepeatedTest(3)
    void exactlyFiveOfTwentyParallelCreatesSucceed() throws Exception {
        server.operator().send("POST", "/_callgate/reset", null);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> outcomes = new ArrayList<>();
        try (ConnectClient connect = Clients.connect(server.port(), ACCOUNT, "eu-central-1")) {
            for (int i = 0; i < THREADS; i++) {
                String alias = "race-" + i;
                outcomes.add(pool.submit(statusOf(go, () -> connect.createInstance(r -> r
                        .identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias(alias)
                        .inboundCallsEnabled(true).outboundCallsEnabled(true)))));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }

            assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 402).hasSize(15);
            int listed = connect.listInstances(r -> r.maxResults(100)).instanceSummaryList().size();
            assertThat(listed).isEqualTo(5);
            assertThat(server.operator().usage("accounts/" + ACCOUNT + "/quotas?region=eu-central-1", "INSTANCES_PER_REGION"))
                    .isEqualTo(listed);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<Integer> statusOf(CountDownLatch go, Runnable call) {
        return () -> {
            go.await();
            try {
                call.run();
                return 200;
            } catch (ServiceQuotaExceededException e) {
                return e.statusCode();
            }
        };
    }
}
