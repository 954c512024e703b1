using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests;

public sealed class CreditCalculatorTests
{
    private static readonly CreditCalculator Calculator = new(PriceBook.Default);

    [Fact]
    public void Apply_TokensOnly_PricesWithTheLongestMatchingPrefix()
    {
        // gpt-5.1-codex-mini must not be priced as gpt-5: $0.25 in, $0.025 cached, $2 out per million
        var record = Calculator.Apply(Record("gpt-5.1-codex-mini-2026", new TokenUsage(1_000_000, 200_000, 100_000, 0)));

        Assert.Equal(0.2m + 0.005m + 0.2m, record.CostUsd);
        Assert.Equal(10.125m, record.Credits);
    }

    [Fact]
    public void Apply_ReportedCost_IsKeptAndConverted()
    {
        var record = Calculator.Apply(Record("claude-opus-4", new TokenUsage(10, 0, 10, 0)) with { CostUsd = 0.1234567891m });

        Assert.Equal(0.123457m, record.CostUsd);
        Assert.Equal(3.086425m, record.Credits);
    }

    [Fact]
    public void Apply_ReportedCredits_AreKept()
    {
        var record = Calculator.Apply(Record("unknown-model", TokenUsage.None) with { Credits = 5m });

        Assert.Equal(5m, record.Credits);
        Assert.Equal(0.2m, record.CostUsd);
    }

    [Fact]
    public void Apply_UnknownModelWithoutCost_LeavesCostUnknown()
    {
        var record = Calculator.Apply(Record("in-house-llm", new TokenUsage(100, 0, 100, 0)));

        Assert.Null(record.CostUsd);
        Assert.Null(record.Credits);
    }

    private static ActivityRecord Record(string model, TokenUsage usage) => new()
    {
        Id = "r", WorkspaceId = "w", EventId = "e", OccurredAt = DateTimeOffset.UnixEpoch, ReceivedAt = DateTimeOffset.UnixEpoch,
        Source = RecordSource.NativeEvent, Kind = RecordKind.ModelResponse, Actor = new ActorIdentity { Email = "a@b.c" },
        Agent = Agent.Codex, ClientId = ClientId.CodexCli, Model = model, Usage = usage,
    };
}
