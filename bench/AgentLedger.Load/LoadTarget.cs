using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentLedger.Bench;

namespace AgentLedger.Load;

/// <summary>
/// The server under load: either one already running (<c>--url</c>), or one this tool starts on a fresh SQLite file
/// or a throwaway PostgreSQL cluster, with a new workspace and key created through the <c>keys create</c> CLI. With
/// gateway traffic in the mix, a started server's OpenAI and Anthropic upstreams are a loopback
/// <see cref="StubUpstream"/> in this process (provider keys passed in the environment, as secrets are).
/// </summary>
internal sealed class LoadTarget : IAsyncDisposable
{
    public const string OpenAiUpstreamKey = "sk-load-openai";
    public const string AnthropicUpstreamKey = "sk-ant-load";

    private ServerProcess? _server;
    private StubUpstream? _upstream;
    private PostgreSqlCluster? _postgres;
    private string? _folder;
    private bool _keep;

    public required Uri BaseAddress { get; init; }

    public required string Key { get; init; }

    public int? ServerPid { get; private init; }

    public PostgreSqlCluster? Postgres => _postgres;

    public string? SqlitePath { get; private init; }

    public string? Folder => _folder;

    public string Engine { get; private init; } = "as configured";

    /// <summary>The model-provider stub the started server's gateway forwards to (null with <c>--url</c> or without gateway traffic).</summary>
    public StubUpstream? Upstream => _upstream;

    public static LoadTarget Running(LoadOptions options) =>
        new() { BaseAddress = new Uri(options.Url!), Key = options.Key!, ServerPid = options.ServerPid };

    public static async Task<LoadTarget> StartAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-load-").FullName;
        try
        {
            return await StartInAsync(folder, options, log, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (!options.KeepData)
            {
                Directory.Delete(folder, recursive: true);
            }

            throw;
        }
    }

    private static async Task<LoadTarget> StartInAsync(string folder, LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        PostgreSqlCluster? postgres = null;
        List<string> storage;
        Dictionary<string, string>? environment = null;
        string? sqlitePath = null;
        if (options.StartServer == "postgres")
        {
            postgres = await PostgreSqlCluster.StartAsync(cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"PostgreSQL pid {postgres.ServerPid} started in {postgres.Folder}").ConfigureAwait(false);
            storage = ["--Storage:Provider=PostgreSql", "--Storage:MigrateOnStart=true"];
            environment = new Dictionary<string, string> { ["Storage__PostgreSql__ConnectionString"] = postgres.ConnectionString };
        }
        else
        {
            sqlitePath = Path.Combine(folder, "agentledger.db");
            storage = ["--Storage:Sqlite:Path=" + sqlitePath];
        }

        StubUpstream? upstream = null;
        List<string> gateway = [];
        if (options.Mix.Any(m => TrafficKinds.IsGateway(m.Kind)))
        {
            upstream = await StubUpstream.StartAsync(new StubUpstreamOptions { AgentLoop = true, OpenAiKey = OpenAiUpstreamKey, AnthropicKey = AnthropicUpstreamKey })
                .ConfigureAwait(false);
            gateway = ["--Gateway:Upstreams:openai:BaseUrl=" + upstream.OpenAiBaseUrl, "--Gateway:Upstreams:anthropic:BaseUrl=" + upstream.AnthropicBaseUrl];
            environment = new Dictionary<string, string>(environment ?? [])
            {
                ["Gateway__Upstreams__openai__ApiKey"] = OpenAiUpstreamKey,
                ["Gateway__Upstreams__anthropic__ApiKey"] = AnthropicUpstreamKey,
            };
            await log.WriteLineAsync($"Model-provider stub on {upstream.Address} (OpenAI Responses, Anthropic Messages)").ConfigureAwait(false);
        }

        string key;
        ServerProcess server;
        try
        {
            key = await ServerProcess.CreateKeyAsync(options.ServerDll, options.Workspace, "ingest,admin", storage, environment, cancellationToken).ConfigureAwait(false);
            // Sealing and exports off: the run measures ingest alone.
            server = await ServerProcess.StartAsync(options.ServerDll, Path.Combine(folder, "server.log"),
                [.. storage, .. gateway, "--Compliance:Logs:SealingEnabled=false", "--Compliance:Exports:RunnerEnabled=false", .. options.ServerArgs],
                environment, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (upstream is not null)
            {
                await upstream.DisposeAsync().ConfigureAwait(false);
            }

            if (postgres is not null)
            {
                await postgres.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        await log.WriteLineAsync($"Server pid {server.ProcessId} listening on {server.BaseAddress} ({options.StartServer}); data in {folder}").ConfigureAwait(false);
        return new LoadTarget
        {
            BaseAddress = server.BaseAddress,
            Key = key,
            ServerPid = server.ProcessId,
            SqlitePath = sqlitePath,
            Engine = options.StartServer == "postgres" ? "PostgreSQL" : "SQLite",
            _server = server,
            _postgres = postgres,
            _upstream = upstream,
            _folder = folder,
            _keep = options.KeepData,
        };
    }

    /// <summary>Sets the workspace's GitHub webhook secret and reviewer bot (needs an admin-scoped key).</summary>
    public async Task ConfigureGitHubAsync(HttpClient http, string workspaceId, string secret, string botLogin, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workspaces/{workspaceId}/integrations/github/")
        {
            Content = JsonContent.Create(new { webhook_secret = secret, reviewer_logins = new[] { botLogin } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Setting up the GitHub integration failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    /// <summary>Stops the started server (the database stays for the baseline).</summary>
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync().ConfigureAwait(false);
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync().ConfigureAwait(false);
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }

        if (_folder is not null && !_keep)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
