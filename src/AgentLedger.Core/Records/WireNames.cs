using System.Collections.Frozen;

namespace AgentLedger.Core.Records;

/// <summary>
/// The one place where the enums of the canonical record get their wire (API and storage) names.
/// Storage keeps these strings rather than enum ordinals so that the database stays readable and
/// a reordered enum can never change stored meaning.
/// </summary>
public static class WireNames
{
    private static readonly FrozenDictionary<Agent, string> AgentNames = new Dictionary<Agent, string>
    {
        [Agent.Unknown] = "unknown",
        [Agent.Codex] = "codex",
        [Agent.ClaudeCode] = "claude_code",
        [Agent.GeminiCli] = "gemini_cli",
        [Agent.GitHubCopilot] = "github_copilot",
        [Agent.Cursor] = "cursor",
        [Agent.Custom] = "custom",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Surface, string> SurfaceNames = new Dictionary<Surface, string>
    {
        [Surface.Other] = "other",
        [Surface.Cli] = "cli",
        [Surface.Ide] = "ide",
        [Surface.Desktop] = "desktop",
        [Surface.Cloud] = "cloud",
        [Surface.CodeReview] = "code_review",
        [Surface.Sdk] = "sdk",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<RecordKind, string> KindNames = new Dictionary<RecordKind, string>
    {
        [RecordKind.Other] = "other",
        [RecordKind.SessionStarted] = "session.started",
        [RecordKind.UserPrompt] = "user.prompt",
        [RecordKind.ModelRequest] = "model.request",
        [RecordKind.ModelResponse] = "model.response",
        [RecordKind.ToolDecision] = "tool.decision",
        [RecordKind.ToolResult] = "tool.result",
        [RecordKind.ApiError] = "api.error",
        [RecordKind.CloudTaskCreated] = "cloud_task.created",
        [RecordKind.CloudTaskCompleted] = "cloud_task.completed",
        [RecordKind.CloudTaskFailed] = "cloud_task.failed",
        [RecordKind.CodeReviewCompleted] = "code_review.completed",
        [RecordKind.ReviewComment] = "code_review.comment",
        [RecordKind.ReviewReply] = "code_review.reply",
        [RecordKind.ReviewReaction] = "code_review.reaction",
        [RecordKind.ToolCall] = "tool.call",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<RecordSource, string> SourceNames = new Dictionary<RecordSource, string>
    {
        [RecordSource.NativeEvent] = "native_event",
        [RecordSource.Otlp] = "otlp",
        [RecordSource.GitHubWebhook] = "github_webhook",
        [RecordSource.Gateway] = "gateway",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<ReactionKind, string> ReactionNames = new Dictionary<ReactionKind, string>
    {
        [ReactionKind.Upvote] = "upvote",
        [ReactionKind.Downvote] = "downvote",
        [ReactionKind.Other] = "other",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Agent> AgentsByName = Invert(AgentNames);
    private static readonly FrozenDictionary<string, Surface> SurfacesByName = Invert(SurfaceNames);
    private static readonly FrozenDictionary<string, RecordKind> KindsByName = Invert(KindNames);
    private static readonly FrozenDictionary<string, RecordSource> SourcesByName = Invert(SourceNames);
    private static readonly FrozenDictionary<string, ReactionKind> ReactionsByName = Invert(ReactionNames);

    public static IEnumerable<string> AllKinds => KindNames.Values;

    public static IEnumerable<string> AllAgents => AgentNames.Values;

    public static IEnumerable<string> AllSurfaces => SurfaceNames.Values;

    public static string Of(Agent value) => AgentNames[value];

    public static string Of(Surface value) => SurfaceNames[value];

    public static string Of(RecordKind value) => KindNames[value];

    public static string Of(RecordSource value) => SourceNames[value];

    public static string Of(ReactionKind value) => ReactionNames[value];

    public static string Of(ClientId value) => ClientCatalog.WireName(value);

    public static string Of(ReviewPriority value) => value.ToString();

    public static bool TryParse(string? name, out Agent value) => TryGet(AgentsByName, name, out value);

    public static bool TryParse(string? name, out Surface value) => TryGet(SurfacesByName, name, out value);

    public static bool TryParse(string? name, out RecordKind value) => TryGet(KindsByName, name, out value);

    public static bool TryParse(string? name, out RecordSource value) => TryGet(SourcesByName, name, out value);

    public static bool TryParse(string? name, out ReactionKind value) => TryGet(ReactionsByName, name, out value);

    public static bool TryParse(string? name, out ReviewPriority value)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "P0": value = ReviewPriority.P0; return true;
            case "P1": value = ReviewPriority.P1; return true;
            case "P2": value = ReviewPriority.P2; return true;
            case "P3": value = ReviewPriority.P3; return true;
            default: value = default; return false;
        }
    }

    public static Agent ParseAgent(string name) => Parse(AgentsByName, name, "agent");

    public static Surface ParseSurface(string name) => Parse(SurfacesByName, name, "surface");

    public static RecordKind ParseKind(string name) => Parse(KindsByName, name, "kind");

    public static RecordSource ParseSource(string name) => Parse(SourcesByName, name, "source");

    public static ReactionKind ParseReaction(string name) => Parse(ReactionsByName, name, "reaction");

    public static ClientId ParseClientId(string name) =>
        ClientCatalog.TryParse(name, out var id) ? id : throw new FormatException($"Unknown client_id '{name}'.");

    public static ReviewPriority ParsePriority(string name) =>
        TryParse(name, out ReviewPriority value) ? value : throw new FormatException($"Unknown priority '{name}'.");

    private static FrozenDictionary<string, T> Invert<T>(FrozenDictionary<T, string> map)
        where T : notnull =>
        map.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    private static bool TryGet<T>(FrozenDictionary<string, T> map, string? name, out T value)
    {
        if (name is not null && map.TryGetValue(name, out value!))
        {
            return true;
        }

        value = default!;
        return false;
    }

    private static T Parse<T>(FrozenDictionary<string, T> map, string name, string what) =>
        map.TryGetValue(name, out var value) ? value : throw new FormatException($"Unknown {what} '{name}'.");
}
