namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>The Codex Analytics API's 422 body (FastAPI's <c>HTTPValidationError</c>).</summary>
/// <param name="Detail">One entry per invalid parameter.</param>
public sealed record CodexValidationError(IReadOnlyList<CodexValidationDetail> Detail);

/// <summary>One invalid parameter.</summary>
/// <param name="Loc">Where: <c>["query", "limit"]</c>.</param>
/// <param name="Msg">What is wrong, for people.</param>
/// <param name="Type">What is wrong, for programs: <c>int_parsing</c>, <c>greater_than_equal</c>, <c>less_than_equal</c>, <c>literal_error</c>, <c>value_error</c>.</param>
/// <param name="Input">The value sent.</param>
public sealed record CodexValidationDetail(IReadOnlyList<string> Loc, string Msg, string Type, string? Input);
