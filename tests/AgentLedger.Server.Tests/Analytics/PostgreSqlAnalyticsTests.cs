using System.Net.Http.Headers;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using AgentLedger.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>The analytics API end to end on PostgreSQL: the same pages and figures as on SQLite, from the same definitions.</summary>
public sealed class PostgreSqlAnalyticsTests(PostgreSqlServer postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 10, 26, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("day", "UTC", "user")] // whole UTC days: the daily rollup
    [InlineData("hour", "Europe/Berlin", "team")]
    [InlineData("week", "America/New_York", "client")]
    public async Task NativeUsage_SmallPages_ConcatenateToTheRecomputationFromRawRecords(string bucket, string zone, string groupBy)
    {
        postgres.Require();
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        try
        {
            await using var app = await StartAsync(connectionString);
            using var client = await ClientAsync(app, ct);
            var activity = new RandomActivity(seed: 5, Start, days: 12);
            foreach (var batch in activity.Events(250).Chunk(50))
            {
                (await client.PostEventsAsync(EventBuilder.Batch(batch))).EnsureSuccessStatusCode();
            }

            var records = await client.ReadAllRecordsAsync("acme");
            var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
            var reference = new ReferenceSeries(tz, bucket, groupBy, "acme");
            var from = new DateOnly(2026, 10, 27);
            var to = bucket == "hour" ? from.AddDays(2) : from.AddDays(9);
            var expected = reference.Compute(records, reference.Midnight(from), reference.Midnight(to)).Select(r => r.Row).ToList();

            var rows = new List<string>();
            string? cursor = null;
            do
            {
                var url = $"/api/v1/analytics/workspaces/acme/usage?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&bucket={bucket}&time_zone={zone}&group_by={groupBy}&limit=3";
                var page = await (await client.GetAsync(url + (cursor is null ? "" : "&page=" + cursor), ct)).EnsureSuccessStatusCode().ReadJsonAsync();
                rows.AddRange(page["data"]!.AsArray().Select(r => ReferenceSeries.Format(r!.AsObject())));
                cursor = (string?)page["next_page"];
            }
            while (cursor is not null);

            Assert.NotEmpty(expected);
            Assert.Equal(expected, rows);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task CodexCodeReviewResponses_OnPostgreSql_CountEngagementPerComment()
    {
        postgres.Require();
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        try
        {
            await using var app = await StartAsync(connectionString);
            using var client = await ClientAsync(app, ct);
            var at = new DateTimeOffset(2026, 11, 10, 15, 0, 0, TimeSpan.Zero);
            (await client.PostEventsAsync(EventBuilder.Batch(CodexContractTests.ReviewActivity(at)))).EnsureSuccessStatusCode();

            var url = $"/v1/analytics/codex/workspaces/acme/code_review_responses?start_time={new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeSeconds()}"
                      + $"&end_time={new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).ToUnixTimeSeconds()}";
            var row = (await (await client.GetAsync(url, ct)).EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray().Single()!;

            Assert.Equal("""{"upvotes":2,"downvotes":1,"other":0}""", row["reaction_details"]!.ToJsonString());
            Assert.Equal("""{"engaged":2,"reacted":2,"upvoted":1,"downvoted":1,"reacted_other":0,"replied":1}""",
                row["comment_response_details"]!.ToJsonString());
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<WebApplication> StartAsync(string connectionString)
    {
        var app = AgentLedgerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Provider=PostgreSql", $"--Storage:PostgreSql:ConnectionString={connectionString}",
            "--Storage:MigrateOnStart=true",
        ]);
        await app.StartAsync();
        return app;
    }

    private static async Task<HttpClient> ClientAsync(WebApplication app, CancellationToken ct)
    {
        var issued = await app.Services.GetRequiredService<ApiKeyIssuer>()
            .IssueAsync("acme", "analytics test", ApiKeyScope.Ingest | ApiKeyScope.AnalyticsRead | ApiKeyScope.ComplianceRead, ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }
}
