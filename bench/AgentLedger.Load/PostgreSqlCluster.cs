using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AgentLedger.Load;

/// <summary>
/// A throwaway PostgreSQL cluster for a load run, started the way the storage tests start theirs (initdb into a
/// temporary folder, pg_ctl on a free loopback port, as the postgres user when running as root) but with durable
/// settings left at PostgreSQL's defaults (fsync, synchronous_commit and full_page_writes on): an ingest
/// acknowledgement must mean the same as in production.
/// </summary>
internal sealed class PostgreSqlCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgres;

    private PostgreSqlCluster(string folder, string bin, bool asPostgres, string connectionString, int serverPid)
    {
        _folder = folder;
        _bin = bin;
        _asPostgres = asPostgres;
        ConnectionString = connectionString;
        ServerPid = serverPid;
    }

    public string ConnectionString { get; }

    /// <summary>The cluster's folder (data, socket and postgres.log); deleted on dispose.</summary>
    public string Folder => _folder;

    /// <summary>The postmaster's pid (its backends are children; <see cref="CpuSecondsOfAll"/> sums them all).</summary>
    public int ServerPid { get; }

    /// <summary>Starts a cluster in a new temporary folder of its own (owned by postgres when running as root).</summary>
    public static async Task<PostgreSqlCluster> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-load-pg-").FullName;
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install it with `apt-get install -y postgresql`.");
        }

        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", folder], false, cancellationToken).ConfigureAwait(false);
        }

        var cluster = Path.Combine(folder, "cluster");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", cluster, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"], asPostgres, cancellationToken)
            .ConfigureAwait(false);
        var serverOptions = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", cluster, "-l", Path.Combine(folder, "postgres.log"), "-o", serverOptions, "-w", "-t", "60", "start"],
            asPostgres, cancellationToken).ConfigureAwait(false);
        var admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand("CREATE DATABASE agentledger", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(cluster, "postmaster.pid"), cancellationToken).ConfigureAwait(false))[0],
            System.Globalization.CultureInfo.InvariantCulture);
        admin.Database = "agentledger";
        admin.Pooling = true;
        return new PostgreSqlCluster(folder, bin, asPostgres, admin.ConnectionString, pid);
    }

    /// <summary>CPU seconds of the postmaster and all its current children (the backends doing the work).</summary>
    public double CpuSecondsOfAll()
    {
        var total = 0.0;
        foreach (var pid in ProcessTree(ServerPid))
        {
            try
            {
                total += Bench.ProcStat.CpuSeconds(pid);
            }
            catch (IOException)
            {
                // a backend that ended between listing and reading
            }
        }

        return total;
    }

    /// <summary>Resident memory of the postmaster and its children, in KiB (shared buffers are counted once per process that touched them).</summary>
    public long RssKiBOfAll() => ProcessTree(ServerPid).Sum(pid =>
    {
        try
        {
            return Bench.ProcStat.StatusKiB(pid, "VmRSS");
        }
        catch (IOException)
        {
            return 0;
        }
    });

    public async ValueTask DisposeAsync()
    {
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "cluster"), "-m", "fast", "-w", "stop"], _asPostgres, CancellationToken.None)
            .ConfigureAwait(false);
        Directory.Delete(_folder, recursive: true);
    }

    private static IEnumerable<int> ProcessTree(int root)
    {
        yield return root;
        var children = $"/proc/{root}/task/{root}/children";
        if (!File.Exists(children))
        {
            yield break;
        }

        foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
    }
}
