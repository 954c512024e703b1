using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Compliance.Retention;
using AgentLedger.Server.Tests.Compliance;
using AgentLedger.Server.Tests.Siem;
using AgentLedger.Server.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLedger.Server.Tests.Faults;

/// <summary>
/// Issue 12, "clock jumps": the server's wall clock (its <see cref="TimeProvider"/>) is set back and forth by hours and
/// days while senders ingest and the sealing and retention jobs run. No acknowledged record is lost or stored twice,
/// seqs stay 1..n in commit order, sealed files hold every record once, retention purges only what is expired by any
/// reading of the clock and never what a legal hold keeps, and the per-key rate limit (which runs on the monotonic
/// clock) neither locks a key out nor lets it through unlimited.
/// </summary>
public sealed class ClockJumpTests
{
    private static readonly TimeSpan[] Jumps =
    [
        TimeSpan.FromHours(-2), TimeSpan.FromDays(1), TimeSpan.FromDays(-3), TimeSpan.FromMinutes(37), TimeSpan.FromDays(2), TimeSpan.FromHours(-12),
    ];

    [Fact]
    public async Task WallClockJumpsBackAndForth_DuringIngestSealingAndRetention_NothingLostDuplicatedOrWronglyPurged()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new JumpingClock();
        var server = new JumpingServer(clock);
        await server.InitializeAsync();
        try
        {
            var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead | ApiKeyScope.ComplianceAdmin);
            using var client = ws.Client();
            var now = clock.GetUtcNow();
            // Before the load: content that expired long ago (100 days, beyond any jump), some of it under a legal hold, and
            // content 20 days old, which no jump of at most 3 days may expire under the 30-day policy.
            var old = Enumerable.Range(0, 10).Select(i => EventBuilder.Prompt().User(i < 4 ? "held@example.com" : "free@example.com")
                .At(now.AddDays(-100)).Prompt($"old {i}")).ToArray();
            var recent = Enumerable.Range(0, 10).Select(i => EventBuilder.Prompt().At(now.AddDays(-20)).Prompt($"recent {i}")).ToArray();
            // The hold first: the scheduled purge round (every 100 ms) would otherwise take the old content before it.
            (await client.PostJsonAsync("/api/v1/compliance/legal-holds",
                JsonNode.Parse("""{"name": "Matter clock", "filter": {"user_emails": ["held@example.com"]}}""")!)).EnsureSuccessStatusCode();
            (await client.PostEventsAsync(EventBuilder.Batch([.. old, .. recent]))).EnsureSuccessStatusCode();

            var load = new FaultLoad("clock");
            using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
            giveUp.CancelAfter(TimeSpan.FromSeconds(45));
            var running = load.RunAsync(ws.Client, senders: 4, batches: 40, size: 10, giveUp.Token);
            var purger = server.Services.GetRequiredService<RetentionPurgeJob>();
            foreach (var jump in Jumps)
            {
                await Task.Delay(150, ct);
                clock.Jump(jump);
                // Retention runs on every reading of the clock (the scheduled round too, every 100 ms).
                await purger.PurgeOnceAsync(ct);
            }

            await running;
            // One more jump back, after the last record arrived: the partial last file's lines now arrived "in the
            // future", and must still be sealed rather than wait a day for the clock to catch up.
            clock.Jump(TimeSpan.FromDays(-1));
            Assert.False(giveUp.IsCancellationRequested, "the load did not finish");
            Assert.Empty(load.Unexpected);
            Assert.Equal(0, load.Refused);
            Assert.Equal(0, load.NoAnswer);

            var records = await client.ReadAllRecordsAsync(ws.Id);
            var (lost, duplicates, gapFree, stored) = load.Audit(records.Select(r => ((long)r["seq"]!, (string)r["event_id"]!)).ToList());
            Assert.Equal((0, 0, true), (lost, duplicates, gapFree));
            Assert.Equal(20 + 4 * 40 * 10, stored);

            // Retention: the free old content is gone, the held old content and everything newer is still there.
            string? Text(EventBuilder e) => (string?)records.Single(r => (string)r["event_id"]! == e.EventId)["prompt_text"];
            Assert.All(old.Take(4), e => Assert.StartsWith("old", Text(e), StringComparison.Ordinal));
            Assert.All(old.Skip(4), e => Assert.Null(Text(e)));
            Assert.All(recent, e => Assert.StartsWith("recent", Text(e), StringComparison.Ordinal));
            Assert.Equal(4 * 40 * 10, records.Count(r => ((string?)r["prompt_text"])?.StartsWith("fault-test", StringComparison.Ordinal) == true));

            // Sealing: every record in exactly one file, in seq order, each file matching its hash.
            var collector = new CodexLogCollector(client, ws.Id, batchSize: 100);
            Assert.True(await SiemApi.WaitUntilAsync(async () =>
            {
                await collector.PollAsync();
                return collector.Seqs.Count >= stored;
            }, TimeSpan.FromSeconds(30)), $"sealed {collector.Seqs.Count} of {stored} records");
            Assert.Empty(collector.DuplicateEventIds);
            Assert.Equal(Enumerable.Range(1, stored).Select(i => (long)i), collector.Seqs.Order());
            var verification = await (await client.GetAsync("/api/v1/compliance/verify", ct)).EnsureSuccessStatusCode().ReadJsonAsync();
            Assert.True((string?)verification["status"] == "valid", verification.ToJsonString());
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task WallClockJumps_RateLimitPerKey_StillRefusesOverTheBurstAndRefills()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new JumpingClock();
        var server = new JumpingServer(clock, "--RateLimits:PermitsPerSecond=5", "--RateLimits:Burst=5");
        await server.InitializeAsync();
        try
        {
            var ws = await server.NewWorkspaceAsync();
            using var client = ws.Client();
            async Task<HttpStatusCode[]> BurstAsync(int n)
            {
                var answers = new HttpStatusCode[n];
                for (var i = 0; i < n; i++)
                {
                    using var response = await client.GetAsync($"/api/v1/workspaces/{ws.Id}/records?limit=1", ct);
                    answers[i] = response.StatusCode;
                }

                return answers;
            }

            foreach (var jump in new[] { TimeSpan.FromDays(-1), TimeSpan.FromDays(2), TimeSpan.FromHours(-3) })
            {
                clock.Jump(jump);
                var answers = await BurstAsync(12);
                // A backwards jump must not lock the key out, a forward one must not refill the bucket.
                Assert.Equal(HttpStatusCode.OK, answers[0]);
                Assert.Contains(HttpStatusCode.TooManyRequests, answers);
                await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A server on the jumping clock, sealing every 100 ms with a 30-day content retention.</summary>
    private sealed class JumpingServer(JumpingClock clock, params string[] extra) : ServerFixture
    {
        protected override IEnumerable<string> ExtraArgs =>
        [
            "--Compliance:Logs:SealInterval=00:00:00.300", "--Compliance:Logs:PollInterval=00:00:00.100", "--Compliance:Logs:MaxRecordsPerFile=50",
            "--Retention:Content=30.00:00:00", "--Retention:PollInterval=00:00:00.100", .. extra,
        ];

        protected override void ConfigureBuilder(WebApplicationBuilder builder) => builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
    }
}
