using System.CommandLine;
using AgentLedger.CrashTest;

// Program only composes: options from the command line, the rounds in CrashTestRunner.
var serverDll = new Argument<FileInfo>("server-dll") { Description = "The built server: src/AgentLedger.Server/bin/<cfg>/net10.0/agentledger.dll" };
var rounds = new Option<int>("--rounds") { Description = "Crash rounds on the same database.", DefaultValueFactory = _ => 3 };
var workers = new Option<int>("--workers") { Description = "Concurrent senders.", DefaultValueFactory = _ => 12 };
var minBatch = new Option<int>("--min-batch") { Description = "Fewest events in a batch.", DefaultValueFactory = _ => 1 };
var maxBatch = new Option<int>("--max-batch") { Description = "Most events in a batch.", DefaultValueFactory = _ => 200 };
var killMin = new Option<double>("--kill-after-min") { Description = "Earliest kill, seconds after the load starts.", DefaultValueFactory = _ => 2 };
var killMax = new Option<double>("--kill-after-max") { Description = "Latest kill, seconds after the load starts.", DefaultValueFactory = _ => 6 };
var maxEvents = new Option<int>("--max-events") { Description = "Cap on events sent per round.", DefaultValueFactory = _ => 500_000 };
var seed = new Option<int?>("--seed") { Description = "Random seed (batch sizes, payloads, kill moments)." };
var timeout = new Option<double>("--timeout") { Description = "Seconds before the whole run is aborted as failed.", DefaultValueFactory = _ => 600 };
var dataDirectory = new Option<DirectoryInfo?>("--data") { Description = "Folder for the database and server logs (default: a fresh temporary folder, deleted after a passing run)." };
var keep = new Option<bool>("--keep-data") { Description = "Keep the temporary data folder." };

var root = new RootCommand("SIGKILLs a loaded AgentLedger server and checks that no acknowledged event is lost or stored twice.")
{
    serverDll, rounds, workers, minBatch, maxBatch, killMin, killMax, maxEvents, seed, timeout, dataDirectory, keep,
};
root.SetAction(async (result, cancellationToken) =>
{
    var options = new CrashTestOptions
    {
        ServerDll = result.GetValue(serverDll)!.FullName,
        Rounds = result.GetValue(rounds),
        Workers = result.GetValue(workers),
        MinBatch = result.GetValue(minBatch),
        MaxBatch = result.GetValue(maxBatch),
        KillAfterMin = TimeSpan.FromSeconds(result.GetValue(killMin)),
        KillAfterMax = TimeSpan.FromSeconds(result.GetValue(killMax)),
        MaxEventsPerRound = result.GetValue(maxEvents),
        Seed = result.GetValue(seed) ?? Environment.TickCount,
        Timeout = TimeSpan.FromSeconds(result.GetValue(timeout)),
        DataDirectory = result.GetValue(dataDirectory)?.FullName,
        KeepData = result.GetValue(keep),
    };
    var errors = options.Validate();
    if (errors.Count > 0)
    {
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(error);
        }

        return 2;
    }

    var results = await new CrashTestRunner(options, Console.Out, TimeProvider.System).RunAsync(cancellationToken);
    var last = results[^1];
    await Console.Out.WriteLineAsync(
        $"total: sent {results.Sum(r => r.Sent)}, acknowledged {results.Sum(r => r.Acknowledged)}, in flight at kill {results.Sum(r => r.InFlightAtKill)}, " +
        $"records after the last restart {last.AfterRestart.Stored}, missing {results.Sum(r => r.AfterRestart.Missing)}, " +
        $"duplicates {results.Sum(r => r.AfterRestart.Duplicates + r.AfterResend.Duplicates)}, failed rounds {results.Count(r => !r.Passed)} of {results.Count}");
    return results.All(r => r.Passed) ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
