package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.ResourceKind;
import dev.callgate.json.Json;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.connect.model.AssociateBotRequest;
import software.amazon.awssdk.services.connect.model.AssociateBotResponse;
import software.amazon.awssdk.services.connect.model.AssociateLambdaFunctionRequest;
import software.amazon.awssdk.services.connect.model.AssociateLambdaFunctionResponse;
import software.amazon.awssdk.services.connect.model.AssociateLexBotRequest;
import software.amazon.awssdk.services.connect.model.AssociateLexBotResponse;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.DisassociateBotRequest;
import software.amazon.awssdk.services.connect.model.DisassociateBotResponse;
import software.amazon.awssdk.services.connect.model.DisassociateLambdaFunctionRequest;
import software.amazon.awssdk.services.connect.model.DisassociateLambdaFunctionResponse;
import software.amazon.awssdk.services.connect.model.DisassociateLexBotRequest;
import software.amazon.awssdk.services.connect.model.DisassociateLexBotResponse;
import software.amazon.awssdk.services.connect.model.LexBot;
import software.amazon.awssdk.services.connect.model.LexBotConfig;
import software.amazon.awssdk.services.connect.model.LexV2Bot;
import software.amazon.awssdk.services.connect.model.LexVersion;
import software.amazon.awssdk.services.connect.model.ListBotsRequest;
import software.amazon.awssdk.services.connect.model.ListBotsResponse;
import software.amazon.awssdk.services.connect.model.ListLambdaFunctionsRequest;
import software.amazon.awssdk.services.connect.model.ListLambdaFunctionsResponse;
import software.amazon.awssdk.services.connect.model.ListLexBotsRequest;
import software.amazon.awssdk.services.connect.model.ListLexBotsResponse;

/**
 * What an instance may invoke: Lambda functions (quota "Lambda functions per instance") and Lex bots,
 * V1 and V2 counted together (quota "Amazon Lex bots per instance"). Associating one twice is a
 * ResourceConflictException; the quotas refuse with ServiceQuotaExceededException (402).
 */
public final class IntegrationService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]{1,140}(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
    private static final Pattern ALIAS_ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:lex:[a-z0-9-]+:\\d{12}:bot-alias/[a-zA-Z0-9]+/[a-zA-Z0-9]+");

    /** Where a stored association keeps the ClientToken of the request that made it. */
    private static final String CLIENT_TOKEN = "CallgateClientToken";
    private static final ObjectMapper JSON = Json.MAPPER;

    private final InstanceResources resources;

    public IntegrationService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(AssociateLambdaFunctionRequest.class, this::associateLambda);
        handlers.on(ListLambdaFunctionsRequest.class, this::listLambdas);
        handlers.on(DisassociateLambdaFunctionRequest.class, this::disassociateLambda);
        handlers.on(AssociateLexBotRequest.class, this::associateLexBot);
        handlers.on(ListLexBotsRequest.class, this::listLexBots);
        handlers.on(DisassociateLexBotRequest.class, this::disassociateLexBot);
        handlers.on(AssociateBotRequest.class, this::associateBot);
        handlers.on(ListBotsRequest.class, this::listBots);
        handlers.on(DisassociateBotRequest.class, this::disassociateBot);
    }

    public AssociateLambdaFunctionResponse associateLambda(Caller caller, AssociateLambdaFunctionRequest request) {
        String arn = request.functionArn();
        if (!FUNCTION_ARN.matcher(arn).matches()) {
            throw ServiceError.invalidParameter("FunctionArn '" + arn + "' is not a Lambda function ARN.");
        }
        associate(caller, request.instanceId(), ResourceKind.LAMBDA_FUNCTION, arn,
                "{\"FunctionArn\":" + TextNode.valueOf(arn) + "}", request.clientToken());
        return AssociateLambdaFunctionResponse.builder().build();
    }

    public ListLambdaFunctionsResponse listLambdas(Caller caller, ListLambdaFunctionsRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.LAMBDA_FUNCTION), request.maxResults(),
                request.nextToken(), 25);
        return ListLambdaFunctionsResponse.builder().lambdaFunctions(page.rows().stream().map(row -> row.name()).toList())
                .nextToken(page.nextToken()).build();
    }

    public DisassociateLambdaFunctionResponse disassociateLambda(Caller caller, DisassociateLambdaFunctionRequest request) {
        resources.deleteNamed(caller, request.instanceId(), ResourceKind.LAMBDA_FUNCTION, request.functionArn(),
                InstanceResources.Deletion.NONE);
        return DisassociateLambdaFunctionResponse.builder().build();
    }

    public AssociateLexBotResponse associateLexBot(Caller caller, AssociateLexBotRequest request) {
        associateV1(caller, request.instanceId(), request.lexBot(), request.clientToken());
        return AssociateLexBotResponse.builder().build();
    }

    public ListLexBotsResponse listLexBots(Caller caller, ListLexBotsRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.LEX_V1_BOT), request.maxResults(),
                request.nextToken(), 25);
        return ListLexBotsResponse.builder()
                .lexBots(page.rows().stream().map(row -> ((LexBotConfig) decode(row, LexBotConfig.builder())).lexBot()).toList())
                .nextToken(page.nextToken()).build();
    }

    public DisassociateLexBotResponse disassociateLexBot(Caller caller, DisassociateLexBotRequest request) {
        resources.deleteNamed(caller, request.instanceId(), ResourceKind.LEX_V1_BOT, v1Name(request.lexRegion(), request.botName()),
                InstanceResources.Deletion.NONE);
        return DisassociateLexBotResponse.builder().build();
    }

    /** Associates a Lex V1 bot or a Lex V2 bot alias: exactly one of LexBot and LexV2Bot. */
    public AssociateBotResponse associateBot(Caller caller, AssociateBotRequest request) {
        if ((request.lexBot() == null) == (request.lexV2Bot() == null)) {
            throw ServiceError.invalidRequest("Give exactly one of LexBot and LexV2Bot.");
        }
        if (request.lexBot() != null) {
            associateV1(caller, request.instanceId(), request.lexBot(), request.clientToken());
        } else {
            String alias = request.lexV2Bot().aliasArn();
            if (alias == null || !ALIAS_ARN.matcher(alias).matches()) {
                throw ServiceError.invalidParameter("LexV2Bot.AliasArn '" + alias + "' is not a Lex V2 bot alias ARN.");
            }
            associate(caller, request.instanceId(), ResourceKind.LEX_V2_BOT, alias,
                    json(LexBotConfig.builder().lexV2Bot(LexV2Bot.builder().aliasArn(alias).build()).build()), request.clientToken());
        }
        return AssociateBotResponse.builder().build();
    }

    public ListBotsResponse listBots(Caller caller, ListBotsRequest request) {
        LexVersion version = Checks.known("lexVersion", request.lexVersion(), request.lexVersionAsString());
        ResourceKind kind = version == LexVersion.V1 ? ResourceKind.LEX_V1_BOT : ResourceKind.LEX_V2_BOT;
        var page = resources.list(caller, request.instanceId(), List.of(kind), request.maxResults(), request.nextToken(), 25);
        return ListBotsResponse.builder()
                .lexBots(page.rows().stream().map(row -> (LexBotConfig) decode(row, LexBotConfig.builder())).toList())
                .nextToken(page.nextToken()).build();
    }

    public DisassociateBotResponse disassociateBot(Caller caller, DisassociateBotRequest request) {
        if ((request.lexBot() == null) == (request.lexV2Bot() == null)) {
            throw ServiceError.invalidRequest("Give exactly one of LexBot and LexV2Bot.");
        }
        if (request.lexBot() != null) {
            resources.deleteNamed(caller, request.instanceId(), ResourceKind.LEX_V1_BOT,
                    v1Name(request.lexBot().lexRegion(), request.lexBot().name()), InstanceResources.Deletion.NONE);
        } else {
            resources.deleteNamed(caller, request.instanceId(), ResourceKind.LEX_V2_BOT, request.lexV2Bot().aliasArn(),
                    InstanceResources.Deletion.NONE);
        }
        return DisassociateBotResponse.builder().build();
    }

    private void associateV1(Caller caller, String instanceRef, LexBot bot, String clientToken) {
        Checks.name("LexBot.Name", bot.name(), 50);
        Checks.name("LexBot.LexRegion", bot.lexRegion(), 60);
        associate(caller, instanceRef, ResourceKind.LEX_V1_BOT, v1Name(bot.lexRegion(), bot.name()),
                json(LexBotConfig.builder().lexBot(bot).build()), clientToken);
    }

    /**
     * Associates once: a second association is a ResourceConflictException, except the retry of the
     * same request, which succeeds again: the SDK fills in a ClientToken by itself and a retry reuses it.
     */
    private void associate(Caller caller, String instanceRef, ResourceKind kind, String name, String body, String clientToken) {
        ObjectNode stored = (ObjectNode) read(body);
        if (clientToken != null) {
            stored.put(CLIENT_TOKEN, clientToken);
        }
        InstanceRow instance = resources.instance(caller, instanceRef);
        try {
            resources.create(instance, kind, name, (tx, d) -> stored.toString());
        } catch (ServiceError conflict) {
            boolean retry = conflict.code() == ErrorCode.RESOURCE_CONFLICT && clientToken != null
                    && resources.read(instance, tx -> tx.findByName(kind, name))
                            .map(row -> clientToken.equals(read(row.body()).path(CLIENT_TOKEN).asText(null))).orElse(false);
            if (!retry) {
                throw conflict;
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }

    /** A V1 bot is known by its region and name. */
    private static String v1Name(String region, String name) {
        return region + "/" + name;
    }
}
