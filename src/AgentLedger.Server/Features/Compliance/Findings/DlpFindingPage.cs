namespace AgentLedger.Server.Features.Compliance.Findings;

/// <param name="NextPage">The position to pass as <c>after</c> next (<c>seq.ordinal</c>); stays put at the end so polling resumes there.</param>
public sealed record DlpFindingPage(IReadOnlyList<DlpFindingView> Data, bool HasMore, string NextPage);
