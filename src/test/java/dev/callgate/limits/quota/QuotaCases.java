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
 * One entry per quota of limits.md §3 that a create can reach, written as named steps: how to
 * {@code prepare} an instance for it, {@code create} the i-th unit, read the {@code usage}, {@code release}
 * one unit, and a call {@code refusedForAnotherReason}. The race harness runs every entry the same way.
 */
final class QuotaCases {
    private QuotaCases() {
    }

    /** Where a case runs: the clients, a fresh instance, and what its preparation made. */
    static final class Arena {
        final ConnectClient connect;
        final ReportsClient reports;
        final Fixtures fx;
        final List<String> prepared = new ArrayList<>();
        String owner;

        Arena(ConnectClient connect, ReportsClient reports, Fixtures fx) {
            this.connect = connect;
            this.reports = reports;
            this.fx = fx;
        }

        String id() {
            return fx.instanceId;
        }
    }

    /** Makes what {@code units} creates will need (available numbers, queues to associate, …). */
    @FunctionalInterface
    interface Preparation {
        void prepare(Arena arena, int units);
    }

    /** Makes unit {@code i} and returns what {@link Release} needs to give it back. */
    @FunctionalInterface
    interface Create {
        String create(Arena arena, int i);
    }

    /** How many units count toward the quota now, read through the public API. */
    @FunctionalInterface
    interface Usage {
        int count(Arena arena);
    }

    /** Gives unit {@code i} back (delete, disassociate, unschedule, disable). */
    @FunctionalInterface
    interface Release {
        void release(Arena arena, int i, String handle);
    }

    /** A call that must fail for another reason than the quota, and so charge nothing. */
    @FunctionalInterface
    interface Probe {
        void fail(Arena arena);
    }

    /** One quota's steps; {@link #of} starts with nothing to prepare and a release that frees its slot. */
    record QuotaCase(Quota quota, Preparation prepare, Create create, Usage usage, Release release, boolean releaseFrees,
                     Probe refusedForAnotherReason) {
        static QuotaCase of(Quota quota) {
            return new QuotaCase(quota, (arena, units) -> { }, null, null, null, true, null);
        }

        QuotaCase prepare(Preparation step) {
            return new QuotaCase(quota, step, create, usage, release, releaseFrees, refusedForAnotherReason);
        }

        QuotaCase create(Create step) {
            return new QuotaCase(quota, prepare, step, usage, release, releaseFrees, refusedForAnotherReason);
        }

        QuotaCase usage(Usage step) {
            return new QuotaCase(quota, prepare, create, step, release, releaseFrees, refusedForAnotherReason);
        }

        QuotaCase release(Release step) {
            return new QuotaCase(quota, prepare, create, usage, step, releaseFrees, refusedForAnotherReason);
        }

        /** Giving a unit back leaves it counted (agent statuses are disabled, never deleted). */
        QuotaCase releaseKeepsTheSlot() {
            return new QuotaCase(quota, prepare, create, usage, release, false, refusedForAnotherReason);
        }

        QuotaCase refusedForAnotherReason(Probe step) {
            return new QuotaCase(quota, prepare, create, usage, release, releaseFrees, step);
        }

        @Override
        public String toString() {
            return quota.title();
        }
    }

    static List<QuotaCase> all() {
        return List.of(
                QuotaCase.of(Quota.USERS)
                        .create((arena, i) -> arena.fx.user("u" + i))
                        .usage(arena -> arena.connect.listUsers(r -> r.instanceId(arena.id())).userSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deleteUser(r -> r.instanceId(arena.id()).userId(id)))
                        .refusedForAnotherReason(arena -> arena.fx.user("u0")),
                QuotaCase.of(Quota.QUEUES)
                        .create((arena, i) -> arena.fx.queue("q" + i))
                        .usage(arena -> arena.connect.listQueues(r -> r.instanceId(arena.id()).queueTypes(QueueType.STANDARD)).queueSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deleteQueue(r -> r.instanceId(arena.id()).queueId(id)))
                        .refusedForAnotherReason(arena -> arena.connect.createQueue(r -> r.instanceId(arena.id()).name("no hours").hoursOfOperationId("missing"))),
                QuotaCase.of(Quota.QUEUES_PER_ROUTING_PROFILE)
                        .prepare(QuotaCases::queueEntries)
                        .create((arena, i) -> {
                            String[] entry = arena.prepared.get(i).split("/");
                            arena.connect.associateRoutingProfileQueues(r -> r.instanceId(arena.id()).routingProfileId(arena.owner)
                                    .queueConfigs(Fixtures.entry(entry[0], Channel.fromValue(entry[1]))));
                            return arena.prepared.get(i);
                        })
                        .usage(arena -> arena.connect.listRoutingProfileQueuesPaginator(r -> r.instanceId(arena.id()).routingProfileId(arena.owner))
                                .routingProfileQueueConfigSummaryList().stream().toList().size())
                        .release((arena, i, handle) -> {
                            String[] entry = handle.split("/");
                            arena.connect.disassociateRoutingProfileQueues(r -> r.instanceId(arena.id()).routingProfileId(arena.owner)
                                    .queueReferences(q -> q.queueId(entry[0]).channel(entry[1])));
                        })
                        // The basic queue is already there on voice.
                        .refusedForAnotherReason(arena -> arena.connect.associateRoutingProfileQueues(r -> r.instanceId(arena.id()).routingProfileId(arena.owner)
                                .queueConfigs(Fixtures.entry(arena.fx.basicQueue(), Channel.VOICE)))),
                QuotaCase.of(Quota.ROUTING_PROFILES)
                        .create((arena, i) -> arena.fx.routingProfile("p" + i, arena.fx.basicQueue()))
                        .usage(arena -> arena.connect.listRoutingProfiles(r -> r.instanceId(arena.id())).routingProfileSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deleteRoutingProfile(r -> r.instanceId(arena.id()).routingProfileId(id)))
                        .refusedForAnotherReason(arena -> arena.fx.routingProfile("p0", arena.fx.basicQueue())),
                QuotaCase.of(Quota.HOURS_OF_OPERATION)
                        .create((arena, i) -> arena.fx.hours("h" + i))
                        .usage(arena -> arena.connect.listHoursOfOperations(r -> r.instanceId(arena.id())).hoursOfOperationSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deleteHoursOfOperation(r -> r.instanceId(arena.id()).hoursOfOperationId(id)))
                        .refusedForAnotherReason(arena -> arena.fx.hours("h0")),
                QuotaCase.of(Quota.QUICK_CONNECTS)
                        .create((arena, i) -> arena.connect.createQuickConnect(r -> r.instanceId(arena.id()).name("qc" + i)
                                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.PHONE_NUMBER)
                                        .phoneConfig(p -> p.phoneNumber("+1206555010" + (i % 10))))).quickConnectId())
                        .usage(arena -> arena.connect.listQuickConnects(r -> r.instanceId(arena.id())).quickConnectSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deleteQuickConnect(r -> r.instanceId(arena.id()).quickConnectId(id)))
                        .refusedForAnotherReason(arena -> arena.connect.createQuickConnect(r -> r.instanceId(arena.id()).name("to nobody")
                                .quickConnectConfig(c -> c.quickConnectType(QuickConnectType.USER)
                                        .userConfig(u -> u.userId("missing").contactFlowId("missing"))))),
                QuotaCase.of(Quota.PROMPTS)
                        .create((arena, i) -> arena.connect.createPrompt(r -> r.instanceId(arena.id()).name("prompt" + i)
                                .s3Uri("s3://prompts/p" + i + ".wav")).promptId())
                        .usage(arena -> arena.connect.listPrompts(r -> r.instanceId(arena.id())).promptSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deletePrompt(r -> r.instanceId(arena.id()).promptId(id)))
                        .refusedForAnotherReason(arena -> arena.connect.createPrompt(r -> r.instanceId(arena.id()).name("bad").s3Uri("ftp://nowhere"))),
                QuotaCase.of(Quota.AGENT_STATUSES)
                        .create((arena, i) -> arena.connect.createAgentStatus(r -> r.instanceId(arena.id()).name("status" + i)
                                .state(AgentStatusState.ENABLED)).agentStatusId())
                        .usage(arena -> arena.connect.listAgentStatuses(r -> r.instanceId(arena.id())).agentStatusSummaryList().size())
                        // A status is disabled, never deleted, and a disabled status still counts.
                        .release((arena, i, id) -> arena.connect.updateAgentStatus(r -> r.instanceId(arena.id()).agentStatusId(id)
                                .state(AgentStatusState.DISABLED)))
                        .releaseKeepsTheSlot()
                        .refusedForAnotherReason(arena -> arena.connect.createAgentStatus(r -> r.instanceId(arena.id()).name("Available").state(AgentStatusState.ENABLED))),
                QuotaCase.of(Quota.SECURITY_PROFILES)
                        .create((arena, i) -> arena.connect.createSecurityProfile(r -> r.instanceId(arena.id()).securityProfileName("sp" + i))
                                .securityProfileId())
                        .usage(arena -> arena.connect.listSecurityProfiles(r -> r.instanceId(arena.id())).securityProfileSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deleteSecurityProfile(r -> r.instanceId(arena.id()).securityProfileId(id)))
                        .refusedForAnotherReason(arena -> arena.connect.createSecurityProfile(r -> r.instanceId(arena.id()).securityProfileName("Admin"))),
                QuotaCase.of(Quota.CONTACT_FLOWS)
                        .create((arena, i) -> arena.fx.flow("flow" + i))
                        .usage(arena -> arena.connect.listContactFlows(r -> r.instanceId(arena.id())).contactFlowSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deleteContactFlow(r -> r.instanceId(arena.id()).contactFlowId(id)))
                        .refusedForAnotherReason(arena -> arena.connect.createContactFlow(r -> r.instanceId(arena.id()).name("broken").type("CONTACT_FLOW").content("[oops"))),
                QuotaCase.of(Quota.HIERARCHY_GROUPS)
                        .create((arena, i) -> arena.connect.createUserHierarchyGroup(r -> r.instanceId(arena.id()).name("g" + i)).hierarchyGroupId())
                        .usage(arena -> arena.connect.listUserHierarchyGroups(r -> r.instanceId(arena.id())).userHierarchyGroupSummaryList().size())
                        .release((arena, i, id) -> arena.connect.deleteUserHierarchyGroup(r -> r.instanceId(arena.id()).hierarchyGroupId(id)))
                        .refusedForAnotherReason(arena -> arena.connect.createUserHierarchyGroup(r -> r.instanceId(arena.id()).name("orphan").parentGroupId("missing"))),
                QuotaCase.of(Quota.LAMBDA_FUNCTIONS)
                        .create((arena, i) -> {
                            String arn = "arn:aws:lambda:us-east-1:111122223333:function:fn" + i;
                            arena.connect.associateLambdaFunction(r -> r.instanceId(arena.id()).functionArn(arn));
                            return arn;
                        })
                        .usage(arena -> arena.connect.listLambdaFunctions(r -> r.instanceId(arena.id())).lambdaFunctions().size())
                        .release((arena, i, arn) -> arena.connect.disassociateLambdaFunction(r -> r.instanceId(arena.id()).functionArn(arn)))
                        .refusedForAnotherReason(arena -> arena.connect.associateLambdaFunction(r -> r.instanceId(arena.id())
                                .functionArn("arn:aws:lambda:us-east-1:111122223333:function:fn0"))),
                QuotaCase.of(Quota.LEX_BOTS)
                        // Even units are Lex V1 bots, odd ones Lex V2 aliases: they count together.
                        .create((arena, i) -> {
                            if (i % 2 == 0) {
                                arena.connect.associateLexBot(r -> r.instanceId(arena.id()).lexBot(b -> b.name("Bot" + i).lexRegion("us-east-1")));
                            } else {
                                arena.connect.associateBot(r -> r.instanceId(arena.id()).lexV2Bot(b -> b.aliasArn(alias(i))));
                            }
                            return String.valueOf(i);
                        })
                        .usage(arena -> arena.connect.listBots(r -> r.instanceId(arena.id()).lexVersion(LexVersion.V1)).lexBots().size()
                                + arena.connect.listBots(r -> r.instanceId(arena.id()).lexVersion(LexVersion.V2)).lexBots().size())
                        .release((arena, i, handle) -> {
                            if (i % 2 == 0) {
                                arena.connect.disassociateLexBot(r -> r.instanceId(arena.id()).botName("Bot" + i).lexRegion("us-east-1"));
                            } else {
                                arena.connect.disassociateBot(r -> r.instanceId(arena.id()).lexV2Bot(b -> b.aliasArn(alias(i))));
                            }
                        })
                        .refusedForAnotherReason(arena -> arena.connect.associateLexBot(r -> r.instanceId(arena.id()).lexBot(b -> b.name("Bot0").lexRegion("us-east-1")))),
                QuotaCase.of(Quota.PHONE_NUMBERS)
                        .prepare(QuotaCases::availableNumbers)
                        .create((arena, i) -> arena.connect.claimPhoneNumber(r -> r.instanceId(arena.id()).phoneNumber(arena.prepared.get(i))).phoneNumberId())
                        .usage(arena -> arena.connect.listPhoneNumbersV2(r -> r.instanceId(arena.id())).listPhoneNumbersSummaryList().size())
                        .release((arena, i, id) -> arena.connect.releasePhoneNumber(r -> r.phoneNumberId(id)))
                        .refusedForAnotherReason(arena -> arena.connect.claimPhoneNumber(r -> r.instanceId(arena.id()).phoneNumber(arena.prepared.get(0)))),
                QuotaCase.of(Quota.REPORTS)
                        .prepare((arena, units) -> arena.owner = arena.fx.user("owner"))
                        .create((arena, i) -> arena.reports.save(arena.id(), "report" + i, arena.owner, i % 2 == 0).path("reportId").asText())
                        .usage(arena -> arena.reports.list(arena.id(), null).path("reports").size())
                        .release((arena, i, id) -> arena.reports.delete(arena.id(), id))
                        .refusedForAnotherReason(arena -> arena.reports.save(arena.id(), "report0", arena.owner, false)),
                QuotaCase.of(Quota.SCHEDULED_REPORTS)
                        .prepare(QuotaCases::reportsToSchedule)
                        .create((arena, i) -> arena.reports.schedule(arena.id(), arena.prepared.get(i), "DAILY", "UTC").path("reportId").asText())
                        .usage(arena -> (int) StreamSupport.stream(arena.reports.list(arena.id(), null).path("reports").spliterator(), false)
                                .filter(report -> !report.path("schedule").isNull()).count())
                        .release((arena, i, id) -> arena.reports.unschedule(arena.id(), id))
                        .refusedForAnotherReason(arena -> arena.reports.schedule(arena.id(), "no-such-report", "DAILY", "UTC")));
    }

    private static String alias(int i) {
        return "arn:aws:lex:us-east-1:111122223333:bot-alias/BOT" + i + "/ALIAS" + i;
    }

    /** Queue and channel pairs the basic routing profile does not have yet; the race uses that profile. */
    private static void queueEntries(Arena arena, int units) {
        arena.owner = arena.fx.basicRoutingProfile();
        String basic = arena.fx.basicQueue();
        arena.prepared.add(basic + "/TASK");
        arena.prepared.add(basic + "/EMAIL");
        for (int q = 0; arena.prepared.size() < units; q++) {
            String queue = arena.fx.queue("entry queue " + q);
            for (Channel channel : List.of(Channel.VOICE, Channel.CHAT, Channel.TASK, Channel.EMAIL)) {
                arena.prepared.add(queue + "/" + channel);
            }
        }
    }

    private static void availableNumbers(Arena arena, int units) {
        arena.connect.searchAvailablePhoneNumbersPaginator(r -> r.instanceId(arena.id()).phoneNumberCountryCode("US").phoneNumberType("DID"))
                .availableNumbersList().stream().limit(units).forEach(n -> arena.prepared.add(n.phoneNumber()));
    }

    private static void reportsToSchedule(Arena arena, int units) {
        arena.owner = arena.fx.user("owner");
        for (int i = 0; i < units; i++) {
            JsonNode saved = arena.reports.save(arena.id(), "to schedule " + i, arena.owner, false);
            arena.prepared.add(saved.path("reportId").asText());
        }
    }
}
