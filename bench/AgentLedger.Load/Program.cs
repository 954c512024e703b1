using System.Globalization;
using AgentLedger.Load;

// Program only composes: options, the target server, the traffic, the run, the baseline, the report.
if (args is ["schema-variants", .. var variantArgs])
{
    try
    {
        return await SchemaVariantBench.RunAsync(variantArgs, Console.Out, CancellationToken.None);
    }
    catch (FormatException ex)
    {
        await Console.Error.WriteLineAsync(ex.Message);
        return 2;
    }
}

var repositoryRoot = FindRepositoryRoot();
// Every record of this run occurred after this (the stored-count check reads the feed from here; OTLP timestamps start at the wall clock).
var runStartedAt = DateTimeOffset.UtcNow.AddSeconds(-5);
LoadOptions options;
try
{
    options = LoadOptions.Parse(args, repositoryRoot);
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + Environment.NewLine + LoadOptions.Usage);
    return 2;
}

using var abort = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    abort.Cancel();
};

await using var target = options.StartServer is null ? LoadTarget.Running(options) : await LoadTarget.StartAsync(options, Console.Out, abort.Token);
options = options with { Key = target.Key };
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = target.BaseAddress,
    Timeout = TimeSpan.FromSeconds(100),
};

var fleet = new VirtualFleet(options.Users, Guid.NewGuid().ToString("N")[..8]);
GitHubTraffic? github = null;
if (options.Mix.Any(m => m.Kind == TrafficKind.GitHubWebhooks))
{
    var secret = "load-" + Guid.NewGuid().ToString("N");
    const string bot = "chatgpt-codex-connector[bot]";
    await target.ConfigureGitHubAsync(http, options.Workspace, secret, bot, abort.Token);
    github = new GitHubTraffic(GitHubTraffic.LoadExample(repositoryRoot), options.Workspace, secret, bot);
}

var logTemplates = CaptureTemplates.Logs();
GatewayTraffic? gateway = null;
if (options.Mix.Any(m => TrafficKinds.IsGateway(m.Kind)))
{
    var prompts = GatewayPrompts.From(logTemplates);
    Console.WriteLine($"Gateway traffic: {prompts.Count} distinct prompts from the captures; one gateway key per developer, issued on first use");
    gateway = new GatewayTraffic(http, fleet, new GatewayKeys(http, options.Workspace, target.Key), prompts);
}
var factory = new RequestFactory(new OtlpTraffic(logTemplates, CaptureTemplates.Metrics(), fleet), fleet, github);
var runner = new LoadRunner(http, factory, gateway, options, Console.Out, target.Postgres);
await runner.RunAsync(target.ServerPid ?? options.ServerPid, abort.Token);

StoredCount? stored = null;
var expectedTotal = runner.WarmUp.Acknowledged + runner.Measured.Acknowledged;
var expectedGateway = options.Mix.Where(m => TrafficKinds.IsGateway(m.Kind))
    .Sum(m => runner.WarmUpByKind[m.Kind].Acknowledged + runner.MeasuredByKind[m.Kind].Acknowledged);
if (options.Check)
{
    Console.WriteLine("Reading the stored records back through the compliance feed ...");
    stored = await StoredRecordCheck.WaitForAsync(http, options.Key!, runStartedAt, expectedTotal, expectedGateway, Console.Out, abort.Token);
    Console.WriteLine(stored.Describe(expectedTotal, expectedGateway, gateway is not null));
}

if (gateway is not null)
{
    long Calls(TrafficKind kind) => runner.WarmUpByKind.TryGetValue(kind, out var w) ? w.Requests + runner.MeasuredByKind[kind].Requests : 0;
    Console.WriteLine($"Gateway: {gateway.SessionsStarted:N0} sessions, {gateway.KeysIssued:N0} developer keys; "
                      + $"sent {Calls(TrafficKind.GatewayOpenAi):N0} Responses and {Calls(TrafficKind.GatewayAnthropic):N0} Messages calls (warm-up included)"
                      + (target.Upstream is { } stub ? $", the stub answered {stub.OpenAiRequests:N0} and {stub.AnthropicRequests:N0}" : ""));
}

BareInsertBaseline.Result? baseline = null;
if (options.Baseline)
{
    await target.StopServerAsync();
    Console.WriteLine("Baseline: bare INSERT of the stored rows ...");
    // As many rows per commit as the group commit can gather when every sender has a request queued.
    var commitSize = Math.Min(5000, options.Batch * options.Concurrency);
    var rows = (int)Math.Min(200_000, runner.Measured.Acknowledged + runner.WarmUp.Acknowledged);
    baseline = target.Postgres is { } pg
        ? await BareInsertBaseline.PostgreSqlAsync(pg.ConnectionString, rows, commitSize, abort.Token)
        : await BareInsertBaseline.SqliteAsync(target.SqlitePath!, target.Folder!, rows, commitSize, abort.Token);
}

var report = new LoadReport
{
    Options = options,
    Engine = target.Engine,
    Stats = runner.Measured,
    ByKind = runner.MeasuredByKind,
    Stored = stored,
    ExpectedStored = (expectedTotal, expectedGateway),
    Seconds = runner.MeasuredSeconds,
    ServerCpuSeconds = runner.ServerAtEnd is { } end && runner.ServerAtStart is { } start ? end.CpuSeconds - start.CpuSeconds : null,
    ServerRssMiB = runner.ServerAtEnd?.RssKiB / 1024.0,
    ServerPeakRssMiB = runner.ServerPeakRssKiB / 1024.0,
    DatabaseCpuSeconds = runner.DatabaseCpuSeconds,
    DatabaseRssMiB = runner.DatabaseRssKiB / 1024.0,
    ClientCpuSeconds = runner.ClientCpuSeconds,
    Baseline = baseline,
};
Console.WriteLine();
Console.WriteLine(report.Text());
if (options.MarkdownOut is { } file)
{
    await File.WriteAllTextAsync(file, report.Markdown());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Markdown section written to {file}"));
}

return runner.Measured.Acknowledged > 0 && (stored is null || stored.Matches(expectedTotal, expectedGateway)) ? 0 : 1;

static string FindRepositoryRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentLedger.slnx")))
            {
                return dir.FullName;
            }
        }
    }

    return Environment.CurrentDirectory;
}
