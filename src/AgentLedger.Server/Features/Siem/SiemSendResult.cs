namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// The outcome of sending a chunk of items. For <see cref="SiemSendStatus.Rejected"/>, <see cref="RejectedIndex"/>
/// names the refused item when the receiver said which (Splunk's <c>invalid-event-number</c>); the items before it
/// were accepted. Without it, the deliverer sends the chunk again one item at a time to find the poison record.
/// </summary>
public sealed record SiemSendResult(SiemSendStatus Status, string? Error = null, TimeSpan? RetryAfter = null, int? RejectedIndex = null)
{
    public static readonly SiemSendResult Ok = new(SiemSendStatus.Accepted);

    /// <summary>With <see cref="SiemSendStatus.Accepted"/>: items (by index) refused for good while the rest was taken.</summary>
    public IReadOnlyList<(int Index, string Error)> RejectedItems { get; init; } = [];

    public static SiemSendResult Transient(string error, TimeSpan? retryAfter = null) => new(SiemSendStatus.Transient, error, retryAfter);

    public static SiemSendResult Rejected(string error, int? index = null) => new(SiemSendStatus.Rejected, error, RejectedIndex: index);
}
