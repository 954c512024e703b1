using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests;

public sealed class PriceBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly PriceBook Book = new(20m,
    [
        new("gpt-5", 1m, 0.1m, 10m),
        new("gpt-5-codex", 2m, 0.2m, 20m, ReasoningPerMillion: 40m),
        new("gpt-5-codex-2026-01-15", 3m, 0.3m, 30m, Match: ModelMatch.Exact),
        new("claude-sonnet-4-5", 3m, 0.3m, 15m, Match: ModelMatch.Exact, Aliases: ["sonnet-prod", "claude-sonnet-4-5@2026"]),
        new("in-house", 0.5m, 0.5m, 0.5m, Aliases: ["acme-llm-"]),
    ]);

    [Theory]
    [InlineData("gpt-5-codex-2026-01-15", "gpt-5-codex-2026-01-15")] // exact id beats the longer-matching prefixes' family
    [InlineData("GPT-5-CODEX-2026-01-15", "gpt-5-codex-2026-01-15")] // ignoring case
    [InlineData("gpt-5-codex-2026-02-01", "gpt-5-codex")] // a dated snapshot without its own entry: longest prefix
    [InlineData("gpt-5-codex", "gpt-5-codex")]
    [InlineData("gpt-5.1", "gpt-5")]
    [InlineData("sonnet-prod", "claude-sonnet-4-5")] // exact alias
    [InlineData("claude-sonnet-4-5-20260101", null)] // exact entries never match as a prefix
    [InlineData("acme-llm-7b", "in-house")] // a prefix alias
    [InlineData("gpt-4o", null)]
    [InlineData("", null)]
    public void Find_AppliesExactThenLongestPrefix(string model, string? expected) =>
        Assert.Equal(expected, Book.Find(model)?.Model);

    [Fact]
    public void Apply_ReasoningRate_ChargesTheReasoningPartOfOutputAtItsOwnRate()
    {
        var calculator = new CreditCalculator(Book);

        // 1M uncached in at $2, 1M output of which 400k reasoning: 600k at $20 and 400k at $40.
        var record = calculator.Apply(Record("w", T0, "gpt-5-codex", new TokenUsage(1_000_000, 0, 1_000_000, 400_000)));

        Assert.Equal(2m + 12m + 16m, record.CostUsd);
        Assert.Equal(30m * 20m, record.Credits);
    }

    [Fact]
    public void Apply_NoReasoningRate_ChargesReasoningAsOutput()
    {
        var record = new CreditCalculator(Book).Apply(Record("w", T0, "gpt-5", new TokenUsage(0, 0, 1_000_000, 500_000)));

        Assert.Equal(10m, record.CostUsd);
    }

    [Fact]
    public void Timeline_PricesEachRecordByTheVersionInEffectWhenItOccurred()
    {
        var v1 = Version(1, T0, new PriceBook(10m, [new("gpt-5", 1m, 0m, 0m)]));
        var v2 = Version(2, T0.AddDays(10), new PriceBook(10m, [new("gpt-5", 2m, 0m, 0m)]));
        // A later version with the same effective time as v2 supersedes it (how a scheduled change is corrected).
        var v3 = Version(3, T0.AddDays(10), new PriceBook(10m, [new("gpt-5", 3m, 0m, 0m)]));
        var resolver = new TimelineResolver(new PriceBookTimeline(Book, [v3, v1, v2]));
        var calculator = new CreditCalculator(resolver);
        var usage = new TokenUsage(1_000_000, 0, 0, 0);

        Assert.Equal(1m, calculator.Apply(Record("w", T0.AddTicks(-10), "gpt-5", usage)).CostUsd); // server book
        Assert.Equal(1m * 10m, calculator.Apply(Record("w", T0, "gpt-5", usage)).Credits); // v1 from its first microsecond
        Assert.Equal(10m, calculator.Apply(Record("w", T0.AddDays(10).AddTicks(-10), "gpt-5", usage)).Credits);
        Assert.Equal(30m, calculator.Apply(Record("w", T0.AddDays(10), "gpt-5", usage)).Credits);
        Assert.Equal(30m, calculator.Apply(Record("w", T0.AddYears(1), "gpt-5", usage)).Credits);
        Assert.Equal(1m * 20m, calculator.Apply(Record("other", T0.AddDays(20), "gpt-5", usage)).Credits); // other workspace: server book
    }

    [Fact]
    public void Apply_ReportedCost_KeepsItAndConvertsWithTheWorkspaceCreditUnit()
    {
        var version = Version(1, T0, new PriceBook(100m, [new("gpt-5", 1m, 0m, 0m)]));
        var calculator = new CreditCalculator(new TimelineResolver(new PriceBookTimeline(Book, [version])));

        var record = calculator.Apply(Record("w", T0.AddHours(1), "gpt-5", new TokenUsage(1_000_000, 0, 0, 0)) with { CostUsd = 0.5m });

        Assert.Equal(0.5m, record.CostUsd);
        Assert.Equal(50m, record.Credits);
    }

    [Fact]
    public void Validator_NamesEveryBadField()
    {
        var ok = PriceBookValidator.TryBuild(0m,
        [
            new ModelPriceDraft("gpt-5", 1m, 0.1m, 10m, null, "prefix", null),
            new ModelPriceDraft(" ", -1m, null, 10m, 200_000m, "fuzzy", ["GPT-5", ""]),
        ], (i, f) => i is null ? f : $"models[{i}].{f}", out var book, out var errors);

        Assert.False(ok);
        Assert.Null(book);
        Assert.Equal(
            ["credits_per_usd", "models[1].model", "models[1].match", "models[1].aliases", "models[1].aliases", "models[1].input_per_million",
                "models[1].cached_input_per_million", "models[1].reasoning_per_million"],
            errors.Select(e => e.Key));
        Assert.Contains("already named by models[0].model", errors.First(e => e.Key == "models[1].aliases" && e.Value.Contains("GPT-5", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_ValidBook_BuildsItWithNullReasoningKept()
    {
        Assert.True(PriceBookValidator.TryBuild(25m, [new ModelPriceDraft("m", 1m, 0.5m, 2m, null, "EXACT", ["m2"])], (i, f) => f, out var book, out _));

        var price = Assert.Single(book!.Prices);
        Assert.Equal(new ModelPrice("m", 1m, 0.5m, 2m, null, ModelMatch.Exact, price.Aliases), price);
        Assert.Equal(["m2"], price.Aliases!);
    }

    [Fact]
    public void Json_RoundTripsExactly()
    {
        var json = PriceBookJson.Serialize(Book);
        var back = PriceBookJson.Deserialize(json);

        Assert.Equal(json, PriceBookJson.Serialize(back));
        Assert.Equal(20m, back.CreditsPerUsd);
        Assert.Equal(40m, back.Find("gpt-5-codex")!.ReasoningPerMillion);
        Assert.Equal("claude-sonnet-4-5", back.Find("sonnet-prod")!.Model);
    }

    private static PriceBookVersion Version(int version, DateTimeOffset from, PriceBook book) => new("w", version, from, book, from, "test", null);

    private static ActivityRecord Record(string workspace, DateTimeOffset at, string model, TokenUsage usage) => new()
    {
        Id = "r", WorkspaceId = workspace, EventId = "e", OccurredAt = at, ReceivedAt = at,
        Source = RecordSource.NativeEvent, Kind = RecordKind.ModelResponse, Actor = new ActorIdentity { Email = "a@b.c" },
        Agent = Agent.Codex, ClientId = ClientId.CodexCli, Model = model, Usage = usage,
    };

    /// <summary>One workspace ("w") on a timeline, every other on the timeline's server book.</summary>
    private sealed class TimelineResolver(PriceBookTimeline timeline) : IPriceBookResolver
    {
        public PriceBook Resolve(string workspaceId, DateTimeOffset at) => workspaceId == "w" ? timeline.BookAt(at) : Book;
    }
}
