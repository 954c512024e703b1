namespace AgentLedger.Server.Features.Siem;

/// <summary>How a destination answered one send.</summary>
public enum SiemSendStatus
{
    /// <summary>Every item was accepted (except <see cref="SiemSendResult.RejectedItems"/>, which are rejected for good).</summary>
    Accepted,

    /// <summary>Nothing can be assumed accepted; send the same items again after a back-off (receiver down, busy, misconfigured).</summary>
    Transient,

    /// <summary>The receiver refused the content for good (a 4xx about the data): the rejected item is set aside.</summary>
    Rejected,
}
