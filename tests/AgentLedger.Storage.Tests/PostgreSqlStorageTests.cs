namespace AgentLedger.Storage.Tests;

/// <summary>The storage contract on a real PostgreSQL server, plus what only a multi-instance engine has to show.</summary>
public sealed partial class PostgreSqlStorageTests(PostgreSqlServer server) : StorageContractTests
{
    protected override async Task<ITestStorage> CreateStorageAsync(TimeProvider time) => await CreatePostgreSqlAsync(time);

    private async Task<PostgreSqlTestStorage> CreatePostgreSqlAsync(TimeProvider time)
    {
        server.Require();
        return await PostgreSqlTestStorage.CreateAsync(server, time, Ct);
    }
}
