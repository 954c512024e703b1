using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using AgentLedger.Fuzz;
using AgentLedger.Server.Features.Integrations.GitHub;
using AgentLedger.Server.Hosting;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// dotnet run -c Release --project bench/AgentLedger.Fuzz -- [--target name|all] [--cases 1000000] [--seed csCheckSeed] [--save-corpus]
//   or -- --target name --replay file   (prints what one input raises)
var target = Arg("--target") ?? "all";
var cases = long.Parse(Arg("--cases") ?? "1000000", CultureInfo.InvariantCulture);
var seed = Arg("--seed");
var saveCorpus = args.Contains("--save-corpus");
var root = FindRoot();
var corpusRoot = Path.Combine(root, "bench", "AgentLedger.Fuzz", "corpus");

using var host = await FuzzHost.StartAsync();
var targets = new FuzzTargets(host.Services.GetRequiredService<GitHubWebhookMapper>());
if (Arg("--replay") is { } replay)
{
    // Runs one saved input and prints what it raised: the way to read a crasher the fuzzer saved.
    try
    {
        Console.WriteLine(await targets.RunAsync(target, File.ReadAllBytes(replay)) ? "accepted" : "rejected");
        return 0;
    }
    catch (Exception ex)
    {
        Console.WriteLine(ex);
        return 1;
    }
}

var failed = false;
foreach (var name in target == "all" ? FuzzTargets.All : [target])
{
    var seeds = Seeds.For(name, root, corpusRoot);
    var accepted = 0L;
    var rejected = 0L;
    var maxTicks = 0L;
    var saved = new HashSet<string>();
    byte[]? lastFailure = null;
    var clock = Stopwatch.StartNew();
    try
    {
        var inputs = name == FuzzTargets.AnalyticsCursor
            ? Gen.Frequency((1, Mutations.Inputs(seeds)), (2, CursorInputs.Generator()))
            : Mutations.Inputs(seeds);
        inputs.Sample(input =>
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                ok = targets.RunAsync(name, input).GetAwaiter().GetResult();
            }
            catch
            {
                lastFailure = input;
                throw;
            }

            var ticks = Stopwatch.GetTimestamp() - started;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            maxTicks = Math.Max(maxTicks, ticks);
            if (ticks > Stopwatch.Frequency * 2)
            {
                lastFailure = input;
                throw new TimeoutException($"one input took {ticks * 1000 / Stopwatch.Frequency} ms (hang)");
            }

            // Memory proportional to the input: a small body must not allocate as if it were a large one.
            if (allocated > (input.Length * 256L) + (16L << 20))
            {
                lastFailure = input;
                throw new InsufficientExecutionStackException($"{allocated} bytes allocated for a {input.Length}-byte input");
            }

            if (ok)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }

            // Keep a few accepted and rejected inputs of each target as the replayed corpus.
            if (saveCorpus && saved.Count < 40 && (ok ? accepted : rejected) % 50_000 == 1)
            {
                var hash = Convert.ToHexStringLower(SHA256.HashData(input))[..12];
                if (saved.Add(hash))
                {
                    Directory.CreateDirectory(Path.Combine(corpusRoot, name));
                    File.WriteAllBytes(Path.Combine(corpusRoot, name, $"{(ok ? "accepted" : "rejected")}-{hash}.bin"), input);
                }
            }
        }, seed: seed, iter: cases, threads: 1);
        Console.WriteLine(
            $"{name}: {cases:N0} cases in {clock.Elapsed.TotalSeconds:F1} s ({cases / clock.Elapsed.TotalSeconds:N0}/s), {accepted:N0} accepted, {rejected:N0} rejected, slowest {maxTicks * 1000.0 / Stopwatch.Frequency:F1} ms, no crash, no hang");
    }
    catch (Exception ex)
    {
        failed = true;
        Console.WriteLine($"{name}: FAILED after {clock.Elapsed.TotalSeconds:F1} s: {ex.Message}");
        if (lastFailure is not null)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(lastFailure))[..12];
            Directory.CreateDirectory(Path.Combine(corpusRoot, name));
            var file = Path.Combine(corpusRoot, name, $"crash-{hash}.bin");
            File.WriteAllBytes(file, lastFailure);
            Console.WriteLine($"  minimised input saved as {Path.GetRelativePath(root, file)}");
        }
    }
}

await host.StopAsync();
return failed ? 1 : 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentLedger.slnx")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}
