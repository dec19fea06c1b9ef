package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Arns;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.ResourceKind;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateVocabularyRequest;
import software.amazon.awssdk.services.connect.model.CreateVocabularyResponse;
import software.amazon.awssdk.services.connect.model.DeleteVocabularyRequest;
import software.amazon.awssdk.services.connect.model.DeleteVocabularyResponse;
import software.amazon.awssdk.services.connect.model.DescribeVocabularyRequest;
import software.amazon.awssdk.services.connect.model.DescribeVocabularyResponse;
import software.amazon.awssdk.services.connect.model.SearchVocabulariesRequest;
import software.amazon.awssdk.services.connect.model.SearchVocabulariesResponse;
import software.amazon.awssdk.services.connect.model.Vocabulary;
import software.amazon.awssdk.services.connect.model.VocabularyLanguageCode;
import software.amazon.awssdk.services.connect.model.VocabularyState;
import software.amazon.awssdk.services.connect.model.VocabularySummary;

/**
 * Custom vocabularies for Contact Lens transcription. Callgate transcribes nothing, so a vocabulary is
 * ACTIVE as soon as it is created and gone as soon as it is deleted. A name is unique per instance.
 */
public final class VocabularyService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z._-]+");
    private static final int MAX_CONTENT = 60_000;

    private final InstanceResources resources;

    public VocabularyService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateVocabularyRequest.class, this::create);
        handlers.on(DescribeVocabularyRequest.class, this::describe);
        handlers.on(SearchVocabulariesRequest.class, this::search);
        handlers.on(DeleteVocabularyRequest.class, this::delete);
    }

    public CreateVocabularyResponse create(Caller caller, CreateVocabularyRequest request) {
        String name = Checks.name("VocabularyName", request.vocabularyName(), 140);
        if (!NAME.matcher(name).matches()) {
            throw ServiceError.invalidParameter("VocabularyName '" + name + "' may hold only letters, digits and . _ -.");
        }
        VocabularyLanguageCode language = Checks.known("LanguageCode", request.languageCode(), request.languageCodeAsString());
        Checks.name("Content", request.content(), MAX_CONTENT);
        var draft = resources.create(caller, request.instanceId(), ResourceKind.VOCABULARY, name, (tx, d) ->
                json(Vocabulary.builder().id(d.id()).arn(d.arn()).name(name).languageCode(language).state(VocabularyState.ACTIVE)
                        .content(request.content()).tags(Checks.tags(request.tags(), request.hasTags()))
                        .lastModifiedTime(d.now()).build()));
        return CreateVocabularyResponse.builder().vocabularyId(draft.id()).vocabularyArn(draft.arn()).state(VocabularyState.ACTIVE)
                .build();
    }

    public DescribeVocabularyResponse describe(Caller caller, DescribeVocabularyRequest request) {
        Vocabulary vocabulary = resources.describe(caller, request.instanceId(), ResourceKind.VOCABULARY, request.vocabularyId(),
                Vocabulary.builder());
        return DescribeVocabularyResponse.builder().vocabulary(vocabulary).build();
    }

    /** Vocabularies by state, language and name prefix (each optional), in id order. */
    public SearchVocabulariesResponse search(Caller caller, SearchVocabulariesRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.VOCABULARY, row -> {
            Vocabulary vocabulary = decode(row, Vocabulary.builder());
            return (request.state() == null || request.state() == vocabulary.state())
                    && (request.languageCode() == null || request.languageCode() == vocabulary.languageCode())
                    && (request.nameStartsWith() == null || vocabulary.name().startsWith(request.nameStartsWith()));
        }, request.maxResults(), request.nextToken(), 100);
        return SearchVocabulariesResponse.builder()
                .vocabularySummaryList(found.page().rows().stream()
                        .map(row -> (VocabularySummary) decode(row, VocabularySummary.builder())).toList())
                .nextToken(found.page().nextToken()).build();
    }

    public DeleteVocabularyResponse delete(Caller caller, DeleteVocabularyRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        resources.delete(caller, request.instanceId(), ResourceKind.VOCABULARY, request.vocabularyId(), InstanceResources.Deletion.NONE);
        return DeleteVocabularyResponse.builder().vocabularyId(request.vocabularyId())
                .vocabularyArn(Arns.resource(instance, ResourceKind.VOCABULARY, request.vocabularyId()))
                .state(VocabularyState.DELETE_IN_PROGRESS).build();
    }
}
