using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>Sends chunks of items to one destination over its protocol; one per destination deliverer, kept open between sends.</summary>
public interface ISiemSender : IAsyncDisposable
{
    /// <summary>Sends <paramref name="items"/> (in seq order) and classifies the answer; network failures are <see cref="SiemSendStatus.Transient"/>.</summary>
    Task<SiemSendResult> SendAsync(IReadOnlyList<SiemItem> items, CancellationToken cancellationToken);
}
