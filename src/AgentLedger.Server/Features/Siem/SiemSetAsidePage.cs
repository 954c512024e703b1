namespace AgentLedger.Server.Features.Siem;

/// <summary>A page of a destination's set-aside items; read the records themselves through the record feed by seq.</summary>
/// <param name="NextPage">Pass as <c>after</c> for the next page; null on the last.</param>
public sealed record SiemSetAsidePage(IReadOnlyList<SiemSetAsideView> Data, bool HasMore, long? NextPage);
