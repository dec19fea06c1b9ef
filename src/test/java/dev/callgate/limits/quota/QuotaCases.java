package dev.callgate.limits.quota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ReportsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.AgentStatusState;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.LexVersion;
import software.amazon.awssdk.services.connect.model.QueueType;
import software.amazon.awssdk.services.connect.model.QuickConnectType;

/**
 * One entry per quota of limits.md §3 that a create can reach: how to prepare an instance for it, make
 * the i-th unit, count the units, and give one back. The race harness runs every entry the same way.
 */
final class QuotaCases {
    private QuotaCases() {
    }

    /** What a case works with: the clients, a fresh instance, and what its setup prepared. */
    static final class Ctx {
        final ConnectClient connect;
        final ReportsClient reports;
        final Fixtures fx;
        final List<String> prepared = new ArrayList<>();
        String owner;

        Ctx(ConnectClient connect, ReportsClient reports, Fixtures fx) {
            this.connect = connect;
            this.reports = reports;
            this.fx = fx;
        }

        String id() {
            return fx.instanceId;
        }
    }

    @FunctionalInterface
    interface Setup {
        void prepare(Ctx ctx, int units);
    }

    /** Makes unit {@code i} and returns what {@link Release} needs to give it back. */
    @FunctionalInterface
    interface Create {
        String create(Ctx ctx, int i);
    }

    @FunctionalInterface
    interface Count {
        int count(Ctx ctx);
    }

    @FunctionalInterface
    interface Release {
        void release(Ctx ctx, int i, String handle);
    }

    /** A call that must fail for another reason than the quota, and so charge nothing. */
    @FunctionalInterface
    interface Probe {
        void fail(Ctx ctx);
    }

    record QuotaCase(Quota quota, Setup setup, Create create, Count count, Release release, boolean releaseFrees, Probe probe) {
        @Override
        public String toString() {
            return quota.title();
        }
    }

    private static final Setup NOTHING = (ctx, units) -> { };

    static List<QuotaCase> all() {
        return List.of(
                new QuotaCase(Quota.USERS, NOTHING,
                        (ctx, i) -> ctx.fx.user("u" + i),
                        ctx -> ctx.connect.listUsers(r -> r.instanceId(ctx.id())).userSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deleteUser(r -> r.instanceId(ctx.id()).userId(id)), true,
                        ctx -> ctx.fx.user("u0")),
                new QuotaCase(Quota.QUEUES, NOTHING,
                        (ctx, i) -> ctx.fx.queue("q" + i),
                        ctx -> ctx.connect.listQueues(r -> r.instanceId(ctx.id()).queueTypes(QueueType.STANDARD)).queueSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deleteQueue(r -> r.instanceId(ctx.id()).queueId(id)), true,
                        ctx -> ctx.connect.createQueue(r -> r.instanceId(ctx.id()).name("no hours").hoursOfOperationId("missing"))),
                new QuotaCase(Quota.QUEUES_PER_ROUTING_PROFILE, QuotaCases::queueEntries,
                        (ctx, i) -> {
                            String[] entry = ctx.prepared.get(i).split("/");
                            ctx.connect.associateRoutingProfileQueues(r -> r.instanceId(ctx.id()).routingProfileId(ctx.owner)
                                    .queueConfigs(Fixtures.entry(entry[0], Channel.fromValue(entry[1]))));
                            return ctx.prepared.get(i);
                        },
                        ctx -> ctx.connect.listRoutingProfileQueuesPaginator(r -> r.instanceId(ctx.id()).routingProfileId(ctx.owner))
                                .routingProfileQueueConfigSummaryList().stream().toList().size(),
                        (ctx, i, handle) -> {
                            String[] entry = handle.split("/");
                            ctx.connect.disassociateRoutingProfileQueues(r -> r.instanceId(ctx.id()).routingProfileId(ctx.owner)
                                    .queueReferences(q -> q.queueId(entry[0]).channel(entry[1])));
                        }, true,
                        // The basic queue is already there on voice.
                        ctx -> ctx.connect.associateRoutingProfileQueues(r -> r.instanceId(ctx.id()).routingProfileId(ctx.owner)
                                .queueConfigs(Fixtures.entry(ctx.fx.basicQueue(), Channel.VOICE)))),
                new QuotaCase(Quota.ROUTING_PROFILES, NOTHING,
                        (ctx, i) -> ctx.fx.routingProfile("p" + i, ctx.fx.basicQueue()),
                        ctx -> ctx.connect.listRoutingProfiles(r -> r.instanceId(ctx.id())).routingProfileSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deleteRoutingProfile(r -> r.instanceId(ctx.id()).routingProfileId(id)), true,
                        ctx -> ctx.fx.routingProfile("p0", ctx.fx.basicQueue())),
                new QuotaCase(Quota.HOURS_OF_OPERATION, NOTHING,
                        (ctx, i) -> ctx.fx.hours("h" + i),
                        ctx -> ctx.connect.listHoursOfOperations(r -> r.instanceId(ctx.id())).hoursOfOperationSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deleteHoursOfOperation(r -> r.instanceId(ctx.id()).hoursOfOperationId(id)), true,
                        ctx -> ctx.fx.hours("h0")),
                new QuotaCase(Quota.QUICK_CONNECTS, NOTHING,
                        (ctx, i) -> ctx.connect.createQuickConnect(r -> r.instanceId(ctx.id()).name("qc" + i)
                                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.PHONE_NUMBER)
                                        .phoneConfig(p -> p.phoneNumber("+1206555010" + (i % 10))))).quickConnectId(),
                        ctx -> ctx.connect.listQuickConnects(r -> r.instanceId(ctx.id())).quickConnectSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deleteQuickConnect(r -> r.instanceId(ctx.id()).quickConnectId(id)), true,
                        ctx -> ctx.connect.createQuickConnect(r -> r.instanceId(ctx.id()).name("to nobody")
                                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.USER)
                                        .userConfig(u -> u.userId("missing").contactFlowId("missing"))))),
                new QuotaCase(Quota.PROMPTS, NOTHING,
                        (ctx, i) -> ctx.connect.createPrompt(r -> r.instanceId(ctx.id()).name("prompt" + i)
                                .s3Uri("s3://prompts/p" + i + ".wav")).promptId(),
                        ctx -> ctx.connect.listPrompts(r -> r.instanceId(ctx.id())).promptSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deletePrompt(r -> r.instanceId(ctx.id()).promptId(id)), true,
                        ctx -> ctx.connect.createPrompt(r -> r.instanceId(ctx.id()).name("bad").s3Uri("ftp://nowhere"))),
                new QuotaCase(Quota.AGENT_STATUSES, NOTHING,
                        (ctx, i) -> ctx.connect.createAgentStatus(r -> r.instanceId(ctx.id()).name("status" + i)
                                .state(AgentStatusState.ENABLED)).agentStatusId(),
                        ctx -> ctx.connect.listAgentStatuses(r -> r.instanceId(ctx.id())).agentStatusSummaryList().size(),
                        // A status is disabled, never deleted, and a disabled status still counts.
                        (ctx, i, id) -> ctx.connect.updateAgentStatus(r -> r.instanceId(ctx.id()).agentStatusId(id)
                                .state(AgentStatusState.DISABLED)), false,
                        ctx -> ctx.connect.createAgentStatus(r -> r.instanceId(ctx.id()).name("Available").state(AgentStatusState.ENABLED))),
                new QuotaCase(Quota.SECURITY_PROFILES, NOTHING,
                        (ctx, i) -> ctx.connect.createSecurityProfile(r -> r.instanceId(ctx.id()).securityProfileName("sp" + i))
                                .securityProfileId(),
                        ctx -> ctx.connect.listSecurityProfiles(r -> r.instanceId(ctx.id())).securityProfileSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deleteSecurityProfile(r -> r.instanceId(ctx.id()).securityProfileId(id)), true,
                        ctx -> ctx.connect.createSecurityProfile(r -> r.instanceId(ctx.id()).securityProfileName("Admin"))),
                new QuotaCase(Quota.CONTACT_FLOWS, NOTHING,
                        (ctx, i) -> ctx.fx.flow("flow" + i),
                        ctx -> ctx.connect.listContactFlows(r -> r.instanceId(ctx.id())).contactFlowSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deleteContactFlow(r -> r.instanceId(ctx.id()).contactFlowId(id)), true,
                        ctx -> ctx.connect.createContactFlow(r -> r.instanceId(ctx.id()).name("broken").type("CONTACT_FLOW").content("[oops"))),
                new QuotaCase(Quota.HIERARCHY_GROUPS, NOTHING,
                        (ctx, i) -> ctx.connect.createUserHierarchyGroup(r -> r.instanceId(ctx.id()).name("g" + i)).hierarchyGroupId(),
                        ctx -> ctx.connect.listUserHierarchyGroups(r -> r.instanceId(ctx.id())).userHierarchyGroupSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.deleteUserHierarchyGroup(r -> r.instanceId(ctx.id()).hierarchyGroupId(id)), true,
                        ctx -> ctx.connect.createUserHierarchyGroup(r -> r.instanceId(ctx.id()).name("orphan").parentGroupId("missing"))),
                new QuotaCase(Quota.LAMBDA_FUNCTIONS, NOTHING,
                        (ctx, i) -> {
                            String arn = "arn:aws:lambda:us-east-1:111122223333:function:fn" + i;
                            ctx.connect.associateLambdaFunction(r -> r.instanceId(ctx.id()).functionArn(arn));
                            return arn;
                        },
                        ctx -> ctx.connect.listLambdaFunctions(r -> r.instanceId(ctx.id())).lambdaFunctions().size(),
                        (ctx, i, arn) -> ctx.connect.disassociateLambdaFunction(r -> r.instanceId(ctx.id()).functionArn(arn)), true,
                        ctx -> ctx.connect.associateLambdaFunction(r -> r.instanceId(ctx.id())
                                .functionArn("arn:aws:lambda:us-east-1:111122223333:function:fn0"))),
                new QuotaCase(Quota.LEX_BOTS, NOTHING,
                        // Even units are Lex V1 bots, odd ones Lex V2 aliases: they count together.
                        (ctx, i) -> {
                            if (i % 2 == 0) {
                                ctx.connect.associateLexBot(r -> r.instanceId(ctx.id()).lexBot(b -> b.name("Bot" + i).lexRegion("us-east-1")));
                            } else {
                                ctx.connect.associateBot(r -> r.instanceId(ctx.id()).lexV2Bot(b -> b.aliasArn(alias(i))));
                            }
                            return String.valueOf(i);
                        },
                        ctx -> ctx.connect.listBots(r -> r.instanceId(ctx.id()).lexVersion(LexVersion.V1)).lexBots().size()
                                + ctx.connect.listBots(r -> r.instanceId(ctx.id()).lexVersion(LexVersion.V2)).lexBots().size(),
                        (ctx, i, handle) -> {
                            if (i % 2 == 0) {
                                ctx.connect.disassociateLexBot(r -> r.instanceId(ctx.id()).botName("Bot" + i).lexRegion("us-east-1"));
                            } else {
                                ctx.connect.disassociateBot(r -> r.instanceId(ctx.id()).lexV2Bot(b -> b.aliasArn(alias(i))));
                            }
                        }, true,
                        ctx -> ctx.connect.associateLexBot(r -> r.instanceId(ctx.id()).lexBot(b -> b.name("Bot0").lexRegion("us-east-1")))),
                new QuotaCase(Quota.PHONE_NUMBERS, QuotaCases::availableNumbers,
                        (ctx, i) -> ctx.connect.claimPhoneNumber(r -> r.instanceId(ctx.id()).phoneNumber(ctx.prepared.get(i))).phoneNumberId(),
                        ctx -> ctx.connect.listPhoneNumbersV2(r -> r.instanceId(ctx.id())).listPhoneNumbersSummaryList().size(),
                        (ctx, i, id) -> ctx.connect.releasePhoneNumber(r -> r.phoneNumberId(id)), true,
                        ctx -> ctx.connect.claimPhoneNumber(r -> r.instanceId(ctx.id()).phoneNumber(ctx.prepared.get(0)))),
                new QuotaCase(Quota.REPORTS, (ctx, units) -> ctx.owner = ctx.fx.user("owner"),
                        (ctx, i) -> ctx.reports.save(ctx.id(), "report" + i, ctx.owner, i % 2 == 0).path("reportId").asText(),
                        ctx -> ctx.reports.list(ctx.id(), null).path("reports").size(),
                        (ctx, i, id) -> ctx.reports.delete(ctx.id(), id), true,
                        ctx -> ctx.reports.save(ctx.id(), "report0", ctx.owner, false)),
                new QuotaCase(Quota.SCHEDULED_REPORTS, QuotaCases::reportsToSchedule,
                        (ctx, i) -> ctx.reports.schedule(ctx.id(), ctx.prepared.get(i), "DAILY", "UTC").path("reportId").asText(),
                        ctx -> (int) StreamSupport.stream(ctx.reports.list(ctx.id(), null).path("reports").spliterator(), false)
                                .filter(report -> !report.path("schedule").isNull()).count(),
                        (ctx, i, id) -> ctx.reports.unschedule(ctx.id(), id), true,
                        ctx -> ctx.reports.schedule(ctx.id(), "no-such-report", "DAILY", "UTC")));
    }

    private static String alias(int i) {
        return "arn:aws:lex:us-east-1:111122223333:bot-alias/BOT" + i + "/ALIAS" + i;
    }

    /** Queue and channel pairs the basic routing profile does not have yet; the race uses that profile. */
    private static void queueEntries(Ctx ctx, int units) {
        ctx.owner = ctx.fx.basicRoutingProfile();
        String basic = ctx.fx.basicQueue();
        ctx.prepared.add(basic + "/TASK");
        ctx.prepared.add(basic + "/EMAIL");
        for (int q = 0; ctx.prepared.size() < units; q++) {
            String queue = ctx.fx.queue("entry queue " + q);
            for (Channel channel : List.of(Channel.VOICE, Channel.CHAT, Channel.TASK, Channel.EMAIL)) {
                ctx.prepared.add(queue + "/" + channel);
            }
        }
    }

    private static void availableNumbers(Ctx ctx, int units) {
        ctx.connect.searchAvailablePhoneNumbersPaginator(r -> r.instanceId(ctx.id()).phoneNumberCountryCode("US").phoneNumberType("DID"))
                .availableNumbersList().stream().limit(units).forEach(n -> ctx.prepared.add(n.phoneNumber()));
    }

    private static void reportsToSchedule(Ctx ctx, int units) {
        ctx.owner = ctx.fx.user("owner");
        for (int i = 0; i < units; i++) {
            JsonNode saved = ctx.reports.save(ctx.id(), "to schedule " + i, ctx.owner, false);
            ctx.prepared.add(saved.path("reportId").asText());
        }
    }
}
