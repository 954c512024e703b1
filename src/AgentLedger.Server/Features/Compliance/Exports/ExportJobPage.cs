namespace AgentLedger.Server.Features.Compliance.Exports;

/// <param name="NextPage">The <c>before</c> of the next (older) page; null on the last page.</param>
public sealed record ExportJobPage(IReadOnlyList<ExportJobView> Data, bool HasMore, string? NextPage);
