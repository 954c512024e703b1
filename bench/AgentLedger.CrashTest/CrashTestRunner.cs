using System.Diagnostics;
using AgentLedger.Bench;

namespace AgentLedger.CrashTest;

/// <summary>
/// Runs the crash rounds against one database: start the server, load it from concurrent senders, SIGKILL it
/// mid-load, restart it on the same file, and check that every acknowledged event is stored exactly once with a
/// gap-free seq; then re-send what was not acknowledged and check that nothing is stored or counted twice.
/// </summary>
public sealed class CrashTestRunner(CrashTestOptions options, TextWriter output, TimeProvider time)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<CrashRoundResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var abort = deadline.Token;
        var dataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("agentledger-crash-").FullName;
        Directory.CreateDirectory(dataDirectory);
        var database = Path.Combine(dataDirectory, "agentledger.db");
        var results = new List<CrashRoundResult>();
        try
        {
            var key = await ServerProcess.CreateKeyAsync(options.ServerDll, database, options.WorkspaceId, "ingest,compliance.read", abort)
                .ConfigureAwait(false);
            using var client = new IngestClient(key, options.WorkspaceId, TimeSpan.FromSeconds(30));
            var ledger = new Ledger();
            var random = new Random(options.Seed);
            await output.WriteLineAsync($"crash test: seed {options.Seed}, {options.Workers} workers, batches of {options.MinBatch}-{options.MaxBatch} events, data in {dataDirectory}")
                .ConfigureAwait(false);
            for (var round = 1; round <= options.Rounds; round++)
            {
                var result = await RunRoundAsync(round, client, ledger, database, dataDirectory, random, abort).ConfigureAwait(false);
                results.Add(result);
                await output.WriteLineAsync(result.ToString()).ConfigureAwait(false);
            }
        }
        finally
        {
            // A failed or aborted run keeps its database and server logs for inspection.
            if (!options.KeepData && options.DataDirectory is null && results.Count == options.Rounds && results.TrueForAll(r => r.Passed))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            else
            {
                await output.WriteLineAsync($"data and server logs kept in {dataDirectory}").ConfigureAwait(false);
            }
        }

        return results;
    }

    private async Task<CrashRoundResult> RunRoundAsync(
        int round, IngestClient client, Ledger ledger, string database, string dataDirectory, Random random, CancellationToken abort)
    {
        var log = Path.Combine(dataDirectory, $"server-round{round}.log");
        var failures = new List<string>();

        // 1. Load, then SIGKILL at a random moment.
        var load = new IngestLoad(client, options, round, time);
        int inFlightAtKill, exitCode;
        TimeSpan killedAfter, firstAcknowledgedAfter;
        await using (var server = await ServerProcess.StartAsync(options.ServerDll, database, log, StartTimeout, abort).ConfigureAwait(false))
        {
            client.BaseAddress = server.BaseAddress;
            var killAfter = options.KillAfterMin + (options.KillAfterMax - options.KillAfterMin) * random.NextDouble();
            using var stopSending = new CancellationTokenSource();
            var loadStarted = Stopwatch.StartNew();
            var loadTask = load.RunAsync(stopSending.Token, abort);
            // The kill delay counts from the first 2xx, so that a cold start (JIT, a busy shared machine) cannot
            // leave the kill landing before anything was acknowledged.
            await Task.WhenAny(load.FirstAcknowledged, loadTask, Task.Delay(StartTimeout, abort)).ConfigureAwait(false);
            firstAcknowledgedAfter = loadStarted.Elapsed;
            var started = Stopwatch.StartNew();
            await Task.WhenAny(Task.Delay(killAfter, abort), loadTask).ConfigureAwait(false);
            abort.ThrowIfCancellationRequested();
            await stopSending.CancelAsync().ConfigureAwait(false);
            server.Kill();
            killedAfter = started.Elapsed;
            // Read right after the signal: requests whose answer the client had not read. A few answers may still sit
            // in a socket buffer and be read later, so this is an upper bound of what the kill cut off.
            inFlightAtKill = load.InFlightEvents;
            exitCode = await server.WaitForExitAsync().ConfigureAwait(false);
            await loadTask.ConfigureAwait(false);
        }

        foreach (var batch in load.Sent)
        {
            ledger.AddSent(batch);
        }

        foreach (var batch in load.AcknowledgedBatches)
        {
            ledger.AddAcknowledged(batch);
        }

        failures.AddRange(load.Anomalies);
        if (exitCode != 137)
        {
            failures.Add($"the server exited with code {exitCode}, not 137 (SIGKILL)");
        }

        if (inFlightAtKill == 0)
        {
            failures.Add("no request was in flight at the kill: it did not land mid-load (raise --max-events or lower the kill delay)");
        }

        if (load.AcknowledgedBatches.Count == 0)
        {
            failures.Add("nothing was acknowledged before the kill: the round proves nothing");
        }

        // 2. Restart on the same file and compare the feed with what was acknowledged.
        await using var restarted = await ServerProcess.StartAsync(options.ServerDll, database, log, StartTimeout, abort).ConfigureAwait(false);
        client.BaseAddress = restarted.BaseAddress;
        var afterRestart = FeedCheck.Of(await client.ReadFeedAsync(abort).ConfigureAwait(false), ledger);
        if (afterRestart.Missing > 0)
        {
            failures.Add($"{afterRestart.Missing} acknowledged events are missing after the restart");
        }

        AddFeedFailures(failures, afterRestart, "after the restart");
        var unacknowledged = load.UnacknowledgedBatches.ToList();
        var unacknowledgedStored = unacknowledged.Sum(b => b.Events.Count(e => afterRestart.StoredIds.Contains(e.EventId)));

        // 3. Re-send every unacknowledged batch as a client would, and a few acknowledged ones: nothing may be stored twice.
        var (resentAccepted, resentDuplicates) = await ResendAsync(client, unacknowledged, afterRestart.StoredIds, failures, abort).ConfigureAwait(false);
        await ResendAcknowledgedAsync(client, load.AcknowledgedBatches.Take(options.AcknowledgedResends).ToList(), failures, abort).ConfigureAwait(false);

        var afterResend = FeedCheck.Of(await client.ReadFeedAsync(abort).ConfigureAwait(false), ledger);
        AddFeedFailures(failures, afterResend, "after the re-send");
        if (afterResend.Stored != ledger.SentCount)
        {
            failures.Add($"after the re-send {afterResend.Stored} records are stored for {ledger.SentCount} distinct events sent");
        }

        var rollups = await RollupTotals.ReadAsync(database, options.WorkspaceId, abort).ConfigureAwait(false);
        var expected = new RollupTotals(ledger.SentCount, ledger.Sessions, ledger.InputTokens, ledger.OutputTokens);
        if (rollups != expected)
        {
            failures.Add($"rollups {rollups} differ from the events sent {expected}");
        }

        var rollupMismatches = await RollupTotals.ReadMismatchesAsync(database, options.WorkspaceId, abort).ConfigureAwait(false);
        failures.AddRange(rollupMismatches);

        return new CrashRoundResult
        {
            Round = round,
            Sent = load.Sent.Sum(b => b.Count),
            Batches = load.Sent.Count,
            Acknowledged = load.AcknowledgedBatches.Sum(b => b.Count),
            InFlightAtKill = inFlightAtKill,
            Unacknowledged = unacknowledged.Sum(b => b.Count),
            ErrorStatusesBeforeKill = load.ErrorStatuses,
            KilledAfter = killedAfter,
            FirstAcknowledgedAfter = firstAcknowledgedAfter,
            ServerExitCode = exitCode,
            AfterRestart = afterRestart,
            UnacknowledgedButStored = unacknowledgedStored,
            ResentEvents = unacknowledged.Sum(b => b.Count),
            ResentAccepted = resentAccepted,
            ResentDuplicates = resentDuplicates,
            AfterResend = afterResend,
            SentSoFar = ledger.SentCount,
            Rollups = rollups,
            ExpectedRollups = expected,
            RollupMismatches = rollupMismatches,
            Failures = failures,
        };
    }

    private static async Task<(int Accepted, int Duplicates)> ResendAsync(
        IngestClient client, IReadOnlyList<SentBatch> batches, HashSet<string> stored, List<string> failures, CancellationToken abort)
    {
        int accepted = 0, duplicates = 0;
        foreach (var batch in batches)
        {
            var outcome = await client.PostAsync(batch, abort).ConfigureAwait(false);
            var alreadyStored = batch.Events.Count(e => stored.Contains(e.EventId));
            if (!outcome.Acknowledged)
            {
                failures.Add($"re-sending a batch of {batch.Count} failed: {outcome.Failure}");
                continue;
            }

            if (outcome.Duplicates != alreadyStored || outcome.Accepted != batch.Count - alreadyStored)
            {
                failures.Add($"re-sent batch of {batch.Count} with {alreadyStored} already stored was answered accepted={outcome.Accepted} duplicates={outcome.Duplicates}");
            }

            accepted += outcome.Accepted;
            duplicates += outcome.Duplicates;
        }

        return (accepted, duplicates);
    }

    private static async Task ResendAcknowledgedAsync(IngestClient client, IReadOnlyList<SentBatch> batches, List<string> failures, CancellationToken abort)
    {
        foreach (var batch in batches)
        {
            var outcome = await client.PostAsync(batch, abort).ConfigureAwait(false);
            if (!outcome.Acknowledged || outcome.Accepted != 0 || outcome.Duplicates != batch.Count)
            {
                failures.Add($"re-sending an acknowledged batch of {batch.Count} was answered {outcome}");
            }
        }
    }

    private static void AddFeedFailures(List<string> failures, FeedCheck check, string when)
    {
        if (check.Duplicates > 0)
        {
            failures.Add($"{check.Duplicates} duplicate records {when}");
        }

        if (check.Unexpected > 0)
        {
            failures.Add($"{check.Unexpected} records {when} carry event ids that were never sent");
        }

        if (check.SeqError is not null)
        {
            failures.Add($"seq is not gap-free {when}: {check.SeqError}");
        }
    }
}
