using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

/// <summary>Fluent test data: one canonical record, as a mapper would hand it to storage.</summary>
public sealed class RecordBuilder
{
    private ActivityRecord _record;

    public RecordBuilder(string workspaceId, DateTimeOffset at, string? eventId = null)
    {
        _record = new ActivityRecord
        {
            Id = RecordIds.NewId(at),
            WorkspaceId = workspaceId,
            EventId = eventId ?? "evt-" + Guid.NewGuid().ToString("N"),
            OccurredAt = at,
            ReceivedAt = at.AddSeconds(2),
            Source = RecordSource.NativeEvent,
            Kind = RecordKind.Other,
            Actor = new ActorIdentity(),
            Agent = Agent.Codex,
            ClientId = ClientId.CodexCli,
        };
    }

    public RecordBuilder Kind(RecordKind kind) => With(_record with { Kind = kind });

    public RecordBuilder Source(RecordSource source) => With(_record with { Source = source });

    public RecordBuilder By(string? email = null, string? accountId = null, string? login = null, string? externalId = null, string? name = null) =>
        With(_record with { Actor = new ActorIdentity { Email = email, AccountId = accountId, Login = login, ExternalId = externalId, DisplayName = name } });

    public RecordBuilder Client(ClientId client) => With(_record with { ClientId = client, Agent = ClientCatalog.AgentOf(client) });

    public RecordBuilder Session(string? sessionId, string? turnId = null) => With(_record with { SessionId = sessionId, TurnId = turnId });

    public RecordBuilder Model(string? model) => With(_record with { Model = model });

    public RecordBuilder Tokens(long input, long cached, long output, long reasoning) =>
        With(_record with { Usage = new TokenUsage(input, cached, output, reasoning) });

    public RecordBuilder Money(decimal? costUsd, decimal? credits) => With(_record with { CostUsd = costUsd, Credits = credits });

    public RecordBuilder Duration(long? milliseconds) => With(_record with { DurationMs = milliseconds });

    public RecordBuilder Failed(string error, string status = "error") => With(_record with { Error = error, Status = status });

    public RecordBuilder Content(string? prompt, string? response) => With(_record with { PromptText = prompt, ResponseText = response });

    public RecordBuilder Tool(string name, string? input, string? output) => With(_record with { ToolName = name, ToolInput = input, ToolOutput = output });

    public RecordBuilder Request(string? clientIp, string? userAgent, string? clientVersion) =>
        With(_record with { ClientIp = clientIp, UserAgent = userAgent, ClientVersion = clientVersion });

    public RecordBuilder Review(string repository, long pullRequest, string? commentId = null, ReviewPriority? priority = null, ReactionKind? reaction = null) =>
        With(_record with
        {
            Review = new ReviewInfo
            {
                Repository = repository, PullRequest = pullRequest, ReviewId = $"rev-{pullRequest}", CommentId = commentId,
                Priority = priority, Reaction = reaction,
            },
        });

    public RecordBuilder Attributes(JsonObject attributes) => With(_record with { Attributes = attributes });

    public ActivityRecord Build() => _record;

    private RecordBuilder With(ActivityRecord record)
    {
        _record = record;
        return this;
    }
}
