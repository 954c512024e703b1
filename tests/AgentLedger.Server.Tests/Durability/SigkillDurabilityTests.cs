using AgentLedger.CrashTest;
using Xunit;

namespace AgentLedger.Server.Tests.Durability;

/// <summary>
/// Issue 2, "a process crash does not lose an acknowledged event": one short round of bench/AgentLedger.CrashTest
/// against the real server process. The longer, multi-round run and its figures are in docs/perf/ingest-sqlite.md.
/// </summary>
public sealed class SigkillDurabilityTests
{
    [Fact]
    public async Task Sigkill_MidConcurrentIngest_EveryAcknowledgedEventStoredExactlyOnce()
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "agentledger.dll");
        Assert.True(File.Exists(serverDll), $"The server build output is missing: {serverDll}");
        var options = new CrashTestOptions
        {
            ServerDll = serverDll,
            Rounds = 1,
            Workers = 8,
            MaxBatch = 100,
            KillAfterMin = TimeSpan.FromSeconds(1.5),
            KillAfterMax = TimeSpan.FromSeconds(3),
            MaxEventsPerRound = 200_000,
            Seed = 20261126,
            Timeout = TimeSpan.FromSeconds(90),
        };
        Assert.Empty(options.Validate());
        using var log = new StringWriter();

        // On a loaded machine a kill can land in a gap between requests, which proves nothing either way. Such a
        // round still has to keep every acknowledged event; it is then repeated (at most three times) until a kill
        // lands while requests are in flight.
        var landedMidLoad = false;
        for (var attempt = 1; attempt <= 3 && !landedMidLoad; attempt++)
        {
            var results = await new CrashTestRunner(options with { Seed = options.Seed + attempt }, log, TimeProvider.System)
                .RunAsync(TestContext.Current.CancellationToken);

            var round = Assert.Single(results);
            Assert.True(round.Acknowledged > 0, "nothing was acknowledged before the kill:\n" + log);
            Assert.Equal(137, round.ServerExitCode);
            Assert.Equal(0, round.AfterRestart.Missing);
            Assert.Equal(0, round.AfterRestart.Duplicates);
            Assert.Null(round.AfterRestart.SeqError);
            Assert.Equal(round.Sent, round.AfterResend.Stored);
            Assert.Equal(0, round.AfterResend.Duplicates);
            Assert.Null(round.AfterResend.SeqError);
            Assert.Equal(round.ExpectedRollups, round.Rollups);
            Assert.Empty(round.RollupMismatches);
            landedMidLoad = round.InFlightAtKill > 0;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(log.ToString());
        Assert.True(landedMidLoad, "in three rounds no kill landed while requests were in flight:\n" + log);
    }
}
