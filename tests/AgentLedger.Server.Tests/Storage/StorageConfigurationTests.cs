using AgentLedger.Server.Hosting;
using AgentLedger.Server.Storage;
using AgentLedger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Tests.Storage;

public sealed class StorageConfigurationTests(PostgreSqlServer postgres)
{
    [Fact]
    public void Build_UnknownProvider_FailsNamingTheKeyAndTheChoices()
    {
        var error = Assert.Throws<OptionsValidationException>(() => AgentLedgerApp.Build(["--Storage:Provider=Oracle"]));

        Assert.Contains("Storage:Provider is 'Oracle'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite, PostgreSql", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Storage:PostgreSql:ConnectionString is required")]
    [InlineData("Host=db;Nonsense=1", "Storage:PostgreSql:ConnectionString is not a valid connection string")]
    public async Task StartAsync_PostgreSqlWithoutAUsableConnectionString_FailsNamingTheKey(string connectionString, string expected)
    {
        await using var app = AgentLedgerApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Provider=PostgreSql", $"--Storage:PostgreSql:ConnectionString={connectionString}"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PostgreSqlWithPendingMigrationsAndNoFlag_RefusesToStartAndMigrateFixesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        try
        {
            string[] args = ["--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Provider=PostgreSql", $"--Storage:PostgreSql:ConnectionString={connectionString}"];
            await using (var unmigrated = AgentLedgerApp.Build(args))
            {
                var error = await Assert.ThrowsAsync<InvalidOperationException>(() => unmigrated.StartAsync(ct));
                var versions = AgentLedger.Storage.PostgreSql.PostgreSqlMigrator.Available().Select(m => m.Version).ToList();
                Assert.Contains("needs migrations " + string.Join(", ", versions), error.Message, StringComparison.Ordinal);
                Assert.Contains("agentledger migrate", error.Message, StringComparison.Ordinal);
                Assert.Equal(versions.Count, await unmigrated.Services.GetRequiredService<IStorageMigrator>().MigrateAsync(ct));
            }

            await using var migrated = AgentLedgerApp.Build(args);
            await migrated.StartAsync(ct);
            Assert.Empty(await migrated.Services.GetRequiredService<IStorageMigrator>().PendingAsync(ct));
            await migrated.StopAsync(ct);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }
}
