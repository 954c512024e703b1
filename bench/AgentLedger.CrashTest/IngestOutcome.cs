namespace AgentLedger.CrashTest;

/// <summary>How one POST of a batch ended, from the client's side.</summary>
/// <param name="Acknowledged">A 2xx arrived: every event of the batch must now be stored.</param>
/// <param name="Accepted">Events the server reports as newly stored.</param>
/// <param name="Duplicates">Events the server reports as already stored.</param>
/// <param name="Rejected">Events the server rejected as invalid (the generator makes none).</param>
/// <param name="Failure">Why there was no 2xx: a status code, or the transport error.</param>
public sealed record IngestOutcome(bool Acknowledged, int Accepted, int Duplicates, int Rejected, string? Failure);
