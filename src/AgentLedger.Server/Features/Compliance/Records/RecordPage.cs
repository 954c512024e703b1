namespace AgentLedger.Server.Features.Compliance.Records;

/// <param name="NextPage">The seq to pass as <c>after</c> next; stays put at the end of the feed so polling resumes there.</param>
public sealed record RecordPage(IReadOnlyList<RecordView> Data, bool HasMore, string? NextPage);
