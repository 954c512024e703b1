using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Ingestion.Events;

/// <summary>The outcome of mapping one native event: its records, or why it was rejected.</summary>
public sealed record NativeEventMapping(IReadOnlyList<ActivityRecord> Records, string? Error)
{
    public bool IsValid => Error is null;

    public static NativeEventMapping Valid(IReadOnlyList<ActivityRecord> records) => new(records, null);

    public static NativeEventMapping Invalid(string error) => new([], error);
}
