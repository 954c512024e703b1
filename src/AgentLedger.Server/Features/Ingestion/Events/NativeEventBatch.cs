namespace AgentLedger.Server.Features.Ingestion.Events;

/// <summary>The events of a batch, each parsed or with its error; or the reason the whole body was refused.</summary>
public sealed record NativeEventBatch(IReadOnlyList<ParsedEvent> Events, string? BodyError);

/// <summary>One event of a batch: parsed, or the reason it could not be (with its event id when readable).</summary>
public sealed record ParsedEvent(NativeEvent? Event, string? EventId, string? Error);
