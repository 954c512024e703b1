namespace AgentLedger.Server.Features.Ingestion.Events;

/// <summary>The answer to a native-event batch: counts, and the index and reason of every rejected event.</summary>
public sealed record NativeEventResponse(int Accepted, int Duplicates, int Records, IReadOnlyList<RejectedEvent> Rejected);

/// <param name="Index">Zero-based position of the event in the batch (or NDJSON line order, blank lines skipped).</param>
public sealed record RejectedEvent(int Index, string? EventId, string Error);
