using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace AgentLedger.Testing;

/// <summary>
/// A real, throwaway PostgreSQL server for the test run: <c>initdb</c> into a temporary folder and <c>pg_ctl start</c>
/// on a free loopback port, stopped and deleted at the end. As root (CI, containers) it runs as the <c>postgres</c>
/// user, since initdb refuses root. Without PostgreSQL binaries the tests that need it skip locally and fail in CI.
/// A test assembly that needs it declares <c>[assembly: AssemblyFixture(typeof(PostgreSqlServer))]</c>.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private string? _dataDirectory;
    private string? _binDirectory;
    private bool _asPostgresUser;
    private string _serverOptions = "";

    /// <summary>Why no server is available; null when one is running.</summary>
    public string? Unavailable { get; private set; }

    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _binDirectory = FindBinaries();
        if (_binDirectory is null)
        {
            Unavailable = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install it with `apt-get install -y postgresql`.";
            return;
        }

        _asPostgresUser = Environment.UserName == "root";
        _dataDirectory = Directory.CreateTempSubdirectory("agentledger-pg-").FullName;
        if (_asPostgresUser)
        {
            await RunAsync("chown", ["postgres:postgres", _dataDirectory], asPostgres: false).ConfigureAwait(false);
        }

        var cluster = Path.Combine(_dataDirectory, "cluster");
        var port = FreePort();
        await RunAsync(Path.Combine(_binDirectory, "initdb"),
            ["-D", cluster, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], _asPostgresUser).ConfigureAwait(false);
        // Durability settings are off because the cluster is thrown away; the semantics under test do not depend on them.
        _serverOptions = $"-p {port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                            + "-c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB";
        await StartAsync().ConfigureAwait(false);
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false,
        }.ConnectionString;
    }

    /// <summary>Starts the cluster (again) on its port; for fault tests that stop it under a running server.</summary>
    public Task StartAsync() =>
        RunAsync(Path.Combine(_binDirectory!, "pg_ctl"),
            ["-D", Path.Combine(_dataDirectory!, "cluster"), "-l", Path.Combine(_dataDirectory!, "server.log"), "-o", _serverOptions, "-w", "-t", "60", "start"],
            _asPostgresUser);

    /// <summary>
    /// Stops the cluster the way an operator's restart does (<c>pg_ctl stop -m fast</c>): open sessions are terminated,
    /// their transactions rolled back, new connections refused. Only for a server of the test's own, never the shared one.
    /// </summary>
    public Task StopAsync() =>
        RunAsync(Path.Combine(_binDirectory!, "pg_ctl"), ["-D", Path.Combine(_dataDirectory!, "cluster"), "-m", "fast", "-w", "-t", "60", "stop"], _asPostgresUser);

    /// <summary>Skips the calling test (locally) or fails it (when CI=true) if no server is available.</summary>
    public void Require()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true requires PostgreSQL for the storage contract tests: " + Unavailable);
        }

        Assert.Skip(Unavailable);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        Require();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null || _binDirectory is null)
        {
            return;
        }

        var cluster = Path.Combine(_dataDirectory, "cluster");
        if (File.Exists(Path.Combine(cluster, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", cluster, "-m", "immediate", "-w", "stop"], _asPostgresUser);
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
        // With -l the server writes to its log file, not to these pipes, so they close when pg_ctl exits.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
