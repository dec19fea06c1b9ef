package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.ResourceKind;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreatePromptRequest;
import software.amazon.awssdk.services.connect.model.CreatePromptResponse;
import software.amazon.awssdk.services.connect.model.DeletePromptRequest;
import software.amazon.awssdk.services.connect.model.DeletePromptResponse;
import software.amazon.awssdk.services.connect.model.DescribePromptRequest;
import software.amazon.awssdk.services.connect.model.DescribePromptResponse;
import software.amazon.awssdk.services.connect.model.ListPromptsRequest;
import software.amazon.awssdk.services.connect.model.ListPromptsResponse;
import software.amazon.awssdk.services.connect.model.Prompt;
import software.amazon.awssdk.services.connect.model.PromptSummary;
import software.amazon.awssdk.services.connect.model.SearchPromptsRequest;
import software.amazon.awssdk.services.connect.model.SearchPromptsResponse;

/** Prompts (quota "Prompts per instance"): audio files named by an S3 URI. */
public final class PromptService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "description", "Description", "resourceId", "PromptId");
    private final InstanceResources resources;

    public PromptService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreatePromptRequest.class, this::create);
        handlers.on(DescribePromptRequest.class, this::describe);
        handlers.on(ListPromptsRequest.class, this::list);
        handlers.on(DeletePromptRequest.class, this::delete);
        handlers.on(SearchPromptsRequest.class, this::search);
    }

    public CreatePromptResponse create(Caller caller, CreatePromptRequest request) {
        Checks.name("Name", request.name(), 256);
        Checks.length("Description", request.description(), 250);
        String uri = Checks.name("S3Uri", request.s3Uri(), 2000);
        if (!uri.startsWith("s3://") && !uri.startsWith("https://")) {
            throw ServiceError.invalidParameter("S3Uri '" + uri + "' must be an s3:// or https:// URI of the prompt's audio file.");
        }
        var draft = resources.create(caller, request.instanceId(), ResourceKind.PROMPT, request.name(), (tx, d) ->
                json(Prompt.builder().promptId(d.id()).promptARN(d.arn()).name(request.name()).description(request.description())
                        .tags(Checks.tags(request.tags(), request.hasTags()))
                        .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build()));
        return CreatePromptResponse.builder().promptId(draft.id()).promptARN(draft.arn()).build();
    }

    public DescribePromptResponse describe(Caller caller, DescribePromptRequest request) {
        Prompt prompt = resources.describe(caller, request.instanceId(), ResourceKind.PROMPT, request.promptId(), Prompt.builder());
        return DescribePromptResponse.builder().prompt(prompt).build();
    }

    public ListPromptsResponse list(Caller caller, ListPromptsRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.PROMPT), request.maxResults(),
                request.nextToken(), 100);
        return ListPromptsResponse.builder()
                .promptSummaryList(page.rows().stream().map(row -> {
                    Prompt prompt = decode(row, Prompt.builder());
                    return PromptSummary.builder().id(prompt.promptId()).arn(prompt.promptARN()).name(prompt.name())
                            .lastModifiedTime(prompt.lastModifiedTime()).lastModifiedRegion(prompt.lastModifiedRegion()).build();
                }).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeletePromptResponse delete(Caller caller, DeletePromptRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.PROMPT, request.promptId(), InstanceResources.Deletion.NONE);
        return DeletePromptResponse.builder().build();
    }

    public SearchPromptsResponse search(Caller caller, SearchPromptsRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.PROMPT,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS),
                request.maxResults(), request.nextToken(), 100);
        return SearchPromptsResponse.builder()
                .prompts(found.page().rows().stream().map(row -> (Prompt) decode(row, Prompt.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }
}
