using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>A server configured with a workspace time zone buckets in it when a request names none.</summary>
public sealed class BerlinServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArgs => ["--Analytics:DefaultTimeZone=Europe/Berlin"];
}

public sealed class DefaultTimeZoneTests(BerlinServerFixture server) : IClassFixture<BerlinServerFixture>
{
    [Fact]
    public async Task Usage_WithoutTimeZone_UsesTheConfiguredZone()
    {
        var ws = await server.NewWorkspaceAsync();
        (await ws.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt().At("2026-11-16T23:30:00Z")))).EnsureSuccessStatusCode();

        var page = await (await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/usage?from=2026-11-16&to=2026-11-19"))
            .EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal("Europe/Berlin", (string)page["time_zone"]!);
        Assert.Equal("2026-11-17T00:00:00+01:00", (string)page["data"]![0]!["bucket_start"]!); // 00:30 on the 17th in Berlin
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("Asia/Kolkata")]
    public async Task Start_WithAZoneAnalyticsCannotBucket_FailsNamingTheKey(string zone)
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-tz-").FullName;
        await using var app = AgentLedgerApp.Build(
            ["--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(folder, "a.db")}", "--Otlp:Grpc:Port=0", $"--Analytics:DefaultTimeZone={zone}"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Analytics:DefaultTimeZone", error.Message, StringComparison.Ordinal);
    }
}
